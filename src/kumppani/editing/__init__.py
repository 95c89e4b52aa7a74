"""An open session: the editor with undo, approval and its journal.

Also follow-up sessions and the projector's view of a session file.
"""
