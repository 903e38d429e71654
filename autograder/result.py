"""CheckResult: what a check found, rendered as HTML in a notebook and text in a terminal.

Every rendering of a result goes through here: ``_repr_html_`` in a notebook,
``__str__`` in a terminal, and :func:`status_html` / :meth:`CheckResult.body_html`
in the batch grader's feedback page, so a status has one colour, one icon and
one word wherever a student reads it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from autograder.i18n import text


def points_text(earned: float, total: float, lang: str | None) -> str:
    """'2 de 3 pontos', '0,5 de 1 ponto': the total decides the noun's number."""
    return text("points.one" if total == 1 else "points", lang, earned=float(earned),
                total=float(total))


class Status(StrEnum):
    """How one check came out."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    """The check itself broke: not the student's failure."""


@dataclass(frozen=True)
class Look:
    """How a status shows: colour in HTML, icon in HTML, mark in a terminal."""

    colour: str
    """CSS colour of the heading and the status word."""
    icon: str
    """Before the heading in a notebook: ✔ ✘ ⚠."""
    mark: str
    """Before the heading in a terminal: [ok] [..] [!!]."""


LOOKS: dict[Status, Look] = {
    Status.PASSED: Look("#1b7f3b", "✔", "[ok]"),
    Status.FAILED: Look("#b26a00", "✘", "[..]"),
    Status.ERROR: Look("#8a1c1c", "⚠", "[!!]"),
}
"""The one colour map of results: notebook, terminal and feedback page."""


def status_text(status: Status, lang: str | None) -> str:
    """The status as the student reads it: 'correto', 'ainda não', 'erro do corretor'."""
    return text(f"status.{status}", lang)


def status_html(status: Status, lang: str | None) -> str:
    """The status word in its colour, for a page (the feedback page's result column)."""
    return (f"<span style='color:{LOOKS[status].colour}'>"
            f"{html.escape(status_text(status, lang))}</span>")


@dataclass(frozen=True)
class Part:
    """One graded part of an exercise."""

    ok: bool
    """Whether this part holds on the cluster."""
    message: str
    """What was seen, in the student's language."""
    weight: float = 1.0
    """Share of the check's points this part carries, relative to the other parts."""
    waiting: bool = True
    """A failed part the cluster may still converge to (tasks starting, a node
    being noticed down). When every failed part is not waiting, the check
    fails at once instead of using its whole window."""
    hint: str = ""
    """For a failed part, what to do about the mistake the check recognised
    (e.g. joined with the manager token): shown under the part, at once."""

    def html(self) -> str:
        """The part as a list item: its mark, its message, the mistake's hint if it failed."""
        mistake = (f"<div class='orquestra-mistake' style='color:#8a4b00'>→ "
                   f"{html.escape(self.hint)}</div>" if self.hint and not self.ok else "")
        return (f"<li style='color:{'#1b7f3b' if self.ok else '#444'}'>"
                f"{'✔' if self.ok else '○'} {html.escape(self.message)}{mistake}</li>")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one cluster."""

    check_id: str
    """e.g. '04.2'."""
    title: str
    """The exercise's title, in ``lang``."""
    status: Status
    """Passed, failed, or the check broke (error)."""
    points: float
    """Points earned (partial credit from the parts that hold)."""
    max_points: float
    """The check's points."""
    message: str
    """What was seen, one line per part."""
    hints: list[str] = field(default_factory=list)
    """Hints unlocked so far (shown after failed tries)."""
    parts: list[Part] = field(default_factory=list)
    """The graded parts, in order (empty when the check could not look: no swarm...)."""
    seconds: float = 0.0
    """How long the check waited for the cluster to converge."""
    lang: str = "pt-BR"
    """Language of the texts, used when rendering too."""

    @property
    def passed(self) -> bool:
        """Whether the check passed."""
        return self.status is Status.PASSED

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data; :meth:`from_dict` gives the same result back."""
        return {
            "check_id": self.check_id, "title": str(self.title), "status": str(self.status),
            "points": self.points, "max_points": self.max_points, "message": str(self.message),
            "hints": [str(h) for h in self.hints],
            "parts": [{"ok": p.ok, "message": str(p.message), "weight": p.weight,
                       "waiting": p.waiting, "hint": str(p.hint)} for p in self.parts],
            "seconds": self.seconds, "lang": self.lang,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        """The result :meth:`to_dict` wrote; raises KeyError, TypeError or ValueError
        on anything else."""
        fields = dict(data)
        fields["status"] = Status(fields["status"])
        fields["parts"] = [Part(**part) for part in fields.get("parts", [])]
        fields["hints"] = list(fields.get("hints", []))
        return cls(**fields)

    def __str__(self) -> str:
        lang = self.lang
        lines = [f"{LOOKS[self.status].mark} {self.check_id} {self.title}: "
                 f"{status_text(self.status, lang)}, "
                 f"{points_text(self.points, self.max_points, lang)}"]
        if self.parts:
            for part in self.parts:
                lines.append(f"     {'+' if part.ok else '-'} {part.message}")
                if part.hint and not part.ok:
                    lines.append(f"       -> {part.hint}")
        else:
            lines += [f"     {line}" for line in self.message.splitlines()]
        lines += [f"     {text('hint', lang, n=i + 1)}: {h}" for i, h in enumerate(self.hints)]
        return "\n".join(lines)

    def body_html(self) -> str:
        """What was seen and the hints unlocked, without the heading: the body of the
        notebook's box and the message column of the feedback page."""
        parts = "".join(p.html() for p in self.parts) or "".join(
            f"<li>{html.escape(line)}</li>" for line in self.message.splitlines())
        hints = "".join(
            f"<div style='margin-top:4px'>"
            f"<b>{html.escape(text('hint', self.lang, n=i + 1))}:</b> "
            f"{html.escape(h)}</div>" for i, h in enumerate(self.hints))
        return f"<ul style='margin:4px 0 0 0'>{parts}</ul>{hints}"

    def _repr_html_(self) -> str:
        look = LOOKS[self.status]
        points = points_text(self.points, self.max_points, self.lang)
        return (
            f"<div class='orquestra-check' data-check='{html.escape(self.check_id)}' "
            f"data-status='{self.status}' style='border-left:6px solid {look.colour};"
            f"padding:6px 10px;margin:4px 0;background:#fafafa'>"
            f"<div style='color:{look.colour};font-weight:bold'>{look.icon} "
            f"{html.escape(self.check_id)} {html.escape(self.title)} · "
            f"{html.escape(status_text(self.status, self.lang))} · {html.escape(points)}</div>"
            f"{self.body_html()}</div>"
        )


@dataclass(frozen=True)
class Summary:
    """All results of one lesson."""

    lesson: str
    """Two digits: '04'."""
    results: list[CheckResult]
    """One per visible check, in the lesson's order."""

    @property
    def points(self) -> float:
        """Points earned over the lesson."""
        return sum(r.points for r in self.results)

    @property
    def max_points(self) -> float:
        """The most these checks can earn."""
        return sum(r.max_points for r in self.results)

    @property
    def lang(self) -> str | None:
        """Language of the results (None when there are none)."""
        return self.results[0].lang if self.results else None

    def __str__(self) -> str:
        head = (f"{text('summary.title', self.lang, lesson=self.lesson)}: "
                f"{points_text(self.points, self.max_points, self.lang)}")
        return "\n".join([head, *(str(r) for r in self.results)])

    def _repr_html_(self) -> str:
        lang = self.lang
        head = (f"<h4>{html.escape(text('summary.title', lang, lesson=self.lesson))}: "
                f"{html.escape(points_text(self.points, self.max_points, lang))}"
                "</h4>")
        body = head + "".join(r._repr_html_() for r in self.results)
        return (f"<div class='orquestra-summary' data-lesson='{html.escape(self.lesson)}'>"
                f"{body}</div>")
