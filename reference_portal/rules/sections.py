"""The sections of an application (steps 2 to 7), what each stores, and what is still missing.

Each section has one entry for now, stored in its own one-to-many table so that more entries (several
diplomas, several jobs) can come later without a migration of the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from reference_portal import messages
from reference_portal.forms import Field
from reference_portal.models import (
    Application,
    CoverLetter,
    EducationEntry,
    ExperienceEntry,
    FinalAnswers,
    LanguageSkill,
    PrescreeningAnswer,
    Reference,
    SkillEntry,
)
from reference_portal.rules import implements

COVER_LETTER = "Lettre de motivation"
REVIEW = "Vérifier/soumettre"
LAST_STEP = 8


@dataclass(frozen=True)
class Section:
    key: str
    step: int
    name: str  # the section's name, as in the steps navigation
    sub: str | None = None  # sub-section slug in the URL (step 7 only)
    sub_name: str | None = None
    relation: str | None = None  # Application attribute holding the entries
    model: type | None = None
    fields: tuple[Field, ...] = ()

    @property
    def title(self) -> str:
        """The name a person reads for this page: the sub-section's when there is one."""
        return self.sub_name or self.name


PRESCREENING = Section("prescreening", 2, "Questions de présélection")
SECTIONS: tuple[Section, ...] = (
    PRESCREENING,
    Section(
        "education",
        3,
        "Formation",
        relation="education",
        model=EducationEntry,
        fields=(
            # Look-up fields (🔍): only a value of their list is stored. The institution is mandatory (the
            # list holds « Other/I cannot find my school » for a school it lacks); its country is optional.
            Field("institution", "Nom de l'établissement", kind="lookup", lookup="institutions", required=True),
            Field("institution_country", "Pays de l'établissement", kind="lookup", lookup="countries",
                  max_length=100),
            Field("degree", "Diplôme", kind="select", required=True, choices=messages.DEGREES),
            Field("field_of_study", "Domaine d'études", required=True),
            Field("graduation_year", "Année d'obtention", kind="year", required=True, placeholder="aaaa", minimum=1950),
        ),
    ),
    Section(
        "experience",
        4,
        "Expérience professionnelle",
        relation="experience",
        model=ExperienceEntry,
        fields=(
            Field("job_title", "Intitulé du poste", required=True),
            Field("employer", "Employeur", required=True),
            Field("start_month", "Date de début (mm/aaaa)", kind="month_year", required=True, placeholder="mm/aaaa"),
            Field("end_month", "Date de fin (mm/aaaa)", kind="month_year", placeholder="mm/aaaa"),
            Field("duties", "Attributions", kind="textarea", required=True, max_length=10000),
            Field("achievements", "Réalisations", kind="textarea", max_length=10000),
        ),
    ),
    Section(
        "languages",
        5,
        "Connaissances linguistiques",
        relation="languages",
        model=LanguageSkill,
        fields=(
            Field("language", "Langue", kind="select", required=True, choices=messages.LANGUAGES),
            Field("level", "Niveau", kind="select", required=True, choices=messages.LANGUAGE_LEVELS),
        ),
    ),
    Section(
        "skills",
        6,
        "Compétences et formations",
        relation="skills",
        model=SkillEntry,
        fields=(
            Field("skills", "Compétences", kind="textarea", max_length=10000),
            Field("trainings", "Formations suivies", kind="textarea", max_length=10000),
        ),
    ),
    Section(
        "cover_letter",
        7,
        COVER_LETTER,
        sub="lettre",
        sub_name="Lettre de motivation et pièces-jointes",
        relation="cover_letters",
        model=CoverLetter,
        fields=(Field("letter", COVER_LETTER, kind="textarea", required=True, max_length=20000),),
    ),
    Section(
        "references",
        7,
        COVER_LETTER,
        sub="references",
        sub_name="Références",
        relation="references",
        model=Reference,
        fields=(
            Field("reference_name", "Nom de la référence", required=True),
            Field("reference_email", "Adresse email de la référence", kind="email", required=True, max_length=254),
            Field("reference_relationship", "Relation professionnelle"),
        ),
    ),
    Section(
        "final_questions",
        7,
        COVER_LETTER,
        sub="questions",
        sub_name="Dernières questions",
        relation="final_answers",
        model=FinalAnswers,
        fields=(
            Field("worked_for_un", "Avez-vous déjà travaillé pour l'ONU ?", kind="select", required=True,
                  choices=messages.YES_NO),
            Field(
                "any_duty_station",
                "Acceptez-vous d'être affecté(e) dans n'importe quel lieu d'affectation ?",
                kind="select",
                required=True,
                choices=messages.YES_NO,
            ),
        ),
    ),
    Section("profile_check", 7, COVER_LETTER, sub="profil", sub_name="Vérifier Mon profil"),
)
BY_STEP = {(s.step, s.sub): s for s in SECTIONS}
# The steps navigation: one link per section, step 7 pointing at its first sub-section.
NAVIGATION: tuple[tuple[str, int, str | None], ...] = (
    *((s.name, s.step, s.sub) for s in SECTIONS if s.step < 7),
    (COVER_LETTER, 7, "lettre"),
    (REVIEW, LAST_STEP, None),
)


def find(step: int, sub: str | None) -> Section | None:
    return BY_STEP.get((step, sub))


@implements("REQ-SUB-06", "REQ-DRA-08")
def following(section: Section) -> Section | None:
    """The next section or sub-section; None after the last one (step 8 comes next)."""
    index = SECTIONS.index(section)
    return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None


@implements("REQ-SUB-13", "REQ-FAQ-04")
def fields_of(section: Section, application: Application) -> tuple[Field, ...]:
    if section is PRESCREENING:
        if application.opening is None:
            return ()
        return tuple(
            Field(f"question_{q.id}", q.text, kind="select", required=True, choices=messages.YES_NO, max_length=3)
            for q in application.opening.questions
        )
    return section.fields


def stored_values(section: Section, application: Application) -> dict[str, object]:
    if section is PRESCREENING:
        answers = {a.question_id: a.answer for a in application.prescreening_answers}
        return {f"question_{qid}": answer for qid, answer in answers.items()}
    if section.relation is None:
        return {}
    entries = getattr(application, section.relation)
    if not entries:
        return {f.name: None for f in section.fields}
    return {f.name: getattr(entries[0], f.name) for f in section.fields}


@implements("REQ-DRA-03", "REQ-SES-02")
def store(section: Section, application: Application, values: dict[str, object]) -> None:
    """Writes the given values (only those) into the section's entry, creating it on first save."""
    if section is PRESCREENING:
        answers = {a.question_id: a for a in application.prescreening_answers}
        for name, value in values.items():
            question_id = int(name.removeprefix("question_"))
            if question_id in answers:
                answers[question_id].answer = value
            else:
                application.prescreening_answers.append(PrescreeningAnswer(question_id=question_id, answer=value))
        return
    if section.relation is None:
        return
    entries = getattr(application, section.relation)
    if not entries:
        entries.append(section.model())
    for name, value in values.items():
        setattr(entries[0], name, value)


@implements("REQ-SUB-17")
def missing(section: Section, application: Application) -> list[str]:
    """Labels of the mandatory fields of this section that are still empty."""
    values = stored_values(section, application)
    return [f.label for f in fields_of(section, application) if f.required and values.get(f.name) in (None, "")]


@implements("REQ-DRA-07")
def copy_sections(source: Application, target: Application) -> None:
    """Starts ``target`` from ``source``'s content (pre-screening answers belong to one opening: not copied)."""
    for section in SECTIONS:
        if section.relation is None:
            continue
        for entry in getattr(source, section.relation):
            clone = section.model(**{f.name: getattr(entry, f.name) for f in section.fields})
            getattr(target, section.relation).append(clone)


def as_json(application: Application) -> dict[str, object]:
    """What is stored per section, keyed by section key (for the control API)."""
    result: dict[str, object] = {
        "prescreening": [
            {"question_id": a.question_id, "answer": a.answer} for a in application.prescreening_answers
        ]
    }
    for section in SECTIONS:
        if section.relation is None:
            continue
        result[section.key] = [
            {f.name: getattr(entry, f.name) for f in section.fields} for entry in getattr(application, section.relation)
        ]
    return result
