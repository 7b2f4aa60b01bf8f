"""consult.clock: "today" is the Helsinki calendar day, whatever the server's or UTC's."""

from datetime import UTC, date, datetime, timedelta, timezone

from consult import clock


def test_helsinki_day_begins_before_the_utc_day():
    late_utc = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)  # winter: Helsinki is UTC+2
    assert late_utc.date() == date(2026, 12, 2)
    assert clock.today(late_utc) == date(2026, 12, 3)
    assert clock.now(late_utc).hour == 1
    assert clock.now(late_utc).utcoffset() == timedelta(hours=2)


def test_summer_time_moves_the_boundary_an_hour_earlier():
    assert clock.today(datetime(2026, 7, 1, 20, 59, tzinfo=UTC)) == date(2026, 7, 1)
    assert clock.today(datetime(2026, 7, 1, 21, 0, tzinfo=UTC)) == date(2026, 7, 2)
    assert clock.now(datetime(2026, 7, 1, 21, 0, tzinfo=UTC)).utcoffset() == timedelta(hours=3)


def test_the_same_day_in_the_afternoon():
    assert clock.today(datetime(2026, 12, 2, 12, 0, tzinfo=UTC)) == date(2026, 12, 2)


def test_an_instant_in_another_zone_is_converted():
    new_york_evening = datetime(2026, 12, 2, 19, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert clock.today(new_york_evening) == date(2026, 12, 3)  # 00:00 UTC, 02:00 Helsinki


def test_a_stored_naive_instant_is_utc():
    # SQLite returns timezone=True columns without their zone; they were stored as UTC.
    assert clock.date_of(datetime(2026, 12, 2, 23, 30)) == date(2026, 12, 3)
    assert clock.now(datetime(2026, 12, 2, 23, 30)) == datetime(2026, 12, 2, 23, 30, tzinfo=UTC)


def test_without_an_instant_it_is_now_in_helsinki():
    before = clock.now()
    assert before.utcoffset() in (timedelta(hours=2), timedelta(hours=3))
    assert isinstance(clock.today(), date)
    assert clock.today() in {clock.today(before), clock.today(before + timedelta(seconds=5))}
