"""The guide's rules, apart from the pages that show them: plain functions over the models and the clock.

One module per area of the guide (``session``, ``openings`` for deadlines and eligibility, ``submission``,
``withdrawal``, ``drafts``, ``sections``, ``search``, ``alerts``, ``profile``, ``attachments``, ``lookups``,
``registration``, ``recovery``) and ``statuses``, the application statuses. Nothing here reads a request,
builds a response or renders a template: the views in ``reference_portal/*.py`` and
``reference_portal/applications/`` call these functions and turn their answers into pages, so each rule is
tested on its own, without HTTP (tests/portal/test_domain_rules.py).

``@implements("REQ-…")`` marks the function that implements a requirement of features/requirements.csv (a
rule here, or the view that shows what a requirement says a page shows). The marks are read statically by
``harness/coverage.py``: keep them literal decorators with literal string arguments.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

Marked = TypeVar("Marked", bound=Callable[..., object])

REQUIREMENT_ID = re.compile(r"REQ-[A-Z][A-Z0-9]{2,3}-\d{2}")  # as harness.requirements reads them
# requirement ID → the qualified names of the functions marked as implementing it (filled at import time).
IMPLEMENTED: dict[str, list[str]] = {}


def implements(*requirement_ids: str) -> Callable[[Marked], Marked]:
    """Marks the decorated function as implementing these requirements; the function itself is unchanged."""
    malformed = [r for r in requirement_ids if not REQUIREMENT_ID.fullmatch(r)]
    if not requirement_ids or malformed:
        raise ValueError(f"implements() takes requirement IDs like 'REQ-SES-01', not {malformed or '()'}")

    def mark(function: Marked) -> Marked:
        name = f"{function.__module__}.{function.__qualname__}"
        for requirement_id in requirement_ids:
            IMPLEMENTED.setdefault(requirement_id, []).append(name)
        return function

    return mark
