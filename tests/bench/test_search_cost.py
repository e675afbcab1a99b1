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
    body = text(client.get("/emplois", query_string={"mots_cles": "7"}))
    found = re.search(r"(\d+) résultat\(s\)", body)
    assert found and 0 < int(found.group(1)) < 50 and body.count("Poste ") == int(found.group(1))
    assert not [s for s in statements if "count(" in s.lower()]


def test_a_renamed_opening_is_found_by_its_new_title(signed_in):
    _, client, control = signed_in
    opening = control.opening(title="Archiviste")
    control.update_opening(opening["id"], title="Géographe")
    assert "1 résultat(s)" in text(client.get("/emplois", query_string={"mots_cles": "GÉOGRAPHE"}))
    assert "Géographe" not in text(client.get("/emplois", query_string={"mots_cles": "archiviste"}))


def plans(app, statements: list[tuple[str, object]]) -> list[str]:
    """SQLite's query plan of each statement that reads openings or their words."""
    lines = []
    with app.app_context():
        raw = db.engine().raw_connection()
        try:
            for statement, parameters in statements:
                if "job_openings" in statement or "opening_words" in statement:
                    rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
                    lines += [row[-1] for row in rows]
        finally:
            raw.close()
    return lines


@pytest.mark.parametrize("query", [
    {},
    {"mots_cles": "statisticien", "periode": "tout"},
    {"mots_cles": "Nairobi", "periode": "30"},
    {"mots_cles": "statisticien bangkok"},
    {"mots_cles": "statisticien nairobi", "page": "2"},
])
def test_a_search_reads_indexes_only_never_the_whole_catalogue_nor_sorts_it(signed_in, query):
    """The cost of a search must not grow with the catalogue: every statement finds its rows through an index in
    the order shown (no table scan, no sort of what matched), other words by their whole key."""
    app, client, control = signed_in
    for i in range(60):
        control.opening(title=f"Statisticien {i}", duty_station="Nairobi")
    statements: list[tuple[str, object]] = []
    with app.app_context():
        event.listen(db.engine(), "before_cursor_execute",
                     lambda conn, cursor, statement, parameters, *rest: statements.append((statement, parameters)))
    assert client.get("/emplois", query_string=query).status_code == 200
    plan = plans(app, statements)
    assert any("opening_words" in line or "job_openings" in line for line in plan), plan
    tables = ("opening_words", "job_openings")
    assert not [line for line in plan if line.startswith("SCAN") and any(table in line for table in tables)], plan
    assert not [line for line in plan if "TEMP B-TREE" in line], plan
    assert not [line for line in plan if "opening_words_2" in line and "job_id=?" not in line], plan


def test_words_are_found_whatever_their_case_accents_or_punctuation_but_whole(signed_in):
    _, client, control = signed_in
    control.opening(title="Économiste principal", duty_station="Addis-Abeba", number="26-ECO-ECONET-412345-R-ADDIS (R)")
    for keywords in ("economiste", "ÉCONOMISTE addis", "Addis-Abeba", "412345", "26-ECO-ECONET-412345-R-ADDIS (R)"):
        assert "1 résultat(s)" in text(client.get("/emplois", query_string={"mots_cles": keywords})), keywords
    # A word is matched whole: a fragment finds nothing, and every word must be there.
    for keywords in ("econom", "économiste genève"):
        assert "0 résultat(s)" in text(client.get("/emplois", query_string={"mots_cles": keywords})), keywords


def test_past_the_cap_the_count_says_more_than_and_pages_still_follow(signed_in, monkeypatch):
    from reference_portal.rules import search

    _, client, control = signed_in
    monkeypatch.setattr(search, "COUNT_CAP", 5)
    monkeypatch.setattr(search, "PAGE_SIZE", 4)
    for i in range(12):
        control.opening(title=f"Traducteur {i}")
    first = text(client.get("/emplois", query_string={"mots_cles": "traducteur"}))
    assert "Plus de 5 résultats" in first and "Page 1" in first and "Page suivante" in first
    assert "Page 1 sur" not in first
    last = text(client.get("/emplois", query_string={"mots_cles": "traducteur", "page": 3}))
    assert "12 résultat(s)" in last and "Page 3 sur 3" in last and "Page suivante" not in last
