"""« Voir/Imprimer PHP »: the PDF version of one of the candidate's applications (guide 3.viii and FAQ v).

The PDF comes back in the same tab (inline, with a file name for saving), never in a new window, so a
pop-up blocker cannot stop it.
"""

from __future__ import annotations

from flask import Response

from reference_portal import messages, pdf
from reference_portal.applications.blueprint import bp, own_application_or_404
from reference_portal.i18n import gettext as _
from reference_portal.models import Application, Candidate
from reference_portal.rules import implements, sections
from reference_portal.rules.profile import completion
from reference_portal.security import current_candidate, login_required

NO_QUESTIONS = "Aucune question de présélection : la candidature n'est liée à aucun appel à candidature."


def printed(application: Application, candidate: Candidate) -> pdf.PrintedApplication:
    profile = candidate.profile
    first = (profile.first_name if profile and profile.first_name else None) or candidate.first_name
    last = (profile.last_name if profile and profile.last_name else None) or candidate.last_name
    opening = application.opening
    printed_sections = []
    for section in sections.SECTIONS:
        fields = sections.fields_of(section, application)
        values = sections.stored_values(section, application)
        rows = tuple((f.label, "" if values.get(f.name) is None else str(values[f.name])) for f in fields)
        note = ""
        if section.key == "profile_check":
            note = _("Statut du profil : {completion}% Complet").format(completion=completion(profile))
        elif section is sections.PRESCREENING and not fields:
            note = _(NO_QUESTIONS)
        title = (section.name, section.sub_name) if section.sub_name else (section.name,)
        printed_sections.append(pdf.PrintedSection(title, rows, note))
    return pdf.PrintedApplication(
        candidate_name=f"{first} {last}",
        user_code=candidate.user_code,
        opening=f"{opening.number} - {opening.title}" if opening else messages.NOT_LINKED,
        status=application.status,
        created_at=application.created_at,
        submitted_at=application.submitted_at,
        sections=tuple(printed_sections),
    )


@bp.get("/<int:application_id>/imprimer.pdf")
@login_required
@implements("REQ-PDF-01", "REQ-PDF-02")
def printout(application_id: int) -> Response:
    application = own_application_or_404(application_id)
    body = pdf.render(printed(application, current_candidate()))
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="candidature-{application.id}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
