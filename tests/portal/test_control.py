import re
from pathlib import Path

import pytest

from reference_portal import control as control_module

from .support import make_app

OPENAPI = Path(control_module.__file__).with_name("openapi.yaml")


def test_missing_or_wrong_token_is_401(client):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "test-token"}):
        response = client.get("/__conformance__/v1/clock", headers=headers)
        assert response.status_code == 401 and "error" in response.get_json()


def test_reset_empties_everything(client, control):
    person = control.candidate()
    control.opening()
    control.advance(100)
    control.call("POST", "/reset", expect=204)
    assert control.call("GET", "/clock")["offset_seconds"] == 0
    control.call("GET", f"/candidates/{person['id']}/applications", expect=404)


def test_candidate_defaults_and_choices(control):
    generated = control.candidate("empty")
    assert {"id", "user_code", "password", "email", "first_name", "last_name", "profile_completion"} <= set(generated)
    chosen = control.candidate("complete", user_code="choisi", password="mot-de-passe-42", date_of_birth="1985-01-31")
    assert chosen["user_code"] == "choisi" and chosen["profile_completion"] == 100
    control.call("POST", "/candidates", {"user_code": "choisi"}, expect=409)


@pytest.mark.parametrize(
    "body",
    [
        {"profile": "half"},
        {"user_code": "x"},
        {"password": "court"},
        {"email": "nope"},
        {"date_of_birth": "31/01/1985"},
    ],
)
def test_bad_candidate_bodies(control, body):
    assert "error" in control.call("POST", "/candidates", body, expect=400)


def test_openings_create_and_patch(control):
    opening = control.opening(
        title="Chef de projet", number="26-Information Technology-ITECNET-250123-R-New York (R)",
        opening_type="roster", prescreening_questions=["Q1 ?", "Q2 ?"],
    )
    assert opening["id"] == 250123 and opening["opening_type"] == "roster"
    assert opening["prescreening_questions"] == ["Q1 ?", "Q2 ?"] and opening["state"] == "open"
    changed = control.update_opening(250123, state="cancelled", deadline="2030-01-01T00:00:00Z")
    assert changed["state"] == "cancelled" and changed["deadline"] == "2030-01-01T00:00:00Z"
    control.call("PATCH", "/openings/999", {"state": "open"}, expect=404)
    control.call("POST", "/openings", {"title": "Doublon", "number": opening["number"]}, expect=409)


@pytest.mark.parametrize(
    "body", [{}, {"title": ""}, {"title": "T", "state": "paused"}, {"title": "T", "deadline": "demain"},
             {"title": "T", "prescreening_questions": "Q ?"}, {"title": "T", "opening_type": "generic"}],
)
def test_bad_opening_bodies(control, body):
    control.call("POST", "/openings", body, expect=400)


def test_clock(control):
    before = control.call("GET", "/clock")
    after = control.advance(3600)
    assert after["offset_seconds"] == before["offset_seconds"] + 3600
    for bad in ({}, {"advance_seconds": 0}, {"advance_seconds": -5}, {"advance_seconds": "10"},
                {"advance_seconds": True}):
        control.call("POST", "/clock", bad, expect=400)


def test_applications_of_unknown_candidate(control):
    control.call("GET", "/candidates/12345/applications", expect=404)


def test_every_route_is_in_the_openapi_file(tmp_path):
    app = make_app(tmp_path)
    spec = OPENAPI.read_text(encoding="utf-8")
    documented: dict[str, set[str]] = {}
    current = None
    for line in spec.splitlines():
        if match := re.match(r"^  (/\S*):$", line):
            current = match[1]
            documented[current] = set()
        elif current and (match := re.match(r"^    (get|post|patch|put|delete):$", line)):
            documented[current].add(match[1].upper())
        elif line and not line.startswith(" "):
            current = None
    served: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("control."):
            path = re.sub(r"<(?:\w+:)?(\w+)>", "{id}", rule.rule.removeprefix("/__conformance__/v1"))
            served.setdefault(path, set()).update(rule.methods - {"HEAD", "OPTIONS"})
    assert served == documented


def test_clock_freeze(control):
    held = control.call("POST", "/clock/freeze", {"frozen": True})
    assert held["frozen"] is True
    moved = control.advance(60)
    assert moved["now"] > held["now"] and moved["frozen"] is True
    assert control.call("GET", "/clock")["now"] == moved["now"]
    assert control.call("POST", "/clock/freeze", {"frozen": False})["frozen"] is False
    for bad in ({}, {"frozen": "yes"}, {"frozen": 1}):
        control.call("POST", "/clock/freeze", bad, expect=400)


def test_sign_in_hands_over_a_cookie_the_portal_honours_as_a_new_sign_in(client, control):
    person = control.candidate("complete")
    first = control.call("POST", f"/candidates/{person['id']}/sign-in", expect=201)
    second = control.call("POST", f"/candidates/{person['id']}/sign-in", expect=201)
    assert first["landing"] == "/accueil" and first["cookies"][0]["httpOnly"] is True
    browsers = []
    for granted in (first, second):
        browser = client.application.test_client()
        (cookie,) = granted["cookies"]
        browser.set_cookie(cookie["name"], cookie["value"])
        assert browser.get(granted["landing"]).status_code == 200
        browsers.append(browser)
    browsers[0].post("/deconnexion")
    assert browsers[0].get("/accueil").status_code == 302
    assert browsers[1].get("/accueil").status_code == 200  # each call was a sign-in of its own
    forged = client.application.test_client()
    forged.set_cookie(first["cookies"][0]["name"], first["cookies"][0]["value"][:-2] + "xx")
    assert forged.get("/accueil").status_code == 302
    control.call("POST", "/candidates/999999/sign-in", expect=404)


def test_submit_application_goes_through_the_pages_rule_and_sends_the_confirmation(app, client, control):
    from sqlalchemy import select

    from reference_portal import db, messages
    from reference_portal.models import OutgoingMail

    person = control.candidate("complete")
    opening = control.opening(prescreening_questions=["Parlez-vous anglais ?"])
    submitted = control.call("POST", f"/candidates/{person['id']}/applications/submit",
                             {"opening_id": opening["id"]}, expect=201)
    assert submitted["status"] == "Postulé" and submitted["opening_id"] == opening["id"]
    assert submitted["submitted_at"] == control.call("GET", "/clock")["now"]
    assert [a["answer"] for a in submitted["sections"]["prescreening"]] == ["Oui"]
    [stored] = control.applications(person["id"])
    assert {key: stored[key] for key in submitted} == submitted
    with app.app_context():
        [mail] = db.session().execute(select(OutgoingMail)).scalars().all()
    assert mail.to_address == person["email"] and mail.subject == messages.confirmation_subject(opening["number"])
    from .support import login

    login(client, person)  # the candidate's pages show it submitted, as after « Certifier et soumettre »
    review = client.get(f"/candidatures/{submitted['id']}/etape/8")
    assert review.status_code == 200 and "Soumettre candidature" not in review.get_data(as_text=True)
    again = control.call("POST", f"/candidates/{person['id']}/applications/submit",
                         {"opening_id": opening["id"]}, expect=409)
    assert "already has an application" in again["error"]


@pytest.mark.parametrize("case", ["closed opening", "incomplete profile"])
def test_submit_application_is_refused_as_the_page_would_and_stores_nothing(control, case):
    from reference_portal import messages

    person = control.candidate("empty" if case == "incomplete profile" else "complete")
    opening = control.opening(state="closed" if case == "closed opening" else "open")
    refused = control.call("POST", f"/candidates/{person['id']}/applications/submit",
                           {"opening_id": opening["id"]}, expect=409)
    expected = messages.PROFILE_INCOMPLETE if case == "incomplete profile" else messages.OPENING_REFUSALS["closed"]
    assert expected in refused["blockers"]
    assert control.applications(person["id"]) == []


def test_submit_application_needs_a_known_candidate_and_opening(control):
    person = control.candidate("complete")
    opening = control.opening()
    control.call("POST", "/candidates/999999/applications/submit", {"opening_id": opening["id"]}, expect=404)
    control.call("POST", f"/candidates/{person['id']}/applications/submit", {"opening_id": 999999}, expect=404)
    control.call("POST", f"/candidates/{person['id']}/applications/submit", {"opening_id": "un"}, expect=400)
    control.call("POST", f"/candidates/{person['id']}/applications/submit", {}, expect=400)


def test_lookup_values_answer_the_portals_own_lists(control):
    found = control.call("GET", "/lookup-values?field=education.institution&contains=dakar")
    assert found["field"] == "education.institution" and "Université de Dakar" in found["values"]
    assert all("dakar" in value.lower() for value in found["values"]) and found["total"] >= len(found["values"])
    degrees = control.call("GET", "/lookup-values?field=education.degree&limit=2")
    assert len(degrees["values"]) == 2 and degrees["total"] > 2
    # A value learnt here is one the application accepts.
    person = control.candidate()
    body = {"sections": {"education": {"institution": found["values"][0], "degree": degrees["values"][0]}}}
    stored = control.call("POST", f"/candidates/{person['id']}/applications", body, expect=201)
    assert stored["sections"]["education"][0]["institution"] == found["values"][0]


@pytest.mark.parametrize("query", ["", "field=education.field_of_study", "field=education.degree&limit=0",
                                   "field=education.degree&limit=abc"])
def test_lookup_values_refuse_what_is_not_a_list_field(control, query):
    assert "error" in control.call("GET", f"/lookup-values?{query}", expect=400)


def test_the_openapi_file_names_every_field_of_every_section_and_every_list_field():
    import yaml

    from reference_portal.rules.sections import SECTIONS

    schemas = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))["components"]["schemas"]
    described = {}
    for key, section in schemas["SectionValues"]["properties"].items():
        name = section["allOf"][0]["$ref"].rsplit("/", 1)[1]
        described[key] = set(schemas[name]["properties"])
    assert described == {s.key: {f.name for f in s.fields} for s in SECTIONS if s.fields}
    spec = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    (field,) = [p for p in spec["paths"]["/lookup-values"]["get"]["parameters"] if p["name"] == "field"]
    listed = {f"{s.key}.{f.name}" for s in SECTIONS for f in s.fields if f.kind in ("lookup", "select")}
    assert set(field["schema"]["enum"]) == listed
