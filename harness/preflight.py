"""What must work before any scenario can say something about the portal, and the one line that says
what broke and what to do when it does not.

The target is checked before pytest starts (it answers over HTTP, its name resolves, its TLS
certificate is trusted, it does not fail with 5xx); the browser is checked where it starts, inside
pytest, and a failure there ends the run with the verdict ``ERROR`` instead of an error per scenario.
"""

from __future__ import annotations

import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request

REACHABILITY_TIMEOUT_S = 8.0


class Unreachable(Exception):
    """The target portal cannot be checked: one line naming the cause and what to do (exit 3)."""


class RunAborted(Exception):
    """Raised inside the run when nothing more can be checked (the browser does not start): the run
    stops, its report says ``ERROR``, and the message is the one line the user sees."""


def check_target(base_url: str) -> None:
    """Raises Unreachable with a one-line diagnosis when the portal at ``base_url`` cannot be checked."""
    host = urllib.parse.urlsplit(base_url).hostname or base_url
    request = urllib.request.Request(base_url, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=REACHABILITY_TIMEOUT_S):
            return
    except urllib.error.HTTPError as exc:
        if exc.code < 500:
            return  # it answers; what it answers is for the scenarios to judge
        raise Unreachable(
            f"{base_url} answers HTTP {exc.code}: the portal is up but failing; check its logs"
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise Unreachable(_diagnose(base_url, host, getattr(exc, "reason", exc))) from None


def _diagnose(base_url: str, host: str, reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return (f"cannot reach {base_url}: the host name {host!r} does not resolve ({reason.strerror}); "
                "correct --base-url (or the profile's base_url) or this machine's DNS")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return (f"cannot reach {base_url}: its TLS certificate is not trusted ({reason.verify_message}); "
                "give the portal a certificate from an authority this machine trusts, or add its CA to the "
                "system's trust store")
    if isinstance(reason, ssl.SSLError):
        return (f"cannot reach {base_url}: the TLS handshake failed ({reason.reason or reason}); "
                "check that the portal speaks HTTPS on that port, or use http://")
    if isinstance(reason, TimeoutError):
        return (f"cannot reach {base_url}: no answer within {REACHABILITY_TIMEOUT_S:.0f} s; "
                "check that the portal is up and that no firewall drops the connection")
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {base_url} (connection refused); start the portal or correct --base-url"
    return f"cannot reach {base_url} ({reason}); start the portal or correct --base-url"


def browser_failure(error: BaseException, how: str) -> str:
    """The one line for a browser that would not start or connect: Playwright's cause, what the browser
    itself said and how it ended (from Playwright's call log), then what to do."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    first = re.sub(r"^\w+\.\w+: ", "", lines[0] if lines else str(error)).replace("Failed to launch: Error: ", "")
    first = first.replace(" EACCES", ": permission denied, not an executable file").replace(" ENOENT", ": no such file")
    details = [first]
    said = [line.split("[err]", 1)[1].strip() for line in lines if "[err]" in line and line.startswith("-")]
    if said:
        details.append(f"it said: {said[-1]}")
    ended = next((m.group(1) for line in lines if (m := re.search(r"process did exit: exitCode=(\d+)", line))), None)
    if ended:
        details.append(f"exit code {ended}")
    cause = "; ".join(details)[:300]
    if how.startswith("launch"):
        action = ("set INSPIRA_BROWSER to a Chromium executable, or unset it and run "
                  "`python -m harness.browser ensure`")
    else:
        action = "check that the remote browser is up and its address is right"
    return f"the browser could not start ({how}: {cause}); {action}"
