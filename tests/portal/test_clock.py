from datetime import UTC, datetime

from reference_portal import clock

from .support import Control, make_app


def test_now_includes_the_stored_offset(tmp_path):
    app = make_app(tmp_path, CLOCK_FROZEN=False)
    with app.app_context():
        start = clock.now()
        clock.advance(86400)
        moved = clock.now()
        assert 86399 < (moved - start).total_seconds() < 86460
        clock.reset()
        assert abs((clock.now() - datetime.now(UTC)).total_seconds()) < 5


def test_dates_shown_in_new_york_time():
    # 02:00 UTC on 1 March is still 28 February in New York.
    assert clock.format_date(datetime(2026, 3, 1, 2, 0, tzinfo=UTC)) == "28/02/2026"


def test_a_frozen_clock_stands_still_moves_exactly_and_runs_on_from_where_it_stood(app):
    with app.app_context():
        clock.freeze(True)
        held = clock.now()
        assert clock.is_frozen() and clock.now() == held
        clock.advance(1199)
        assert (clock.now() - held).total_seconds() == 1199
        clock.freeze(False)
        assert not clock.is_frozen()
        assert 1199 <= (clock.now() - held).total_seconds() < 1205  # never backwards


def test_a_portal_started_with_a_frozen_clock_moves_only_when_moved_even_after_a_reset(tmp_path):
    app = make_app(tmp_path, CLOCK_FROZEN=True)
    control = Control(app.test_client())
    held = control.call("GET", "/clock")
    assert held["frozen"] is True
    control.candidate("complete")  # real work (a password hashed) takes real time: none of it counts
    assert control.call("GET", "/clock")["now"] == held["now"]
    moved = control.advance(90)
    assert moved["frozen"] is True and (moment(moved) - moment(held)).total_seconds() == 90
    control.call("POST", "/reset", expect=204)
    after_reset = control.call("GET", "/clock")
    assert after_reset["frozen"] is True
    control.candidate("complete")
    assert control.call("GET", "/clock") == after_reset


def test_a_portal_started_with_a_running_clock_is_not_held(tmp_path):
    control = Control(make_app(tmp_path, CLOCK_FROZEN=False).test_client())
    assert control.call("GET", "/clock")["frozen"] is False


def moment(answer: dict) -> datetime:
    return datetime.fromisoformat(answer["now"].replace("Z", "+00:00"))
