from datetime import UTC, datetime

from reference_portal import clock


def test_now_includes_the_stored_offset(app):
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
