"""The portal's languages: French (the guide's, the source text) and English (a catalogue of translations).

The design is gettext's: the French text stays where it is written (templates, ``messages.py``, field
labels) and is the message id; another locale is one catalogue, ``translations/<locale>/LC_MESSAGES/
messages.po``, read at start-up with Babel's PO reader, so there is no compile step and no ``.mo`` file
to keep in step. French needs no catalogue: every string is shown as written, so the French pages are
unchanged by construction.

The locale belongs to the running portal (``LOCALE``, ``--locale``), not to the visitor: a portal serves
one language, as a translated vendor portal under certification would.

- Templates: ``{{ _("texte") }}`` for their own words (Jinja's i18n extension, new-style: placeholders
  as ``%(name)s`` are escaped), and ``{{ value | t }}`` for a French string that comes from Python (a
  field label, a status, a message): ``t`` returns plain text, so autoescaping still applies.
- Python: ``gettext`` (``_`` in ``messages.py``) before formatting, so placeholders are filled in the
  translated sentence.
- Stored values (choices, statuses) stay in the guide's French; only their display is translated, so
  data, the control API and the two locales agree.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from flask import Flask, current_app, has_app_context

TRANSLATIONS = Path(__file__).parent / "translations"
SOURCE_LOCALE = "fr"
_EXTENSION = "inspira_i18n"


def available_locales() -> tuple[str, ...]:
    """The source locale, then every locale that has a catalogue."""
    found = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    return (SOURCE_LOCALE, *(locale for locale in found if locale != SOURCE_LOCALE))


def catalogue_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def load_catalogue(locale: str) -> dict[str, str]:
    """French text → its translation in ``locale`` (empty for French). Untranslated entries are left out."""
    if locale == SOURCE_LOCALE:
        return {}
    with catalogue_path(locale).open("rb") as po:
        catalog = read_po(po, locale=locale)
    return {_key(m.context, m.id): m.string for m in catalog if m.id and isinstance(m.id, str) and m.string}


def _key(context: str | None, text: str) -> str:
    """gettext's own key: a message with a context (one French word, two meanings) is ``context\\x04text``."""
    return f"{context}\x04{text}" if context else text


def gettext(text: str) -> str:
    """``text`` in the running portal's language (as written outside an application context)."""
    if not has_app_context() or not isinstance(text, str):
        return text
    return current_app.extensions[_EXTENSION].get(text, text)


def pgettext(context: str, text: str) -> str:
    """``text`` where the same French word has another meaning elsewhere (« Nom »: a search's, a person's)."""
    if not has_app_context():
        return text
    return current_app.extensions[_EXTENSION].get(_key(context, text), text)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count <= 1 else plural)  # French: 0 and 1 are singular


def init_app(app: Flask) -> None:
    locale = app.config["LOCALE"]
    locales = available_locales()
    if locale not in locales:
        raise ValueError(f"unsupported locale {locale!r}: available locales are {', '.join(locales)}")
    app.extensions[_EXTENSION] = load_catalogue(locale)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=True, pgettext=pgettext
    )
    app.jinja_env.filters["t"] = gettext
    app.jinja_env.globals["locale"] = locale


def reword(app: Flask, wording: dict[str, str]) -> None:
    """A portal that words some French messages its own way (the alternative portal): each French text of
    ``wording`` is shown as its value, wherever it is shown. French only: a translated portal keeps its
    catalogue."""
    if app.config["LOCALE"] == SOURCE_LOCALE:
        app.extensions[_EXTENSION].update(wording)
