"""« Mes candidatures »: creating a draft (step 1), its sections (steps 2 to 7), review and submission.

The pages only: the rules they apply are in ``reference_portal.rules``.
"""

from __future__ import annotations

from reference_portal.applications import create, listing, offline, printout, steps, submit  # noqa: F401  (registers routes)
from reference_portal.applications.blueprint import bp, own_application_or_404

__all__ = ["bp", "own_application_or_404"]
