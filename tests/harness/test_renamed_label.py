"""A portal where one button is renamed fails with a one-line diagnostic: the guide's label, the page, and
the accessible names nearest to it on that page, the new name among them.

The variant is made the way the defect matrix makes its own (tests/mutants/serve_variant.py): the portal's
template text replaced in the serving process only, never a flag the portal ships with.
"""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest

from fixtures.portal import ReferencePortal
from harness.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow

# On each page of a draft, the visible « Enregistrer » reads « Sauvegarder » (the one hidden from assistive
# technology, which only catches Enter, is left alone).
TEMPLATE = PROJECT_ROOT / "reference_portal" / "templates" / "applications" / "step.html"
[VISIBLE_SAVE] = re.findall(r'value="save">[^<]*Enregistrer[^<]*</button>', TEMPLATE.read_text(encoding="utf-8"))
RENAME = (VISIBLE_SAVE, 'value="save">Sauvegarder</button>')

LAUNCHER = f"""
import sys
sys.path.insert(0, {str(PROJECT_ROOT / "tests" / "mutants")!r})
from serve_variant import OverridingLoader
from reference_portal import __main__ as portal_main, server

create_app = server.create_app

def create_renamed_app(config):
    app = create_app(config)
    app.jinja_env.loader = OverridingLoader(app.jinja_env.loader, {{"applications/step.html": ({RENAME!r},)}})
    return app

server.create_app = create_renamed_app
portal_main.main(sys.argv[1:])
"""


def test_a_renamed_button_fails_naming_the_label_the_page_and_the_nearest_names(tmp_path):
    token = secrets.token_hex(16)
    launcher = [sys.executable, "-c", LAUNCHER]
    with ReferencePortal(tmp_path / "portal", control_token=token, launcher=launcher) as portal:
        result = subprocess.run(
            [sys.executable, "-m", "harness.cli", "run", "--base-url", portal.base_url, "--control-token", token,
             "--report-dir", str(tmp_path / "reports"), "--", "-k", "enregistrer_puis_fermer"],
            capture_output=True, text=True, timeout=300, check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    output = result.stdout + result.stderr
    report = json.loads((tmp_path / "reports" / "latest" / "report.json").read_text(encoding="utf-8"))
    assert result.returncode == 1 and report["verdict"] == "NOT CONFORMANT", output
    [scenario] = report["scenarios"]
    assert scenario["outcome"] == "failed", scenario
    message = scenario["message"]
    assert "\n" not in message, message
    page = re.escape(portal.base_url) + r"/\S+"
    diagnostic = re.search(rf"« Enregistrer » \(button\) not found on ({page}); nearest: (.+?)"
                           r"(?:; other [a-z ]+s here: .*?)?(?:; profile: .*)?$",
                           message)
    assert diagnostic, message
    nearest = re.findall(r"« ([^»]+) »", diagnostic[2])
    assert nearest[0] == "Sauvegarder", message  # the renamed button first: same role, closest name
    # The failing step is the one that looked for the label; the requirement it states is failed.
    [failed_step] = [s for s in scenario["steps"] if s["status"] == "failed"]
    assert failed_step["text"] == "je clique sur le bouton « Enregistrer »"
    assert "REQ-DRA-03" in {r["id"] for r in report["requirements"] if r["verdict"] == "failed"}
