from pathlib import Path

import pytest

from harness.paths import PROFILES_DIR
from harness.profile import FIELD_KEYS, FIELDS, MESSAGE_KEYS, ProfileError, load_profile

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


def test_the_files_a_profile_names_stay_relative_to_it_when_another_extends_it(tmp_path):
    # The alternative portal's profile names its XLSX samples relative to itself; one extending it from
    # elsewhere must still find them.
    alt = load_profile(PROFILES_DIR / "alt-fr.toml")
    mine = tmp_path / "mine.toml"
    mine.write_text(f'extends = "{PROFILES_DIR / "alt-fr.toml"}"\nname = "mine"\n', encoding="utf-8")
    extended = load_profile(mine)
    assert extended.readings["offline_form_filled"] == alt.readings["offline_form_filled"]
    assert extended.readings["offline_form_filled"].is_file()
    (tmp_path / "own.xlsx").write_bytes(b"PK")
    mine.write_text(f'extends = "{PROFILES_DIR / "alt-fr.toml"}"\nname = "mine"\n[readings]\n'
                    'offline_form_filled = "own.xlsx"\n', encoding="utf-8")
    assert load_profile(mine).readings["offline_form_filled"] == (tmp_path / "own.xlsx").resolve()


def test_a_profile_that_extends_itself_is_refused(tmp_path):
    loop = tmp_path / "loop.toml"
    loop.write_text('extends = "loop.toml"\nname = "loop"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="'extends'"):
        load_profile(loop)


def test_the_reference_profiles_declare_the_reference_portals_readings():
    for name in ("reference-fr", "reference-en", "reference-no-control"):
        profile = load_profile(PROFILES_DIR / f"{name}.toml")
        assert profile.reading("user_code") == "candidate" and profile.reading("offline_form") == "csv", name
        assert profile.reading("step_numbers") == "every-page", name
        assert profile.reading("attachment_limit_bytes") == 1_048_576, name
        assert set(profile.messages) == set(MESSAGE_KEYS), name


def test_a_missing_optional_reading_or_message_leaves_only_the_guides_minimum(tmp_path):
    text = reference_text(**{'step_numbers = "every-page"\n': "", "attachment_limit_bytes = 1048576\n": "",
                             'attachment_bad_name = "le nom du fichier"\n': ""})
    profile = load_profile(write(tmp_path, text))
    assert profile.reading("step_numbers") is None and profile.reading("attachment_limit_bytes") is None
    assert profile.message("attachment_bad_name") is None
    assert profile.message("attachment_too_large") == "le fichier fait 1 Mo ou plus"


@pytest.mark.parametrize(
    ("change", "key", "said"),
    [
        ({'user_code = "candidate"\n': ""}, "readings.user_code", ('is missing', '1.iii', '"candidate", "portal"')),
        ({'user_code = "candidate"': 'user_code = "random"'}, "readings.user_code", ("'random'", '"portal"')),
        ({'offline_form = "csv"': 'offline_form = "pdf"'}, "readings.offline_form", ("3.v", '"csv", "files"')),
        ({'offline_form = "csv"': 'offline_form = "files"'}, "readings.offline_form_filled",
         ("is missing", "3.v", "a path to the file")),
        ({'offline_form = "csv"': 'offline_form = "csv"\noffline_form_filled = "x.csv"'},
         "readings.offline_form_filled", ("names", "not a file")),
        ({'step_numbers = "every-page"': 'step_numbers = "some"'}, "readings.step_numbers",
         ("6.i", '"last", "every-page"')),
        ({"attachment_limit_bytes = 1048576": "attachment_limit_bytes = 1048575"},
         "readings.attachment_limit_bytes", ("1048575", "6.vii", "one of 1000000, 1048576")),
        ({"attachment_limit_bytes = 1048576": 'attachment_limit_bytes = "1 Mb"'},
         "readings.attachment_limit_bytes", ("'1 Mb'", "1000000, 1048576")),
    ],
)
def test_a_missing_or_malformed_reading_is_one_line_naming_key_passage_and_choices(tmp_path, change, key, said):
    path = write(tmp_path, reference_text(**change))
    with pytest.raises(ProfileError) as refused:
        load_profile(path)
    message = str(refused.value)
    assert "\n" not in message and str(path) in message and f"'{key}'" in message
    assert "the guide leaves it open" in message and "expected" in message
    for words in said:
        assert words in message, (words, message)


def test_an_unknown_reading_or_message_key_names_the_known_ones(tmp_path):
    with pytest.raises(ProfileError, match=r"'readings.colour'.*user_code, offline_form"):
        load_profile(write(tmp_path, reference_text(**{"[readings]": '[readings]\ncolour = "blue"'})))
    with pytest.raises(ProfileError, match=r"'messages.welcome'.*not_on_roster \(FAQ iii"):
        load_profile(write(tmp_path, reference_text(**{"[messages]": '[messages]\nwelcome = "Bonjour"'})))


def test_offline_form_files_are_read_relative_to_the_profile(tmp_path):
    (tmp_path / "samples").mkdir()
    for name in ("filled.csv", "malformed.csv"):
        (tmp_path / "samples" / name).write_text("x", encoding="utf-8")
    text = reference_text(**{'offline_form = "csv"': 'offline_form = "files"\n'
                             'offline_form_filled = "samples/filled.csv"\n'
                             'offline_form_malformed = "samples/malformed.csv"'})
    profile = load_profile(write(tmp_path, text))
    assert profile.reading("offline_form_filled") == (tmp_path / "samples" / "filled.csv").resolve()


def test_the_mail_wait_comes_from_the_profile_and_a_mail_sink_uses_it(tmp_path):
    from fixtures.mail import MailSink

    assert load_profile(REFERENCE).timing.mail_wait_seconds == 60
    text = reference_text() + "\n[timing]\nmail_wait_seconds = 0.2\n"
    if "[timing]" in reference_text():
        text = reference_text(**{"[timing]": "[timing]\nmail_wait_seconds = 0.2"})
    profile = load_profile(write(tmp_path, text))
    assert profile.timing.mail_wait_seconds == 0.2
    sink = MailSink(wait_seconds=profile.timing.mail_wait_seconds)
    with pytest.raises(pytest.fail.Exception, match="within 0.2 s"):
        sink.wait_for_mail_to("personne@exemple.org")  # nothing arrives: fails after the profile's bound


# -- [fields]: one control per key, each with the guide's passage; per-row patterns; old keys -----------------
def fields_profile(tmp_path: Path, fields: str, drop: tuple[str, ...] = ()) -> Path:
    """A profile built on the reference one, its [fields] changed: ``drop`` keys removed, ``fields`` added."""
    text = reference_text()
    for key in drop:
        text = "\n".join(line for line in text.splitlines() if not line.startswith(f"{key} = "))
    return write(tmp_path, text.replace("[fields]\n", f"[fields]\n{fields}\n"))


def test_a_missing_field_key_is_one_line_naming_the_key_the_guides_passage_and_what_to_give(tmp_path):
    path = fields_profile(tmp_path, "", drop=("my_attachments_file",))
    with pytest.raises(ProfileError) as refused:
        load_profile(path)
    message = str(refused.value)
    assert "\n" not in message and message.startswith(f"{path}: key 'fields.my_attachments_file' is missing")
    assert FIELDS["my_attachments_file"].passage in message and "« Mes pièces jointes »" in message
    assert "expected the label your portal shows for it" in message


def test_a_misspelt_field_key_is_refused_with_the_nearest_key(tmp_path):
    with pytest.raises(ProfileError, match=r"'fields\.open_drafts' is not a key of \[fields\]: did you mean "
                                           r"'open_draft'"):
        load_profile(fields_profile(tmp_path, 'open_drafts = "Modifier"'))


def test_a_per_row_label_may_be_a_pattern_and_is_matched_whole(tmp_path):
    profile = load_profile(fields_profile(tmp_path, 'open_draft = "Modifier le dossier n° {n} ({title})"',
                                          drop=("open_draft",)))
    pattern = profile.control_name("open_draft")
    assert pattern.fullmatch("Modifier le dossier n° 12 (Juriste adjoint)")
    assert not pattern.search("Modifier le dossier n° 12 (Juriste adjoint) et le suivant")
    assert not pattern.fullmatch("Modifier le dossier n° douze (Juriste adjoint)")
    known = profile.control_name("open_draft", title="Juriste (P-3)")
    assert known.fullmatch("Modifier le dossier n° 7 (Juriste (P-3))")
    assert not known.fullmatch("Modifier le dossier n° 7 (Juriste P-3)")
    assert profile.control_name("open_draft", n=7, title="T") == "Modifier le dossier n° 7 (T)"
    assert load_profile(REFERENCE).control_name("open_draft", title="T") == "Modifier"


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('first_name = "Prénom {n}"', ["'fields.first_name'", "no { or }", "section 1.iii-iv"]),
        ('open_draft = "Modifier {numero}"', ["'fields.open_draft'", "{numero} is not one of {n}, {title}"]),
        ('open_draft = "Modifier {n:03}"', ["{n:03} is not one of"]),
        ('open_draft = "Modifier {n"', ["braces do not pair"]),
        ('lookup_icon = "Rechercher {title}"', ["'fields.lookup_icon'", "is not one of {label}"]),
    ],
)
def test_a_label_with_a_placeholder_its_key_does_not_take_is_refused_in_one_line(tmp_path, line, words):
    key = line.split(" = ")[0]
    with pytest.raises(ProfileError) as refused:
        load_profile(fields_profile(tmp_path, line, drop=(key,)))
    message = str(refused.value)
    assert "\n" not in message and all(word in message for word in words), message


def test_a_profile_without_the_sign_in_button_key_looks_it_up_as_the_guides_connexion(tmp_path):
    """fields.login_submit came after « Connexion » served both the Careers site's link and the form's button:
    an older profile reads as before, through its [labels]."""
    assert load_profile(fields_profile(tmp_path, "", drop=("login_submit",))).field_label("login_submit") == "Connexion"
    english = load_profile(PROFILES_DIR / "reference-en.toml")
    assert english.field_label("login_submit") == english.label("Connexion") == "Sign In"
    renamed = fields_profile(tmp_path, "", drop=("login_submit",))
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("[labels]\n", '[labels]\n"Connexion" = "Accès"\n'),
                       encoding="utf-8")
    assert load_profile(renamed).field_label("login_submit") == "Accès"
    assert load_profile(PROFILES_DIR / "alt-fr.toml").field_label("login_submit") == "Se connecter"
    assert load_profile(fields_profile(tmp_path, "", drop=("login_submit",))).deprecations == ()


def test_a_key_that_named_two_controls_is_split_and_an_old_profile_still_works(tmp_path):
    profile = load_profile(fields_profile(tmp_path, "", drop=("my_attachments_add",)))
    assert profile.field_label("my_attachments_add") == profile.field_label("attachment_add")
    (note,) = profile.deprecations
    assert "fields.my_attachments_add is missing" in note and 'add my_attachments_add = "Joindre le fichier"' in note
    assert load_profile(REFERENCE).deprecations == ()


def test_two_keys_for_one_control_are_merged_and_the_old_name_is_deprecated(tmp_path):
    old = load_profile(fields_profile(tmp_path, 'view_application = "Consulter"\nphone = "Téléphone"'))
    assert old.field_label("view_application") == old.field_label("open_application") == "Consulter"
    assert len(old.deprecations) == 2 and "rename it open_application" in old.deprecations[0]
    assert "view_application" not in old.fields


def test_two_labels_for_one_control_are_refused_as_ambiguous(tmp_path):
    with pytest.raises(ProfileError) as refused:
        load_profile(fields_profile(tmp_path, 'view_application = "Voir"'))
    message = str(refused.value)
    assert "'fields.open_application' and 'fields.view_application' give one control two labels" in message
    assert FIELDS["open_application"].passage in message and "under fields.open_application only" in message


def test_every_field_key_is_documented_in_the_template_under_its_guide_passage():
    lines = (PROFILES_DIR / "vendor-template.toml").read_text(encoding="utf-8").splitlines()
    start = lines.index("[fields]")
    keys, passage, said = [], "", ""
    for line in lines[start + 1 :]:
        if line.startswith("[[") or line.startswith("# Without a control API"):
            break
        if line.startswith("# Guide, "):
            passage, said = line[len("# Guide, "):], ""
        elif line.startswith("# - ") or line.startswith("#   ") or (line.startswith("# ") and not said):
            if line.startswith("# - ") or said:
                said += " " + line[4:]
            else:
                passage += " " + line[2:]
        elif " = " in line:
            key = line.split(" = ")[0]
            keys.append(key)
            assert passage.rstrip(".") == FIELDS[key].passage, key
            assert said.strip().lower().startswith(FIELDS[key].what.lower()), key
            said = ""
    assert keys == list(FIELDS)
