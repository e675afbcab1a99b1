"""No candidate reaches another's data: every route of the portal that takes an identifier is walked with a
second candidate's session, by every method it accepts, and must answer exactly as for an identifier that
does not exist (404, same page), while changing nothing.

The walk is built from the application's URL map, so a new route with an identifier fails
``test_every_route_with_an_identifier_is_walked`` until this file knows how to fill it (or says why it is
not a candidate's object).
"""

from __future__ import annotations

import io

import pytest
from flask import Flask

from .support import Control, login, make_app
from .test_alerts import save
from .test_applications import fill_everything, start

# Arguments that name what belongs to one candidate, and how to fill them (a function of the owner's objects).
OWNED = {
    "application_id": lambda objects: objects["applications"],
    "attachment_id": lambda objects: [objects["attachment"]],
    "search_id": lambda objects: [objects["search"]],
}
# Arguments that pick a variant of a page of that object, not an object: filled with a value that is valid.
VARIANTS = {"number": 3, "sub": "lettre", "field_name": "institution"}
# Routes with arguments that are not a candidate's objects, and why they are left out of the walk.
NOT_OWNED = {
    "jobs.opening": "job openings are public",
    "jobs.apply": "job openings are public (applying is checked on the application routes)",
    "auth.recovery.new_password": "a reset link's token is a secret of its own, tested in test_recovery",
    "static": "static files",
    "applications.offline_form_download": "the blank offline form is everyone's (its argument: the variant's format)",
}
MISSING_ID = 987654


def id_routes(app: Flask) -> list:
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.arguments and not rule.endpoint.startswith("control.")  # the control API is not a candidate's
    ]


def test_every_route_with_an_identifier_is_walked(tmp_path):
    app = make_app(tmp_path)
    unknown = []
    for rule in id_routes(app):
        if rule.endpoint in NOT_OWNED:
            continue
        owned = [name for name in rule.arguments if name in OWNED]
        if not owned or any(name not in OWNED and name not in VARIANTS for name in rule.arguments):
            unknown.append(rule.rule)
    assert unknown == [], f"routes this walk does not know how to fill: {unknown}"


@pytest.fixture
def world(tmp_path):
    """Candidate A with a draft ready to submit, a submitted application, an attachment and a saved search;
    candidate B signed in on a client of their own."""
    app = make_app(tmp_path)
    owner = app.test_client()
    control = Control(owner)
    alice = control.candidate("complete")
    login(owner, alice)
    draft_opening = control.opening(prescreening_questions=["Parlez-vous anglais ?"])
    draft = start(owner, draft_opening)
    fill_everything(owner, draft)
    submitted_opening = control.opening(prescreening_questions=["Parlez-vous anglais ?"])
    submitted = start(owner, submitted_opening)
    fill_everything(owner, submitted)
    assert owner.post(submitted + "/conditions", data={"accept": "yes"}).status_code == 303
    pdf = b"%PDF-1.4\n%" + b"0" * 2000 + b"\n%%EOF\n"
    owner.post(draft + "/etape/7/lettre", data={"attachment": (io.BytesIO(pdf), "Piece_Alice.pdf"), "action": "attach"},
               content_type="multipart/form-data")
    [attachment] = control.call("GET", f"/candidates/{alice['id']}/attachments")["attachments"]
    assert save(owner, "Recherche d'Alice").status_code in (302, 303)
    from reference_portal import db
    from reference_portal.models import SavedSearch

    with app.app_context():
        search = db.session().query(SavedSearch).filter_by(candidate_id=alice["id"]).one().id
    objects = {
        "applications": [int(draft.rsplit("/", 1)[1]), int(submitted.rsplit("/", 1)[1])],
        "attachment": attachment["id"],
        "search": search,
    }
    intruder = app.test_client()
    bob = Control(intruder).candidate("complete")
    login(intruder, bob)
    return app, owner, intruder, control, alice, objects


def snapshot(app: Flask, control: Control, alice: dict) -> dict:
    from reference_portal import db
    from reference_portal.models import Attachment, SavedSearch

    with app.app_context():
        searches = [(s.id, s.name) for s in db.session().query(SavedSearch).filter_by(candidate_id=alice["id"])]
        files = [(a.id, a.application_id, a.filename) for a in db.session().query(Attachment)]
    return {"applications": control.applications(alice["id"]), "searches": searches, "attachments": files}


def urls(rule, objects: dict, missing: bool) -> list[str]:
    """The rule's URLs for each of the owner's objects (or for an identifier that exists nowhere)."""
    [owned] = [name for name in rule.arguments if name in OWNED]
    built = []
    for value in OWNED[owned](objects):
        values = {name: VARIANTS[name] for name in rule.arguments if name in VARIANTS}
        values[owned] = MISSING_ID if missing else value
        built.append(rule.build(values, append_unknown=False)[1])
    return built


def test_a_candidate_never_reaches_another_candidates_objects(world):
    app, owner, intruder, control, alice, objects = world
    before = snapshot(app, control, alice)
    walked = 0
    for rule in id_routes(app):
        if rule.endpoint in NOT_OWNED:
            continue
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for method in methods:
            form = {"accept": "yes", "action": "save", "letter": "Pris !", "choice": "Université de Dakar"}
            for url, missing_url in zip(urls(rule, objects, False), urls(rule, objects, True), strict=True):
                answer = intruder.open(url, method=method, data=form)
                nothing = intruder.open(missing_url, method=method, data=form)
                assert answer.status_code == 404, (method, url, answer.status_code)
                assert answer.get_data() == nothing.get_data(), (method, url)  # reveals nothing, not even existence
                walked += 1
    assert snapshot(app, control, alice) == before  # and nothing changed
    assert walked >= 20
    # The walk used real objects: their owner reaches each of them.
    for rule in id_routes(app):
        if rule.endpoint in NOT_OWNED or "GET" not in rule.methods:
            continue
        for url in urls(rule, objects, False):
            assert owner.get(url).status_code != 404, url


def test_lists_show_only_ones_own(world):
    app, owner, intruder, control, alice, objects = world
    for page in ("/candidatures", "/emplois/recherches-enregistrees", "/profil", "/accueil"):
        body = intruder.get(page).get_data(as_text=True)
        assert "Piece_Alice.pdf" not in body and "Recherche d&#39;Alice" not in body and alice["user_code"] not in body
        assert alice["last_name"] not in body, page
