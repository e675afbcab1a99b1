from harness.labels import accessible_names, describe_missing, nearest_names

SNAPSHOT = """- heading "Ma candidature" [level=1]
- navigation "Étapes de la candidature":
  - link "Formation":
    - /url: /candidatures/1/etape/3
- text: Nom de l'établissement
- textbox "Nom de l'établissement"
- combobox "Diplôme":
  - option "Master" [selected]
- button "Sauvegarder"
- button "Enregistrer et fermer"
- button "Suivant"
- paragraph: Étape 3 sur 8
"""


def test_names_are_read_from_the_aria_snapshot_in_page_order():
    names = accessible_names(SNAPSHOT)
    assert names[:3] == [
        ("heading", "Ma candidature"),
        ("navigation", "Étapes de la candidature"),
        ("link", "Formation"),
    ]
    assert ("button", "Sauvegarder") in names and ("paragraph", "Étape 3 sur 8") in names
    assert not any(role == "url" for role, _ in names)


def test_a_missing_button_names_the_nearest_buttons_first():
    names = accessible_names(SNAPSHOT)
    assert nearest_names("Enregistrer", names, "button")[:2] == ["Enregistrer et fermer", "Sauvegarder"]
    message = describe_missing("Enregistrer", "button", "http://portal/candidatures/1/etape/3", names)
    assert message.startswith("« Enregistrer » (button) not found on http://portal/candidatures/1/etape/3; nearest: ")
    assert "« Enregistrer et fermer »" in message


def test_nothing_similar_is_said_plainly():
    assert describe_missing("Postuler", "button", "u", []).endswith("nearest: nothing similar")


# -- labels with placeholders --------------------------------------------------------------------------------
import pytest  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from harness.browser import find_browser  # noqa: E402
from harness.labels import control_name, placeholder_problem, shown_name  # noqa: E402


def test_a_label_without_placeholders_or_with_every_value_known_is_exact_text():
    assert control_name("Modifier", {}) == "Modifier"
    assert control_name("Modifier le dossier n° {n}", {"n": 12}) == "Modifier le dossier n° 12"
    assert control_name("Voir {{brouillon}} {title}", {"title": "T"}) == "Voir {brouillon} T"


def test_the_rest_of_a_pattern_is_matched_as_written():
    pattern = control_name("Dossier [n° {n}] *{title}*?", {})
    assert pattern.fullmatch("Dossier [n° 3] *Juriste*?")
    assert not pattern.fullmatch("Dossier n° 3 Juriste") and not pattern.fullmatch("Dossier [n° 3] *Juriste*? ")
    # A known title counts as text, whatever characters it holds.
    titled = control_name("Consulter {title} n° {n}", {"title": "Juriste (P-3) a.b|c"})
    assert titled.fullmatch("Consulter Juriste (P-3) a.b|c n° 4")
    assert not titled.fullmatch("Consulter Juriste (P-3) aXb|c n° 4")
    assert shown_name(titled).startswith("^Consulter Juriste")


def test_placeholders_are_checked_against_what_the_key_takes():
    assert placeholder_problem("Modifier {n}", ("n", "title")) is None
    assert "{x} is not one of {n}" in placeholder_problem("Modifier {x}", ("n",))
    assert "{} is not one of" in placeholder_problem("Modifier {}", ("n",))
    assert "braces do not pair" in placeholder_problem("Modifier }", ("n",))
    assert "may not" in placeholder_problem("Modifier {n}", ())


@pytest.fixture(scope="module")
def plain_page():
    choice = find_browser()  # it asks Playwright itself, so before this fixture's own session
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**choice.launch_args())
        yield browser.new_page()
        browser.close()


def test_the_browser_finds_a_per_row_control_by_its_pattern_and_only_that_one(plain_page):
    """Playwright hands the pattern to the page: its escapes must mean the same to the browser's regex."""
    page = plain_page
    page.set_content(
        "<table><tr><td>Juriste (P-3) #1</td><td><a href='#a'>Modifier le dossier n° 12 — Juriste (P-3) #1</a>"
        "</td></tr>"
        "<tr><td>Autre</td><td><a href='#b'>Modifier le dossier n° 12 — Juriste (P-3) #10</a></td></tr>"
        "<tr><td>Vide</td><td><a href='#c'>Modifier le dossier n° 12 — Juriste [P-3] #1</a></td></tr></table>"
    )
    general = control_name("Modifier le dossier n° {n} — {title}", {})
    assert page.get_by_role("link", name=general, exact=True).count() == 3
    one = control_name("Modifier le dossier n° {n} — {title}", {"title": "Juriste (P-3) #1"})
    assert page.get_by_role("link", name=one, exact=True).count() == 1
    assert page.get_by_role("link", name=one, exact=True).get_attribute("href") == "#a"


def test_a_control_worded_quite_otherwise_is_among_the_roles_other_names():
    names = [("button", "Valider"), ("button", "Entrer"), ("link", "Aide"), ("heading", "Bienvenue")]
    message = describe_missing("Connexion", "button", "u", names)
    assert message.endswith("; other buttons here: « Valider », « Entrer »"), message
    many = [("link", f"Lien {n}") for n in range(9)]
    assert "other links" not in describe_missing("Connexion", "link", "u", many)  # too many to read: not listed
