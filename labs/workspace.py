"""The student's own copy of the lessons, where ``make lab`` opens JupyterLab.

The git clone's ``lessons/`` belongs to the course: ``git pull`` updates it.
The student works in a workspace folder (``workspace/`` at the top of the
clone, git-ignored; ``LAB_WORKSPACE`` chooses another) that
:func:`prepare` fills from ``lessons/``, keeping the ``pt-BR/`` and ``en/``
folders (the lab finds the learner's language from the notebook's folder):

- a lesson the student does not have yet is copied in (new lessons arrive
  with ``git pull`` and appear on the next ``make lab``);
- a file the student has is never overwritten;
- ``index.md``, where JupyterLab opens, is the course's generated index
  (``lessons/index.ipynb``, ``python -m labs lessons --write``) as a Markdown
  page: not student work, so it is refreshed. JupyterLab shows it rendered and
  needs no kernel for it (a notebook index would start a kernel that rewrites
  its metadata, so closing it would ask to save a file nobody edited);
- JupyterLab's settings for the lab start in pt-BR (``.jupyterlab/``, hidden
  in the file browser); once the student changes them they are kept.

:func:`fresh` fetches a clean copy of one lesson and keeps the student's copy
under a backup name. Messages speak pt-BR or English (``lang``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from labs import language, lessons
from labs.errors import LabError
from labs.i18n import Catalogue

ENV = "LAB_WORKSPACE"
DEFAULT = lessons.ROOT / "workspace"
INDEX = "index.md"
COURSE_INDEX = "index.ipynb"
SETTINGS = ".jupyterlab/settings"
"""JupyterLab's user settings folder for the lab (``--LabApp.user_settings_dir``)."""
# JupyterLab reads the interface language from the *user* settings when it
# translates the menus (an overrides.json default only reaches part of the
# interface), so the lab's first settings are written there, once.
FIRST_SETTINGS = {
    "@jupyterlab/translation-extension/plugin.jupyterlab-settings": {"locale": "pt_BR"},
    # closing a notebook's tab shuts its kernel down: no idle kernel per tab
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"kernelShutdown": True},
    # Markdown files (the index) open rendered, with their links live
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "defaultViewers": {"markdown": "Markdown Preview"}},
    # no English pop-up asking to fetch Jupyter's news feed
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}
GIVEN = ".jupyterlab/given.json"
"""What the course gave: relative path -> sha256 of the copy, to tell the student's
work from a lesson the course updated since."""
BACKUP = re.compile(r"\.backup-\d{8}-\d{6}(-\d+)?$")

TEXTS = Catalogue(__name__, {
    "inside": {
        "pt-BR": "o espaço de trabalho {path} se mistura com {lessons}, que pertence ao curso (o "
                 "git atualiza essa pasta). Escolha outra pasta: LAB_WORKSPACE=meu-trabalho",
        "en": "the workspace {path} overlaps {lessons}, which belongs to the course (git updates "
              "it). Choose another folder: LAB_WORKSPACE=my-work",
    },
    "not_folder": {
        "pt-BR": "{path} existe e não é uma pasta. Escolha outra: LAB_WORKSPACE=meu-trabalho",
        "en": "{path} exists and is not a folder. Choose another: LAB_WORKSPACE=my-work",
    },
    "bad_number": {
        "pt-BR": "{number!r} não é o número de uma aula: use dois dígitos, como 03 (aulas "
                 "disponíveis: {numbers})",
        "en": "{number!r} is not a lesson number: use two digits, like 03 (lessons available: "
              "{numbers})",
    },
    "no_lesson": {
        "pt-BR": "não existe a aula {number} (aulas disponíveis: {numbers})",
        "en": "there is no lesson {number} (lessons available: {numbers})",
    },
    "bad_lang": {
        "pt-BR": "idioma {chosen!r} desconhecido: use {langs}",
        "en": "unknown language {chosen!r}: use {langs}",
    },
    "where": {"pt-BR": "seu espaço de trabalho: {path}", "en": "your workspace: {path}"},
    "none_yet": {
        "pt-BR": "ainda não foi criado: `make lab` (ou `python -m labs workspace prepare`) cria "
                 "a pasta",
        "en": "not created yet: `make lab` (or `python -m labs workspace prepare`) creates it",
    },
    "added": {"pt-BR": "copiada do curso: {file}", "en": "copied from the course: {file}"},
    "index": {"pt-BR": "índice atualizado: {file}", "en": "index refreshed: {file}"},
    "prepared": {
        "pt-BR": "{count} arquivo(s) copiado(s); nenhum arquivo seu foi alterado",
        "en": "{count} file(s) copied; none of your files was changed",
    },
    "unchanged": {"pt-BR": "como veio do curso", "en": "as the course gave it"},
    "updated": {
        "pt-BR": "você não mexeu; o curso tem uma versão nova (fresh NN)",
        "en": "untouched; the course has a newer version (fresh NN)",
    },
    "changed": {"pt-BR": "com o seu trabalho", "en": "with your work"},
    "missing": {
        "pt-BR": "falta (o próximo `make lab` copia)",
        "en": "missing (the next `make lab` copies it)",
    },
    "backup": {"pt-BR": "cópia de segurança", "en": "backup"},
    "fresh": {"pt-BR": "cópia nova do curso: {file}", "en": "fresh copy from the course: {file}"},
    "kept": {"pt-BR": "o seu trabalho continua em: {file}", "en": "your work is still in: {file}"},
    "already": {
        "pt-BR": "já está igual à do curso: {file}",
        "en": "already the same as the course's: {file}",
    },
    "fresh_hint": {
        "pt-BR": "para recomeçar uma aula: python -m labs workspace fresh NN",
        "en": "to start a lesson over: python -m labs workspace fresh NN",
    },
    "which": {
        "pt-BR": "diga qual aula: python -m labs workspace fresh 03",
        "en": "say which lesson: python -m labs workspace fresh 03",
    },
    "footer": {
        "pt-BR": "Esta pasta é sua: o `git pull` do curso nunca mexe nela. Para recomeçar uma "
                 "aula do zero (a sua cópia fica guardada): `python -m labs workspace fresh NN`.",
        "en": "This folder is yours: the course's `git pull` never touches it. To start a lesson "
              "over (your copy is kept): `python -m labs workspace fresh NN`.",
    },
})


class WorkspaceError(LabError, ValueError):
    """A workspace folder or lesson number is not acceptable."""


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare` did."""

    root: Path
    """The workspace folder."""
    added: list[Path] = field(default_factory=list)
    """Files copied in from the course (they were missing)."""
    index_refreshed: bool = False
    """The generated index was rewritten (it had changed or was missing)."""


@dataclass(frozen=True)
class Entry:
    """One lesson file of the workspace, as :func:`status` sees it."""

    path: Path
    """Where it is (or would be) in the workspace."""
    state: str
    """'unchanged' (the course's current version), 'updated' (as the course gave it,
    untouched, but the course has a newer version), 'changed' (the student's work),
    'missing' or 'backup' (kept by :func:`fresh`)."""


def location(path: str | os.PathLike[str] | None = None, *, source: Path = lessons.LESSONS,
             lang: str | None = None) -> Path:
    """The workspace folder: ``path``, else ``$LAB_WORKSPACE``, else ``workspace/`` in the clone.

    A relative path is taken from the current folder. Raises :class:`WorkspaceError`
    when it would be the course's own ``lessons/`` (or inside it) or is a file.
    """
    chosen = path or os.environ.get(ENV) or DEFAULT
    root = Path(chosen).expanduser().resolve()
    course = source.resolve()
    if root == course or course in root.parents or root in course.parents:
        raise WorkspaceError(TEXTS.text("inside", lang, path=root, lessons=course))
    if root.exists() and not root.is_dir():
        raise WorkspaceError(TEXTS.text("not_folder", lang, path=root))
    return root


def course_files(source: Path = lessons.LESSONS) -> list[Path]:
    """The course's files a workspace copies, relative to ``source``: every visible
    file of the language folders."""
    found = []
    for lang in language.LANGUAGES:
        for path in sorted((source / lang).rglob("*")):
            relative = path.relative_to(source)
            if path.is_file() and not any(p.startswith(".") for p in relative.parts):
                found.append(relative)
    return found


def index_page(source: Path = lessons.LESSONS) -> str:
    """The workspace's ``index.md``: the Markdown of the course's generated index."""
    notebook = json.loads((source / COURSE_INDEX).read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) if isinstance(c["source"], list) else str(c["source"])
             for c in notebook["cells"] if c["cell_type"] == "markdown"]
    return "\n\n".join(cells).rstrip("\n") + "\n\n" + TEXTS.text("footer", "pt-BR") + \
        "\n\n" + TEXTS.text("footer", "en") + "\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _given(root: Path) -> dict[str, str]:
    path = root / GIVEN
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _copy(source: Path, target: Path, root: Path, given: dict[str, str]) -> None:
    """Copy a course file into the workspace and remember what was given."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    given[target.relative_to(root).as_posix()] = _digest(target)


def _save_given(root: Path, given: dict[str, str]) -> None:
    path = root / GIVEN
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(given, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def prepare(root: Path, *, source: Path = lessons.LESSONS) -> Prepared:
    """Create the workspace if needed and copy in every course file it lacks.

    Never overwrites a file that exists, except the generated index; writes
    JupyterLab's first settings (pt-BR, one kernel per open notebook) only
    where none exist yet.
    """
    root.mkdir(parents=True, exist_ok=True)
    given = _given(root)
    added: list[Path] = []
    refreshed = False
    index = root / INDEX
    page = index_page(source)
    if not index.exists() or index.read_text(encoding="utf-8") != page:
        index.write_text(page, encoding="utf-8")
        refreshed = True
    for relative in course_files(source):
        target = root / relative
        if target.exists():
            continue
        _copy(source / relative, target, root, given)
        added.append(target)
    if added:
        _save_given(root, given)
    for name, settings in FIRST_SETTINGS.items():
        target = root / SETTINGS / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return Prepared(root, added, refreshed)


def status(root: Path, *, source: Path = lessons.LESSONS) -> list[Entry]:
    """Every lesson file of the course in the workspace, and the backups beside them."""
    given = _given(root)
    entries = []
    for relative in course_files(source):
        target = root / relative
        if not target.exists():
            state = "missing"
        elif (digest := _digest(target)) == _digest(source / relative):
            state = "unchanged"
        elif given.get(relative.as_posix()) == digest:
            state = "updated"
        else:
            state = "changed"
        entries.append(Entry(target, state))
    for lang in language.LANGUAGES:
        for path in sorted((root / lang).glob("*.ipynb")):
            if BACKUP.search(path.stem):
                entries.append(Entry(path, "backup"))
    return entries


def _lesson_number(number: str, source: Path, lang: str | None) -> str:
    numbers = sorted({lesson.number for lesson in lessons.find(source)})
    shown = ", ".join(numbers)
    cleaned = number.strip()
    if not cleaned.isdigit() or len(cleaned) > 2:
        raise WorkspaceError(TEXTS.text("bad_number", lang, number=number, numbers=shown))
    cleaned = cleaned.zfill(2)
    if cleaned not in numbers:
        raise WorkspaceError(TEXTS.text("no_lesson", lang, number=cleaned, numbers=shown))
    return cleaned


def _backup_name(path: Path, when: datetime) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    count = 1
    while candidate.exists():
        count += 1
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{count}{path.suffix}")
    return candidate


@dataclass(frozen=True)
class Refreshed:
    """One lesson file :func:`fresh` dealt with."""

    path: Path
    """The fresh copy, in the workspace."""
    backup: Path | None
    """Where the student's previous copy was moved (None: there was nothing to keep)."""
    copied: bool
    """False when the workspace's copy was already the course's."""


def fresh(number: str, root: Path, *, langs: tuple[str, ...] = language.LANGUAGES,
          source: Path = lessons.LESSONS, now: datetime | None = None,
          lang: str | None = None) -> list[Refreshed]:
    """A clean copy of lesson ``number`` in the workspace, in each of ``langs``.

    A copy with the student's work is renamed ``NN-slug.backup-YYYYMMDD-HHMMSS.ipynb``
    beside it first; a copy equal to the course's is left as it is. Raises
    :class:`WorkspaceError` for a number that is not a lesson or an unknown language.
    """
    for chosen in langs:
        if chosen not in language.LANGUAGES:
            raise WorkspaceError(TEXTS.text("bad_lang", lang, chosen=chosen,
                                            langs=", ".join(language.LANGUAGES)))
    wanted = _lesson_number(number, source, lang)
    when = now or datetime.now()
    given = _given(root)
    done = []
    for lesson in lessons.find(source):
        if lesson.number != wanted or lesson.lang not in langs:
            continue
        target = root / lesson.path.relative_to(source)
        backup = None
        if target.exists():
            if _digest(target) == _digest(lesson.path):
                done.append(Refreshed(target, None, copied=False))
                continue
            backup = _backup_name(target, when)
            target.rename(backup)
        _copy(lesson.path, target, root, given)
        done.append(Refreshed(target, backup, copied=True))
    _save_given(root, given)
    return done


def describe_prepared(result: Prepared, *, lang: str | None = None) -> list[str]:
    """Lines for the terminal about what :func:`prepare` did."""
    lines = [TEXTS.text("where", lang, path=result.root)]
    lines += [TEXTS.text("added", lang, file=p.relative_to(result.root)) for p in result.added]
    if result.index_refreshed:
        lines.append(TEXTS.text("index", lang, file=INDEX))
    lines.append(TEXTS.text("prepared", lang, count=len(result.added)))
    return lines


def describe_status(root: Path, entries: list[Entry] | None, *,
                    lang: str | None = None) -> list[str]:
    """Lines for the terminal: where the workspace is and what is in it."""
    lines = [TEXTS.text("where", lang, path=root)]
    if entries is None:
        return [*lines, TEXTS.text("none_yet", lang)]
    width = max((len(str(e.path.relative_to(root))) for e in entries), default=0)
    lines += [f"  {e.path.relative_to(root)!s:<{width}}  {TEXTS.text(e.state, lang)}"
              for e in entries]
    return [*lines, TEXTS.text("fresh_hint", lang)]


def describe_fresh(done: list[Refreshed], root: Path, *, lang: str | None = None) -> list[str]:
    """Lines for the terminal about what :func:`fresh` did."""
    lines = []
    for item in done:
        where = item.path.relative_to(root)
        if not item.copied:
            lines.append(TEXTS.text("already", lang, file=where))
            continue
        lines.append(TEXTS.text("fresh", lang, file=where))
        if item.backup is not None:
            lines.append("  " + TEXTS.text("kept", lang, file=item.backup))
    return lines
