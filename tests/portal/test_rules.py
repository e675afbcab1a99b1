"""The guide's rules around submission (section 4 and FAQ i, ii, iii, iv, viii, ix), checked over HTTP."""

from datetime import datetime, timedelta

import pytest

from reference_portal import messages

from .support import text
from .test_applications import fill_everything, start
from .test_submit import ready, submit_button_disabled


def submitted(client, control, **opening_fields) -> tuple[dict, str]:
    opening, base = ready(client, control, **opening_fields)
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 303
    return opening, base


def application_id(base: str) -> int:
    return int(base.rsplit("/", 1)[1])


# --- the deadline: 23:59 New York time on the closing date -------------------------------------------
@pytest.mark.parametrize(
    ("closing_date", "stored"),
    [("2031-07-15", "2031-07-16T03:59:00Z"), ("2031-01-15", "2031-01-16T04:59:00Z")],  # summer / winter time
)
def test_closing_date_means_2359_new_york(control, closing_date, stored):
    assert control.opening(deadline=closing_date)["deadline"] == stored


def test_default_deadline_is_2359_new_york(client, control, candidate):
    opening = control.opening()
    moment = datetime.fromisoformat(opening["deadline"].replace("Z", "+00:00"))
    from reference_portal.clock import NEW_YORK

    local = moment.astimezone(NEW_YORK)
    assert (local.hour, local.minute) == (23, 59)
    page = text(client.get(f"/emplois/{opening['id']}"))
    assert f"Date limite de candidature : {local:%d/%m/%Y} à 23:59 (heure de New York)" in page


def _to_just_around(control, opening: dict, seconds: int) -> None:
    """Moves the portal's clock to ``seconds`` around the opening's deadline (negative: before)."""
    deadline = datetime.fromisoformat(opening["deadline"].replace("Z", "+00:00"))
    now = datetime.fromisoformat(control.call("GET", "/clock")["now"].replace("Z", "+00:00"))
    control.advance((deadline - now).total_seconds() + seconds)


def test_postuler_a_minute_before_and_after_the_deadline(client, control):
    tomorrow = (control.now() + timedelta(days=1)).date().isoformat()
    before, after = control.opening(deadline=tomorrow), control.opening(deadline=tomorrow)
    person = control.candidate("complete")
    _to_just_around(control, before, -60)
    from .support import login

    login(client, person)
    assert client.post(f"/emplois/{before['id']}/postuler").status_code == 302
    base = start(client, before)
    fill_everything(client, base)
    assert not submit_button_disabled(client, base)
    control.advance(120)  # now a minute after the deadline
    refused = client.post(f"/emplois/{after['id']}/postuler")
    assert refused.status_code == 409 and messages.OPENING_REFUSALS["deadline"] in text(refused)
    assert client.get(f"/candidatures/nouvelle?emploi={after['id']}").status_code == 409
    assert "Postuler</button>" not in client.get(f"/emplois/{after['id']}").get_data(as_text=True)
    assert submit_button_disabled(client, base)
    assert messages.OPENING_REFUSALS["deadline"] in text(client.get(base + "/etape/8"))
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409
    stored = control.applications(person["id"])
    assert [(a["opening_id"], a["status"]) for a in stored] == [(before["id"], "Brouillon")]


# --- section 4.ix: the review page ----------------------------------------------------------------------
def test_review_offers_a_pencil_per_section_and_shows_the_change(client, control, candidate):
    _, base = ready(client, control)
    html = client.get(base + "/etape/8").get_data(as_text=True)
    for name in ("Questions de présélection", "Formation", "Expérience professionnelle", "Connaissances linguistiques",
                 "Compétences et formations", "Lettre de motivation et pièces-jointes", "Références",
                 "Dernières questions", "Vérifier Mon profil"):
        assert f'aria-label="Modifier {name}"' in html, name
    assert f'href="{base}/etape/7/lettre" aria-label="Modifier Lettre de motivation et pièces-jointes"' in html
    client.post(base + "/etape/7/lettre", data={"letter": "Une lettre revue et corrigée.", "action": "save"})
    assert "Une lettre revue et corrigée." in text(client.get(base + "/etape/8"))


# --- FAQ i: « Soumettre candidature » ----------------------------------------------------------------------
def test_submit_button_only_at_step_eight(client, control, candidate):
    _, base = ready(client, control)
    for path in ("/etape/2", "/etape/3", "/etape/4", "/etape/5", "/etape/6", "/etape/7/lettre",
                 "/etape/7/references", "/etape/7/questions", "/etape/7/profil"):
        assert "Soumettre candidature" not in text(client.get(base + path)), path
    assert "Soumettre candidature" in text(client.get(base + "/etape/8"))


def test_unlinked_draft_points_to_the_job_search(client, control, candidate):
    base = start(client)
    fill_everything(client, base)
    review = client.get(base + "/etape/8")
    assert "Candidature à : Vous n'avez pas sélectionné d'emploi" in text(review)
    assert submit_button_disabled(client, base) and messages.NOT_LINKED_BLOCKER in text(review)
    html = review.get_data(as_text=True)
    assert 'action="/candidatures" class="actions">\n  <button type="submit" class="secondary">Quitter' in html
    # « Quitter » leads to « Mes candidatures », which links to the job search.
    assert 'href="/emplois">Recherche d\'emploi</a>' in client.get("/candidatures").get_data(as_text=True)


def test_linked_application_shows_no_quitter(client, control, candidate):
    _, base = ready(client, control)
    html = client.get(base + "/etape/8").get_data(as_text=True)
    assert ">Quitter</button>" not in html and "Vous n'avez pas sélectionné d'emploi" not in html


# --- FAQ ii: pre-screening questions ----------------------------------------------------------------------
def test_prescreening_empty_for_a_draft_filled_for_postuler(client, control, candidate):
    draft = start(client)
    page = text(client.get(draft + "/etape/2"))
    assert "Aucune question de présélection" in page and "liée à un appel à candidature" in page
    opening = control.opening(prescreening_questions=["Avez-vous un master en droit ?"])
    linked = start(client, opening)
    page = text(client.get(linked + "/etape/2"))
    assert "Avez-vous un master en droit ?" in page and "Aucune question de présélection" not in page


# --- FAQ iii: roster-only openings ----------------------------------------------------------------------------
def test_roster_opening_open_only_to_candidates_on_that_roster(client, control, candidate):
    opening = control.opening(opening_type="roster", level="P-3", job_family="Political Affairs")
    page = text(client.get(f"/emplois/{opening['id']}"))
    assert "Recrutement sur la base d'un fichier de candidats présélectionnés" in page
    assert messages.NOT_ON_ROSTER in page
    for roster in (None, ("P-4", "Political Affairs"), ("P-3", "Information Technology")):
        if roster:
            control.call("POST", "/rosters", {"candidate_id": candidate["id"], "level": roster[0],
                                              "job_family": roster[1]}, expect=201)
        refused = client.post(f"/emplois/{opening['id']}/postuler")
        assert refused.status_code == 409 and messages.NOT_ON_ROSTER in text(refused), roster
        assert client.get(f"/candidatures/nouvelle?emploi={opening['id']}").status_code == 409
    assert control.applications(candidate["id"]) == []
    body = {"candidate_id": candidate["id"], "level": "P-3", "job_family": "Political Affairs"}
    assert control.call("POST", "/rosters", body, expect=201) == body
    assert control.call("POST", "/rosters", body, expect=200) == body  # already there: nothing changes
    assert client.post(f"/emplois/{opening['id']}/postuler").status_code == 302
    assert "Postuler</button>" in client.get(f"/emplois/{opening['id']}").get_data(as_text=True)


def test_roster_rule_checked_again_at_submission(client, control, candidate):
    opening, base = ready(client, control, level="P-2")
    control.update_opening(opening["id"], opening_type="roster")
    assert submit_button_disabled(client, base) and messages.NOT_ON_ROSTER in text(client.get(base + "/etape/8"))
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409
    control.call("POST", "/rosters", {"candidate_id": candidate["id"], "level": "P-2",
                                      "job_family": opening["job_family"]}, expect=201)
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 303


def test_roster_endpoint_checks_its_input(control):
    assert control.call("POST", "/rosters", {"candidate_id": 999, "level": "P-3", "job_family": "X"}, expect=404)
    assert control.call("POST", "/rosters", {"candidate_id": "1", "level": "P-3", "job_family": "X"}, expect=400)
    person = control.candidate()
    assert control.call("POST", "/rosters", {"candidate_id": person["id"], "level": "P-3"}, expect=400)


# --- FAQ iv: « Mes candidatures » ---------------------------------------------------------------------------------
def test_list_shows_numbers_and_filters(client, control, candidate):
    kept, kept_base = submitted(client, control, title="Juriste")
    gone, gone_base = submitted(client, control, title="Traducteur")
    client.post(gone_base + "/retrait")
    start(client)
    default = text(client.get("/candidatures"))
    assert kept["number"] in default and " Brouillon " in default and gone["number"] not in default
    html = client.get("/candidatures").get_data(as_text=True)
    assert '<option value="en-cours" selected>En cours</option>' in html and ">Actualiser</button>" in html
    assert '<label for="afficher">Afficher mes candidatures</label>' in html
    everything = text(client.get("/candidatures?afficher=toutes"))
    assert kept["number"] in everything and gone["number"] in everything and "Retirée" in everything
    assert "<td>Brouillon</td>" not in client.get("/candidatures?afficher=soumises").get_data(as_text=True)
    drafts = client.get("/candidatures?afficher=brouillons").get_data(as_text=True)
    assert "<td>Brouillon</td>" in drafts and kept["number"] not in drafts
    assert gone["number"] in text(client.get("/candidatures?afficher=retirees"))
    assert text(client.get("/candidatures?afficher=nimporte")) == text(client.get("/candidatures"))


def test_recruiter_status_shows_as_received(client, control, candidate):
    opening, base = submitted(client, control)
    assert control.call("PATCH", f"/applications/{application_id(base)}", {"status": "A l'étude"})["status"] == (
        "A l'étude"
    )
    listed = text(client.get("/candidatures"))
    assert "A l'étude" in listed and opening["number"] in listed


def test_application_status_endpoint_checks_its_input(client, control, candidate):
    draft = start(client)
    path = f"/applications/{application_id(draft)}"
    assert "error" in control.call("PATCH", path, {"status": "A l'étude"}, expect=409)
    assert "error" in control.call("PATCH", path, {"status": "Postulé"}, expect=400)
    assert "error" in control.call("PATCH", "/applications/99999", {"status": "A l'étude"}, expect=404)
    assert control.applications(candidate["id"])[0]["status"] == "Brouillon"


# --- FAQ viii: withdrawal ---------------------------------------------------------------------------------------
def test_withdrawal_then_no_new_application(client, control, candidate):
    opening, base = submitted(client, control)
    review = client.get(base + "/etape/8").get_data(as_text=True)
    assert ">Retirer ma candidature</button>" in review
    confirm = client.get(base + "/retrait")
    assert confirm.status_code == 200 and ">Confirmer le retrait</button>" in confirm.get_data(as_text=True)
    assert control.applications(candidate["id"])[0]["status"] == "Postulé"  # nothing happens before confirming
    done = client.post(base + "/retrait")
    assert done.headers["Location"] == base + "/etape/8"
    page = text(client.get(base + "/etape/8"))
    assert messages.WITHDRAWN_DONE in page and "Statut de la candidature : Retirée" in page
    for response in (
        client.post(f"/emplois/{opening['id']}/postuler"),
        client.get(f"/candidatures/nouvelle?emploi={opening['id']}"),
        client.post("/candidatures/nouvelle", data={"origin": "Presse", "emploi": opening["id"]}),
    ):
        assert response.status_code == 409 and messages.ALREADY_WITHDRAWN in text(response)
    opening_page = client.get(f"/emplois/{opening['id']}")
    assert messages.ALREADY_WITHDRAWN in text(opening_page) and "Postuler</button>" not in opening_page.get_data(
        as_text=True
    )
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409
    assert client.post(base + "/retrait").status_code == 409
    stored = control.applications(candidate["id"])
    assert [a["status"] for a in stored] == ["Retirée"]


@pytest.mark.parametrize("status", ["Sélectionné", "Recrutement terminé"])
def test_withdrawal_refused_once_selected_or_over(client, control, candidate, status):
    _, base = submitted(client, control)
    control.call("PATCH", f"/applications/{application_id(base)}", {"status": status})
    assert ">Retirer ma candidature</button>" not in client.get(base + "/etape/8").get_data(as_text=True)
    refused = client.post(base + "/retrait")
    expected = {"Sélectionné": messages.WITHDRAWAL_SELECTED}.get(status, messages.WITHDRAWAL_CLOSED)
    assert refused.status_code == 409 and expected in text(refused)
    assert control.applications(candidate["id"])[0]["status"] == status


def test_draft_cannot_be_withdrawn(client, control, candidate):
    base = start(client)
    assert client.post(base + "/retrait").status_code == 409
    assert control.applications(candidate["id"])[0]["status"] == "Brouillon"


# --- FAQ ix: after submission only the contact details change --------------------------------------------------------
CONTACT = {"first_name": "Camille", "last_name": "Martin", "address": "12 rue de la Paix", "city": "Paris",
           "country": "France", "postal_code": "75002"}


def test_after_submission_contact_details_change_content_does_not(client, control, candidate):
    _, base = submitted(client, control)
    saved = client.post("/profil/coordonnees", data={**CONTACT, "primary_email": "nouvelle@exemple.org",
                                                     "phone": "+221 77 123 45 67"})
    assert saved.status_code == 302
    page = client.get("/profil/coordonnees").get_data(as_text=True)
    assert 'value="+221 77 123 45 67"' in page and 'value="nouvelle@exemple.org"' in page
    for path, data in (("/etape/7/lettre", {"letter": "Autre lettre"}), ("/etape/3", {"institution": "Autre"}),
                       ("/etape/4", {"employer": "Autre"}), ("/etape/7/references", {"reference_name": "Autre"})):
        response = client.post(base + path, data={**data, "action": "save"})
        assert response.status_code == 409 and messages.ALREADY_SUBMITTED in text(response), path
    sections = control.applications(candidate["id"])[0]["sections"]
    assert sections["cover_letter"][0]["letter"] == "Madame, Monsieur, …"
    assert sections["references"][0]["reference_name"] == "Awa Ndiaye"
    for path in ("/etape/3", "/etape/7/lettre", "/etape/8"):
        assert ">Enregistrer</button>" not in client.get(base + path).get_data(as_text=True), path
