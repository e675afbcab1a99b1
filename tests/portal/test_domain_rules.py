"""The guide's rules (reference_portal.rules) called directly: no HTTP, no page, most without a database.

The pages that apply them are tested over HTTP beside them (test_rules, test_submit, test_alerts…); here each
rule is checked at its boundaries, fast, so a change to a rule is seen before any page is rendered.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import BinaryIO

import pytest

from reference_portal import clock, db, messages
from reference_portal.models import (
    Application,
    Candidate,
    CoverLetter,
    JobOpening,
    Profile,
    RosterMembership,
    SavedSearch,
)
from reference_portal.rules import (
    IMPLEMENTED,
    alerts,
    attachments,
    drafts,
    implements,
    lookups,
    openings,
    registration,
    search,
    sections,
    session,
    statuses,
    submission,
    withdrawal,
)
from reference_portal.rules.profile import REQUIRED_PROFILE_FIELDS, completion
from reference_portal.rules.statuses import Status

NOW = datetime(2031, 3, 10, 15, 0, tzinfo=UTC)


def opening(**fields: object) -> JobOpening:
    values = {
        "job_id": 250001, "number": "31-Informatique-ITECNET-250001-R-New York (R)", "title": "Juriste",
        "level": "P-3", "job_family": "Juridique", "job_network": "LEGNET", "duty_station": "Genève",
        "department": "Bureau des affaires juridiques", "description": "…", "opening_type": "standard",
        "state": "open", "posted_at": NOW - timedelta(days=3), "deadline": NOW + timedelta(days=10),
    }
    return JobOpening(**{**values, **fields})


# --- the decorator that maps requirements to the functions implementing them -----------------------------
def test_implements_records_the_function_and_returns_it_unchanged():
    def rule() -> int:
        return 7

    try:
        assert implements("REQ-ZZZ-98")(rule) is rule and rule() == 7
        assert IMPLEMENTED["REQ-ZZZ-98"] == [f"{__name__}.{rule.__qualname__}"]
    finally:
        IMPLEMENTED.pop("REQ-ZZZ-98", None)


@pytest.mark.parametrize("ids", [(), ("REQ-SES-1",), ("SES-01",), ("REQ-SES-01", "req-ses-02")])
def test_implements_refuses_what_is_not_a_requirement_id(ids):
    with pytest.raises(ValueError, match="requirement IDs"):
        implements(*ids)


# --- session (3.vii) --------------------------------------------------------------------------------------
def test_the_session_lives_exactly_20_minutes_of_inactivity():
    assert (session.TIMEOUT_SECONDS, session.WARNING_SECONDS) == (1200, 1080)
    last = NOW.timestamp()
    assert not session.timed_out(last, NOW + timedelta(seconds=1200), session.TIMEOUT_SECONDS)
    assert session.timed_out(last, NOW + timedelta(seconds=1201), session.TIMEOUT_SECONDS)
    assert session.seconds_left(last, NOW + timedelta(seconds=1080), session.TIMEOUT_SECONDS) == 120
    assert session.seconds_left(last, NOW + timedelta(hours=1), session.TIMEOUT_SECONDS) == 0


# --- deadlines and eligibility (4, FAQ iii) ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("closing", "utc"),
    [(date(2031, 7, 15), datetime(2031, 7, 16, 3, 59, tzinfo=UTC)),  # summer: New York is UTC-4
     (date(2031, 1, 15), datetime(2031, 1, 16, 4, 59, tzinfo=UTC))],  # winter: UTC-5
)
def test_an_opening_closes_at_2359_new_york_time(closing, utc):
    assert openings.deadline_for(closing) == utc


def test_an_opening_refuses_applications_from_its_deadline_on():
    found = opening(deadline=NOW)
    assert openings.refusal_reason(found, NOW - timedelta(seconds=1)) is None
    assert openings.refusal_reason(found, NOW) == messages.OPENING_REFUSALS["deadline"]


@pytest.mark.parametrize("state", ["closed", "cancelled", "filled_from_roster"])
def test_an_opening_not_open_says_why(state):
    assert openings.refusal_reason(opening(state=state), NOW) == messages.OPENING_REFUSALS[state]


def test_an_opening_not_yet_published_refuses_applications():
    assert openings.refusal_reason(opening(posted_at=NOW + timedelta(minutes=1)), NOW) == (
        messages.OPENING_REFUSALS["not_published"]
    )


# --- statuses ---------------------------------------------------------------------------------------------
def test_statuses_store_the_guides_french_and_their_sets_do_not_overlap_wrongly():
    assert [s.value for s in Status][:3] == ["Brouillon", "Postulé", "A l'étude"]
    assert Status("Postulé") is Status.APPLIED and Status.APPLIED == "Postulé"
    assert statuses.RECRUITER_SET == (
        "A l'étude", "Recrutement terminé", "Inscrit sur une liste", "Sélectionné", "Pourvu à partir d'une liste",
        "Avis annulé",
    )
    assert set(statuses.RECRUITER_SET) | set(statuses.CANDIDATE_SET) == set(Status)
    assert not set(statuses.WITHDRAWABLE) & set(statuses.FINISHED)
    assert Status.SELECTED not in statuses.WITHDRAWABLE and Status.DRAFT not in statuses.SUBMITTED


# --- withdrawal (FAQ viii) --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "refusal"),
    [
        (Status.APPLIED, None),
        (Status.UNDER_CONSIDERATION, None),
        (Status.ROSTERED, None),
        (Status.SELECTED, messages.WITHDRAWAL_SELECTED),
        (Status.DRAFT, messages.WITHDRAWAL_DRAFT),
        (Status.WITHDRAWN, messages.WITHDRAWAL_ALREADY_DONE),
        (Status.RECRUITMENT_OVER, messages.WITHDRAWAL_CLOSED),
        (Status.NOTICE_CANCELLED, messages.WITHDRAWAL_CLOSED),
    ],
)
def test_who_may_withdraw(status, refusal):
    assert withdrawal.withdrawal_refusal(Application(status=status)) == refusal


def test_only_a_draft_is_editable():
    assert [s for s in Status if drafts.is_editable(Application(status=s))] == [Status.DRAFT]


# --- sections and what is missing (4.viii, FAQ i, ii) -----------------------------------------------------
def test_the_sections_follow_the_guides_order_then_review():
    order, section = [], sections.SECTIONS[0]
    while section is not None:
        order.append(section.title)
        section = sections.following(section)
    assert order == [
        "Questions de présélection", "Formation", "Expérience professionnelle", "Connaissances linguistiques",
        "Compétences et formations", "Lettre de motivation et pièces-jointes", "Références", "Dernières questions",
        "Vérifier Mon profil",
    ]


def test_a_draft_linked_to_no_opening_has_no_prescreening_question_and_lists_its_empty_mandatory_fields():
    draft = Application(status=Status.DRAFT)
    assert sections.fields_of(sections.PRESCREENING, draft) == ()
    letter = next(s for s in sections.SECTIONS if s.key == "cover_letter")
    assert sections.missing(letter, draft) == ["Lettre de motivation"]
    draft.cover_letters.append(CoverLetter(letter="Madame, Monsieur…"))
    assert sections.missing(letter, draft) == []


# --- profile completeness (2) -----------------------------------------------------------------------------
def test_the_profile_is_complete_once_every_mandatory_field_holds_a_value():
    profile = Profile()
    assert completion(profile) == 0 and completion(None) == 0
    for f in REQUIRED_PROFILE_FIELDS:
        setattr(profile, f.name, "x")
    assert completion(profile) == 100
    profile.phone = ""
    assert 0 < completion(profile) < 100


# --- registration (1.iii) ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "born"),
    [("29/02/1988", date(1988, 2, 29)), ("29/02/1989", None), ("1988-02-29", None), ("31/04/1990", None)],
)
def test_the_date_of_birth_is_a_real_date_written_jj_mm_aaaa(typed, born):
    found, problem = registration.parse_date_of_birth(typed, date(2031, 3, 10))
    assert found == born and (problem is None) == (born is not None)


# --- attachments (6.vii) ----------------------------------------------------------------------------------
@dataclass
class Sent:
    filename: str | None
    stream: BinaryIO


def pdf_of(size: int) -> bytes:
    head, tail = b"%PDF-1.4\n", b"\n%%EOF"
    return head + b"0" * (size - len(head) - len(tail)) + tail


@pytest.mark.parametrize(
    ("name", "size", "problems"),
    [
        ("Initiales_Diplome.pdf", 900_000, []),
        ("Initiales_Diplome.pdf", attachments.MAX_BYTES - 1, []),
        ("Initiales_Diplome.pdf", attachments.MAX_BYTES, [messages.ATTACHMENT_TOO_BIG]),
        ("Initiales_Diplome.pdf", 1_100_000, [messages.ATTACHMENT_TOO_BIG]),
        ("Mon diplôme.pdf", 1000, [messages.ATTACHMENT_NAME_CHARACTERS]),
        ("D" * 60 + ".pdf", 1000, [messages.ATTACHMENT_NAME_TOO_LONG]),
    ],
)
def test_a_file_is_accepted_only_under_1_mo_with_a_short_plain_name(name, size, problems):
    accepted, found = attachments.check(Sent(name, io.BytesIO(pdf_of(size))))
    assert found == problems and (accepted is not None) == (not problems)


def test_a_file_whose_content_is_not_what_its_extension_says_is_refused():
    assert attachments.check(Sent("Photo.png", io.BytesIO(pdf_of(1000))))[1] == [messages.ATTACHMENT_CONTENT]
    assert attachments.check(None)[1] == [messages.ATTACHMENT_NONE]


def test_recruiters_see_the_files_of_submitted_applications_only():
    assert attachments.visible_to_recruiters(_attachment(None))
    assert attachments.visible_to_recruiters(_attachment(Application(status=Status.APPLIED)))
    assert not attachments.visible_to_recruiters(_attachment(Application(status=Status.DRAFT)))


def _attachment(application: Application | None):
    from reference_portal.models import Attachment

    return Attachment(filename="a.pdf", size=1, content=b"x", application=application)


# --- search and alerts (4.iii, 5) -------------------------------------------------------------------------
def test_a_search_matches_whole_words_whatever_their_accents_and_within_its_period():
    found = opening(title="Économiste principal", posted_at=NOW - timedelta(days=10))
    assert search.SearchCriteria("economiste").matches(found, NOW)
    assert not search.SearchCriteria("econom").matches(found, NOW)
    assert search.SearchCriteria("economiste", "30").matches(found, NOW)
    assert not search.SearchCriteria("economiste", "7").matches(found, NOW)
    assert search.SearchCriteria.from_mapping({"periode": "9999"}).period == search.DEFAULT_PERIOD


def test_a_saved_search_is_valid_six_calendar_months():
    saved_at = datetime(2031, 8, 31, 12, 0, tzinfo=UTC)
    expiry = alerts.expiry_of(saved_at)
    assert expiry == datetime(2032, 2, 29, 12, 0, tzinfo=UTC)  # the month's last day when it is shorter
    saved = SavedSearch(expires_at=expiry)
    assert alerts.is_valid(saved, expiry - timedelta(days=1)) and not alerts.is_valid(saved, expiry + timedelta(days=1))


# --- look-ups (3.vii, 6.x) --------------------------------------------------------------------------------
def test_a_lookup_value_is_one_of_its_list_accents_and_case_aside():
    countries = lookups.LISTS["countries"]
    assert countries.resolve("COTE D'IVOIRE") == countries.resolve("Côte d'Ivoire") is not None
    assert countries.resolve("Atlantide") is None
    assert lookups.normalize("École  d'Abidjan") == "ecole d'abidjan"


# --- rules over the database (an application context, still no HTTP) ------------------------------------
@pytest.fixture
def stored(app):
    """In an application context: its session, a candidate with a complete profile, an opening open for ten more
    days, and the portal clock's now (held still by the test app)."""
    with app.app_context():
        now = clock.now()
        person = Candidate(user_code="rules01", password_hash="-", email="r@exemple.org", first_name="Ada",
                           last_name="Martin", date_of_birth=date(1990, 5, 14), created_at=now)
        person.profile = Profile(**{f.name: "x" for f in REQUIRED_PROFILE_FIELDS})
        job = opening(posted_at=now - timedelta(days=3), deadline=now + timedelta(days=10))
        db.session().add_all([person, job])
        db.session().commit()
        yield db.session(), person, job, now


def test_one_application_per_opening_and_none_after_a_withdrawal(stored):
    session_db, person, job, now = stored
    assert openings.start_of_application(person.id, job, now) == (None, None)
    application = drafts.new_draft(person.id, job, messages.ORIGINS[0], now)
    session_db.add(application)
    session_db.commit()
    assert openings.start_of_application(person.id, job, now) == (application, None)
    application.status = Status.WITHDRAWN
    session_db.commit()
    assert openings.start_of_application(person.id, job, now) == (None, messages.ALREADY_WITHDRAWN)


def test_a_roster_opening_takes_only_candidates_on_a_roster_of_its_family_and_level(stored):
    session_db, person, job, now = stored
    job.opening_type = "roster"
    assert openings.refusal_reason(job, now, person.id) == messages.NOT_ON_ROSTER
    session_db.add(RosterMembership(candidate_id=person.id, level="P-3", job_family="Autre"))
    session_db.commit()
    assert openings.refusal_reason(job, now, person.id) == messages.NOT_ON_ROSTER
    session_db.add(RosterMembership(candidate_id=person.id, level=job.level, job_family=job.job_family))
    session_db.commit()
    assert openings.refusal_reason(job, now, person.id) is None


def test_a_new_draft_from_a_model_copies_its_content_and_the_latest_model_comes_first(stored):
    session_db, person, job, now = stored
    first = drafts.new_draft(person.id, None, messages.ORIGINS[0], now - timedelta(days=2))
    first.cover_letters.append(CoverLetter(letter="Première lettre"))
    session_db.add(first)
    session_db.commit()
    second = drafts.new_draft(person.id, job, messages.ORIGINS[0], now, template=first)
    session_db.add(second)
    session_db.commit()
    assert second.cover_letters[0].letter == "Première lettre" and second.cover_letters[0] is not first.cover_letters[0]
    assert drafts.previous_applications(person.id) == [second, first]


def test_an_incomplete_draft_is_refused_even_under_the_rows_lock(stored):
    session_db, person, job, now = stored
    application = drafts.new_draft(person.id, job, messages.ORIGINS[0], now)
    session_db.add(application)
    session_db.commit()
    missing = submission.submission_blockers(application, person)
    assert messages.missing_field("Lettre de motivation et pièces-jointes", "Lettre de motivation") in missing
    unlinked = drafts.new_draft(person.id, None, messages.ORIGINS[0], now)
    assert messages.NOT_LINKED_BLOCKER in submission.content_blockers(unlinked, person)
    assert submission.record_submission(application, person) == missing  # checked again under the row's lock
    session_db.rollback()
    assert session_db.get(Application, application.id).status == Status.DRAFT


def test_a_withdrawal_is_conditional_on_the_status_stored(stored):
    session_db, person, job, now = stored
    application = drafts.new_draft(person.id, job, messages.ORIGINS[0], now)
    application.status = Status.SELECTED
    session_db.add(application)
    session_db.commit()
    assert not withdrawal.withdraw(application)
    application.status = Status.APPLIED
    session_db.commit()
    assert withdrawal.withdraw(application)
    session_db.commit()
    assert session_db.get(Application, application.id, populate_existing=True).status == Status.WITHDRAWN


def test_the_sixth_saved_search_finds_no_room(stored):
    session_db, person, _, now = stored
    for number in range(alerts.MAX_SAVED_SEARCHES):
        assert alerts.claim_room_for_one_more(person.id)
        session_db.add(alerts.new_saved_search(person.id, f"Recherche {number}", search.SearchCriteria(), None, now))
        session_db.commit()
    assert not alerts.claim_room_for_one_more(person.id)
    session_db.rollback()


def test_statuses_read_back_from_the_database_are_the_enum_and_stored_as_the_french_text(stored):
    session_db, person, job, now = stored
    application = drafts.new_draft(person.id, job, messages.ORIGINS[0], now)
    application.status = Status.UNDER_CONSIDERATION
    session_db.add(application)
    session_db.commit()
    from sqlalchemy import text

    raw = session_db.execute(text("SELECT status FROM applications WHERE id = :id"), {"id": application.id}).scalar()
    assert raw == "A l'étude" and type(raw) is str
    assert session_db.get(Application, application.id, populate_existing=True).status is Status.UNDER_CONSIDERATION
