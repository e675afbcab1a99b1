"""Nothing lost, nothing twice: mail goes through the outbox; one transaction per action.

The SMTP sink is started on a port only once the test wants the server "back up", so the same address is
first refused and then answered, as when a real mail server restarts.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from reference_portal import db, mail, messages
from reference_portal.models import Application, OutgoingMail
from reference_portal.rules.statuses import Status

from .support import Control, MailBox, free_port, login, make_app
from .test_applications import fill_everything, start
from .test_offline_form import VALUES as OFFLINE_VALUES
from .test_offline_form import download, filled, upload


class Sink:
    """An SMTP server at a fixed port that can be brought down and up again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.box = MailBox()
        self.controller: Controller | None = None

    def up(self) -> None:
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def down(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def sink():
    server = Sink()
    yield server
    server.down()


@pytest.fixture
def portal(tmp_path, sink):
    """(app, client, control, candidate signed in) with SMTP pointing at ``sink`` (down to begin with)."""
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=sink.port, MAIL_RETRY_SECONDS=0)
    client = app.test_client()
    control = Control(client)
    person = control.candidate("complete")
    login(client, person)
    return app, client, control, person


def ready_to_submit(client, control) -> tuple[dict, str]:
    opening = control.opening(prescreening_questions=["Parlez-vous anglais ?"])
    base = start(client, opening)
    fill_everything(client, base)
    return opening, base


def outbox(app) -> list[OutgoingMail]:
    with app.app_context():
        return list(db.session().execute(select(OutgoingMail).order_by(OutgoingMail.id)).scalars())


def deliver(app) -> int:
    with app.app_context():
        return mail.deliver_pending()


def test_submission_succeeds_with_smtp_down_and_its_confirmation_arrives_once_when_back(portal, sink):
    app, client, control, person = portal
    opening, base = ready_to_submit(client, control)
    done = client.post(base + "/conditions", data={"accept": "yes"})
    assert done.status_code == 303 and done.headers["Location"] == base + "/confirmation"
    assert control.applications(person["id"])[0]["status"] == "Postulé"
    [queued] = outbox(app)
    assert queued.sent_at is None and queued.attempts == 1 and "ConnectionRefused" in queued.last_error
    assert deliver(app) == 0 and sink.box.messages == []  # still down: kept for later
    sink.up()
    assert deliver(app) == 1
    assert deliver(app) == 0  # already sent: never again
    client.get("/accueil")  # later requests do not resend it either
    [arrived] = sink.box.messages
    assert arrived["To"] == person["email"]
    assert arrived["Subject"] == messages.confirmation_subject(opening["number"])
    assert outbox(app)[0].sent_at is not None


def test_mail_is_sent_right_after_the_action_when_smtp_is_up(portal, sink):
    app, client, control, person = portal
    sink.up()
    _, base = ready_to_submit(client, control)
    client.post(base + "/conditions", data={"accept": "yes"})
    assert len(sink.box.messages) == 1 and outbox(app)[0].sent_at is not None


def test_racing_senders_send_each_message_once(portal, sink):
    app, client, control, person = portal
    with app.app_context():
        for number in range(8):
            mail.queue_mail(f"n{number}@exemple.org", f"Message {number}", "Corps")
        db.session().commit()
    sink.up()
    with ThreadPoolExecutor(max_workers=6) as pool:
        counts = list(pool.map(lambda _: deliver(app), range(6)))
    assert sum(counts) == 8
    assert sorted(m["Subject"] for m in sink.box.messages) == [f"Message {n}" for n in range(8)]


def test_the_background_sender_delivers_what_waited(portal, sink):
    app, client, control, person = portal
    _, base = ready_to_submit(client, control)
    client.post(base + "/conditions", data={"accept": "yes"})
    sink.up()
    stop = threading.Event()
    thread = mail.start_background_sender(app, stop, interval=0.05)
    try:
        # Waits for the message itself; the bound only keeps a broken sender from hanging the run.
        sink.box.arrived.wait(timeout=300)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert len(sink.box.messages) == 1


def test_a_crash_before_answering_leaves_the_application_a_draft_and_no_mail(portal, sink, monkeypatch):
    app, client, control, person = portal
    sink.up()
    _, base = ready_to_submit(client, control)

    def crash(*args, **kwargs):
        raise RuntimeError("the process died here")

    monkeypatch.setattr(messages, "confirmation_body", crash)
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 500
    [stored] = control.applications(person["id"])
    assert stored["status"] == Status.DRAFT and stored["submitted_at"] is None
    assert outbox(app) == [] and sink.box.messages == []
    monkeypatch.undo()
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 303  # and it can still be done
    assert len(sink.box.messages) == 1


def test_a_crash_while_creating_a_draft_from_the_offline_form_stores_no_part_of_it(portal, monkeypatch):
    app, client, control, person = portal
    from reference_portal.rules import sections

    stored_sections = []
    real_store = sections.store

    def store_then_crash(section, application, values):
        real_store(section, application, values)
        stored_sections.append(section.key)
        if len(stored_sections) == 2:
            raise RuntimeError("the process died here")

    monkeypatch.setattr(sections, "store", store_then_crash)
    form = filled(download(client), OFFLINE_VALUES)
    assert upload(client, form).status_code == 500
    assert stored_sections == ["education", "experience"] and control.applications(person["id"]) == []
    with app.app_context():
        assert db.session().execute(select(func.count(Application.id))).scalar_one() == 0


def test_any_request_sweeps_the_outbox_once_a_minute(portal, sink, monkeypatch):
    app, client, control, person = portal
    _, base = ready_to_submit(client, control)
    client.post(base + "/conditions", data={"accept": "yes"})
    sink.up()
    client.get("/accueil")
    assert sink.box.messages == []  # swept less than a minute ago
    monkeypatch.setattr(mail, "SWEEP_SECONDS", 0.0)
    client.get("/accueil")
    assert len(sink.box.messages) == 1


def test_job_alerts_wait_in_the_outbox_while_smtp_is_down_and_arrive_once(portal, sink):
    app, client, control, person = portal
    data = {"name": "Juristes", "mots_cles": "juriste", "periode": "tout", "alert": "yes",
            "alert_email": "juriste@exemple.org"}
    assert client.post("/emplois/recherches-enregistrees/nouvelle", data=data).status_code in (302, 303)
    opening = control.opening(title="Juriste", posted_at="2999-01-01T00:00:00+00:00")
    assert control.call("POST", f"/openings/{opening['id']}/publish")["alerts_sent"] == 1
    [queued] = outbox(app)
    assert queued.to_address == "juriste@exemple.org" and queued.sent_at is None  # SMTP down: kept
    sink.up()
    assert deliver(app) == 1 and deliver(app) == 0
    [arrived] = sink.box.messages
    assert arrived["To"] == "juriste@exemple.org" and opening["number"] in arrived["Subject"]



def test_mail_leaves_even_when_the_server_skips_closing_the_answer(tmp_path, sink):
    """Werkzeug's server skips closing a response when the client resets the connection while the server
    drains the rest of the request (Chromium does, after a form POST answered by a redirect): it reports the
    drop instead, and the mail the action queued must leave then, not wait for the next sweep."""
    from werkzeug.test import EnvironBuilder

    from reference_portal.server import RequestHandler

    sink.up()
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=sink.port)
    person = Control(app.test_client()).candidate("complete")
    environ = EnvironBuilder(  # « Code utilisateur oublié »: a page whose mail leaves after its answer
        path="/code-utilisateur-oublie", method="POST", data={"email": person["email"]},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    ).get_environ()
    answer = app(environ, lambda status, headers, exc_info=None: None)
    assert b"<html" in b"".join(answer).lower()  # the answer is sent, and, as on a reset, never closed
    [queued] = outbox(app)
    assert queued.sent_at is None and sink.box.messages == []
    RequestHandler.connection_dropped(None, ConnectionResetError(104, "Connection reset by peer"), environ)
    assert [m["To"] for m in sink.box.messages] == [person["email"]]
    RequestHandler.connection_dropped(None, ConnectionResetError(104, "Connection reset by peer"), environ)
    answer.close()  # a close after all (or a second report) sends nothing twice
    assert len(sink.box.messages) == 1 and outbox(app)[0].sent_at is not None


def test_the_control_publication_answers_once_its_alerts_have_left(tmp_path, sink):
    """The contract says the alerts have left when the publication answers: a scenario proves that an opening
    got no alert by looking at the mail sink right after publishing it. Each alert is held by the publishing
    request, so no other sender sweeping the outbox meanwhile can take it and send it later."""
    sink.up()
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=sink.port)
    client = app.test_client()
    control = Control(client)
    login(client, control.candidate("complete"))
    for name, words in (("Juristes", "juriste"), ("Tout", "")):
        data = {"name": name, "mots_cles": words, "periode": "tout", "alert": "yes",
                "alert_email": f"{name}@exemple.org"}
        assert client.post("/emplois/recherches-enregistrees/nouvelle", data=data).status_code in (302, 303)
    opening = control.opening(title="Juriste", posted_at="2999-01-01T00:00:00+00:00")
    swept = []
    held = mail.deliver_held

    def sweep_first(rows):  # another request sweeps the outbox between the commit and the held delivery
        swept.append(mail.deliver_pending())
        return held(rows)

    mail.deliver_held = sweep_first
    try:
        published = control.call("POST", f"/openings/{opening['id']}/publish")
    finally:
        mail.deliver_held = held
    assert published["alerts_sent"] == 2
    assert swept == [0], "a sweep took an alert the publication holds"
    assert sorted(m["To"] for m in sink.box.messages) == ["Juristes@exemple.org", "Tout@exemple.org"]
    assert all(row.sent_at is not None and row.attempts == 1 for row in outbox(app))
