"""Checks of exercises against live cluster state (see the autograder issue)."""
