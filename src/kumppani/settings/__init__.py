"""The user's settings: the config file and the folders kumppani uses."""
