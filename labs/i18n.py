"""Every text a learner reads, in pt-BR and English: one mechanism for the whole project.

A :class:`Catalogue` holds message templates by id, both languages side by
side (``{id: {"pt-BR": ..., "en": ...}}``, the shape the lessons' ``MESSAGES``
already have). Creating one registers it, so one test (``tests/test_texts.py``)
holds every catalogue of ``labs`` and ``autograder`` to the same rules: both
languages, no empty text, the same placeholders in both.

>>> TEXTS = Catalogue("labs.example", {"done": {"pt-BR": "pronto em {s:.1f} s",
...                                              "en": "ready in {s:.1f} s"}})
>>> TEXTS.text("done", "pt-BR", s=4.3)
'pronto em 4,3 s'

Floats passed to :meth:`Catalogue.text` become :class:`labs.language.LocalNumber`,
so a pt-BR text gets a decimal comma without knowing it.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import Any

from labs.language import LANGUAGES, LocalNumber, resolve

Table = Mapping[str, Mapping[str, str]]
"""Message templates by id, then by language: ``{id: {"pt-BR": ..., "en": ...}}``."""

_REGISTRY: dict[str, Catalogue] = {}


class Catalogue:
    """One table of user-facing texts (a module's, a lesson's), in every language.

    ``name`` is unique (usually the owning module's ``__name__``); ``group``
    gathers catalogues looked up together (group "autograder": the grader's own
    texts and every lesson's, which :func:`autograder.i18n.text` searches).
    ``register=False`` makes a view over catalogues already registered.
    """

    def __init__(self, name: str, texts: Table, *, group: str = "labs",
                 register: bool = True) -> None:
        self.name = name
        self.group = group
        self.texts: dict[str, dict[str, str]] = {key: dict(entry) for key, entry in texts.items()}
        if register:  # a reloaded module replaces its own catalogue
            _REGISTRY[name] = self

    def __repr__(self) -> str:
        return f"Catalogue({self.name!r}, {len(self.texts)} texts)"

    def __contains__(self, key: object) -> bool:
        return key in self.texts

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def template(self, key: str, lang: str | None = None) -> str:
        """The unformatted text ``key`` in ``lang`` (default: the learner's language).

        Raises :class:`KeyError` for an unknown id and :class:`ValueError` for a
        language the course does not speak.
        """
        lang = checked(lang)
        try:
            return self.texts[key][lang]
        except KeyError:
            raise KeyError(f"{self.name} has no text {key!r} in {lang}") from None

    def text(self, key: str, /, lang: str | None = None, **values: Any) -> str:
        """The text ``key`` in ``lang`` (default: the learner's language) with ``values``
        filled in; floats among them get the language's decimal mark. (So no
        placeholder may be called ``lang``.)"""
        lang = checked(lang)
        return Template(self.template(key, lang), lang).format(**values)

    def table(self, lang: str | None = None) -> dict[str, str]:
        """Every text in ``lang`` by id, for code that shows many of them: each is a
        :class:`Template`, whose ``format()`` gives floats the language's decimal mark."""
        lang = checked(lang)
        found: dict[str, str] = {key: Template(entry[lang], lang)
                                 for key, entry in self.texts.items()}
        return found

    def get(self, key: str, lang: str | None = None, default: str = "") -> str:
        """:meth:`text` without values, or ``default`` when there is no text ``key``."""
        return self.text(key, lang) if key in self.texts else default

    def problems(self) -> list[str]:
        """What breaks the rules (empty: all good): every id in every language, no
        empty text, the same ``{placeholders}`` in every language."""
        found = []
        for key, entry in self.texts.items():
            where = f"{self.name}[{key!r}]"
            if set(entry) != set(LANGUAGES):
                found.append(f"{where}: languages {sorted(entry)}, expected {list(LANGUAGES)}")
                continue
            if any(not text.strip() for text in entry.values()):
                found.append(f"{where}: an empty text")
            fields = {lang: placeholders(text) for lang, text in entry.items()}
            if len({frozenset(f) for f in fields.values()}) > 1:
                found.append(f"{where}: placeholders differ: {fields}")
        return found


class Template(str):
    """A text of one language whose :meth:`format` writes floats with that language's
    decimal mark (:class:`labs.language.LocalNumber`); otherwise a plain ``str``."""

    language: str

    def __new__(cls, text: str, language: str) -> Template:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return str(self), self.language  # so copy, deepcopy and pickle can remake it

    def format(self, *args: Any, **kwargs: Any) -> str:
        local = [LocalNumber(a, self.language) if isinstance(a, float) else a for a in args]
        named = {k: LocalNumber(v, self.language) if isinstance(v, float) else v
                 for k, v in kwargs.items()}
        return str.format(self, *local, **named)


def checked(lang: str | None) -> str:
    """``lang``, or the learner's language when None; :class:`ValueError` saying which
    languages exist when the course does not speak ``lang``."""
    lang = resolve(lang)
    if lang not in LANGUAGES:
        choices = ", ".join(repr(code) for code in LANGUAGES)
        raise ValueError(f"lang={lang!r} is not supported; pass one of {choices}")
    return lang


def placeholders(template: str) -> set[str]:
    """The names of the ``{fields}`` of ``template``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def catalogues(group: str | None = None) -> list[Catalogue]:
    """Every catalogue created so far (in ``group`` when given), in creation order."""
    return [c for c in _REGISTRY.values() if group is None or c.group == group]
