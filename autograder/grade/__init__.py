"""Batch grading: execute each submission on a fresh cluster, check, report."""
