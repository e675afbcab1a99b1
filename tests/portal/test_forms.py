from reference_portal.forms import Field, validate


def test_draft_mode_accepts_blank_required():
    fields = [Field("a", "A", required=True), Field("b", "B", kind="year", required=True, minimum=1950)]
    assert validate(fields, {}, enforce_required=False, current_year=2026).ok
    assert not validate(fields, {}, current_year=2026).ok


def test_year_bounds_follow_the_clock():
    year = Field("y", "Année", kind="year", minimum=1950)
    assert validate([year], {"y": "2026"}, current_year=2026).values["y"] == 2026
    assert not validate([year], {"y": "2027"}, current_year=2026).ok
    assert not validate([year], {"y": "1949"}, current_year=2026).ok


def test_select_only_accepts_its_choices():
    choice = Field("c", "Choix", kind="select", choices=("Oui", "Non"))
    assert validate([choice], {"c": "Oui"}).ok and not validate([choice], {"c": "Peut-être"}).ok
