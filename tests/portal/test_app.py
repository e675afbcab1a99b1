from pathlib import Path

from .support import make_app


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "portal": "inspira reference portal", "version": "0.1.0"}


def test_control_api_absent_without_token(tmp_path: Path):
    client = make_app(tmp_path, CONTROL_TOKEN=None).test_client()
    response = client.post("/__conformance__/v1/reset", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 404


def test_session_cookie_is_httponly_and_lax(client, control):
    person = control.candidate()
    response = client.post("/connexion", data={"user_code": person["user_code"], "password": person["password"]})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_careers_home_links_to_login(client):
    html = client.get("/").get_data(as_text=True)
    assert "<h1>Carrières de l'ONU</h1>" in html.replace("&#39;", "'")
    assert 'href="/connexion">Connexion</a>' in html


def test_secret_key_is_random_when_absent(tmp_path: Path):
    first = make_app(tmp_path, SECRET_KEY=None).config["SECRET_KEY"]
    second = make_app(tmp_path, SECRET_KEY=None).config["SECRET_KEY"]
    assert first and second and first != second


def test_manuals_explain_the_statuses(client):
    page = client.get("/manuels").get_data(as_text=True)
    assert "<h1>Manuels</h1>" in page and "A l'étude" in page and "Pourvu à partir d'une liste" in page
    assert 'href="/manuels"' in client.get("/").get_data(as_text=True)


def test_a_database_of_an_older_portal_is_refused_at_start_naming_what_is_missing(tmp_path):
    import sqlite3

    import pytest

    from reference_portal import create_app
    from reference_portal.db import SchemaOutOfDate

    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as connection:
        connection.execute("CREATE TABLE clock_offset (id INTEGER PRIMARY KEY, offset_seconds FLOAT)")
    with pytest.raises(SchemaOutOfDate, match="clock_offset.frozen_at"):
        create_app({"DATABASE_URL": f"sqlite:///{old}", "TESTING": True})
    # A table added since (an index that would start empty beside existing openings) and a column dropped
    # since (still NOT NULL, it would refuse inserts) are refused the same way.
    made = tmp_path / "made.sqlite3"
    create_app({"DATABASE_URL": f"sqlite:///{made}", "TESTING": True})
    with sqlite3.connect(made) as connection:
        connection.execute("DROP TABLE opening_words")
        connection.execute("ALTER TABLE job_openings ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    with pytest.raises(SchemaOutOfDate, match=r"no longer used: job_openings.search_text; missing: opening_words\)"):
        create_app({"DATABASE_URL": f"sqlite:///{made}", "TESTING": True})
