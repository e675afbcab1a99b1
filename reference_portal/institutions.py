"""The look-up page behind a field's 🔍 icon: basic search, and « Consultation Avancée » (« Long Description »
with « commence par », « contient » or « est égal à »); choosing a row stores the value and returns to the
section. The lists and the rule that a look-up field takes only a value of its list: ``rules.lookups``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, redirect, render_template, request

from reference_portal import db
from reference_portal.applications import steps
from reference_portal.applications.blueprint import own_application_or_404
from reference_portal.forms import Field
from reference_portal.rules import implements, lookups, sections
from reference_portal.security import login_required

bp = Blueprint("lookups", __name__, url_prefix="/candidatures")


def init_app(app: Flask) -> None:
    with app.app_context():
        lookups.load(db.engine())
    app.jinja_env.globals["lookup_suggestions"] = lambda key: lookups.LISTS[key].suggestions()
    from reference_portal import variant

    variant.register(app, bp)


def _lookup_field(name: str) -> tuple[sections.Section, Field]:
    for section in sections.SECTIONS:
        for f in section.fields:
            if f.name == name and f.kind == "lookup":
                return section, f
    abort(404)


@bp.route("/<int:application_id>/recherche/<field_name>", methods=["GET", "POST"])
@login_required
@implements("REQ-EDU-01", "REQ-EDU-02", "REQ-EDU-03", "REQ-LKP-01")
def lookup(application_id: int, field_name: str) -> Any:
    application = own_application_or_404(application_id)
    section, f = _lookup_field(field_name)
    values = lookups.LISTS[f.lookup]
    if (refusal := steps.refuse_if_not_draft(application)) is not None:
        return refusal
    if request.method == "POST":
        choice = values.get(request.form.get("choice", ""))
        if choice is None:
            abort(400)
        sections.store(section, application, {f.name: choice.name})
        db.session().commit()
        return redirect(steps.step_url(application, section) + f"#{f.name}", 303)
    advanced = request.args.get("avance") == "1"
    operator_label = request.args.get("op", "contient" if advanced else "commence par")
    operator = lookups.OPERATORS.get(operator_label)
    if operator is None:
        abort(400)
    text = (request.args.get("q") or "").strip()[:200]
    searched = "q" in request.args or not advanced
    found, total = values.search(operator, text) if searched else ([], 0)
    return render_template(
        "lookups/lookup.html",
        application=application,
        section=section,
        field=f,
        values=values,
        advanced=advanced,
        operators=lookups.OPERATORS,
        operator_label=operator_label,
        criterion=lookups.CRITERION,
        text=text,
        searched=searched,
        found=found,
        total=total,
        page_size=lookups.PAGE_SIZE,
        back_url=steps.step_url(application, section),
    )
