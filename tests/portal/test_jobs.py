from datetime import datetime, timedelta

from reference_portal import messages

from .support import text


def iso(moment: datetime) -> str:
    return moment.isoformat()


def test_search_by_keyword_and_number(client, control, candidate):
    wanted = control.opening(title="Juriste", duty_station="Genève", job_family="Legal")
    control.opening(title="Comptable", duty_station="Nairobi", job_family="Finance")
    page = client.get("/emplois", query_string={"mots_cles": "genève"})
    assert "1 résultat(s)" in text(page)
    assert f'href="/emplois/{wanted["id"]}">Juriste</a>' in page.get_data(as_text=True)
    by_number = client.get("/emplois", query_string={"mots_cles": wanted["number"]})
    assert "1 résultat(s)" in text(by_number)
    # Case folding covers accented capitals too (« économiste » finds « Économiste »).
    control.opening(title="Économiste", duty_station="Bangkok", job_family="Economics")
    assert "1 résultat(s)" in text(client.get("/emplois", query_string={"mots_cles": "économiste"}))


def test_search_hides_unpublished_and_filters_period(client, control, candidate):
    now = control.now()
    control.opening(title="Futur", posted_at=iso(now + timedelta(days=2)))
    control.opening(title="Ancien", posted_at=iso(now - timedelta(days=20)))
    control.opening(title="Récent", posted_at=iso(now - timedelta(days=2)))
    assert "2 résultat(s)" in text(client.get("/emplois", query_string={"periode": "tout"}))
    assert "1 résultat(s)" in text(client.get("/emplois", query_string={"periode": "7"}))
    assert client.get("/emplois/200000").status_code == 404  # the unpublished one, first created


def test_empty_result(client, control, candidate):
    page = client.get("/emplois", query_string={"mots_cles": "introuvable"})
    assert "Aucun appel à candidature ne correspond à vos critères." in text(page)


def test_pagination(client, control, candidate):
    for i in range(55):
        control.opening(title=f"Poste {i}")
    first = text(client.get("/emplois"))
    assert "55 résultat(s)" in first and "Page 1 sur 2" in first
    assert "Poste 0" in text(client.get("/emplois", query_string={"page": 2}))


def test_opening_page(client, control, candidate):
    opening = control.opening(title="Analyste", description="Analyse des données.", department="DESA")
    page = client.get(f"/emplois/{opening['id']}")
    body = text(page)
    assert "<h1>Analyste</h1>" in page.get_data(as_text=True)
    assert opening["number"] in body and "Analyse des données." in body and "DESA" in body
    deadline = datetime.fromisoformat(opening["deadline"]).astimezone(messages_ny()).strftime("%d/%m/%Y")
    assert f"Date limite de candidature : {deadline}" in body
    assert ">Postuler</button>" in page.get_data(as_text=True)


def messages_ny():
    from reference_portal.clock import NEW_YORK

    return NEW_YORK


def test_no_postuler_when_not_accepting(client, control, candidate):
    cases = {
        "closed": messages.OPENING_REFUSALS["closed"],
        "cancelled": messages.OPENING_REFUSALS["cancelled"],
        "filled_from_roster": messages.OPENING_REFUSALS["filled_from_roster"],
    }
    for state, reason in cases.items():
        opening = control.opening(title=f"Poste {state}", state=state)
        page = client.get(f"/emplois/{opening['id']}")
        assert reason in text(page) and ">Postuler</button>" not in page.get_data(as_text=True)
        assert client.post(f"/emplois/{opening['id']}/postuler").status_code == 409
    past = control.opening(title="Trop tard", deadline=iso(control.now() + timedelta(minutes=10)))
    control.advance(15 * 60)  # past the deadline, within the session timeout
    assert messages.OPENING_REFUSALS["deadline"] in text(client.get(f"/emplois/{past['id']}"))
    assert client.post(f"/emplois/{past['id']}/postuler").status_code == 409


def test_saved_criteria_match_what_the_search_lists(client, control, candidate):
    from reference_portal import clock
    from reference_portal.models import JobOpening
    from reference_portal.rules.search import SearchCriteria

    control.opening(title="Juriste", duty_station="Genève", job_family="Legal")
    control.opening(title="Juriste principal", duty_station="Nairobi", job_family="Legal")
    criteria = SearchCriteria.from_mapping({"mots_cles": "  JURISTE   genève ", "periode": "inconnue"})
    assert criteria == SearchCriteria("JURISTE genève", "tout")
    assert "1 résultat(s)" in text(client.get("/emplois", query_string=criteria.as_args()))
    with client.application.app_context():
        from reference_portal import db

        openings = db.session().query(JobOpening).all()
        matching = [o.title for o in openings if criteria.matches(o, clock.now())]
    assert matching == ["Juriste"]
