"""The offline form's format is the portal's choice (readings.offline_form): the harness fills its own CSV
only where the profile says the form is that CSV, and otherwise puts online the vendor's own filled files."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from harness.paths import PROFILES_DIR
from harness.profile import load_profile
from reference_portal.offline_form import blank_form
from steps.drafts import fill_offline_form, upload_offline_form

TABLE = [["section", "champ", "valeur"], ["Formation", "Année d'obtention", "2012"]]
BLANK = "\ufeffSection;Champ;Valeur;Consignes\r\nFormation;Année d'obtention;;aaaa\r\n"


def profile_with_files(tmp_path: Path):
    for name in ("filled.pdf", "malformed.pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4 " + name.encode())
    path = tmp_path / "vendor.toml"
    path.write_text(f'extends = "{PROFILES_DIR / "reference-fr.toml"}"\nname = "vendor"\n[readings]\n'
                    'offline_form = "files"\noffline_form_filled = "filled.pdf"\n'
                    'offline_form_malformed = "malformed.pdf"\n', encoding="utf-8")
    return load_profile(path)


class FakeInput:
    def __init__(self) -> None:
        self.files: list[Path] = []

    def set_input_files(self, path: Path) -> None:
        self.files.append(path)


def fake_driver(profile, field: FakeInput | None = None):
    return SimpleNamespace(profile=profile, named_field=lambda key: field, click_button=lambda label: None)


def test_with_files_the_vendors_filled_or_malformed_form_is_put_online_untouched(tmp_path):
    profile = profile_with_files(tmp_path)
    downloaded = tmp_path / "blank.pdf"
    downloaded.write_bytes(b"%PDF-1.4 blank")
    for kind, sample in ((None, "filled.pdf"), ("des valeurs invalides ", "malformed.pdf")):
        upload: dict[str, Path] = {}
        values = fill_offline_form(fake_driver(profile), downloaded, upload, kind, TABLE)
        assert values == [("Formation", "Année d'obtention", "2012")]
        assert downloaded.read_bytes() == b"%PDF-1.4 blank"
        field = FakeInput()
        upload_offline_form(fake_driver(profile, field), downloaded, upload)
        assert field.files == [(tmp_path / sample).resolve()]


def test_with_the_harness_csv_the_downloaded_form_is_filled_and_put_online(tmp_path):
    profile = load_profile(PROFILES_DIR / "reference-fr.toml")
    downloaded = tmp_path / "formulaire.csv"
    downloaded.write_bytes(BLANK.encode("utf-8"))
    upload: dict[str, Path] = {}
    fill_offline_form(fake_driver(profile), downloaded, upload, None, TABLE)
    assert "Formation;Année d'obtention;2012;aaaa" in downloaded.read_bytes().decode("utf-8-sig")
    field = FakeInput()
    upload_offline_form(fake_driver(profile, field), downloaded, upload)
    assert field.files == [downloaded]


def _vendor_form(values: dict[tuple[str, str], str]) -> bytes:
    """The reference portal's blank form filled the way a vendor's own software would (comma-separated)."""
    rows = list(csv.reader(io.StringIO(blank_form().decode("utf-8-sig"), newline=""), delimiter=";"))
    for row in rows:
        if len(row) > 2 and (row[0], row[1]) in values:
            row[2] = values[(row[0], row[1])]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.slow
def test_a_portal_declaring_its_own_files_passes_the_offline_form_scenarios(tmp_path):
    (tmp_path / "filled.csv").write_bytes(_vendor_form({
        ("Formation", "Nom de l'établissement"): "Université de Dakar", ("Formation", "Année d'obtention"): "2012",
        ("Expérience professionnelle", "Employeur"): "Programme alimentaire mondial",
        ("Connaissances linguistiques", "Langue"): "Espagnol",
    }))
    (tmp_path / "malformed.csv").write_bytes(_vendor_form({
        ("Formation", "Nom de l'établissement"): "Université de Dakar", ("Formation", "Année d'obtention"): "12",
        ("Connaissances linguistiques", "Langue"): "Klingon",
    }))
    profile = tmp_path / "vendor.toml"
    profile.write_text(f'extends = "{PROFILES_DIR / "reference-fr.toml"}"\nname = "vendor-files"\n[readings]\n'
                       'offline_form = "files"\noffline_form_filled = "filled.csv"\n'
                       'offline_form_malformed = "malformed.csv"\n', encoding="utf-8")
    reports = tmp_path / "reports"
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "run", "--profile", str(profile), "--report-dir", str(reports),
         "--", "-k", "hors_ligne or aux_valeurs_invalides"],
        capture_output=True, text=True, timeout=1800, check=False,
    )
    report = json.loads((reports / "latest" / "report.json").read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert [s["outcome"] for s in report["scenarios"]] == ["passed", "passed"]
    assert report["run"]["profile"] == "vendor-files"
