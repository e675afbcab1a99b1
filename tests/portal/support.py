"""Helpers shared by the portal tests (imported by conftest and by test modules)."""

from __future__ import annotations

import os
import re
import secrets
import socket
import threading
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from reference_portal import create_app

TOKEN = "test-token"


def database_url(tmp_path: Path) -> str:
    """A new SQLite file, or with INSPIRA_TEST_POSTGRES_URL (a PostgreSQL server's URL; `make test-postgres
    PG_ARGS=--portal-tests` sets it) a new database on that server."""
    server = os.environ.get("INSPIRA_TEST_POSTGRES_URL")
    if not server:
        return f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    from tests.bench.postgres import create_database

    return create_database(server, f"t_{secrets.token_hex(8)}")


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    """The portal on a new database, its clock held still: time moves only when a test moves it, so no outcome
    depends on how long the machine took to answer (``CLOCK_FROZEN=False`` for a clock that runs)."""
    config = {
        "DATABASE_URL": database_url(tmp_path),
        "SECRET_KEY": "test",
        "CONTROL_TOKEN": TOKEN,
        "WTF_CSRF_ENABLED": False,
        "CLOCK_FROZEN": True,
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = BufferedClient
    return app


class BufferedClient(FlaskClient):
    """Reads each answer whole and closes it, as a server does once it is sent: what the portal does after the
    answer (deliver the mail it queued) has then happened when the test looks."""

    def open(self, *args: Any, buffered: bool = True, **kwargs: Any) -> Any:
        return super().open(*args, buffered=buffered, **kwargs)


class Control:
    """The test-control API, called through the Flask test client."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {TOKEN}"}

    def call(self, method: str, path: str, body: dict | None = None, expect: int = 200) -> Any:
        response = self.client.open(f"/__conformance__/v1{path}", method=method, json=body, headers=self.headers)
        assert response.status_code == expect, response.get_data(as_text=True)
        return response.get_json()

    def candidate(self, profile: str = "complete", **fields: Any) -> dict:
        return self.call("POST", "/candidates", {"profile": profile, **fields}, expect=201)

    def opening(self, **fields: Any) -> dict:
        fields.setdefault("title", "Spécialiste des systèmes d'information")
        return self.call("POST", "/openings", fields, expect=201)

    def update_opening(self, job_id: int, **fields: Any) -> dict:
        return self.call("PATCH", f"/openings/{job_id}", fields)

    def applications(self, candidate_id: int) -> list[dict]:
        return self.call("GET", f"/candidates/{candidate_id}/applications")["applications"]

    def advance(self, seconds: float) -> dict:
        return self.call("POST", "/clock", {"advance_seconds": seconds})

    def now(self) -> datetime:
        """The portal's time (held still in these tests): what dates made for a test are counted from."""
        return datetime.fromisoformat(self.call("GET", "/clock")["now"].replace("Z", "+00:00"))


def login(client: FlaskClient, candidate: dict) -> None:
    response = client.post("/connexion", data={"user_code": candidate["user_code"], "password": candidate["password"]})
    assert response.status_code == 302 and response.headers["Location"] == "/accueil"


def text(response: Any) -> str:
    """The page's text with tags removed and spaces collapsed, to assert on what a person reads."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&amp;", "&")


@dataclass
class MailBox:
    messages: list[EmailMessage] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)  # set by the first message

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.arrived.set()
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
