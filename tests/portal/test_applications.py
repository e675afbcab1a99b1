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


def test_options_page_reuse_disabled_without_previous(client, candidate, control):
    client.post("/candidatures/nouvelle", data={"origin": "Presse"})
    html = client.get("/candidatures/nouvelle/options").get_data(as_text=True)
    assert re.search(r'id="choice-reuse"[^>]* disabled', html)
    assert "Cette option n'est pas disponible" in html and "Modèle de candidature précédente" not in html
    assert "Mettre en ligne à partir d&#39;un fichier" in html
    assert client.post("/candidatures/nouvelle/options", data={"choice": "reuse"}).status_code == 422
    assert control.applications(candidate["id"]) == []


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
    response = client.post(base + "/etape/3", data={"institution": "Université de Paris", "action": "save"})
    assert response.headers["Location"] == base + "/etape/3"
    html = client.get(base + "/etape/3").get_data(as_text=True)
    assert "<dialog open" in html and messages.DRAFT_SAVED in html and '<form method="dialog">' in html
    assert 'value="Université de Paris"' in html
    assert "<dialog" not in client.get(base + "/etape/3").get_data(as_text=True)  # shown once
    nxt = client.post(base + "/etape/7/questions", data={"action": "next"})
    assert nxt.headers["Location"] == base + "/etape/7/profil"
    assert client.post(base + "/etape/7/profil", data={"action": "next"}).headers["Location"] == base + "/etape/8"


def test_malformed_values_refused_valid_ones_kept(client, candidate, control):
    base = start(client)
    response = client.post(
        base + "/etape/3",
        data={"institution": "Université de Paris", "degree": "Master", "graduation_year": "12", "action": "next"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and "Année d'obtention" in text(response) and 'value="12"' in html
    stored = control.applications(candidate["id"])[0]["sections"]["education"][0]
    assert stored["institution"] == "Université de Paris" and stored["graduation_year"] is None
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


def stored(control, candidate, title: str, institution: str, **extra) -> dict:
    """A previous application stored through the control API, linked to a new opening named ``title``."""
    opening = control.opening(title=title)
    body = {"opening_id": opening["id"], "sections": {"education": {"institution": institution}}, **extra}
    return control.call("POST", f"/candidates/{candidate['id']}/applications", body, expect=201)


def test_reuse_defaults_to_last_created_and_lookup_picks_another(client, control, candidate):
    older = stored(control, candidate, "Juriste adjoint", "Université de Dakar")
    stored(control, candidate, "Traducteur", "Université de Genève")
    client.post("/candidatures/nouvelle", data={"origin": "Presse"})
    options = client.get("/candidatures/nouvelle/options")
    table = text(options).split("Modèle de candidature précédente", 1)[1].split("Créer une nouvelle")[0]
    assert "Traducteur" in table and "Juriste adjoint" not in table
    html = options.get_data(as_text=True)
    assert 'aria-label="Choisir une autre candidature"' in html and "🔍" in html
    lookup = client.get("/candidatures/nouvelle/modeles")
    assert "Juriste adjoint" in text(lookup) and "Traducteur" in text(lookup)
    picked = client.get(f"/candidatures/nouvelle/options?modele={older['id']}")
    table = text(picked).split("Modèle de candidature précédente", 1)[1].split("Créer une nouvelle")[0]
    assert "Juriste adjoint" in table and "Traducteur" not in table
    created = client.post("/candidatures/nouvelle/options", data={"choice": "reuse", "template": older["id"]})
    assert created.status_code == 302
    new_draft = control.applications(candidate["id"])[-1]
    assert new_draft["opening_id"] is None and new_draft["status"] == "Brouillon"
    assert new_draft["sections"]["education"][0]["institution"] == "Université de Dakar"


def test_reuse_of_someone_elses_application_is_404(client, control, candidate):
    start(client)
    other = control.candidate()
    theirs = control.call("POST", f"/candidates/{other['id']}/applications", {}, expect=201)
    client.post("/candidatures/nouvelle", data={"origin": "Presse"})
    assert client.get(f"/candidatures/nouvelle/options?modele={theirs['id']}").status_code == 404
    refused = client.post("/candidatures/nouvelle/options", data={"choice": "reuse", "template": theirs["id"]})
    assert refused.status_code == 404
    assert len(control.applications(candidate["id"])) == 1


def test_lookup_needs_the_question_first(client, candidate):
    assert client.get("/candidatures/nouvelle/modeles").headers["Location"] == "/candidatures/nouvelle"
    assert client.get("/candidatures/nouvelle/fichier").headers["Location"] == "/candidatures/nouvelle"


def test_every_page_of_a_project_says_its_step(client, candidate):
    body = text(client.get("/candidatures/nouvelle"))
    assert "Étape 1 sur 8" in body
    client.post("/candidatures/nouvelle", data={"origin": "Presse"})
    assert "Étape 1 sur 8" in text(client.get("/candidatures/nouvelle/options"))
    base = start(client)
    expected = {"/etape/2": 2, "/etape/3": 3, "/etape/4": 4, "/etape/5": 5, "/etape/6": 6, "/etape/7/lettre": 7,
                "/etape/7/references": 7, "/etape/7/questions": 7, "/etape/7/profil": 7, "/etape/8": 8}
    for path, number in expected.items():
        assert f"Étape {number} sur 8" in text(client.get(base + path)), path


def test_next_walks_the_six_sections_in_order(client, candidate):
    base = start(client)
    order = ["/etape/2", "/etape/3", "/etape/4", "/etape/5", "/etape/6", "/etape/7/lettre", "/etape/7/references",
             "/etape/7/questions", "/etape/7/profil", "/etape/8"]
    for here, there in zip(order, order[1:], strict=False):
        assert client.post(base + here, data={"action": "next"}).headers["Location"] == base + there


def test_list_shows_submission_date_only_for_submitted(client, control, candidate):
    submitted = stored(control, candidate, "Traducteur", "Université de Genève", status="Postulé")
    start(client)
    page = client.get("/candidatures")
    rows = re.findall(r"<tr>(.*?)</tr>", page.get_data(as_text=True), flags=re.S)
    cells = {
        re.sub(r"<[^>]+>", "", row.split("</td>")[0]).strip(): re.findall(r"<td>(.*?)</td>", row, flags=re.S)
        for row in rows if "<td>" in row
    }
    applied = next(c for name, c in cells.items() if "Traducteur" in name)
    draft = next(c for name, c in cells.items() if "Aucun appel" in name)
    day = submitted["submitted_at"][:10]
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", applied[2].strip()) and applied[3].strip() == "Postulé"
    assert applied[2].strip()[-4:] == day[:4]
    assert draft[2].strip() == "" and draft[3].strip() == "Brouillon"
    assert "Modifier" not in applied[4] and "Modifier" in draft[4]
    assert applied[4].count("Voir/Imprimer PHP") == 1 and draft[4].count("Voir/Imprimer PHP") == 1


def test_submitted_application_cannot_change(client, control, candidate):
    submitted = stored(control, candidate, "Traducteur", "Université de Genève", status="Postulé")
    base = f"/candidatures/{submitted['id']}"
    page = client.get(base + "/etape/3").get_data(as_text=True)
    assert ">Enregistrer</button>" not in page and " disabled" in page
    assert client.post(base + "/etape/3", data={"institution": "Autre", "action": "save"}).status_code == 409
    review = client.get(base + "/etape/8").get_data(as_text=True)
    assert 'aria-label="Modifier' not in review
    assert control.applications(candidate["id"])[0]["sections"]["education"][0]["institution"] == "Université de Genève"


def test_control_api_refuses_bad_section_values(client, control, candidate):
    path = f"/candidates/{candidate['id']}/applications"
    bad = control.call("POST", path, {"sections": {"education": {"graduation_year": "12"}}}, expect=400)
    assert "Année d'obtention" in bad["error"]
    control.call("POST", path, {"sections": {"nowhere": {}}}, expect=400)
    control.call("POST", path, {"status": "Postulé"}, expect=400)
    assert control.applications(candidate["id"]) == []
