"""The one line the terminal shows under a failed scenario: cut to its width, the profile hint kept whole."""

from harness.progress import failure_line

NOT_FOUND = ("LabelNotFound: « Accueil » (heading) not found on http://127.0.0.1:53379/inscription; nearest: "
             + ", ".join(f"« Nom proche {n} »" for n in range(12)))
HINT = "; profile: [labels] « Accueil » = your wording, if your portal words this guide label otherwise"


def test_a_short_message_is_shown_as_it_is():
    assert failure_line("AssertionError: 3 != 4\n  at line 2") == "AssertionError: 3 != 4"


def test_a_long_message_is_cut_at_the_width():
    line = failure_line(NOT_FOUND)
    assert len(line) == 200 and line.endswith("…") and line.startswith("LabelNotFound: « Accueil »")


def test_the_profile_hint_survives_a_cut_of_what_comes_before_it():
    line = failure_line(NOT_FOUND + HINT)
    assert len(line) <= 200 and line.endswith(HINT) and "…" in line
    assert line.startswith("LabelNotFound: « Accueil » (heading) not found on")


def test_an_overlong_hint_is_cut_too_but_never_the_whole_line():
    line = failure_line(NOT_FOUND + "; profile: " + "x" * 500)
    assert len(line) <= 200 and "; profile: xxx" in line and line.startswith("LabelNotFound")


def test_an_empty_message_gives_an_empty_line():
    assert failure_line("  \n") == ""
