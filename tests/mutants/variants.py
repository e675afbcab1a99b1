"""The defect matrix: deliberately broken variants of the reference portal, each one defect a real portal
could ship, with the requirement a conforming harness must name when it meets it.

A variant is made here, in the tests — a configuration, a patched function, an overridden template or
message — and never by a flag that ships in the portal. ``serve_variant.py`` applies one and serves.
Each variant is the smallest change that makes its defect: one function, one constant, one template text.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from typing import Any

KINDS = ("wording", "flow", "rule", "time", "mail", "security")


@dataclass(frozen=True)
class Variant:
    name: str
    kind: str  # one of KINDS
    defect: str
    requirement: str  # the requirement the run must report failed
    select: str  # pytest -k expression: only the scenarios that matter to this defect
    patch: Callable[[], None] = lambda: None
    serve_args: tuple[str, ...] = ()
    templates: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # The page still withholds the action (a disabled or missing control, a refusal shown): only a request the
    # page did not offer, a server probe, can find the defect.
    server_only: bool = False


# Where the opening rules live (deadlines, eligibility, one application per opening), patched by many variants.
_OPENINGS = "reference_portal.rules.openings"


# -- how defects are made -------------------------------------------------------------------------------
def _portal_modules() -> list[Any]:
    """Every module of the portal, imported, so a patch reaches the names they imported from one another."""
    import reference_portal

    for info in pkgutil.walk_packages(reference_portal.__path__, "reference_portal."):
        if not info.name.endswith("__main__") and ".data" not in info.name:
            importlib.import_module(info.name)
    return [m for n, m in sys.modules.items() if n == "reference_portal" or n.startswith("reference_portal.")]


def _swap(module_name: str, name: str, make: Callable[[Any], Any], *, everywhere: bool = False) -> Callable[[], None]:
    """Replaces ``module.name`` by ``make(original)``; with ``everywhere``, also in each portal module that
    imported it by name (``from reference_portal.rules.openings import refusal_reason``)."""

    def patch() -> None:
        modules = _portal_modules() if everywhere else []
        module = importlib.import_module(module_name)
        original = getattr(module, name)
        replacement = make(original)
        setattr(module, name, replacement)
        for other in modules:
            if getattr(other, name, None) is original:
                setattr(other, name, replacement)

    return patch


def _set(module_name: str, name: str, value: Any) -> Callable[[], None]:
    return _swap(module_name, name, lambda original: value)


def _set_message(name: str, value: str) -> Callable[[], None]:
    return _set("reference_portal.messages", name, value)


def _both(*patches: Callable[[], None]) -> Callable[[], None]:
    def patch() -> None:
        for one in patches:
            one()

    return patch


def _drop_one_application_per_opening_key() -> None:
    """The database no longer refuses a second application of one candidate to one opening."""
    from reference_portal.models import Application

    table = Application.__table__
    for constraint in list(table.constraints):
        if constraint.name == "uq_application_candidate_opening":
            table.constraints.discard(constraint)


# -- the defects ------------------------------------------------------------------------------------------
def _leap_day_any_year(original):
    """Forgets the leap-year rule: 29/02 of any year is taken (as the 28th)."""

    def parse(raw, today):
        if raw[:6] == "29/02/" and raw[6:].isdigit():
            return date(int(raw[6:]), 2, 28), None
        return original(raw, today)

    return parse


def _skip_experience(original):
    """« Suivant » from « Formation » jumps over « Expérience professionnelle »."""

    def following(section):
        nxt = original(section)
        return original(nxt) if nxt is not None and nxt.key == "experience" else nxt

    return following


def _ignore_withdrawn(original):
    """A withdrawn application no longer counts as the candidate's application to that opening."""

    def existing(candidate_id, job_id):
        found = original(candidate_id, job_id)
        return None if found is not None and found.status == "Retirée" else found

    return existing


def _forget_refusal(key: str) -> Callable[[Any], Any]:
    """The opening rule forgets one of its reasons to refuse applications (``messages.OPENING_REFUSALS``)."""

    def make(original):
        from reference_portal import messages

        forgotten = messages.OPENING_REFUSALS[key]

        def refusal_reason(opening, now, candidate_id=None):
            reason = original(opening, now, candidate_id)
            return None if reason == forgotten else reason

        return refusal_reason

    return make


def _deadline_in_utc(original):
    """The closing time is taken as 23:59 UTC instead of 23:59 in New York."""
    return lambda closing_date: datetime.combine(closing_date, time(23, 59), tzinfo=UTC)


def _no_ownership_check(original):
    """Any signed-in candidate gets any application by its number in the URL."""

    def own_application_or_404(application_id):
        from flask import abort

        from reference_portal import db
        from reference_portal.models import Application

        application = db.session().get(Application, application_id)
        if application is None:
            abort(404)
        return application

    return own_application_or_404


def _alert_to_account_address(original):
    """Job alerts go to the account's registration address, not to the address typed for the alert."""

    def send_job_alerts(opening):
        from reference_portal import db
        from reference_portal.models import Candidate, SavedSearch

        session = db.session()
        for saved in session.query(SavedSearch).filter(SavedSearch.alert.is_(True)):
            saved.alert_email = session.get(Candidate, saved.candidate_id).email
        return original(opening)

    return send_job_alerts


def _without_user_code(original):
    return lambda values, signed_in_as: original({**values, "user_code": ""}, None)



# -- page-correct, server-broken: the page is computed as before; only the request the rule forbids gets through --
def _in_request(endpoint: str, method: str = "POST") -> bool:
    from flask import has_request_context, request

    return has_request_context() and request.endpoint == endpoint and request.method == method


def _blockers_forgetting(endpoint: str, keep: Callable[[str], bool]) -> Callable[[Any], Any]:
    """``content_blockers`` as before for the page; at ``endpoint`` (the final submission), only those kept."""

    def make(original):
        def content_blockers(application, candidate):
            found = original(application, candidate)
            if _in_request(endpoint, "GET") or _in_request(endpoint, "POST"):
                return [b for b in found if keep(b)]
            return found

        return content_blockers

    return make


def _not_linked(blocker: str) -> bool:
    from reference_portal import messages

    return blocker == messages.NOT_LINKED_BLOCKER


def _closed_or(key: str) -> Callable[[str], bool]:
    def reason(blocker: str) -> bool:
        from reference_portal import messages

        return blocker == messages.OPENING_REFUSALS[key]

    return reason


def _missing_field(blocker: str) -> bool:
    from reference_portal import messages

    return blocker.startswith(messages.missing_field("", "")[:12])


def _drafts_only_in_pages(original):
    """``refuse_if_not_draft`` refuses nothing: the section pages still show a submitted application read-only."""
    return lambda application: None


def _form_rewritten(endpoint: str, field_name: str, value: str, sent: str | None = None) -> Callable[[], None]:
    """Before ``endpoint``'s POST is handled, its form says ``field_name`` = ``value`` (only where it said ``sent``,
    when given): the page still asks what it asked, the server no longer reads the answer."""

    def patch() -> None:
        from werkzeug.datastructures import ImmutableMultiDict

        from reference_portal.applications.blueprint import bp

        @bp.before_request
        def rewrite() -> None:
            from flask import request

            if request.endpoint != endpoint or request.method != "POST":
                return
            if sent is None or request.form.get(field_name) == sent:
                request.form = ImmutableMultiDict({**request.form.to_dict(), field_name: value})

    return patch


# The final submission no longer looks at « J'accepte ces conditions » (the page still asks for it).
_terms_taken_for_granted = _form_rewritten("applications.conditions", "accept", "yes")
# « Reprendre une candidature existante ou précédente » is disabled with no application saved, but the server
# takes the choice anyway (as a blank application).
_reuse_without_model = _form_rewritten("applications.new_options", "choice", "new", sent="reuse")


def _files_for_anyone() -> None:
    """« Mes pièces jointes » lists only one's own files, but a file's address serves it to any signed-in candidate."""
    from reference_portal import attachments

    @attachments.bp.before_request
    def serve_any_file():
        from flask import request, send_file

        from reference_portal import db
        from reference_portal.models import Attachment

        if request.endpoint != "attachments.download":
            return None
        found = db.session().get(Attachment, request.view_args["attachment_id"])
        if found is None:
            return None
        return send_file(io.BytesIO(found.content), mimetype="application/pdf", download_name=found.filename)


def _roster_only_in_page(original):
    """A roster-only opening hides « Postuler » from those on no roster, but the requests behind it let anyone in."""

    def on_roster(candidate_id, opening):
        from flask import has_request_context, request

        behind_the_page = has_request_context() and request.endpoint != "jobs.opening"
        return True if behind_the_page else original(candidate_id, opening)

    return on_roster


def _apply_ignores_withdrawal(original):
    """A withdrawn application still shows on the opening's page, but the requests that make a new one ignore it."""

    def existing(candidate_id, job_id):
        found = original(candidate_id, job_id)
        from flask import has_request_context, request

        behind_the_page = has_request_context() and request.endpoint != "jobs.opening"
        return None if behind_the_page and found is not None and found.status == "Retirée" else found

    return existing


def _timeout_from_sign_in(original):
    """The 20 minutes are counted from the sign-in, not from the last activity."""

    def session_timed_out():
        from flask import current_app, session

        from reference_portal import clock

        if "candidate_id" not in session:
            return False
        started = session.setdefault("variant_signed_in_at", clock.now().timestamp())
        return clock.now().timestamp() - started > current_app.config["SESSION_TIMEOUT_SECONDS"]

    return session_timed_out


def _expiry_only_for_pages(original):
    """A page shown after 20 minutes of inactivity is the sign-in page, but a form sent then is still taken."""

    def session_timed_out():
        from flask import has_request_context, request

        return False if has_request_context() and request.method == "POST" else original()

    return session_timed_out


def _printout_for_anyone(original):
    """« Voir/Imprimer PHP » gives any application's PDF by its number (the list shows only one's own)."""
    return _no_ownership_check(original)


def _saves_for_anyone(original):
    """Pages check whose application it is, a save does not."""
    lenient = _no_ownership_check(original)

    def own_application_or_404(application_id):
        from flask import request

        return lenient(application_id) if request.method == "POST" else original(application_id)

    return own_application_or_404


def _search_ignores_keywords(original):
    """« Rechercher » lists every open opening, whatever the keywords typed."""
    return lambda criteria: dataclasses.replace(criteria, keywords="")


def _institutions_by_prefix(original):
    """« contient » finds only the names that start with the words typed."""
    return lambda names, words: [n for n in names if n.lower().startswith(words.lower())]


def _alert_for_every_opening(original):
    """A job alert mails every opening published, matching or not."""

    def matches(saved, opening):
        return True

    return matches


def _missing_fields_ignored(original):
    """At the final submission, the mandatory fields left empty no longer count (the review page still lists them)."""

    def content_blockers(application, candidate):
        found = original(application, candidate)
        if not (_in_request("applications.conditions", "GET") or _in_request("applications.conditions", "POST")):
            return found
        from reference_portal import messages
        from reference_portal.rules import sections

        missing = {messages.missing_field(section.title, label)
                   for section in sections.SECTIONS for label in sections.missing(section, application)}
        return [b for b in found if b not in missing]

    return content_blockers


def _deadline_only_in_pages(*endpoints: str) -> Callable[[Any], Any]:
    """The deadline hides « Postuler » and the submit button in pages, but the requests of ``endpoints`` ignore it."""

    def make(original):
        from flask import has_request_context, request

        from reference_portal import messages

        deadline = messages.OPENING_REFUSALS["deadline"]

        def refusal_reason(opening, now, candidate_id=None):
            reason = original(opening, now, candidate_id)
            behind_the_page = has_request_context() and request.endpoint in endpoints
            return None if reason == deadline and behind_the_page else reason

        return refusal_reason

    return make


def _search_matching_all(criteria_class):
    """« Rechercher » lists every published opening of the period, whatever the keywords typed."""
    original = criteria_class.matching_ids

    def matching_ids(self, now):
        return original(dataclasses.replace(self, keywords=""), now)

    criteria_class.matching_ids = matching_ids
    return criteria_class


def _alerts_matching_all(criteria_class):
    """A job alert announces every opening published, matching or not."""
    criteria_class.matches = lambda self, opening, now: opening.posted_at <= now
    return criteria_class


def _contains_as_starts(list_class):
    """« contient » is answered as « commence par »."""
    original = list_class.search

    def search(self, operator, text, limit=None):
        operator = "starts" if operator == "contains" else operator
        return original(self, operator, text) if limit is None else original(self, operator, text, limit)

    list_class.search = search
    return list_class

PARCOURS = "parcours_complet"

VARIANTS: list[Variant] = [
    # -- wording: a label, message or status worded otherwise ----------------------------------------------
    Variant(
        "postuler-renamed", "wording", "the opening's « Postuler » button reads « Candidater »",
        "REQ-SUB-03", "description_et_le_bouton__postuler",
        templates={"jobs/opening.html": (('<button type="submit">{{ _("Postuler") }}</button>',
                                          '<button type="submit">Candidater</button>'),)},
    ),
    Variant(
        "applied-shown-as-soumis", "wording", "a submitted application's status reads « Soumis », not « Postulé »",
        "REQ-SUB-10", "une_candidature_soumise_a_le_statut__postulé",
        templates={"applications/index.html": ((
            "<td>{{ a.status | t }}</td>", "<td>{{ 'Soumis' if a.status == 'Postulé' else a.status | t }}</td>"
        ),)},
    ),
    Variant(
        "complete-reworded", "wording", "the profile's status reads « 100 % complété », not « 100% Complet »",
        "REQ-PRO-04", "trois_onglets",
        templates={"profile/tab.html": (('<strong>{{ _("%(completion)s%% Complet", completion=completion) }}</strong>',
                                         "<strong>{{ completion }} % complété</strong>"),)},
    ),
    Variant(
        "submit-button-renamed", "wording", "« Soumettre candidature » reads « Envoyer ma candidature »",
        "REQ-SUB-07", "étape_8_sur_8_propose",
        templates={"applications/review.html": (('>{{ _("Soumettre candidature") }}</button>',
                                                 ">Envoyer ma candidature</button>"),)},
    ),
    Variant(
        "received-reworded", "wording",
        "the confirmation reads « Votre candidature a été transmise », not « Nous avons bien reçu votre candidature »",
        "REQ-SUB-09", "juste_après_la_soumission",
        templates={"applications/confirmation.html": (("Nous avons bien reçu votre candidature",
                                                       "Votre candidature a été transmise"),)},
    ),
    Variant(
        "registration-link-renamed", "wording",
        "the sign-in page's « Inscription immédiate » reads « Créer un compte »",
        "REQ-REG-02", "nouveau_candidat_crée_son_compte",
        templates={"auth/login.html": (('{{ _("Inscription immédiate") }}</a>', "Créer un compte</a>"),)},
    ),
    Variant(
        "draft-saved-reworded", "wording",
        "« Enregistrer » confirms with « Brouillon sauvegardé » instead of the guide's message",
        "REQ-DRA-03", "brouillon", patch=_set_message("DRAFT_SAVED", "Brouillon sauvegardé"),
    ),
    Variant(
        "duplicate-candidate-reworded", "wording",
        "a primary e-mail used under the same name is refused with « Adresse déjà utilisée »",
        "REQ-PRO-06", "adresse_email_principale", patch=_set_message("DUPLICATE_CANDIDATE", "Adresse déjà utilisée"),
    ),
    Variant(
        "step-counter-reworded", "wording", "a section's page says « Étape 3/8 » instead of « Étape 3 sur 8 »",
        "REQ-DRA-08", "chaque_page",
        templates={"applications/step.html": ((
            '{{ _("Étape %(step)s sur %(steps)s", step=section.step, steps=8) }}', "Étape {{ section.step }}/8"
        ),)},
    ),
    Variant(
        "any-time-renamed", "wording", "« Rech. offres publiées sous » offers « Toutes dates », not « Tt moment »",
        "REQ-ALR-01", "tt_moment",
        patch=_swap("reference_portal.rules.search", "PERIODS",
                    lambda periods: {**periods, "tout": ("Toutes dates", periods["tout"][1])}, everywhere=True),
    ),
    Variant(
        "contact-link-renamed", "wording", "the help link reads « Assistance », not « Contactez-nous »",
        "REQ-AID-01", "site_carrières_offre",
        templates={"base.html": (('>{{ _("Contactez-nous") }}</a>', ">Assistance</a>"),)},
    ),
    Variant(
        "under-consideration-reworded", "wording", "« A l'étude » is shown as « En cours d'examen »",
        "REQ-FAQ-06", "a_létude",
        templates={"applications/index.html": ((
            "<td>{{ a.status | t }}</td>",
            "<td>{{ \"En cours d'examen\" if a.status == \"A l'étude\" else a.status | t }}</td>",
        ),)},
    ),
    Variant(
        "print-link-renamed", "wording", "« Voir/Imprimer PHP » reads « Imprimer »",
        "REQ-PDF-01", "voirimprimer_php",
        templates={"applications/index.html": (('>{{ _("Voir/Imprimer PHP") }}</a>', ">Imprimer</a>"),)},
    ),
    # -- flow: a step missing, skipped or offered too early --------------------------------------------------
    Variant(
        "next-skips-experience", "flow", "« Suivant » from « Formation » skips « Expérience professionnelle »",
        "REQ-DRA-08", "chaque_page", patch=_swap("reference_portal.rules.sections", "following",
                                                 _skip_experience),
    ),
    Variant(
        "submit-enabled-too-early", "flow",
        "« Soumettre candidature » is enabled on an application that cannot be submitted yet",
        "REQ-FAQ-02", "liée_à_aucun_emploi",
        templates={"applications/review.html": (
            ('{% if blockers %} disabled aria-describedby="blockers-title"{% endif %}', ""),
        )},
    ),
    Variant(
        "conditions-skipped", "flow", "« Soumettre candidature » submits at once, without the « Conditions générales »",
        "REQ-SUB-08", "conditions_générales__acceptées",
        templates={"applications/review.html": ((
            "<form method=\"get\" action=\"{{ url_for('applications.conditions', application_id=application.id) }}\""
            " class=\"actions\">",
            "<form method=\"post\" action=\"{{ url_for('applications.conditions', application_id=application.id) }}\""
            " class=\"actions\"><input type=\"hidden\" name=\"accept\" value=\"yes\">"
            "<input type=\"hidden\" name=\"csrf_token\" value=\"{{ csrf_token() }}\">",
        ),)},
    ),
    Variant(
        "no-pencil-at-review", "flow", "« Vérifier/soumettre » has no pencil to open a section again",
        "REQ-SUB-12", "crayon",
        templates={"applications/review.html": ((
            '{% if application.status == draft %}<a href="{{ step_url(section) }}"',
            '{% if false %}<a href="{{ step_url(section) }}"',
        ),)},
    ),
    Variant(
        "oldest-model-by-default", "flow", "the default model is the oldest application, not the latest created",
        "REQ-DRA-07", "modèle_proposé_par_défaut",
        patch=_swap("reference_portal.rules.drafts", "previous_applications",
                    lambda original: lambda candidate_id: list(reversed(original(candidate_id)))),
    ),
    # -- rules the server must enforce ---------------------------------------------------------------------
    Variant(
        "leap-day-any-year", "rule", "29/02 accepted as a date of birth in a common year",
        "REQ-REG-06", "bissextiles",
        patch=_swap("reference_portal.rules.registration", "parse_date_of_birth", _leap_day_any_year),
    ),
    Variant(
        "second-application-stored", "rule", "« Postuler » again stores a second application to the same opening",
        "REQ-SUB-15", "seconde_fois",
        patch=_both(_drop_one_application_per_opening_key,
                    _swap(_OPENINGS, "existing_application", lambda original: lambda c, j: None,
                          everywhere=True)),
    ),
    Variant(
        "withdrawn-resubmittable", "rule", "after a withdrawal the opening accepts a new application",
        "REQ-FAQ-08", "après_le_retrait",
        patch=_both(_drop_one_application_per_opening_key,
                    _swap(_OPENINGS, "existing_application", _ignore_withdrawn, everywhere=True)),
    ),
    Variant(
        "submitted-still-editable", "rule", "a submitted application can still be changed and saved over HTTP",
        "REQ-DRA-10", "soumise_ne_peut_plus",
        patch=_swap("reference_portal.applications.steps", "refuse_if_not_draft", lambda original: lambda a: None),
        templates={"applications/step.html": (("{% if editable %}", "{% if true %}"),
                                              ("{% if not editable %}", "{% if false %}"))},
    ),
    Variant(
        "sixth-saved-search-kept", "rule", "a sixth saved search is accepted",
        "REQ-ALR-04", "cinq_recherches", patch=_set("reference_portal.rules.alerts", "MAX_SAVED_SEARCHES", 6),
    ),
    Variant(
        "one-mb-file-kept", "rule", "a file of exactly 1 Mb (1 048 576 bytes) is accepted",
        "REQ-ATT-02", "limite_exacte and exactement",  # the boundary the reference profile declares
        patch=_set("reference_portal.rules.attachments", "MAX_BYTES", 1_048_577),
    ),
    Variant(
        "two-mb-file-kept", "rule", "a file of 1 100 000 bytes, over 1 Mb however it is counted, is accepted",
        "REQ-ATT-02", "piècesjointes___cas and plus",
        patch=_set("reference_portal.rules.attachments", "MAX_BYTES", 2_000_000),
    ),
    Variant(
        "long-file-name-kept", "rule", "a file whose name is long is accepted",
        "REQ-ATT-03", "piècesjointes___cas and long",
        patch=_set("reference_portal.messages", "ATTACHMENT_MAX_NAME", 255),
    ),
    Variant(
        "roster-opening-open-to-all", "rule", "a roster-only opening accepts candidates who are on no roster",
        "REQ-FAQ-05", "seuls_les_candidats",
        patch=_swap(_OPENINGS, "on_roster", lambda original: lambda candidate_id, opening: True),
    ),
    Variant(
        "filled-opening-submittable", "rule", "an opening filled from a roster still takes submissions",
        "REQ-FAQ-03", "ne_peut_pas_être_soumise and pourvu",
        patch=_swap(_OPENINGS, "refusal_reason", _forget_refusal("filled_from_roster"), everywhere=True),
    ),
    Variant(
        "duplicate-email-accepted", "rule", "a primary e-mail already used under the same name is accepted",
        "REQ-PRO-06", "adresse_email_principale",
        patch=_swap("reference_portal.rules.profile", "duplicate_candidate_exists", lambda original: lambda *a: False),
    ),
    Variant(
        "invalid-alert-address-accepted", "rule", "a job alert address that is not an e-mail is stored",
        "REQ-ALR-03", "notification_non_valide",
        patch=_swap("reference_portal.alerts", "EMAIL_FIELD", lambda f: dataclasses.replace(f, kind="text")),
    ),
    Variant(
        "unlisted-institution-silent", "rule", "a value not in the institutions list is saved without a warning",
        "REQ-LKP-01", "valeur_absente",
        patch=_swap("reference_portal.rules.lookups", "check_lookups", lambda original: lambda fields, result: None),
    ),
    # Refusing a message without the user code is this project's reading (REQ-AID-04, SHOULD); what the guide
    # fixes is that the user code reaches the desk (REQ-AID-02), which this defect breaks.
    Variant(
        "contact-drops-user-code", "rule", "« Contactez-nous » sends the desk its message without the user code typed",
        "REQ-AID-02", "parvient_au_unite",
        patch=_both(_swap("reference_portal.contact", "mail_body", _without_user_code),
                    _swap("reference_portal.messages", "contact_subject",
                          lambda original: lambda user_code, number: original("", number))),
    ),
    # -- time: the portal's clock rules -------------------------------------------------------------------
    Variant(
        "timeout-25-minutes", "time", "sessions end after 25 minutes of inactivity, not 20",
        "REQ-SES-01", "session_tient", serve_args=("--session-timeout", "1500"),
    ),
    Variant(
        "no-timeout", "time", "sessions never expire",
        "REQ-SES-01", "session_tient", serve_args=("--session-timeout", str(10 * 365 * 24 * 3600)),
    ),
    Variant(
        "saved-searches-never-expire", "time", "saved searches stay valid for 100 years, not 6 months",
        "REQ-ALR-05", "valide_6_mois", patch=_set("reference_portal.rules.alerts", "VALIDITY_MONTHS", 1200),
    ),
    Variant(
        "deadline-not-enforced", "time", "the final submission is accepted after the deadline",
        "REQ-SUB-14", "soumission_finale",
        patch=_swap(_OPENINGS, "refusal_reason", _forget_refusal("deadline"), everywhere=True),
    ),
    Variant(
        "deadline-in-utc", "time", "openings close at 23:59 UTC instead of 23:59 New York time",
        "REQ-SUB-14", "jusquà_la_clôture_2359", patch=_swap(_OPENINGS, "deadline_for", _deadline_in_utc,
                                                            everywhere=True),
    ),
    # -- page-correct, server-broken: the page withholds the action, the server takes the request -----------
    Variant(
        "submitted-save-taken", "rule", "a submitted application is shown read-only, but its saves are still taken",
        "REQ-DRA-10", "refuse_den_changer", server_only=True,
        patch=_swap("reference_portal.applications.steps", "refuse_if_not_draft", _drafts_only_in_pages),
    ),
    Variant(
        "withdrawn-reapply-taken", "rule",
        "the opening's page hides « Postuler » after a withdrawal, but a new application is still made",
        "REQ-FAQ-08", "après_le_retrait", server_only=True,
        patch=_both(_drop_one_application_per_opening_key,
                    _swap(_OPENINGS, "existing_application", _apply_ignores_withdrawal, everywhere=True)),
    ),
    *(
        Variant(
            f"{state}-submission-taken", "rule",
            f"« Soumettre candidature » is disabled for an opening {state}, the server submits",
            "REQ-FAQ-03", f"ne_peut_pas_être_soumise and {example}", server_only=True,
            patch=_swap("reference_portal.rules.submission", "content_blockers",
                        _blockers_forgetting("applications.conditions", lambda b, key=key: not _closed_or(key)(b))),
        )
        # The examples' IDs are escaped past ASCII (« fermé » is ferm\xe9): each selected by its ASCII part.
        for state, key, example in (("closed", "closed", "ferm"), ("cancelled", "cancelled", "annul"),
                                    ("filled", "filled_from_roster", "pourvu"))
    ),
    Variant(
        "incomplete-submission-taken", "rule",
        "« Soumettre candidature » is disabled while a mandatory field is empty, the server submits",
        "REQ-SUB-17", "champ_obligatoire_a_été_vidé", server_only=True,
        patch=_swap("reference_portal.rules.submission", "content_blockers", _missing_fields_ignored),
    ),
    Variant(
        "terms-not-checked", "rule", "the page asks for « J'accepte ces conditions », the server submits without it",
        "REQ-SUB-18", "jaccepte_ces_conditions__le_serveur", server_only=True, patch=_terms_taken_for_granted,
    ),
    Variant(
        "reuse-without-model-taken", "flow",
        "« Reprendre une candidature existante ou précédente » is disabled, but the server takes it",
        "REQ-DRA-06", "refuse_aussi_la_reprise", server_only=True, patch=_reuse_without_model,
    ),
    Variant(
        "timeout-from-sign-in", "time", "the 20 minutes run from the sign-in, whatever the activity since",
        "REQ-SES-01", "dernière_page_affichée", server_only=True,
        patch=_swap("reference_portal.security", "session_timed_out", _timeout_from_sign_in),
    ),
    Variant(
        "save-after-expiry-taken", "time",
        "after 20 minutes of inactivity pages show the sign-in, but a form sent then is still saved",
        "REQ-SES-01", "expirée_le_portail", server_only=True,
        patch=_swap("reference_portal.security", "session_timed_out", _expiry_only_for_pages),
    ),
    Variant(
        "printout-for-anyone", "security", "« Voir/Imprimer PHP » gives any candidate's PDF by its number",
        "REQ-SEC-01", "pdf_ni", server_only=True,
        patch=_swap("reference_portal.applications.printout", "own_application_or_404", _printout_for_anyone),
    ),
    Variant(
        "saves-for-anyone", "security", "pages check whose application it is, saves do not",
        "REQ-SEC-01", "pdf_ni", server_only=True,
        patch=_swap("reference_portal.applications.steps", "own_application_or_404", _saves_for_anyone),
    ),
    Variant(
        "roster-only-in-page", "rule",
        "« Postuler » is hidden from candidates on no roster, but the server lets them apply",
        "REQ-FAQ-05", "hors_de_la_liste", server_only=True,
        patch=_swap(_OPENINGS, "on_roster", _roster_only_in_page, everywhere=True),
    ),
    Variant(
        "files-for-anyone", "security", "a file's address serves it to any signed-in candidate",
        "REQ-SEC-01", "pdf_ni", server_only=True, patch=_files_for_anyone,
    ),
    Variant(
        "apply-after-deadline-taken", "time", "after the deadline « Postuler » is hidden, but its request is taken",
        "REQ-SUB-14", "postuler__est_accepté", server_only=True,
        patch=_swap(_OPENINGS, "refusal_reason", _deadline_only_in_pages(
                        "jobs.apply", "applications.new", "applications.new_options"), everywhere=True),
    ),
    Variant(
        "submission-after-deadline-taken", "time",
        "after the deadline the submit button is disabled, but the final submission is taken",
        "REQ-SUB-14", "soumission_finale", server_only=True,
        patch=_swap(_OPENINGS, "refusal_reason", _deadline_only_in_pages("applications.conditions"),
                    everywhere=True),
    ),
    # -- filters that do not filter --------------------------------------------------------------------------
    Variant(
        "search-ignores-keywords", "rule", "« Rechercher » lists every opening, whatever the keywords",
        "REQ-SUB-02", "rechercher__liste_les_appels",
        patch=_swap("reference_portal.rules.search", "SearchCriteria", _search_matching_all),
    ),
    Variant(
        "alert-for-every-opening", "mail", "a job alert announces every opening published, matching or not",
        "REQ-ALR-06", "annonce_par_courriel",
        patch=_swap("reference_portal.rules.search", "SearchCriteria", _alerts_matching_all),
    ),
    Variant(
        "contains-as-starts-with", "rule", "« Consultation Avancée » answers « contient » as « commence par »",
        "REQ-EDU-02", "consultation_avancée__contient",
        patch=_swap("reference_portal.rules.lookups", "InstitutionList", _contains_as_starts),
    ),
    # -- one step of section 4 each --------------------------------------------------------------------------
    Variant(
        "search-link-renamed", "wording", "« Accueil » offers « Offres d'emploi », not « Rech. Emplois »",
        "REQ-SUB-01", "rech_emplois__sur__accueil",
        templates={"home/dashboard.html": (('{{ _("Rech. Emplois") }}', "Offres d'emploi"),),
                   "base.html": (('{{ _("Rech. Emplois") }}', "Offres d'emploi"),)},
    ),
    Variant(
        "no-way-back-to-search", "flow", "the confirmation offers no « Retour à recherche d'emplois »",
        "REQ-SUB-09", "juste_après_la_soumission",
        templates={"applications/confirmation.html": (("{{ _(\"Retour à recherche d'emplois\") }}", "Accueil"),)},
    ),
    Variant(
        "upload-option-missing", "flow",
        "after « Postuler » the option « Mettre en ligne à partir d'un fichier » is gone",
        "REQ-SUB-04", "postuler__la_question_et__suivant",
        templates={"applications/options.html": (("{{ choices.upload | t }}", ""),)},
    ),
    # -- mail ----------------------------------------------------------------------------------------------
    Variant(
        "no-job-alert-mail", "mail", "publishing a matching opening sends no job alert",
        "REQ-ALR-06", "annonce_par_courriel",
        patch=_swap("reference_portal.rules.alerts", "send_job_alerts", lambda original: lambda opening: []),
    ),
    Variant(
        "job-alert-wrong-address", "mail", "job alerts go to the account's address, not the one typed for the alert",
        "REQ-ALR-06", "annonce_par_courriel",
        patch=_swap("reference_portal.rules.alerts", "send_job_alerts", _alert_to_account_address),
    ),
    Variant(
        "no-recovery-mail", "mail", "account recovery says a mail was sent but sends nothing",
        "REQ-REG-07", "code_utilisateur_oublié__envoie",
        patch=_both(_swap("reference_portal.recovery", "queue_mail", lambda original: lambda *a, **k: None),
                    _swap("reference_portal.rules.recovery", "queue_mail", lambda original: lambda *a, **k: None)),
    ),
    Variant(
        "contact-mail-dropped", "mail", "« Contactez-nous » says the message was sent but it never reaches the desk",
        "REQ-AID-02", "parvient_au_unite",
        patch=_swap("reference_portal.contact", "mail",
                    lambda original: SimpleNamespace(send_mail=lambda *a, **k: True)),
    ),
    # -- security ------------------------------------------------------------------------------------------
    Variant(
        "no-ownership-check", "security", "any signed-in candidate opens another candidate's application by its URL",
        "REQ-SEC-01", "candidature_dun_autre",
        patch=_swap("reference_portal.applications.blueprint", "own_application_or_404", _no_ownership_check,
                    everywhere=True),
    ),
]

# Accessibility defects: at the catalogue's SHOULD level a WARNING (the portal stays CONFORMANT), and NOT
# CONFORMANT only where the profile raises accessibility to MUST; so outside the matrix's MUST-only list,
# checked by tests/mutants/test_a11y_variant.py with and without that profile.
A11Y_VARIANTS: list[Variant] = [
    Variant(
        "nameless-image-button-unlabelled-field", "wording",
        "the careers home gains a search box: a text field without a label and an image button without a name",
        "REQ-A11Y-04", "contrôlée and WCAG",
        templates={"home/careers.html": ((
            '{% if current_candidate %}',
            '<form action="/" method="get"><input type="text" name="q">'
            '<input type="image" src="{{ url_for(\'static\', filename=\'loupe.svg\') }}"></form>\n'
            '{% if current_candidate %}'
        ),)},
    ),
]


def by_name(name: str) -> Variant:
    for variant in [*VARIANTS, *A11Y_VARIANTS]:
        if variant.name == name:
            return variant
    raise KeyError(name)
