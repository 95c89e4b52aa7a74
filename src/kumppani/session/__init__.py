"""What a round table is.

The session model, its vocabulary, process templates and the format version.
"""
