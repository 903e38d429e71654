"""CheckResult: what a check found, rendered as HTML in a notebook and text in a terminal."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from autograder.i18n import text


def points_text(earned: float, total: float, lang: str | None) -> str:
    """'2 de 3 pontos', '0,5 de 1 ponto': the total decides the noun's number."""
    return text("points.one" if total == 1 else "points", lang, earned=float(earned),
                total=float(total))


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    """The check itself broke: not the student's failure."""


@dataclass(frozen=True)
class Part:
    """One graded part of an exercise."""

    ok: bool
    message: str
    weight: float = 1.0
    waiting: bool = True
    """A failed part the cluster may still converge to (tasks starting, a node
    being noticed down). When every failed part is not waiting, the check
    fails at once instead of using its whole window."""
    hint: str = ""
    """For a failed part, what to do about the mistake the check recognised
    (e.g. joined with the manager token): shown under the part, at once."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one cluster."""

    check_id: str
    """e.g. '04.2'."""
    title: str
    status: Status
    points: float
    """Points earned (partial credit from the parts that hold)."""
    max_points: float
    message: str
    """What was seen, one line per part."""
    hints: list[str] = field(default_factory=list)
    """Hints unlocked so far (shown after failed tries)."""
    parts: list[Part] = field(default_factory=list)
    seconds: float = 0.0
    """How long the check waited for the cluster to converge."""
    lang: str = "pt-BR"
    """Language of the texts, used when rendering too."""

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = str(self.status)
        return data

    def __str__(self) -> str:
        mark = {"passed": "[ok]", "failed": "[..]", "error": "[!!]"}[self.status]
        lang = self.lang
        lines = [f"{mark} {self.check_id} {self.title}: {text('status.' + self.status, lang)}, "
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

    def _repr_html_(self) -> str:
        colour = {"passed": "#1b7f3b", "failed": "#b26a00", "error": "#8a1c1c"}[self.status]
        points = points_text(self.points, self.max_points, self.lang)
        icon = {"passed": "✔", "failed": "✘", "error": "⚠"}[self.status]
        parts = "".join(
            f"<li style='color:{'#1b7f3b' if p.ok else '#444'}'>{'✔' if p.ok else '○'} "
            f"{html.escape(p.message)}"
            + (f"<div class='orquestra-mistake' style='color:#8a4b00'>→ {html.escape(p.hint)}"
               "</div>" if p.hint and not p.ok else "")
            + "</li>" for p in self.parts
        ) or "".join(f"<li>{html.escape(line)}</li>" for line in self.message.splitlines())
        hints = "".join(
            f"<div style='margin-top:4px'>"
            f"<b>{html.escape(text('hint', self.lang, n=i + 1))}:</b> "
            f"{html.escape(h)}</div>" for i, h in enumerate(self.hints))
        return (
            f"<div class='orquestra-check' data-check='{html.escape(self.check_id)}' "
            f"data-status='{self.status}' style='border-left:6px solid {colour};"
            f"padding:6px 10px;margin:4px 0;background:#fafafa'>"
            f"<div style='color:{colour};font-weight:bold'>{icon} {html.escape(self.check_id)} "
            f"{html.escape(self.title)} · {html.escape(text('status.' + self.status, self.lang))}"
            f" · {html.escape(points)}</div>"
            f"<ul style='margin:4px 0 0 0'>{parts}</ul>{hints}</div>"
        )


@dataclass(frozen=True)
class Summary:
    """All results of one lesson."""

    lesson: str
    results: list[CheckResult]

    @property
    def points(self) -> float:
        return sum(r.points for r in self.results)

    @property
    def max_points(self) -> float:
        return sum(r.max_points for r in self.results)

    @property
    def lang(self) -> str | None:
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
