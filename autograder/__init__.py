"""Checks of exercises against live cluster state, inline in notebooks and in batch.

In a notebook::

    from autograder import check
    check("04.1")
"""

from autograder.i18n import set_language
from autograder.inline import check, summary
from autograder.result import CheckResult, Status, Summary

__all__ = ["CheckResult", "Status", "Summary", "check", "set_language", "summary"]
