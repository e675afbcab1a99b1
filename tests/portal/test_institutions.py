"""Look-up fields: the institutions list, the look-up pages, and the « Enregistrer » warning (3.vii, 4.viii, FAQ x)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from html import unescape
from urllib.parse import quote

from sqlalchemy import text as sql

from reference_portal import db, messages
from reference_portal.rules import lookups
from reference_portal.rules.lookups import DATA_FILE, OTHER_INSTITUTION, normalize

from .support import text
from .test_applications import start

INVALID = "Université imaginaire de Nulle-Part"


def rows() -> list[dict[str, str]]:
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def education(control, candidate) -> dict:
    return control.applications(candidate["id"])[0]["sections"]["education"][0]


def chosen_names(html: str) -> list[str]:
    return [unescape(n) for n in re.findall(r'Choisir<span class="visually-hidden"> ([^<]+)</span>', html)]


def test_list_is_ours_deterministic_and_large(tmp_path):
    listed = rows()
    assert len(listed) >= 300
    assert all(re.fullmatch(r"IAU-\d{6}", r["id"]) for r in listed)
    assert len({r["id"] for r in listed}) == len(listed) == len({r["name"] for r in listed})
    assert {"id": "IAU-000000", "name": OTHER_INSTITUTION, "country": ""} in listed
    assert sum("Paris" in r["name"] for r in listed) >= 3
    assert {r["country"] for r in listed if r["country"]} <= set(messages.COUNTRIES)
    # The script gives the same file again.
    script = DATA_FILE.with_name("make_institutions.py")
    copy = tmp_path / "make_institutions.py"
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True)
    assert (tmp_path / "institutions.csv").read_text(encoding="utf-8") == DATA_FILE.read_text(encoding="utf-8")


def test_list_survives_a_reset(app, control):
    control.call("POST", "/reset", expect=204)
    with app.test_request_context():
        found, total = lookups.LISTS["institutions"].search("equals", OTHER_INSTITUTION)
    assert total == 1 and found[0].id == "IAU-000000"


def test_search_is_bounded_and_indexed(app):
    with app.test_request_context():
        found, total = lookups.LISTS["institutions"].search("starts", "")
        assert total == len(rows()) and len(found) == lookups.PAGE_SIZE
        found, total = lookups.LISTS["institutions"].search("contains", "paris")
        assert total == len(found) == sum("Paris" in r["name"] for r in rows())
        # « % » and « _ » are searched as themselves, not as wildcards.
        assert lookups.LISTS["institutions"].search("contains", "%")[1] == 0
        query = sql("EXPLAIN QUERY PLAN SELECT id FROM institutions WHERE search_name = 'x'")
        plan = " ".join(str(r) for r in db.session().execute(query))
    assert "ix_institutions_search_name" in plan


def test_section_shows_lookup_field_with_icon(client, candidate):
    base = start(client)
    html = client.get(base + "/etape/3").get_data(as_text=True)
    assert 'aria-label="Rechercher : Nom de l&#39;établissement"' in html
    assert 'aria-label="Rechercher : Pays de l&#39;établissement"' in html
    assert re.search(r'<input id="institution"[^>]* required[^>]* list="institution-list"', html)
    assert not re.search(r'<input id="institution_country"[^>]* required', html)
    assert f'<option value="{OTHER_INSTITUTION}">' in html


def test_icon_saves_the_section_and_opens_the_lookup(client, candidate, control):
    base = start(client)
    response = client.post(
        base + "/etape/3", data={"institution": "Univ", "field_of_study": "Droit", "lookup": "institution"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == base + "/recherche/institution?q=Univ"
    assert education(control, candidate)["field_of_study"] == "Droit"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    names = chosen_names(page.get_data(as_text=True))
    assert names and all(normalize(n).startswith("univ") for n in names)
    assert "Consultation Avancée" in text(page)


def test_advanced_search_contains_paris_and_choose(client, candidate, control):
    base = start(client)
    advanced = client.get(base + "/recherche/institution?avance=1")
    body = text(advanced)
    assert "Long Description" in body and "Rechercher" in body
    html = advanced.get_data(as_text=True)
    operators = (
        r'<option value="commence par">commence par</option>\s*<option value="contient" selected>contient</option>'
        r'\s*<option value="est égal à">est égal à</option>'
    )
    assert re.search(operators, html)
    results = client.get(base + "/recherche/institution?avance=1&op=contient&q=Paris")
    names = chosen_names(results.get_data(as_text=True))
    assert names and all("Paris" in n for n in names)
    assert len(names) == sum("Paris" in r["name"] for r in rows())
    chosen = next(r for r in rows() if r["name"] == names[0])
    response = client.post(base + "/recherche/institution", data={"choice": chosen["id"]})
    assert response.status_code == 303 and response.headers["Location"].endswith("/etape/3#institution")
    assert education(control, candidate)["institution"] == chosen["name"]
    assert f'value="{chosen["name"]}"' in unescape(client.get(base + "/etape/3").get_data(as_text=True))


def test_other_school_is_found_and_accepted(client, candidate, control):
    base = start(client)
    found = client.get(base + "/recherche/institution?avance=1&op=contient&q=" + quote("cannot find"))
    assert chosen_names(found.get_data(as_text=True)) == [OTHER_INSTITUTION]
    response = client.post(base + "/etape/3", data={"institution": OTHER_INSTITUTION, "action": "save"})
    assert response.status_code == 302
    assert education(control, candidate)["institution"] == OTHER_INSTITUTION


def test_no_result_says_what_to_do(client, candidate):
    base = start(client)
    page = text(client.get(base + "/recherche/institution?avance=1&op=est égal à&q=Paris"))
    assert "0 résultat" in page and "Other/I cannot find my school" in page


def test_invalid_value_warns_keeps_typing_and_saves_the_rest(client, candidate, control):
    base = start(client)
    response = client.post(
        base + "/etape/3",
        data={"institution": INVALID, "degree": "Master", "field_of_study": "Droit", "action": "save"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and messages.lookup_warning("Nom de l'établissement") in unescape(html)
    assert f'value="{INVALID}"' in html
    assert "Choisir dans la liste : Nom de l&#39;établissement" in html
    stored = education(control, candidate)
    assert stored["institution"] is None and stored["degree"] == "Master" and stored["field_of_study"] == "Droit"
    # « Suivant » does not leave the section either.
    assert client.post(base + "/etape/3", data={"institution": INVALID, "action": "next"}).status_code == 422
    # The warning's button opens the list, searching for what was typed.
    listing = client.post(base + "/etape/3", data={"institution": INVALID, "lookup": "institution"})
    assert listing.status_code == 303 and "/recherche/institution?q=" in listing.headers["Location"]


def test_case_and_accents_take_the_lists_spelling(client, candidate, control):
    base = start(client)
    client.post(base + "/etape/3", data={"institution": "universite de paris", "action": "save"})
    assert education(control, candidate)["institution"] == "Université de Paris"


def test_optional_lookup_may_stay_empty_but_not_hold_a_wrong_value(client, candidate, control):
    base = start(client)
    saved = client.post(base + "/etape/3", data={"institution": "Université de Dakar", "institution_country": "",
                                                 "action": "save"})
    assert saved.status_code == 302
    assert education(control, candidate)["institution_country"] is None
    wrong = client.post(base + "/etape/3", data={"institution_country": "Atlantide", "action": "save"})
    assert wrong.status_code == 422 and "Pays de l&#39;établissement : la valeur saisie" in wrong.get_data(as_text=True)
    right = client.post(base + "/etape/3", data={"institution_country": "Sénégal", "action": "save"})
    assert right.status_code == 302 and education(control, candidate)["institution_country"] == "Sénégal"


def test_lookup_refuses_unknown_choices_fields_and_operators(client, candidate):
    base = start(client)
    assert client.post(base + "/recherche/institution", data={"choice": "IAU-999999x"}).status_code == 400
    assert client.get(base + "/recherche/degree").status_code == 404
    assert client.get(base + "/recherche/institution?avance=1&op=ressemble&q=a").status_code == 400


def test_lookup_of_another_candidate_is_404_and_needs_login(client, control, candidate):
    base = start(client)
    client.post("/deconnexion")
    assert client.get(base + "/recherche/institution").headers["Location"].endswith("/connexion")
    intruder = control.candidate()
    client.post("/connexion", data={"user_code": intruder["user_code"], "password": intruder["password"]})
    assert client.get(base + "/recherche/institution").status_code == 404
    assert client.post(base + "/recherche/institution", data={"choice": "IAU-000000"}).status_code == 404
