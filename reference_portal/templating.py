"""What every template can use: the messages module, the signed-in candidate, date filters."""

from __future__ import annotations

from typing import Any

from flask import Flask

from reference_portal import clock, messages, security
from reference_portal.rules import implements


@implements("REQ-A11Y-01", "REQ-A11Y-02", "REQ-A11Y-03", "REQ-A11Y-04")
def init_templating(app: Flask) -> None:
    """Every page is rendered through here from templates/base.html (its language, landmarks, skip link and
    heading order) and the field macros of templates/_forms.html (a label for every field, errors tied to
    their field), which is where the portal meets WCAG 2.1 A and AA (tests/portal/test_accessibility.py)."""
    app.jinja_env.filters["date_fr"] = clock.format_date
    app.jinja_env.filters["time_ny"] = lambda moment: moment.astimezone(clock.NEW_YORK).strftime("%H:%M")
    app.jinja_env.globals["messages"] = messages  # also visible inside imported macros
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def common() -> dict[str, Any]:
        return {"current_candidate": security.current_candidate()}
