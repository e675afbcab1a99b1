"""An application's status, as « Mes candidatures » shows it: the guide's French is what is stored.

The named sets below are the only place that says which statuses a rule is about; they are tuples in the
enum's order (usable in SQL ``IN`` and in messages that list them).
"""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    DRAFT = "Brouillon"
    APPLIED = "Postulé"
    UNDER_CONSIDERATION = "A l'étude"
    RECRUITMENT_OVER = "Recrutement terminé"
    ROSTERED = "Inscrit sur une liste"
    SELECTED = "Sélectionné"
    FILLED_FROM_ROSTER = "Pourvu à partir d'une liste"
    NOTICE_CANCELLED = "Avis annulé"
    WITHDRAWN = "Retirée"


ALL: tuple[Status, ...] = tuple(Status)
# Given by the candidate's own actions; every other status is a recruiter's.
CANDIDATE_SET: tuple[Status, ...] = (Status.DRAFT, Status.APPLIED, Status.WITHDRAWN)
# What a recruiter gives a submitted application (the control API's PATCH), in the enum's order.
RECRUITER_SET: tuple[Status, ...] = tuple(s for s in Status if s not in CANDIDATE_SET)
# Submitted and not withdrawn: the application was received.
SUBMITTED: tuple[Status, ...] = tuple(s for s in Status if s not in (Status.DRAFT, Status.WITHDRAWN))
# A submitted application may be withdrawn until the candidate is selected or the selection is over.
WITHDRAWABLE: tuple[Status, ...] = (Status.APPLIED, Status.UNDER_CONSIDERATION, Status.ROSTERED)
# Nothing more happens to the application: only « Toutes » (or « Retirées ») lists it.
FINISHED: tuple[Status, ...] = (
    Status.RECRUITMENT_OVER, Status.FILLED_FROM_ROSTER, Status.NOTICE_CANCELLED, Status.WITHDRAWN
)
