"""Fixtures for the reference portal's own tests: app → client → helpers (control API, signed-in candidate)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient

from .support import Control, MailBox, free_port, login, make_app


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The portal with its own database; CSRF off so tests post forms directly (test_csrf keeps it on)."""
    return make_app(tmp_path)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def control(client: FlaskClient) -> Control:
    return Control(client)


@pytest.fixture
def candidate(control: Control, client: FlaskClient) -> dict:
    """A signed-in candidate with a complete profile."""
    person = control.candidate("complete")
    login(client, person)
    return person


@pytest.fixture
def mailbox() -> Iterator[tuple[MailBox, int]]:
    """An SMTP sink on a free local port: (what arrived, port)."""
    box = MailBox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()
