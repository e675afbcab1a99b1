"""Portals without a control API: accounts and openings made beforehand and listed in the profile.

The capability tags are checked against what each scenario's steps really use; the pools split between
workers and run out as « not testable »; and a run against a portal without its control API passes the
scenarios that only need an account or an opening, with the rest not testable, and no password in sight.
"""

import importlib
import inspect
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from _pytest.fixtures import FixtureFunctionDefinition
from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

from fixtures.control import ControlClient
from fixtures.data import People
from fixtures.portal import ReferencePortal, Target
from fixtures.provision import Provisioner, provisioned_profile
from harness.paths import FEATURES_DIR, PROFILES_DIR, STEPS_DIR
from harness.profile import ProfileError, load_profile

SERVE = [sys.executable, "-m", "harness.cli", "serve"]
NO_CONTROL = PROFILES_DIR / "reference-no-control.toml"


# -- the tags say what the steps use ------------------------------------------------------------------------
def _fixture_functions() -> dict:
    modules = [importlib.import_module(f"steps.{p.stem}") for p in sorted(STEPS_DIR.glob("*.py"))
               if p.stem not in {"__init__", "conftest", "test_guide"}]
    modules += [importlib.import_module(m) for m in ("fixtures.portal", "fixtures.data", "fixtures.provision")]
    found = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, FixtureFunctionDefinition) and not value.name.startswith("pytestbdd"):
                found.setdefault(value.name, value._fixture_function)
    return found


def _reached(func, fixtures: dict, seen: set[str]) -> set[str]:
    """Every fixture a step function asks for, directly or through other fixtures."""
    for name in inspect.signature(func).parameters:
        if name not in seen:
            seen.add(name)
            if name in fixtures:
                _reached(fixtures[name], fixtures, seen)
    return seen


def _scenarios():
    """(label, tags, the fixtures its steps reach) for every scenario, with each outline's examples filled in."""
    from pytest_bdd.steps import step_function_context_registry

    fixtures = _fixture_functions()
    contexts = list(step_function_context_registry.values())
    kinds = {"Context": "given", "Action": "when", "Outcome": "then"}
    for path in sorted(FEATURES_DIR.glob("*.feature")):
        feature = Parser().parse(TokenScanner(path.read_text(encoding="utf-8")))["feature"]
        background: list[dict] = []
        for child in feature["children"]:
            if "background" in child:
                background = child["background"]["steps"]
                continue
            scenario = child["scenario"]
            rows = [{}]
            for examples in scenario.get("examples", []):
                header = [cell["value"] for cell in examples["tableHeader"]["cells"]]
                rows = [dict(zip(header, [c["value"] for c in row["cells"]], strict=True))
                        for row in examples["tableBody"]]
            used: set[str] = set()
            for row in rows:
                kind = None
                for step in background + scenario["steps"]:
                    kind = kinds.get(step["keywordType"], kind)
                    text = step["text"]
                    for key, value in row.items():
                        text = text.replace(f"<{key}>", value)
                    matching = [c for c in contexts if c.type in (kind, None) and c.parser.is_matching(text)]
                    assert matching, f"{path.name}: no step definition for {kind} {text!r}"
                    _reached(matching[0].step_func, fixtures, used)
            tags = {t["name"][1:] for t in scenario["tags"] + feature["tags"]}
            yield f"{path.name}:{scenario['location']['line']} {scenario['name']}", tags, used


def test_each_scenario_is_tagged_with_what_its_steps_use():
    scenarios = list(_scenarios())
    assert len(scenarios) > 50
    wrong = []
    for label, tags, used in scenarios:
        if ("control" in used) != ("needs-control-api" in tags):
            wrong.append(f"{label}: uses the control API: {'control' in used}, tagged @needs-control-api: "
                         f"{'needs-control-api' in tags}")
        if "control" not in used and ("provision" in used) != ("needs-accounts" in tags):
            wrong.append(f"{label}: only needs accounts/openings, so is tagged @needs-accounts, not otherwise")
        if "needs-accounts" in tags and "needs-control-api" in tags:
            wrong.append(f"{label}: @needs-accounts says the control API is not needed")
        if ("mail" in used) != ("needs-mail" in tags):
            wrong.append(f"{label}: reads mail: {'mail' in used}, tagged @needs-mail: {'needs-mail' in tags}")
    assert not wrong, "\n".join(wrong)
    assert sum("needs-accounts" in tags for _, tags, _ in scenarios) >= 20


# -- profiles with provisioned data -------------------------------------------------------------------------
ACCOUNT = """
[[accounts]]
kind = "complete"
user_code = "{code}"
password = "pw-{code}"
email = "{code}@exemple.org"
first_name = "Anne"
last_name = "Martin"
"""
OPENING = """
[[openings]]
kind = "accepting"
number = "25-IT-{n}"
title = "Spécialiste {n}"
description = "Conçoit les systèmes {n}."
prescreening_questions = ["Maîtrisez-vous l'anglais ?"]
"""


def profile_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "provisioned.toml"
    path.write_text(f'extends = "{NO_CONTROL}"\nname = "provisioned"\n{text}', encoding="utf-8")
    return path


def test_provisioned_accounts_and_openings_load(tmp_path):
    path = profile_with(tmp_path, ACCOUNT.format(code="a1") + ACCOUNT.format(code="a2") + OPENING.format(n=1))
    profile = load_profile(path)
    assert [a.user_code for a in profile.accounts] == ["a1", "a2"]
    assert profile.openings[0].number == "25-IT-1"
    assert profile.openings[0].prescreening_questions == ("Maîtrisez-vous l'anglais ?",)
    assert "pw-a1" not in repr(profile) and profile.secrets() == ["pw-a1", "pw-a2"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (ACCOUNT.format(code="a1").replace('"complete"', '"full"'), "accounts[0].kind"),
        (ACCOUNT.format(code="a1").replace('password = "pw-a1"', ""), "accounts[0].password"),
        (ACCOUNT.format(code="a1").replace('first_name = "Anne"', 'first_name = ""'), "accounts[0].first_name"),
        (ACCOUNT.format(code="a1") + 'phone = "1"\n', "accounts[0].phone"),
        (ACCOUNT.format(code="a1") * 2, "accounts[1].user_code"),
        (OPENING.format(n=1).replace('number = "25-IT-1"', "number = 7"), "openings[0].number"),
        (OPENING.format(n=1).replace('["Maîtrisez-vous l\'anglais ?"]', '"oui"'),
         "openings[0].prescreening_questions"),
        ('accounts = "all of them"\n', "accounts"),
        ("[timing]\nsession_timeout_seconds = 0\n", "timing.session_timeout_seconds"),
        ("[timing]\nsession_timeout_seconds = 6\nsession_warning_seconds = 8\n", "timing.session_warning_seconds"),
        ("[timing]\nsession_timeout = 6\n", "timing.session_timeout"),
    ],
)
def test_malformed_provisioned_data_is_refused_naming_file_key_and_expectation(tmp_path, text, key):
    path = profile_with(tmp_path, text)
    with pytest.raises(ProfileError) as refused:
        load_profile(path)
    message = str(refused.value)
    assert str(path) in message and f"'{key}'" in message and "expected" in message


def test_the_vendor_template_is_a_valid_profile_as_shipped():
    path = PROFILES_DIR / "vendor-template.toml"
    profile = load_profile(path)
    text = path.read_text(encoding="utf-8")
    assert profile.accounts and profile.openings and profile.timing.session_timeout_seconds == 1200
    assert text.count("CHANGE-ME") >= len(profile.accounts) + len(profile.openings)
    # Every key the harness reads is there, each with a comment saying what it is.
    for key in ("base_url", "locale", "[capabilities]", "control_api", "clock", "mail", "[labels]", "[fields]",
                "[[accounts]]", "[[openings]]", "[timing]", "session_timeout_seconds", "real_time_tolerance_seconds"):
        assert key in text, key
    commented = [line for line in text.splitlines() if line.strip().startswith("#")]
    assert len(commented) > 40


# -- pools: split between workers, used once, not testable when empty -------------------------------------
def test_pools_split_between_workers_are_used_once_and_run_out_as_not_testable(tmp_path):
    profile = load_profile(profile_with(tmp_path, "".join(ACCOUNT.format(code=f"a{i}") for i in range(5))))
    target = Target("http://portal.invalid", profile, frozenset())
    workers = [Provisioner(target, People(seed=1), (index, 2)) for index in (0, 1)]
    taken = [[w.candidate("complete")["user_code"] for _ in range(n)] for w, n in zip(workers, (3, 2), strict=True)]
    assert taken == [["a0", "a2", "a4"], ["a1", "a3"]]
    with pytest.raises(pytest.skip.Exception) as skipped:
        workers[1].candidate("complete")
    message = str(skipped.value)
    assert message.startswith("not testable: missing capability: accounts")
    assert '[[accounts]] of kind "complete"' in message and "provisioned.toml" in message
    with pytest.raises(pytest.skip.Exception, match=r'\[\[openings\]\] of kind "accepting"'):
        workers[0].opening("accepting")


# -- end to end: the same portal, its control API used only to make the data, then not offered -------------
SELECTION = (
    "se_connecte_à_inspira or montre_les_questions_de_présélection_de_loffre or aucun_cookie "
    "or répondre_aux__questions_de_présélection or tt_moment or le_site_carrières_offre"
)


@pytest.mark.slow
def test_a_portal_without_control_api_passes_with_provisioned_data(tmp_path):
    token = secrets.token_hex(16)
    with ReferencePortal(tmp_path / "portal", control_token=token, launcher=SERVE) as portal:
        profile = provisioned_profile(
            ControlClient(portal.base_url, token), People(), NO_CONTROL, "reference-provisioned",
            accounts={"complete": 3, "empty": 1}, openings={"accepting": 1},
        )
        profile_path = tmp_path / "provisioned.toml"
        profile_path.write_text(profile, encoding="utf-8")
        passwords = load_profile(profile_path).secrets()
        result = subprocess.run(
            [sys.executable, "-m", "harness.cli", "run", "--base-url", portal.base_url, "--profile",
             str(profile_path), "--report-dir", str(tmp_path / "reports"), "--", "-k", SELECTION],
            capture_output=True, text=True, timeout=300, check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    output = result.stdout + result.stderr
    report = json.loads((tmp_path / "reports" / "latest" / "report.json").read_text(encoding="utf-8"))
    outcomes = {s["name"]: (s["outcome"], s.get("message") or "") for s in report["scenarios"]}

    def outcome(words: str) -> tuple[str, str]:
        [found] = [value for name, value in outcomes.items() if words in name]
        return found

    assert result.returncode == 1, output  # not testable blocks certification
    assert report["summary"]["failed"] == report["summary"]["error"] == 0, outcomes
    for words in ("se connecte à inspira", "aucun cookie", "Le site Carrières offre"):
        assert outcome(words)[0] == "passed", (words, outcomes)
    # Needs the control API (openings published at given dates): not testable, and says why.
    assert outcome("« Tt moment » montre")[0] == "not_testable"
    assert "missing capability: control_api" in outcome("« Tt moment » montre")[1]
    # One opening for two scenarios that each need one: the first passes, the second is told why it cannot.
    with_opening = [outcome("montre les questions de présélection"), outcome("Répondre aux « Questions")]
    assert sorted(o for o, _ in with_opening) == ["not_testable", "passed"], with_opening
    [(_, why)] = [o for o in with_opening if o[0] == "not_testable"]
    assert 'missing capability: accounts' in why and '[[openings]] of kind "accepting"' in why
    run_dir = tmp_path / "reports" / report["run"]["run_id"]
    for path in run_dir.rglob("*"):
        if path.is_file():
            for password in passwords:
                assert password.encode() not in path.read_bytes(), f"a provisioned password is in {path}"
    assert all(password not in output for password in passwords)
