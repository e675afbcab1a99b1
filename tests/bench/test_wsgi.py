"""reference_portal.wsgi: the portal for gunicorn, configured from the environment."""

from __future__ import annotations

import pytest

from reference_portal import wsgi

KEY = "k" * 32


def test_the_secret_key_is_required_so_that_every_process_signs_alike():
    with pytest.raises(wsgi.ConfigurationError, match="INSPIRA_SECRET_KEY"):
        wsgi.config_from_environment({})
    with pytest.raises(wsgi.ConfigurationError, match="INSPIRA_SECRET_KEY"):
        wsgi.config_from_environment({"INSPIRA_SECRET_KEY": "short"})


def test_variables_become_configuration():
    config = wsgi.config_from_environment({
        "INSPIRA_SECRET_KEY": KEY, "INSPIRA_DATABASE_URL": "postgresql+psycopg://u@h/db",
        "INSPIRA_CONTROL_TOKEN": "t", "INSPIRA_PUBLIC_URL": "https://p.example",
        "INSPIRA_SMTP": "127.0.0.1:2525", "INSPIRA_SESSION_TIMEOUT": "600",
    })
    assert config["DATABASE_URL"] == "postgresql+psycopg://u@h/db"
    assert (config["SMTP_HOST"], config["SMTP_PORT"], config["SESSION_TIMEOUT_SECONDS"]) == ("127.0.0.1", 2525, 600)
    assert config["CONTROL_TOKEN"] == "t" and config["SECRET_KEY"] == KEY


@pytest.mark.parametrize("variable, value", [("INSPIRA_SMTP", "nowhere"), ("INSPIRA_SESSION_WARNING", "10 min")])
def test_a_malformed_variable_is_named(variable, value):
    with pytest.raises(wsgi.ConfigurationError, match=variable):
        wsgi.config_from_environment({"INSPIRA_SECRET_KEY": KEY, "INSPIRA_PUBLIC_URL": "http://p", variable: value})


def test_two_processes_with_the_same_key_accept_each_others_sessions(tmp_path):
    environ = {"INSPIRA_SECRET_KEY": KEY, "INSPIRA_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}",
               "INSPIRA_PUBLIC_URL": "http://localhost"}
    first, second = wsgi.make_app(environ), wsgi.make_app(environ)
    assert "control" not in first.blueprints  # no token, no control API
    with first.test_client() as client:
        client.get("/connexion")
        cookie = client.get_cookie("session")
    assert cookie is not None
    with second.test_client() as client:
        client.set_cookie("session", cookie.value)
        assert client.get("/health").status_code == 200
        with client.session_transaction() as session:
            assert session.get("csrf_token")  # what the first process stored, read by the second
