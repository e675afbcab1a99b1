"""The reference portal, French and English, has no serious or critical WCAG 2.1 A/AA violation (axe-core) on
the pages the suite visits: the public pages, the signed-in candidate's, and every page of an application."""

from __future__ import annotations

import pytest

from harness import axe
from reference_portal.rules.sections import SECTIONS

from .live import served
from .support import Control, make_app

PUBLIC = ["/", "/connexion", "/inscription", "/mot-de-passe-oublie", "/code-utilisateur-oublie", "/emplois",
          "/emplois/{opening}", "/contactez-nous"]
SIGNED_IN = ["/accueil", "/manuels", "/profil/coordonnees", "/profil/nationalite-et-residence",
             "/profil/situation-de-famille", "/emplois/{opening}",
             "/emplois/recherches-enregistrees", "/emplois/recherches-enregistrees/nouvelle", "/candidatures",
             "/candidatures/nouvelle", "/candidatures/{draft}/recherche/institution",
             "/candidatures/{draft}/etape/8", "/candidatures/{draft}/conditions", "/contactez-nous",
             *(f"/candidatures/{{draft}}/etape/{s.step}" + (f"/{s.sub}" if s.sub else "") for s in SECTIONS)]
APPLY = "/emplois/{opening}/postuler"
SIGNED_IN.append(APPLY)
BLOCKING = ("critical", "serious")




@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_pages_the_suite_visits_have_no_serious_or_critical_violation(chromium, tmp_path, locale):
    app = make_app(tmp_path, LOCALE=locale)
    control = Control(app.test_client())
    candidate = control.candidate("complete")
    opening = control.opening()
    draft = control.call("POST", f"/candidates/{candidate['id']}/applications", {"opening_id": opening["id"]},
                         expect=201)
    source = axe.load_source()
    found: list[str] = []
    checked = 0
    with served(app) as base:
        context = chromium.new_context(base_url=base, locale="fr-FR" if locale == "fr" else "en-US")
        page = context.new_page()

        def check(paths: list[str]) -> None:
            nonlocal checked
            for path in paths:
                if path == APPLY:  # what « Postuler » answers (a POST): the pre-screening questions
                    page.goto(f"/emplois/{opening['id']}")
                    with page.expect_navigation():
                        page.locator('form[action$="/postuler"] [type="submit"]').click()
                else:
                    response = page.goto(path.format(opening=opening["id"], draft=draft["id"]))
                    # 409: the page refusing an action on an incomplete draft, which the suite meets too.
                    assert response is not None and response.status in (200, 409), f"{path}: {response.status}"
                for violation in axe.scan(page, source)["violations"]:
                    if violation["impact"] in BLOCKING:
                        nodes = "; ".join(f"{n['selector']} {n['html'][:120]}" for n in violation["nodes"][:3])
                        found.append(f"{path}: {violation['rule']} ({violation['impact']}) {nodes}")
                checked += 1

        check(PUBLIC)
        granted = control.call("POST", f"/candidates/{candidate['id']}/sign-in", expect=201)
        context.add_cookies([{**cookie, "url": base} for cookie in granted["cookies"]])
        check(SIGNED_IN)
        context.close()
    assert checked == len(PUBLIC) + len(SIGNED_IN)
    assert found == [], "\n".join(found)
