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
