"""Job search reads the catalogue once when the page it shows is the last one (the total is then known), and
counts only when more pages follow; either way the page says the same total. Also: the searched text kept
beside each opening follows its edits."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from reference_portal import db
from tests.portal.support import Control, login, make_app, text


@pytest.fixture
def signed_in(tmp_path):
    app = make_app(tmp_path)
    client = app.test_client()
    control = Control(client)
    login(client, control.candidate("complete"))
    return app, client, control


def counting(app) -> list[str]:
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine(), "before_cursor_execute",
                     lambda conn, cursor, statement, *rest: statements.append(statement))
    return statements


def test_the_total_is_right_on_every_page_and_counted_only_when_more_pages_follow(signed_in):
    app, client, control = signed_in
    for i in range(120):
        control.opening(title=f"Poste {i}")
    statements = counting(app)
    for page, shown in ((1, 50), (2, 50), (3, 20), (4, 0)):
        del statements[:]
        body = text(client.get("/emplois", query_string={"page": page}))
        assert "120 résultat(s)" in body, (page, body[:300])
        assert body.count("Poste ") == shown, page
        counts = [s for s in statements if "count(" in s.lower()]
        assert len(counts) == (0 if page == 3 else 1), (page, counts)
    del statements[:]
    body = text(client.get("/emplois", query_string={"mots_cles": "Poste 7"}))
    found = re.search(r"(\d+) résultat\(s\)", body)
    assert found and 0 < int(found.group(1)) < 50 and body.count("Poste ") == int(found.group(1))
    assert not [s for s in statements if "count(" in s.lower()]


def test_a_renamed_opening_is_found_by_its_new_title(signed_in):
    _, client, control = signed_in
    opening = control.opening(title="Archiviste")
    control.update_opening(opening["id"], title="Géographe")
    assert "1 résultat(s)" in text(client.get("/emplois", query_string={"mots_cles": "GÉOGRAPHE"}))
    assert "Géographe" not in text(client.get("/emplois", query_string={"mots_cles": "archiviste"}))
