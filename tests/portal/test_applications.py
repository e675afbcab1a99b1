import re

from reference_portal import messages

from .support import text

SECTION_DATA = {
    "/etape/3": {"institution": "Université de Dakar", "degree": "Master", "field_of_study": "Droit",
                 "graduation_year": "2012"},
    "/etape/4": {"job_title": "Juriste", "employer": "Cabinet X", "start_month": "09/2015", "end_month": "",
                 "duties": "Conseil juridique", "achievements": ""},
    "/etape/5": {"language": "Français", "level": "Langue maternelle"},
    "/etape/6": {"skills": "Rédaction", "trainings": ""},
    "/etape/7/lettre": {"letter": "Madame, Monsieur, …"},
    "/etape/7/references": {"reference_name": "Awa Ndiaye", "reference_email": "awa@exemple.org",
                            "reference_relationship": "Ancienne responsable"},
    "/etape/7/questions": {"worked_for_un": "Non", "any_duty_station": "Oui"},
}


def start(client, opening: dict | None = None, choice: str = "new", **extra) -> str:
    """Creates a draft through step 1; returns its base URL (/candidatures/<id>)."""
    data = {"origin": "Presse"}
    if opening:
        data["emploi"] = opening["id"]
    assert client.post("/candidatures/nouvelle", data=data).status_code == 302
    response = client.post("/candidatures/nouvelle/options", data={"choice": choice, **extra})
    assert response.status_code == 302, text(response)
    return response.headers["Location"].rsplit("/etape", 1)[0]


def fill_everything(client, base: str) -> None:
    page = client.get(base + "/etape/2").get_data(as_text=True)
    answers = {name: "Oui" for name in re.findall(r'name="(question_\d+)"', page)}
    client.post(base + "/etape/2", data={**answers, "action": "save"})
    for path, data in SECTION_DATA.items():
        assert client.post(base + path, data={**data, "action": "save"}).status_code == 302


def test_step_one_question_page(client, candidate):
    page = client.get("/candidatures/nouvelle")
    body = text(page)
    assert "Créer une candidature" in body and "Étape 1 sur 8" in body
    assert "Comment avez-vous entendu parler de cette offre ?" in body
    refused = client.post("/candidatures/nouvelle", data={"origin": "Télépathie"})
    assert refused.status_code == 422 and 'role="alert"' in refused.get_data(as_text=True)


def test_options_page_reuse_disabled_without_previous(client, candidate):
    client.post("/candidatures/nouvelle", data={"origin": "Presse"})
    html = client.get("/candidatures/nouvelle/options").get_data(as_text=True)
    assert re.search(r'id="choice-reuse"[^>]* disabled', html)
    assert "Mettre en ligne" not in html
    assert client.post("/candidatures/nouvelle/options", data={"choice": "reuse"}).status_code == 422


def test_options_page_skipped_question_goes_back(client, candidate):
    assert client.get("/candidatures/nouvelle/options").headers["Location"] == "/candidatures/nouvelle"


def test_unlinked_draft_pages(client, candidate):
    base = start(client)
    page = client.get(base + "/etape/2")
    body = text(page)
    assert "Candidature à : Vous n'avez pas sélectionné d'emploi" in body
    assert "Aucune question de présélection" in body and "Étape 2 sur 8" in body
    html = page.get_data(as_text=True)
    assert 'aria-label="Étapes de la candidature"' in html
    for name in ("Questions de présélection", "Formation", "Expérience professionnelle", "Connaissances linguistiques",
                 "Compétences et formations", "Lettre de motivation", "Vérifier/soumettre"):
        assert f">{name}</a>" in html


def test_save_shows_dialog_and_next_moves_on(client, candidate):
    base = start(client)
    response = client.post(base + "/etape/3", data={"institution": "Sorbonne", "action": "save"})
    assert response.headers["Location"] == base + "/etape/3"
    html = client.get(base + "/etape/3").get_data(as_text=True)
    assert "<dialog open" in html and messages.DRAFT_SAVED in html and '<form method="dialog">' in html
    assert 'value="Sorbonne"' in html
    assert "<dialog" not in client.get(base + "/etape/3").get_data(as_text=True)  # shown once
    nxt = client.post(base + "/etape/7/questions", data={"action": "next"})
    assert nxt.headers["Location"] == base + "/etape/7/profil"
    assert client.post(base + "/etape/7/profil", data={"action": "next"}).headers["Location"] == base + "/etape/8"


def test_malformed_values_refused_valid_ones_kept(client, candidate, control):
    base = start(client)
    response = client.post(
        base + "/etape/3",
        data={"institution": "Sorbonne", "degree": "Master", "graduation_year": "12", "action": "next"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and "Année d'obtention" in text(response) and 'value="12"' in html
    stored = control.applications(candidate["id"])[0]["sections"]["education"][0]
    assert stored["institution"] == "Sorbonne" and stored["graduation_year"] is None
    assert client.post(base + "/etape/5", data={"language": "Klingon"}).status_code == 422
    assert client.post(base + "/etape/4", data={"start_month": "13/2020"}).status_code == 422


def test_sub_section_headings(client, candidate):
    base = start(client)
    html = client.get(base + "/etape/7/references").get_data(as_text=True)
    assert "<h2>Lettre de motivation</h2>" in html and "<h3>Références</h3>" in html and "Étape 7 sur 8" in html
    profile = text(client.get(base + "/etape/7/profil"))
    assert "100% Complet" in profile


def test_other_candidates_application_is_404(client, control, candidate):
    base = start(client)
    client.post("/deconnexion")
    intruder = control.candidate()
    client.post("/connexion", data={"user_code": intruder["user_code"], "password": intruder["password"]})
    assert client.get(base + "/etape/3").status_code == 404
    assert client.post(base + "/etape/3", data={"institution": "X"}).status_code == 404
    assert client.get(base + "/etape/8").status_code == 404


def test_postuler_links_and_one_application_per_opening(client, control, candidate):
    opening = control.opening(prescreening_questions=["Avez-vous cinq ans d'expérience ?"])
    first = client.post(f"/emplois/{opening['id']}/postuler")
    assert first.headers["Location"] == f"/candidatures/nouvelle?emploi={opening['id']}"
    base = start(client, opening)
    page = client.get(base + "/etape/2")
    assert "Avez-vous cinq ans d'expérience ?" in text(page) and opening["number"] in text(page)
    again = client.post(f"/emplois/{opening['id']}/postuler")
    assert again.headers["Location"] == base + "/etape/2"
    # Going through step 1 again for the same opening leads to the same application.
    assert client.get(f"/candidatures/nouvelle?emploi={opening['id']}").headers["Location"] == base + "/etape/2"
    assert len(control.applications(candidate["id"])) == 1


def test_reuse_copies_previous_content(client, control, candidate):
    first = start(client)
    fill_everything(client, first)
    client.post("/candidatures/nouvelle", data={"origin": "Autre"})
    html = client.get("/candidatures/nouvelle/options").get_data(as_text=True)
    assert "Modèle de candidature précédente" in html and "Choisir une autre candidature" in html
    second = start(client, choice="reuse")
    assert second != first
    stored = control.applications(candidate["id"])
    assert stored[1]["sections"]["education"] == stored[0]["sections"]["education"]
    assert stored[1]["sections"]["cover_letter"][0]["letter"] == "Madame, Monsieur, …"


def test_list_shows_drafts(client, candidate):
    start(client)
    page = client.get("/candidatures")
    html = page.get_data(as_text=True)
    assert "<h1>Carrières</h1>" in html and "<caption>Mes candidatures</caption>" in html
    body = text(page)
    assert "Aucun appel à candidature" in body and "Brouillon" in body and ">Modifier</a>" in html
    assert ">Créer un projet de candidature</button>" in html
