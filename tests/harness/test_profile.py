from pathlib import Path

import pytest

from harness.paths import PROFILES_DIR
from harness.profile import FIELD_KEYS, ProfileError, load_profile

REFERENCE = PROFILES_DIR / "reference-fr.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "portal.toml"
    path.write_text(text, encoding="utf-8")
    return path


def reference_text(**replace: str) -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def test_the_reference_profile_loads_and_maps_labels_to_themselves():
    profile = load_profile(REFERENCE)
    assert profile.locale == "fr"
    assert profile.label("Postulé") == "Postulé"
    assert {"control_api", "clock", "mail"} <= profile.capabilities
    assert set(FIELD_KEYS) <= set(profile.fields)


def test_label_overrides_are_applied(tmp_path):
    path = write(tmp_path, reference_text(**{"[labels]": '[labels]\n"Postulé" = "Applied"'}))
    assert load_profile(path).label("Postulé") == "Applied"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({'locale = "fr"': 'locale = "de"'}, "locale"),
        ({"clock = true": 'clock = "yes"'}, "capabilities.clock"),
        ({"clock = true": "teleport = true"}, "capabilities.teleport"),
        ({'first_name = "Prénom"\n': ""}, "fields.first_name"),
        ({'name = "reference-fr"': 'name = "reference-fr"\ncolour = "blue"'}, "colour"),
        ({"[labels]": '[labels]\n"Postulé" = ""'}, "labels.Postulé"),
    ],
)
def test_a_malformed_profile_is_refused_naming_file_and_key(tmp_path, change, key):
    path = write(tmp_path, reference_text(**change))
    with pytest.raises(ProfileError) as refused:
        load_profile(path)
    message = str(refused.value)
    assert str(path) in message and f"'{key}'" in message and "expected" in message


def test_invalid_toml_and_missing_files_are_refused(tmp_path):
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(write(tmp_path, "name = "))
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(tmp_path / "absent.toml")


def test_a_profile_extends_another_and_overrides_what_differs(tmp_path):
    no_control = load_profile(PROFILES_DIR / "reference-no-control.toml")
    reference = load_profile(REFERENCE)
    assert no_control.name == "reference-no-control" and no_control.capabilities == frozenset()
    assert no_control.fields == reference.fields and no_control.locale == reference.locale


def test_a_profile_that_extends_itself_is_refused(tmp_path):
    loop = tmp_path / "loop.toml"
    loop.write_text('extends = "loop.toml"\nname = "loop"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="'extends'"):
        load_profile(loop)
