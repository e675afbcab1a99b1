"""The inactivity timeout (guide 3.vii): a signed-in session lasts 20 minutes without activity."""

from __future__ import annotations

from datetime import datetime

from reference_portal.rules import implements

# The guide's 20 minutes, and the warning shown 2 minutes before they are over: the portal's, the CLI's and the
# server's defaults all come from here.
TIMEOUT_SECONDS = 20 * 60
WARNING_SECONDS = TIMEOUT_SECONDS - 2 * 60


def idle_seconds(last_activity: float, now: datetime) -> float:
    """Seconds since the person's last activity (a POSIX timestamp, as the session cookie keeps it)."""
    return now.timestamp() - last_activity


@implements("REQ-SES-01")
def timed_out(last_activity: float, now: datetime, timeout_seconds: float) -> bool:
    """Whether the session has ended: more than the timeout without activity (exactly the timeout still lives)."""
    return idle_seconds(last_activity, now) > timeout_seconds


@implements("REQ-SES-03")
def seconds_left(last_activity: float, now: datetime, timeout_seconds: float) -> int:
    """Seconds of inactivity left before the session ends (0 once it has), which the in-page warning counts down."""
    return max(0, round(timeout_seconds - idle_seconds(last_activity, now)))
