"""Orchestration that spans screens and dialogs: locks, recovery, approval and follow-up."""
