"""The command line: ``main`` parses the arguments; one module per family of commands."""
