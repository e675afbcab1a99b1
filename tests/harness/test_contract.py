"""The control API's contract (reference_portal/openapi.yaml) holds what the harness sends and what the reference
portal answers.

The harness's own code arranges data against a real reference portal (served on a loopback port): the fixtures'
builders (candidates, openings, the provisioned profile, the clock) and the steps' arranging functions, called
as the scenarios call them. Every exchange of the control client is recorded; each body must validate against
its operation's request schema (whose objects admit no field they do not list), and each answer against its
response schema, read strictly here (an answer field the file does not list fails too).
"""

from __future__ import annotations

import copy
import inspect
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from fixtures.control import ControlClient
from fixtures.data import People
from fixtures.portal import Target
from fixtures.provision import PortalClock, PortalLists, Provisioner, provisioned_profile
from harness.paths import PROFILES_DIR
from harness.profile import load_profile
from tests.portal.live import served
from tests.portal.support import TOKEN, make_app

ROOT = Path(__file__).parents[2]
OPENAPI = ROOT / "reference_portal" / "openapi.yaml"
SPEC = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
HARNESS_CODE = [*(ROOT / "steps").glob("*.py"), *(ROOT / "fixtures").glob("*.py")]


def operation_for(method: str, path: str) -> tuple[str, dict]:
    """The path template and operation of openapi.yaml that a call hits."""
    bare = urlsplit(path).path
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, bare) and method.lower() in item:
            return template, item[method.lower()]
    raise AssertionError(f"{method} {path}: no such operation in openapi.yaml")


def strict(schema: object) -> object:
    """The schema with every object that lists its properties closed to others (for the portal's answers)."""
    if isinstance(schema, dict):
        closed = {key: strict(value) for key, value in schema.items()}
        if "properties" in closed and "additionalProperties" not in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def validate(instance: object, schema: dict, components: dict) -> None:
    jsonschema.Draft202012Validator({**schema, "components": components}).validate(instance)


def request_schema(operation: dict) -> dict | None:
    body = operation.get("requestBody")
    return None if body is None else body["content"]["application/json"]["schema"]


def response_schema(operation: dict, status: int) -> dict | None:
    answer = operation["responses"].get(str(status))
    assert answer is not None, f"status {status} is not among the operation's responses"
    if "$ref" in answer:
        answer = SPEC["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
    content = answer.get("content")
    return None if content is None else content["application/json"]["schema"]


def check_request(method: str, path: str, body: dict | None) -> None:
    template, operation = operation_for(method, path)
    schema = request_schema(operation)
    if body is None:
        assert schema is None or not operation["requestBody"].get("required"), f"{method} {template} needs a body"
        return
    assert schema is not None, f"{method} {template} takes no body, the harness sent {body}"
    try:
        validate(body, schema, SPEC["components"])
    except jsonschema.ValidationError as refused:
        raise AssertionError(f"{method} {template}: the harness sent {body}: {refused.message}") from None


def check_answer(method: str, path: str, status: int, answer: object) -> None:
    template, operation = operation_for(method, path)
    schema = response_schema(operation, status)
    if schema is None:
        assert answer is None, f"{method} {template} {status}: no body is specified, the portal answered {answer}"
        return
    try:
        validate(answer, strict(schema), strict(SPEC["components"]))
    except jsonschema.ValidationError as refused:
        raise AssertionError(f"{method} {template} {status}: the portal answered {answer}: {refused.message}") from None


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> list[tuple[str, str, dict | None, int, object]]:
    """Every exchange of the harness's code with a real reference portal, arranging what the scenarios arrange."""
    from steps import alerts, apply_rules, attachments, drafts, filters, lookups, security, server_rules

    exchanges: list[tuple[str, str, dict | None, int, object]] = []
    app = make_app(tmp_path_factory.mktemp("contract"), PASSWORD_HASHING="cheapest")
    with served(app) as base:
        control = ControlClient(base, TOKEN, observe=lambda *exchange: exchanges.append(exchange))
        profile = load_profile(PROFILES_DIR / "reference-fr.toml")
        target = Target(base, profile, frozenset({"control_api", "clock", "sign_in", "submit_application"}), control)
        people = People(seed=14)
        provision = Provisioner(target, people)
        candidate, empty = provision.candidate("complete"), provision.candidate("empty")
        opening = provision.opening("accepting")
        provisioned_profile(control, people, PROFILES_DIR / "x.toml", "seeded", {"empty": 1}, {"accepting": 1})
        control.freeze_clock(True)
        PortalClock(target, real_time=False).idle(61, page=None)
        control.freeze_clock(False)
        control.sign_in(candidate["id"])

        # Applications stored and read back as the scenarios arrange them.
        lists, previous = PortalLists(control), {}
        drafts.saved_application(control, lists, candidate, previous, "Juriste adjoint", "Université de Dakar")
        drafts.saved_application(control, lists, candidate, previous, "Traducteur arabe", "Université imaginaire")
        drafts.submitted_application(control, candidate, previous, "Statisticien")
        drafts.draft_application(control, empty)
        lookups.draft_of_candidate(control, empty)
        control.applications(empty["id"])
        owner = security.owner_with_application(control, provision)
        server_rules.owner_has_draft(control, owner)
        attachments.submitted_application(control, candidate)
        attachments.stored_names(control, candidate)

        # Openings: dated, unpublished, published, on a roster, closing, changing state.
        alerts.publish(control, alerts.openings_of_different_ages(control))
        alerts.unpublished_opening(control)
        alerts.publish_matching(control, {"keyword": alerts.unique_keyword()})
        search = filters.matching_and_not(control)
        filters.other_unpublished(control, search)
        filters.publish_other(control, search)
        roster = apply_rules.roster_opening(
            control, "Recrutement sur la base d'un fichier de candidats présélectionnés", "P-3", "Legal"
        )
        apply_rules.on_roster(control, candidate, "P-3", "Legal")
        server_rules.listed_candidate(provision, control, "P-3", "Legal")
        closing = apply_rules.closing_tomorrow(control)
        apply_rules.clock_before_deadline(control, closing, 30)
        apply_rules.opening_changes(control, roster, "fermé")
        server_rules.opening_reopens(control, roster)

        # A submitted application through the API, then a recruiter's status.
        control.submit_application(candidate["id"], opening["id"])
        apply_rules.recruiter_moves(control, candidate, opening, "A l'étude")
        control.attachments(candidate["id"])
    return exchanges


def test_every_body_the_harness_sends_is_described_by_the_contract(recorded):
    sent = [(method, path, body) for method, path, body, _, _ in recorded]
    assert len(sent) > 30
    for method, path, body in sent:
        check_request(method, path, body)


def test_the_reference_portals_answers_validate_strictly(recorded):
    for method, path, _, status, answer in recorded:
        assert status < 300, f"{method} {path} answered {status}: {answer}"
        check_answer(method, path, status, answer)


def test_the_recording_covers_every_operation_the_harness_uses(recorded):
    """Each control-client method and each path the steps call directly was exercised above, so a new call
    cannot bypass the check."""
    hit = {operation_for(method, path)[1]["operationId"] for method, path, *_ in recorded}
    used_in_code: set[str] = set()
    client_paths = {
        name: re.findall(r'self\.call\("(\w+)", f?"([^"?]+)', inspect.getsource(method))
        for name, method in vars(ControlClient).items()
        if inspect.isfunction(method) and name != "call"
    }
    for file in HARNESS_CODE:
        text = file.read_text(encoding="utf-8")
        for method in re.findall(r"control\.(\w+)\(", text):
            for verb, path in client_paths.get(method, []):
                used_in_code.add(operation_for(verb, re.sub(r"\{[^}]+\}", "1", path))[1]["operationId"])
        for verb, path in re.findall(r'control\.call\(\s*"(\w+)",\s*f?"([^"]+)"', text):
            used_in_code.add(operation_for(verb, re.sub(r"\{[^}]+\}", "1", path))[1]["operationId"])
    assert used_in_code - {"reset"} <= hit, f"not exercised by this test: {sorted(used_in_code - hit)}"


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/candidates/1/applications", {"sections": {"education": {"school": "X"}}}, "school"),
        ("POST", "/candidates/1/applications", {"sections": {"diploma": {}}}, "diploma"),
        ("POST", "/openings", {"title": "T", "grade": "P-3"}, "grade"),
        ("POST", "/candidates", {"profile": "complete", "nickname": "x"}, "nickname"),
        ("PATCH", "/applications/1", {"status": "A l'étude", "note": "x"}, "note"),
    ],
)
def test_a_field_the_contract_does_not_describe_is_refused(method, path, body, field):
    with pytest.raises(AssertionError, match=field):
        check_request(method, path, body)


def test_a_portal_answer_with_an_undescribed_field_fails_the_strict_reading():
    clock = {"now": "2026-01-01T00:00:00Z", "offset_seconds": 0, "frozen": False}
    check_answer("GET", "/clock", 200, clock)
    with pytest.raises(AssertionError, match="timezone"):
        check_answer("GET", "/clock", 200, {**clock, "timezone": "UTC"})


def test_the_portal_lists_are_learnt_not_assumed(recorded):
    """The institution stored is the portal's own: the one named when its list holds it, else one of its list."""
    asked = [path for method, path, *_ in recorded if path.startswith("/lookup-values")]
    assert any("contains=Universit" in path for path in asked)
    stored = [
        body["sections"]["education"]["institution"]
        for method, path, body, *_ in recorded
        if method == "POST" and body and "education" in body.get("sections", {})
    ]
    assert stored[0] == "Université de Dakar" and stored[1] != "Université imaginaire" and len(set(stored)) == 2


def test_the_schemas_are_valid_json_schemas_and_every_request_object_is_closed():
    for schema in SPEC["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema({**copy.deepcopy(schema), "components": SPEC["components"]})
    for template, item in SPEC["paths"].items():
        for method, operation in item.items():
            schema = request_schema(operation)
            if schema is None:
                continue
            schema = SPEC["components"]["schemas"].get(schema.get("$ref", "").rsplit("/", 1)[-1], schema)
            parts = [SPEC["components"]["schemas"][s["$ref"].rsplit("/", 1)[1]] if "$ref" in s else s
                     for s in schema.get("allOf", [schema])]
            assert any(part.get("additionalProperties") is False for part in parts), f"{method} {template}"
