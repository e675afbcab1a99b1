"""``inspira-conformance names URL``: a page's roles and accessible names, each beside the profile key naming
it, signed in through the pages or not; a mistake is one line and exit 2, an unreachable page exit 3."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys

import pytest

from fixtures.control import ControlClient
from fixtures.portal import ReferencePortal
from harness.page_names import named_by, render

pytestmark = pytest.mark.slow


def names(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INSPIRA_PASSWORD"}
    if password is not None:
        env["INSPIRA_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "harness.cli", "names", *args], capture_output=True, text=True,
                          timeout=180, check=False, env=env)


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    token = secrets.token_hex(16)
    with ReferencePortal(tmp_path_factory.mktemp("names"), control_token=token) as running:
        yield running, ControlClient(running.base_url, token)


def test_a_public_page_lists_its_names_with_the_keys_that_give_them(portal):
    running, _ = portal
    result = names(running.base_url + "/connexion", "--role", "button")
    assert result.returncode == 0, result.stderr
    first, *rows = result.stdout.splitlines()
    assert first.startswith(running.base_url + "/connexion: ") and "of role button" in first
    assert any(re.fullmatch(r"\s+button\s+« Connexion »\s+← fields\.login_submit", row) for row in rows), rows
    assert all(row.split()[0] == "button" for row in rows)


def test_a_signed_in_page_is_reached_through_the_profiles_sign_in(portal):
    running, control = portal
    candidate = control.create_candidate("complete")
    result = names(running.base_url + "/candidatures", "--sign-in", candidate["user_code"], "--format", "json",
                   password=candidate["password"])
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert page["url"] == running.base_url + "/candidatures"
    assert {"role": "heading", "name": "Mes candidatures", "profile": []} in page["names"]
    assert candidate["password"] not in result.stdout + result.stderr


def test_a_wrong_password_or_none_is_one_line_and_exit_2(portal):
    running, control = portal
    candidate = control.create_candidate("complete")
    wrong = names(running.base_url + "/candidatures", "--sign-in", candidate["user_code"], password="pas-le-bon")
    assert wrong.returncode == 2 and wrong.stdout == "", wrong
    assert len(wrong.stderr.strip().splitlines()) == 1 and "signing in as" in wrong.stderr
    missing = names(running.base_url + "/candidatures", "--sign-in", candidate["user_code"])
    assert missing.returncode == 2 and "INSPIRA_PASSWORD" in missing.stderr and "Traceback" not in missing.stderr


def test_an_address_that_is_not_one_is_exit_2_and_a_closed_port_exit_3(tmp_path):
    assert names("connexion").returncode == 2
    closed = names("http://127.0.0.1:1/")
    assert closed.returncode == 3 and len(closed.stderr.strip().splitlines()) == 1, closed.stderr
    assert "Traceback" not in closed.stderr


def test_per_row_patterns_name_each_row_and_the_role_filter_holds():
    known = [(re.compile(r"^Modifier le dossier n° [0-9]+$"), "fields.draft_edit"), ("Postuler", "the guide's label")]
    assert named_by("Modifier le dossier n° 12", known) == ["fields.draft_edit"]
    assert named_by("Modifier le dossier n° douze", known) == []
    shown = render("u", [("link", "Postuler"), ("button", "Postuler"), ("link", "Postuler")], known, "link", False)
    assert shown.splitlines() == ["u: 1 name(s) of role link", "  link  « Postuler »  ← the guide's label"]
