"""Generated input against every form (Hypothesis, through the Flask test client) and against the control API
(Schemathesis, from ``reference_portal/openapi.yaml``, in process through WSGI).

Every answer must be below 500; a refused form must show back what was typed (passwords excepted); every
control API answer must match the specification (status, content type, body). The runs are derandomized so
that ``make test`` sees the same inputs each time; ``FUZZ_EXAMPLES`` scales them for a longer, random run
(``FUZZ_EXAMPLES=20 FUZZ_RANDOM=1 pytest tests/portal/test_fuzz.py``). At least 5,000 requests are generated.
"""

from __future__ import annotations

import html
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from reference_portal import auth, contact, recovery
from reference_portal.alerts import EMAIL_FIELD, NAME_FIELD
from reference_portal.applications.create import ORIGIN_FIELD
from reference_portal.forms import Field
from reference_portal.rules.profile import TABS
from reference_portal.rules.sections import SECTIONS

from .support import TOKEN, Control, login, make_app

SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1"))
SETTINGS = settings(
    deadline=None,
    database=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
OPENAPI = Path(__file__).parents[2] / "reference_portal" / "openapi.yaml"
REQUESTS = {"forms": 0, "api": 0}
DONE: set[str] = set()
MINIMUM_REQUESTS = 5000


def examples(count: int) -> int:
    return max(1, int(count * SCALE))


# --- what a person may type ---------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
SPECIAL = st.sampled_from(
    ["", " ", "\t\n", "0", "-1", "1e309", "99999999999999999999", "31/02/2020", "00/0000", "13/2020", "\x00",
     "<script>alert(1)</script>", "' OR 1=1 --", "%s%n", "../../etc/passwd", "a@b", "@", "١٢٣٤", "¹²", "Ǆ" * 3,
     "\u202egnp.exe", "x" * 10_001]
)


def typed(f: Field) -> st.SearchStrategy[str]:
    # At the length limit and just past it: built from one character, as generating long text is slow.
    around_limit = st.tuples(st.sampled_from("aé<\n"), st.integers(max(0, f.max_length - 1), f.max_length + 1))
    options = [TEXT, SPECIAL, around_limit.map(lambda pair: pair[0] * pair[1])]
    if f.choices:
        options.append(st.sampled_from(f.choices))
    return st.one_of(options)


def form_data(fields: tuple[Field, ...], **extra: st.SearchStrategy) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({f.name: typed(f) for f in fields}, optional=extra)


KEPT_KINDS = {"text", "textarea", "email", "tel", "date_fr", "month_year", "year", "integer"}


def count(response) -> None:  # noqa: ANN001
    REQUESTS["forms"] += 1
    assert response.status_code < 500, response.get_data(as_text=True)[-3000:]


def assert_typing_kept(response, fields: tuple[Field, ...], data: dict[str, str]) -> None:  # noqa: ANN001
    """A refusal shows the form again with what was typed (minus passwords), so nothing typed is lost."""
    if response.status_code not in (409, 422) or response.mimetype != "text/html":
        return
    page = html.unescape(response.get_data(as_text=True))
    for f in fields:
        value = data.get(f.name, "").strip()
        if f.kind in KEPT_KINDS and value:
            assert value in page, (f.name, value)


# --- the portal under test ----------------------------------------------------------------------------


@dataclass
class Portal:
    app: object
    signed_in: object  # a client with a candidate signed in
    anonymous: object
    control: Control
    application: str = ""  # a draft's URL (/candidatures/<id>)
    submitted: str = ""
    extra: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def portal(tmp_path_factory, mailbox_module) -> Portal:
    box, port = mailbox_module
    app = make_app(tmp_path_factory.mktemp("fuzz"), SMTP_HOST="127.0.0.1", SMTP_PORT=port, PASSWORD_HASHING="cheapest")
    signed_in = app.test_client()
    control = Control(signed_in)
    person = control.candidate("complete")
    login(signed_in, person)
    opening = control.opening(prescreening_questions=["Anglais ?"])
    from .test_applications import fill_everything, start

    draft = start(signed_in, opening)
    submitted = start(signed_in, control.opening(prescreening_questions=["Arabe ?"]))
    fill_everything(signed_in, submitted)
    assert signed_in.post(submitted + "/conditions", data={"accept": "yes"}).status_code == 303
    return Portal(app, signed_in, app.test_client(), control, draft, submitted, {"opening": opening})


@pytest.fixture(scope="module")
def mailbox_module():
    from aiosmtpd.controller import Controller

    from .support import MailBox, free_port

    box, port = MailBox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@dataclass(frozen=True)
class Form:
    endpoint: str
    url: Callable[[Portal], str]
    fields: tuple[Field, ...] = ()
    signed_in: bool = True
    examples: int = 100
    extra: dict = field(default_factory=dict)  # more inputs the form reads, with their strategies
    method: str = "POST"


def _section_url(section) -> Callable[[Portal], str]:  # noqa: ANN001
    path = f"/etape/7/{section.sub}" if section.sub else f"/etape/{section.step}"
    return lambda p: p.application + path


ACTIONS = st.sampled_from(["save", "next", "attach", "", "autre"])
FILE = st.tuples(st.binary(max_size=2048), st.one_of(TEXT, st.sampled_from(["a.pdf", "b.png", "../x.pdf", "é.docx"])))
FORMS = [
    Form("auth.register", lambda p: "/inscription", auth.REGISTRATION_FIELDS, signed_in=False, examples=150),
    Form("auth.login", lambda p: "/connexion", auth.LOGIN_FIELDS, signed_in=False, examples=20),
    Form("auth.recovery.forgot_user_code", lambda p: "/code-utilisateur-oublie", recovery.USER_CODE_FIELDS,
         signed_in=False, examples=60),
    Form("auth.recovery.forgot_password", lambda p: "/mot-de-passe-oublie", recovery.PASSWORD_FIELDS,
         signed_in=False, examples=60),
    Form("auth.recovery.new_password", lambda p: "/mot-de-passe/nouveau/" + p.extra["reset_token"],
         recovery.NEW_PASSWORD_FIELDS, signed_in=False, examples=30),
    *(Form(tab.endpoint, (lambda slug: lambda p: f"/profil/{slug}")(tab.slug), tab.fields, examples=200)
      for tab in TABS),
    Form("applications.new", lambda p: "/candidatures/nouvelle", (ORIGIN_FIELD,), examples=150,
         extra={"emploi": st.one_of(TEXT, SPECIAL, st.integers().map(str))}),
    Form("applications.new_options", lambda p: "/candidatures/nouvelle/options", examples=150,
         extra={"choice": st.one_of(TEXT, st.sampled_from(["new", "reuse", "upload"])),
                "template": st.one_of(TEXT, SPECIAL, st.integers().map(str))}),
    *(Form("applications.sub_step" if section.sub else "applications.step", _section_url(section), section.fields,
           examples=150, extra={"action": ACTIONS, "lookup": st.one_of(TEXT, st.sampled_from(["institution"]))})
      for section in SECTIONS if section.fields),
    Form("applications.step", lambda p: p.application + "/etape/2", examples=100,
         extra={"action": ACTIONS, "question_1": st.one_of(TEXT, st.sampled_from(["Oui", "Non"]))}),
    Form("applications.conditions", lambda p: p.application + "/conditions", examples=100,
         extra={"accept": st.one_of(TEXT, st.just("yes"))}),
    Form("applications.withdraw", lambda p: p.submitted + "/retrait", examples=30),
    Form("lookups.lookup", lambda p: p.application + "/recherche/institution", examples=100,
         extra={"choice": TEXT}),
    Form("lookups.lookup", lambda p: p.application + "/recherche/institution", examples=200, method="GET",
         extra={"q": TEXT, "op": st.one_of(TEXT, st.sampled_from(["contient", "commence par"])),
                "avance": st.one_of(TEXT, st.just("1"))}),
    Form("jobs.search", lambda p: "/emplois", examples=200, method="GET",
         extra={"mots_cles": TEXT, "periode": st.one_of(TEXT, st.sampled_from(["tout", "24h", "7j"])),
                "page": st.one_of(TEXT, SPECIAL, st.integers().map(str))}),
    Form("jobs.apply", lambda p: f"/emplois/{p.extra['opening']['id']}/postuler", examples=30),
    Form("alerts.new", lambda p: "/emplois/recherches-enregistrees/nouvelle", (NAME_FIELD, EMAIL_FIELD),
         examples=200, extra={"alert": st.one_of(TEXT, st.just("yes")), "mots_cles": TEXT, "periode": TEXT}),
    Form("contact.form", lambda p: "/contactez-nous", contact.FIELDS, signed_in=False, examples=150,
         extra={"screenshot": FILE}),
    Form("applications.upload_offline_form", lambda p: "/candidatures/nouvelle/fichier", examples=150,
         extra={"offline_form": FILE}),
    Form("attachments.add_own", lambda p: "/candidatures/pieces-jointes", examples=150,
         extra={"attachment": FILE}),
    Form("auth.keep_alive", lambda p: "/session/prolonger", examples=10),
]
# Routes taking input that are not forms of this list, and why.
NOT_FUZZED = {
    "auth.logout": "takes no input",
    "alerts.delete": "takes only the saved search's ID (walked in test_access)",
    "applications.choose_template": "a GET page without input but the flow in the session",
}


def test_every_form_is_fuzzed(portal):
    fuzzed = {form.endpoint for form in FORMS}
    forms = {
        rule.endpoint
        for rule in portal.app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.endpoint.startswith("control.")
    }
    assert sorted(forms - fuzzed - set(NOT_FUZZED)) == []


def _multipart(data: dict) -> tuple[dict, str | None]:
    files = {key: (io.BytesIO(value[0]), value[1]) for key, value in data.items() if isinstance(value, tuple)}
    if not files:
        return data, None
    return {**{k: v for k, v in data.items() if not isinstance(v, tuple)}, **files}, "multipart/form-data"


@pytest.mark.parametrize("form", FORMS, ids=lambda form: f"{form.method} {form.url.__name__}-{form.endpoint}")
def test_forms_never_fail_and_keep_the_typing(portal, form):
    if form.endpoint == "auth.recovery.new_password":
        portal.extra["reset_token"] = _reset_token(portal)
    client = portal.signed_in if form.signed_in else portal.anonymous
    url = form.url(portal)

    @settings(SETTINGS, max_examples=examples(form.examples))
    @given(data=form_data(form.fields, **form.extra))
    def run(data: dict) -> None:
        if form.method == "GET":
            response = client.get(url, query_string=data)
        else:
            body, content_type = _multipart(data)
            response = client.post(url, data=body, content_type=content_type)
        count(response)
        assert_typing_kept(response, form.fields, data)

    run()


def _reset_token(portal: Portal) -> str:
    from reference_portal import clock, db
    from reference_portal.models import Candidate
    from reference_portal.rules import recovery as recovery_rules

    with portal.app.test_request_context():
        candidate = db.session().query(Candidate).first()
        captured = {}
        original = recovery_rules.queue_mail
        recovery_rules.queue_mail = lambda to, subject, body: captured.setdefault("body", body)
        try:
            recovery_rules.issue_reset_link(candidate, candidate.email, clock.now())
            db.session().commit()
        finally:
            recovery_rules.queue_mail = original
    return re.search(r"/mot-de-passe/nouveau/([A-Za-z0-9_-]+)", captured["body"])[1]


# --- the control API, from its specification ----------------------------------------------------------

SCHEMA = schemathesis.openapi.from_path(OPENAPI)
API_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("fuzz-api"), PASSWORD_HASHING="cheapest")


def test_control_api_matches_its_specification(api_app):
    """Every operation in turn, in one test: ``SCHEMA.parametrize()`` gives its items one node id, which
    pytest-xdist takes for one test, so under ``make test`` only the first operation was fuzzed."""
    operations = [result.ok() for result in SCHEMA.get_all_operations()]
    assert len(operations) >= 10

    def from_loopback(environ, start_response):  # noqa: ANN001, ANN202
        # Schemathesis's WSGI calls name no peer; the control API answers loopback peers only.
        return api_app({**environ, "REMOTE_ADDR": environ.get("REMOTE_ADDR") or "127.0.0.1"}, start_response)

    for operation in operations:

        @settings(SETTINGS, max_examples=examples(130))
        @given(case=operation.as_strategy())
        def fuzz(case) -> None:
            REQUESTS["api"] += 1
            case.call_and_validate(app=from_loopback, headers={"Authorization": f"Bearer {TOKEN}"}, checks=API_CHECKS)

        try:
            fuzz()
        except Exception as failure:
            failure.add_note(f"operation: {operation.method.upper()} {operation.path}")
            raise


def test_control_api_refuses_a_wrong_token_for_every_operation(api_app):
    client = api_app.test_client()
    operations = [result.ok() for result in SCHEMA.get_all_operations()]
    for operation in operations:
        path = "/__conformance__/v1" + re.sub(r"\{[^}]+\}", "1", operation.path)
        response = client.open(path, method=operation.method.upper(), headers={"Authorization": "Bearer faux"})
        assert response.status_code == 401 and response.get_json() == {"error": "missing or wrong bearer token"}
    assert len(operations) >= 10


@pytest.fixture(autouse=True)
def _note_done(request):
    yield
    DONE.add(request.node.nodeid)


def test_enough_requests_were_generated(request):
    fuzzing = {"test_forms_never_fail_and_keep_the_typing", "test_control_api_matches_its_specification"}
    selected = {item.nodeid for item in request.session.items if item.originalname in fuzzing}
    if {item.originalname for item in request.session.items} & fuzzing != fuzzing:
        pytest.skip("only part of the fuzzing was selected")
    if not selected <= DONE:  # pytest-xdist spread them: `make test` keeps a file on one worker (--dist loadfile)
        pytest.skip("the fuzzing tests ran in several processes: their requests cannot be added up here")
    total = REQUESTS["forms"] + REQUESTS["api"]
    print(f"generated requests: {REQUESTS}")
    assert total >= MINIMUM_REQUESTS * min(1.0, SCALE), REQUESTS
