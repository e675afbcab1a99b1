"""The portal's languages: the English catalogue is complete, English pages show no French, French is unchanged.

The French text is the message id (reference_portal/i18n.py). What must be translated is gathered from where
the portal's words live: the templates' ``_()`` calls (Babel's Jinja extractor), every ``_()`` call and
every constant of ``messages.py``, and the labels, placeholders and choices of every form field and the
names of every section and tab. The main pages are then rendered in English and none of those French
strings may appear in what a person reads.
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

import reference_portal
from reference_portal import i18n, messages
from reference_portal.applications import create, listing
from reference_portal.forms import Field
from reference_portal.rules import sections

from .support import Control, login, make_app, text

PORTAL = Path(reference_portal.__file__).parent
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w*\}")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _field_strings(field: Field) -> Iterator[str]:
    yield field.label
    yield field.empty_choice
    if field.placeholder:
        yield field.placeholder
    yield from _strings(field.choices or ())


def _portal_modules() -> Iterator[types.ModuleType]:
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(reference_portal.__path__, "reference_portal."):
        if info.name.endswith(("__main__", "wsgi", ".data.make_institutions")):
            continue
        yield importlib.import_module(info.name)


def french_strings() -> dict[str, str]:
    """Every French string the portal shows, with where it comes from."""
    found: dict[str, str] = {}
    method_map = [("**.html", "jinja2.ext:babel_extract")]
    for filename, _line, message, _comments, context in extract_from_dir(str(PORTAL / "templates"), method_map):
        for text_ in message if isinstance(message, tuple) else (message,):
            found.setdefault(f"{context}\x04{text_}" if context else text_, f"templates/{filename}")
    for path in sorted(PORTAL.rglob("*.py")):
        with path.open("rb") as source:
            for _line, message, _comments, _context in extract("python", source, keywords={"_": None}):
                found.setdefault(message, str(path.relative_to(PORTAL)))
    for name, value in vars(messages).items():
        if name.isupper() and name != "ATTACHMENT_TYPES":
            for text_ in _strings(value):
                found.setdefault(text_, f"messages.{name}")
    for module in _portal_modules():
        for name, value in vars(module).items():
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, Field):
                    for text_ in _field_strings(item):
                        found.setdefault(text_, f"{module.__name__}.{name}")
                elif dataclasses.is_dataclass(item) and not isinstance(item, type) and hasattr(item, "fields"):
                    # a profile tab or an application section: its names and its fields
                    for attr in ("name", "sub_name"):
                        if isinstance(getattr(item, attr, None), str):
                            found.setdefault(getattr(item, attr), f"{module.__name__}.{name}")
                    for field in item.fields:
                        for text_ in _field_strings(field):
                            found.setdefault(text_, f"{module.__name__}.{name}")
    from reference_portal import alerts
    from reference_portal.rules import lookups, search, statuses

    for text_ in (
        *statuses.ALL,
        *(label for label, _days in search.PERIODS.values()),
        *lookups.OPERATORS,
        *create.CHOICES.values(),
        create.CHOICE_LEGEND,
        create.LOOKUP_LABEL,
        alerts.ALERT_CHECKBOX,
        *listing.messages.APPLICATION_FILTERS.values(),
        sections.REVIEW,
    ):
        found.setdefault(text_, "page data")
    return found


def english() -> dict[str, str]:
    return i18n.load_catalogue("en")


def test_every_french_string_has_an_english_translation() -> None:
    catalogue = english()
    missing = {text_: where for text_, where in french_strings().items() if text_ not in catalogue}
    assert not missing, "no English for:\n" + "\n".join(f"  {where}: {text_!r}" for text_, where in missing.items())


def test_translations_keep_their_placeholders() -> None:
    with i18n.catalogue_path("en").open("rb") as po:
        catalog = read_po(po)
    wrong = [
        (m.id, m.string)
        for m in catalog
        if m.id and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert not wrong, wrong
    assert not [m.id for m in catalog if m.id and m.fuzzy], "fuzzy entries are not used: review them"


def test_an_unknown_locale_is_refused_naming_the_available_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unsupported locale 'de': available locales are fr, en$"):
        make_app(tmp_path, LOCALE="de")


# -- the pages -----------------------------------------------------------------------------------------
def _visit(client: FlaskClient, control: Control) -> dict[str, str]:
    """The main pages of a signed-in candidate's journey, each as a person reads it (text and names)."""
    pages: dict[str, str] = {}

    def read(name: str, url: str, method: str = "GET", **kwargs: object) -> str:
        response = client.open(url, method=method, **kwargs)
        assert response.status_code < 500, (name, response.status_code)
        html = response.get_data(as_text=True)
        names = " ".join(re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', html))
        pages[name] = f"{text(response)} {names}".replace("&#34;", '"')
        return html

    for url in ("/", "/connexion", "/inscription", "/code-utilisateur-oublie", "/mot-de-passe-oublie",
                "/contactez-nous", "/manuels"):
        read(url, url)
    read("login refused", "/connexion", "POST", data={"user_code": "nobody", "password": "wrong-password"})
    read("registration refused", "/inscription", "POST", data={"email": "not an address"})
    read("contact refused", "/contactez-nous", "POST", data={})
    candidate = control.candidate("empty")
    login(client, candidate)
    opening = control.opening(prescreening_questions=["Avez-vous au moins deux ans d'expérience ?"])
    read("dashboard", "/accueil")
    for tab in ("coordonnees", "situation-de-famille", "nationalite-et-residence"):
        read(f"profile {tab}", f"/profil/{tab}")
        read(f"profile {tab} refused", f"/profil/{tab}", "POST", data={})
    read("job search", "/emplois?mots_cles=&periode=tout")
    read("opening", f"/emplois/{opening['id']}")
    read("saved searches", "/emplois/recherches-enregistrees")
    read("save search", "/emplois/recherches-enregistrees/nouvelle?mots_cles=syst%C3%A8mes&periode=7")
    read("save search refused", "/emplois/recherches-enregistrees/nouvelle", "POST",
         data={"mots_cles": "x", "periode": "7", "alert": "yes"})
    read("applications", "/candidatures")
    read("applications (all)", "/candidatures?afficher=toutes")
    client.post(f"/emplois/{opening['id']}/postuler")
    read("step 1", f"/candidatures/nouvelle?emploi={opening['id']}")
    read("step 1 refused", "/candidatures/nouvelle", "POST", data={"emploi": opening["id"]})
    client.post("/candidatures/nouvelle", data={"emploi": opening["id"], "origin": messages.ORIGINS[0]})
    read("step 1 options", "/candidatures/nouvelle/options")
    read("step 1 options refused", "/candidatures/nouvelle/options", "POST", data={})
    read("step 1 upload", "/candidatures/nouvelle/fichier")
    response = client.post("/candidatures/nouvelle/options", data={"choice": "new"})
    application_url = response.headers["Location"].rsplit("/etape/", 1)[0]
    for number in range(2, 7):
        read(f"step {number}", f"{application_url}/etape/{number}")
    read("step 3 refused", f"{application_url}/etape/3", "POST",
         data={"action": "save", "graduation_year": "12", "institution": "nowhere"})
    for sub in ("lettre", "references", "questions", "profil"):
        read(f"step 7 {sub}", f"{application_url}/etape/7/{sub}")
    read("institution look-up", f"{application_url}/recherche/institution?q=Paris")
    read("institution look-up, advanced", f"{application_url}/recherche/institution?avance=1&op=contient&q=zzz")
    read("review", f"{application_url}/etape/8")
    read("conditions", f"{application_url}/conditions")
    read("conditions refused", f"{application_url}/conditions", "POST", data={})
    return pages


@pytest.fixture(scope="module")
def english_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    client = make_app(tmp_path_factory.mktemp("english"), LOCALE="en").test_client()
    return _visit(client, Control(client))


def _french_fragments(catalogue: dict[str, str]) -> dict[str, str]:
    """What would betray French on a page: each French string (its longest literal part when it has
    placeholders) unless English uses the same words (« Description », « Canada »)."""
    english_text = "\n".join(catalogue.values())
    fragments: dict[str, str] = {}
    for french in {*french_strings(), *catalogue}:
        if "\x04" in french or catalogue.get(french) == french:
            continue
        parts = [p.strip(" :;,.()«»–-") for p in PLACEHOLDER.split(french)]
        fragment = max(parts, key=len)
        if len(fragment) >= 3 and fragment not in english_text:
            fragments[fragment] = french
    return fragments


def test_english_pages_show_no_french(english_pages: dict[str, str]) -> None:
    fragments = _french_fragments(english())
    leaks = {
        name: sorted(f for f in fragments if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", page))
        for name, page in english_pages.items()
    }
    leaks = {name: found for name, found in leaks.items() if found}
    assert not leaks, "French on English pages:\n" + "\n".join(f"  {n}: {f}" for n, f in leaks.items())


def test_english_pages_speak_english(english_pages: dict[str, str]) -> None:
    """The check above cannot pass on pages that were never translated: English words are there."""
    assert "Sign In" in english_pages["/connexion"]
    assert "My Applications" in english_pages["dashboard"]
    assert "Review/Submit" in english_pages["review"]
    assert "This application cannot be submitted:" in english_pages["conditions"]
    assert re.search(r"\d+% Complete", english_pages["profile coordonnees"])
    assert "Applied" in english_pages["/manuels"] and "Postulé" not in english_pages["/manuels"]


def test_french_pages_are_unchanged(tmp_path: Path) -> None:
    """French is the source: the French portal shows every string as written, and nothing in English."""
    client = make_app(tmp_path).test_client()
    pages = _visit(client, Control(client))
    assert "Connexion" in pages["/connexion"] and "Inscription immédiate" in pages["/connexion"]
    assert "Vérifier/soumettre" in pages["review"]
    assert "Cette candidature ne peut pas être soumise :" in pages["conditions"]
    assert re.search(r"\d+% Complet\b", pages["profile coordonnees"])
    catalogue = english()
    english_only = {
        e for f, e in catalogue.items() if e != f and len(e) > 12 and e not in "\n".join(catalogue)
    }
    leaks = {name: [e for e in english_only if e in page] for name, page in pages.items()}
    assert not {name: found for name, found in leaks.items() if found}
