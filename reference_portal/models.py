"""The portal's data: candidates and their profile, job openings, applications and their sections."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from reference_portal.rules.statuses import Status

WORD_MAX = 100  # a searched word is cut to this many characters, in the index and in a search alike

OPENING_TYPES = ("standard", "roster")
OPENING_STATES = ("open", "closed", "cancelled", "filled_from_roster")


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (portable across SQLite and PostgreSQL), always handed back timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous: pass a timezone-aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class StatusText(TypeDecorator[str]):
    """An application's status: a Status in Python, the guide's French text in the database (plain VARCHAR, so
    every database driver stores the same string whatever it makes of an enum)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: object) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: object) -> str | None:
        return Status(value) if value in Status._value2member_map_ else value


class Base(DeclarativeBase):
    pass


class Candidate(Base):
    __tablename__ = "candidates"
    # User codes differing only by case are one code (sign-in and recovery look them up case-folded); user
    # codes are ASCII, where SQLite's lower() and the portal's Unicode one agree.
    __table_args__ = (Index("uq_candidates_user_code_folded", func.lower(Column("user_code")), unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_code: Mapped[str] = mapped_column(String(30), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    email: Mapped[str] = mapped_column(String(254))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    profile: Mapped[Profile] = relationship(back_populates="candidate", cascade="all, delete-orphan")


class Profile(Base):
    """The three tabs of « Mon Profil »; empty strings are never stored, a blank field is NULL."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), unique=True)
    # Coordonnées
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    primary_email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    # Situation de famille
    marital_status: Mapped[str | None] = mapped_column(String(30))
    dependent_children: Mapped[int | None] = mapped_column(Integer)
    # Nationalité et résidence
    nationality: Mapped[str | None] = mapped_column(String(100))
    residence_country: Mapped[str | None] = mapped_column(String(100))
    other_nationality: Mapped[str | None] = mapped_column(String(100))

    candidate: Mapped[Candidate] = relationship(back_populates="profile")


class JobOpening(Base):
    __tablename__ = "job_openings"

    job_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    number: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    level: Mapped[str] = mapped_column(String(10))
    job_family: Mapped[str] = mapped_column(String(100), index=True)
    job_network: Mapped[str] = mapped_column(String(20))
    duty_station: Mapped[str] = mapped_column(String(100), index=True)
    department: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    opening_type: Mapped[str] = mapped_column(String(20), default="standard")
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())

    questions: Mapped[list[PrescreeningQuestion]] = relationship(
        back_populates="opening", order_by="PrescreeningQuestion.position", cascade="all, delete-orphan"
    )


class SignIn(Base):
    """One sign-in. The session cookie carries its random key, stored here only as a SHA-256 digest:
    « Déconnexion », the inactivity timeout and a new password end it on the server, so a copy of the
    cookie taken before stops working at once, while the person's other sign-ins go on."""

    __tablename__ = "sign_ins"

    key_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class OpeningWord(Base):
    """One word of an opening's searched columns, case- and accent-folded, with the opening's posting date.

    Kept up to date by reference_portal.jobs. The primary key orders the openings holding a word newest first,
    so job search reads only the rows of the page it shows, whatever the size of the catalogue."""

    __tablename__ = "opening_words"
    __table_args__ = (Index("ix_opening_words_job_word", "job_id", "word"),)

    word: Mapped[str] = mapped_column(String(WORD_MAX), primary_key=True)
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job_openings.job_id", ondelete="CASCADE"), primary_key=True)


class PrescreeningQuestion(Base):
    __tablename__ = "prescreening_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("job_openings.job_id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer)

    opening: Mapped[JobOpening] = relationship(back_populates="questions")


class Application(Base):
    __tablename__ = "applications"
    # At most one application per candidate and opening, whatever its status (a withdrawn one included).
    __table_args__ = (UniqueConstraint("candidate_id", "opening_id", name="uq_application_candidate_opening"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("job_openings.job_id"), index=True)
    status: Mapped[str] = mapped_column(StatusText(), default=Status.DRAFT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    origin: Mapped[str | None] = mapped_column(String(60))

    opening: Mapped[JobOpening | None] = relationship()
    education: Mapped[list[EducationEntry]] = relationship(cascade="all, delete-orphan", order_by="EducationEntry.id")
    experience: Mapped[list[ExperienceEntry]] = relationship(
        cascade="all, delete-orphan", order_by="ExperienceEntry.id"
    )
    languages: Mapped[list[LanguageSkill]] = relationship(cascade="all, delete-orphan", order_by="LanguageSkill.id")
    skills: Mapped[list[SkillEntry]] = relationship(cascade="all, delete-orphan", order_by="SkillEntry.id")
    cover_letters: Mapped[list[CoverLetter]] = relationship(cascade="all, delete-orphan", order_by="CoverLetter.id")
    references: Mapped[list[Reference]] = relationship(cascade="all, delete-orphan", order_by="Reference.id")
    final_answers: Mapped[list[FinalAnswers]] = relationship(
        cascade="all, delete-orphan", order_by="FinalAnswers.id"
    )
    prescreening_answers: Mapped[list[PrescreeningAnswer]] = relationship(cascade="all, delete-orphan")
    attachments: Mapped[list[Attachment]] = relationship(back_populates="application")


class _SectionEntry:
    """Columns every application section shares."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # One entry per section for now (see sections): unique, so two first saves racing cannot make two.
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True, unique=True
    )


class EducationEntry(_SectionEntry, Base):
    __tablename__ = "education_entries"

    institution: Mapped[str | None] = mapped_column(String(200))
    institution_country: Mapped[str | None] = mapped_column(String(100))
    degree: Mapped[str | None] = mapped_column(String(40))
    field_of_study: Mapped[str | None] = mapped_column(String(200))
    graduation_year: Mapped[int | None] = mapped_column(Integer)


class ExperienceEntry(_SectionEntry, Base):
    __tablename__ = "experience_entries"

    job_title: Mapped[str | None] = mapped_column(String(200))
    employer: Mapped[str | None] = mapped_column(String(200))
    start_month: Mapped[str | None] = mapped_column(String(7))  # "MM/YYYY"
    end_month: Mapped[str | None] = mapped_column(String(7))
    duties: Mapped[str | None] = mapped_column(Text)
    achievements: Mapped[str | None] = mapped_column(Text)


class LanguageSkill(_SectionEntry, Base):
    __tablename__ = "language_skills"

    language: Mapped[str | None] = mapped_column(String(40))
    level: Mapped[str | None] = mapped_column(String(40))


class SkillEntry(_SectionEntry, Base):
    __tablename__ = "skill_entries"

    skills: Mapped[str | None] = mapped_column(Text)
    trainings: Mapped[str | None] = mapped_column(Text)


class CoverLetter(_SectionEntry, Base):
    __tablename__ = "cover_letters"

    letter: Mapped[str | None] = mapped_column(Text)


class Reference(_SectionEntry, Base):
    __tablename__ = "references"

    reference_name: Mapped[str | None] = mapped_column(String(200))
    reference_email: Mapped[str | None] = mapped_column(String(254))
    reference_relationship: Mapped[str | None] = mapped_column(String(200))


class FinalAnswers(_SectionEntry, Base):
    __tablename__ = "final_answers"

    worked_for_un: Mapped[str | None] = mapped_column(String(3))
    any_duty_station: Mapped[str | None] = mapped_column(String(3))


class PrescreeningAnswer(Base):
    __tablename__ = "prescreening_answers"
    __table_args__ = (UniqueConstraint("application_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("prescreening_questions.id", ondelete="CASCADE"))
    answer: Mapped[str | None] = mapped_column(String(3))


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    application: Mapped[Application | None] = relationship(back_populates="attachments")


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    criteria: Mapped[str] = mapped_column(Text)  # JSON of the search form
    alert: Mapped[bool] = mapped_column(default=False)
    alert_email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RosterMembership(Base):
    __tablename__ = "roster_memberships"
    __table_args__ = (UniqueConstraint("candidate_id", "level", "job_family"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(10))
    job_family: Mapped[str] = mapped_column(String(100))


class ClockOffset(Base):
    """One row shared by every server process, so they all agree on the time."""

    __tablename__ = "clock_offset"

    id: Mapped[int] = mapped_column(primary_key=True)
    offset_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    # Set while the control API holds the clock still, so a rule is checked at its exact boundary
    # however slowly the test machine runs.
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class PasswordResetToken(Base):
    """A « Mot de passe oublié » link: only a hash of its token is kept; it serves once, until it expires."""

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OutgoingMail(Base):
    """The mail outbox: an action stores its mail in its own transaction; a sender delivers it afterwards.

    A row is claimed (``claimed_until`` set in one conditional UPDATE) before it is sent, so two senders
    never send it both; ``sent_at`` marks it done. A failed attempt leaves it for a later retry."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    reply_to: Mapped[str | None] = mapped_column(String(254))
    # Chosen when the mail is queued and sent with every attempt: delivery is at least once (a crash after the
    # SMTP server's 250 and before sent_at is recorded sends it again), and a repeat carries the same Message-ID.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    last_error: Mapped[str | None] = mapped_column(String(300))


class ThrottleEvent(Base):
    """One failed sign-in or one recovery request, counted per key (a hash of the user code, address or
    client address) to slow down guessing; kept in the database so that every server process counts them."""

    __tablename__ = "throttle_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
