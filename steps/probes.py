"""Server probes: proof that a rule is kept by the portal's server, not only by its page.

When a rule makes the page withhold an action (a disabled « Soumettre candidature », no « Postuler », no
« Enregistrer » once submitted), a portal that only hides the control would pass a check of the page. A
probe sends the portal the request the page itself sent (or would have sent) for that action, in the
candidate's own browser context, and the scenario then looks through the page that nothing changed.

It knows no URL of any portal: a request is learnt from the page while the action is still allowed, in
one of two ways:

- ``recording(action)``: the action is done for real and the request it sent is kept;
- ``capturing(action)``: the request is taken as the page sends it and answered ``204 No Content`` by the
  browser itself, so the portal never sees it (the page stays where it was), to be replayed later.

``replay`` sends it again through ``context.request`` (the context's own cookies), with the tokens of
hidden fields (CSRF) refreshed from the page the browser shows now, and with fields changed or dropped
where the probe asks. Where the control of a form is there but disabled, ``force_form`` submits the
form the control belongs to, without its scripts or the browser's own checks. A probe that cannot be
made (no request was seen, no form around the control) makes the scenario not testable, never passed.

Each probe is evidence in the report: what it sent (method, path), the status the portal answered, and
what the page showed afterwards.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NoReturn
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness.verdicts import NOT_TESTABLE_PREFIX

# How long an action may take to send its request before the page is taken not to send one.
REQUEST_TIMEOUT_MS = 10_000
# Headers that carry the request's meaning; the browser context adds its cookies itself.
_KEPT_HEADERS = ("content-type", "origin", "referer", "accept")
_URLENCODED = "application/x-www-form-urlencoded"
# The name of a field that carries a session's or a page's token (Rails, Django, Laravel, ASP.NET, WordPress,
# WTForms…), which a replayed request must take from the page shown.
_TOKEN_NAME = re.compile(r"csrf|xsrf|authenticity|token|nonce|viewstate|eventvalidation|verification", re.IGNORECASE)
MAX_REDIRECTS = 10
# Every hidden field of every form of the page, and the CSRF tokens some portals keep in <meta>.
_PAGE_TOKENS = """() => {
  const found = {};
  for (const input of document.querySelectorAll('input[type=hidden][name]')) found[input.name] = input.value;
  for (const meta of document.querySelectorAll('meta[name*=csrf i][content]')) found['meta:csrf'] = meta.content;
  return found;
}"""
# The text fields a form sends when this button submits it (the button's own name and value included).
_FORM_TEXT_FIELDS = """button => Array.from(new FormData(button.form, button).entries())
  .filter(([name, value]) => typeof value === 'string')"""
# Submits the form a control belongs to, as its own button would, but without scripts or constraints.
_FORCE_FORM = """control => {
  const form = control.form || control.closest('form');
  if (!form) return false;
  if (control.name) {
    const carried = document.createElement('input');
    carried.type = 'hidden'; carried.name = control.name; carried.value = control.value;
    form.appendChild(carried);
  }
  HTMLFormElement.prototype.submit.call(form);
  return true;
}"""


def cannot_probe(why: str) -> NoReturn:
    """Ends the scenario as not testable: a rule the harness could not prove on the server is never a pass."""
    pytest.skip(NOT_TESTABLE_PREFIX + "server probe: " + why)


@dataclass(frozen=True)
class RecordedRequest:
    action: str
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None
    # A form sent with a file: the browser does not expose such a body, so its text fields are read from the
    # form before it is sent and its files are the ones the step chose, and the body is made again from them.
    form: tuple[tuple[str, str], ...] | None = None
    files: tuple[tuple[str, Path], ...] = ()

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def form_fields(self) -> list[tuple[str, str]]:
        """The fields of a urlencoded body (an empty list for other bodies)."""
        if self.content_type != _URLENCODED or self.body is None:
            return []
        return parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True)


@dataclass
class ProbeResult:
    request: RecordedRequest
    status: int
    location: str | None
    text: str
    evidence: dict = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""


def _is_action(request: Request) -> bool:
    """A request that changes something: not a GET or HEAD, sent by the page (a form or a script)."""
    return request.method not in ("GET", "HEAD", "OPTIONS") and request.resource_type in ("document", "xhr", "fetch")


def _recorded(action: str, request: Request) -> RecordedRequest:
    headers = {k: v for k, v in request.headers.items() if k.lower() in _KEPT_HEADERS or k.lower().startswith("x-")}
    return RecordedRequest(action, request.method, request.url, headers, request.post_data_buffer)


class ServerProbes:
    """The requests one scenario learnt from its page, and the probes it made with them."""

    def __init__(self, page: Page, evidence: list[dict]) -> None:
        self.page = page
        self.requests: dict[str, RecordedRequest] = {}
        # The names form controls are sent under, by the guide label they were found with.
        self.names: dict[str, str] = {}
        # What a replay sent in place of what the page had, by the label of its field.
        self.replayed: dict[str, str] = {}
        self.evidence = evidence

    # -- learning a request --------------------------------------------------------------------------
    @contextmanager
    def recording(
        self, action: str, submitter: Locator | None = None, files: dict[str, Path] | None = None
    ) -> Iterator[None]:
        """The action inside the block is done for real; the first request it sends is kept as ``action``.

        For a form that sends a file, ``submitter`` is the button the block presses and ``files`` the files
        chosen, by field name: the browser keeps such a body to itself, so it is made again from them."""
        form = tuple(tuple(pair) for pair in submitter.evaluate(_FORM_TEXT_FIELDS)) if submitter is not None else None
        try:
            with self.page.expect_request(_is_action, timeout=REQUEST_TIMEOUT_MS) as info:
                yield
        except PlaywrightTimeout:
            return  # nothing was sent: a later replay of ``action`` is not possible, and says so
        recorded = _recorded(action, info.value)
        if form is not None:
            recorded = replace(recorded, form=form, files=tuple((files or {}).items()))
        self.requests[action] = recorded

    @contextmanager
    def capturing(self, action: str) -> Iterator[None]:
        """The first request the block's action sends is kept as ``action`` and never reaches the portal:
        the browser answers it ``204 No Content`` itself, which leaves the page as it was."""
        taken: list[Request] = []

        def take(route: Route, request: Request) -> None:
            if not taken and _is_action(request):
                taken.append(request)
                route.fulfill(status=204, body="")
            else:
                route.fallback()

        self.page.route("**/*", take)
        try:
            with self.page.expect_request(_is_action, timeout=REQUEST_TIMEOUT_MS):
                yield
        except PlaywrightTimeout:
            pass
        finally:
            self.page.unroute("**/*", take)
        if taken:
            self.requests[action] = _recorded(action, taken[0])

    def learnt(self, action: str) -> RecordedRequest:
        if action not in self.requests:
            cannot_probe(f"the page sent no request for « {action} » that could be replayed")
        return self.requests[action]

    def field_name(self, control: Locator) -> str:
        """The name a form control is sent under (what ``replay(changes=...)`` is keyed by)."""
        name = control.get_attribute("name")
        if not name:
            cannot_probe("the control has no name under which its form sends it")
        return name

    # -- probing ----------------------------------------------------------------------------------------
    def replay(
        self,
        action: str,
        purpose: str,
        changes: dict[str, str] | None = None,
        drop: tuple[str, ...] = (),
    ) -> ProbeResult:
        """Sends ``action``'s request again in this browser context; ``changes`` and ``drop`` edit its form
        fields by name. The answer is not followed: its status (and where it redirects) is the evidence.

        Its tokens come from the page shown now. A token the page does not offer (the request was learnt in
        another candidate's session, or the portal gives each page its own) would get the request refused for
        the token, not for the rule under test, and the refusal would prove nothing: the probe is then not
        testable, and nothing is sent."""
        recorded = self.learnt(action)
        current = self._page_tokens()
        self._require_fresh_tokens(recorded, current)
        body, headers = self._refreshed(recorded, current)
        sent: dict = {}
        if recorded.form is not None:
            sent["multipart"] = self._multipart(recorded, current, changes or {}, drop)
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        elif recorded.body is None and recorded.content_type == "multipart/form-data":
            cannot_probe(f"the browser did not show the body of « {action} » (a file upload) to the harness")
        else:
            sent["data"] = _edited(recorded, body, changes or {}, drop) if changes or drop else body
        response = self.page.context.request.fetch(
            recorded.url, method=recorded.method, headers=headers, max_redirects=0, fail_on_status_code=False, **sent
        )
        body_bytes = response.body()
        text = body_bytes.decode("utf-8", "replace")
        location = response.headers.get("location")
        evidence = {
            "purpose": purpose,
            "technique": "replay",
            "method": recorded.method,
            "path": recorded.path,
            "changed_fields": sorted((changes or {}).keys()),
            "dropped_fields": list(drop),
            "status": response.status,
            **({"location": location} if location else {}),
        }
        self.evidence.append(evidence)
        return ProbeResult(recorded, response.status, location, text, evidence, body_bytes,
                           response.headers.get("content-type", ""))

    def fetch(self, url: str, purpose: str) -> ProbeResult:
        """Asks the portal for an address another session noted (a page, a document), in this context. Its
        redirects are followed: what counts is what the portal finally gives (a redirect to the document is
        giving it), and the evidence says where the answer came from."""
        response = self.page.context.request.get(url, max_redirects=MAX_REDIRECTS, fail_on_status_code=False)
        body = response.body()
        recorded = RecordedRequest(purpose, "GET", url, {}, None)
        final = urlsplit(response.url).path
        evidence = {"purpose": purpose, "technique": "replay", "method": "GET", "path": recorded.path,
                    "status": response.status, **({"answered_from": final} if final != recorded.path else {})}
        self.evidence.append(evidence)
        return ProbeResult(recorded, response.status, None, body.decode("utf-8", "replace"), evidence, body,
                           response.headers.get("content-type", ""))

    def show(self, result: ProbeResult) -> None:
        """The portal's answer to a replay shown in the browser, at the request's address, as if the page had
        sent it: the scenario can then go on from it as a person would (its links and forms reach the portal)."""
        url = result.request.url
        self.page.route(url, lambda route: route.fulfill(status=result.status, body=result.body,
                                                         content_type=result.content_type or "text/html"), times=1)
        try:
            self.page.goto(url)
        finally:
            self.page.unroute(url)
        self.shown(f"la réponse du portail ({result.status}) montrée dans le navigateur à {urlsplit(url).path}")

    def shown(self, what: str) -> None:
        """Notes, beside the last probe of the report, what the page showed after it."""
        if self.evidence:
            self.evidence[-1].setdefault("shown_after", []).append(what)

    def force_form(self, control: Locator, purpose: str) -> dict:
        """Submits the form a withheld (disabled) control belongs to, as if it could be pressed."""
        if control.count() == 0:
            cannot_probe("the withheld control is not on the page, so no form of its own can be sent")
        with self.page.expect_navigation(timeout=REQUEST_TIMEOUT_MS):
            if not control.evaluate(_FORCE_FORM):
                cannot_probe("the withheld control belongs to no form that could be sent")
        evidence = {"purpose": purpose, "technique": "forced form", "path": urlsplit(self.page.url).path}
        self.evidence.append(evidence)
        return evidence

    def _multipart(
        self, recorded: RecordedRequest, current: dict[str, str], changes: dict[str, str], drop: tuple[str, ...]
    ) -> dict:
        """The form sent with its files again, its tokens refreshed; ``changes`` of a file field rename the file."""
        parts: dict = {name: current.get(name, value) for name, value in recorded.form or () if name not in drop}
        for name, path in recorded.files:
            filename = changes.get(name, path.name)
            kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
            parts[name] = {"name": filename, "mimeType": kind, "buffer": path.read_bytes()}
        parts.update({name: value for name, value in changes.items() if name not in dict(recorded.files)})
        return parts

    def _page_tokens(self) -> dict[str, str]:
        """The hidden fields of the page the browser shows, read once its document has loaded; read again if a
        navigation replaced the document meanwhile."""
        for attempt in range(2):
            try:
                self.page.wait_for_load_state("domcontentloaded")
                return self.page.evaluate(_PAGE_TOKENS)
            except PlaywrightError as exc:
                if attempt == 0 and "context was destroyed" in str(exc):
                    continue  # the page was navigating: read the document it arrived at
                return {}  # a page without a document (a download) has no token to give
        return {}

    def _require_fresh_tokens(self, recorded: RecordedRequest, offered: dict[str, str]) -> None:
        carried = [name for name, _ in (recorded.form or recorded.form_fields()) if _TOKEN_NAME.search(name)]
        stale = [name for name in carried if name not in offered]
        if stale:
            cannot_probe(
                f"the request for « {recorded.action} » carries {', '.join(stale)}, and the page shown now "
                f"({urlsplit(self.page.url).path}) offers no value for it: sent as it was learnt, "
                "it would be refused for its token, not for the rule"
            )

    def _refreshed(self, recorded: RecordedRequest, current: dict[str, str]) -> tuple[bytes | None, dict[str, str]]:
        """The body and headers with every token they carry replaced by the page's current value (a portal
        may rotate its CSRF token): hidden fields by name, a CSRF header from the page's CSRF <meta>."""
        headers = dict(recorded.headers)
        if "meta:csrf" in current:
            for name in headers:
                if "csrf" in name.lower() or "xsrf" in name.lower():
                    headers[name] = current["meta:csrf"]
        if recorded.body is None:
            return None, headers
        if recorded.content_type == _URLENCODED:
            fields = [(k, current.get(k, v)) for k, v in recorded.form_fields()]
            return urlencode(fields).encode(), headers
        body = recorded.body
        for name, value in current.items():  # multipart: the part of the same name gets the new value
            body, _ = _set_part(body, name, value)
        return body, headers


def _set_part(body: bytes, name: str, value: str) -> tuple[bytes, int]:
    """A multipart body with the text part ``name`` holding ``value``; how many parts were changed."""
    pattern = re.compile(rb'(name="' + re.escape(name.encode()) + rb'"\r\n\r\n)[^\r]*')
    return pattern.subn(lambda match: match.group(1) + value.encode(), body)


def _edited(recorded: RecordedRequest, body: bytes | None, changes: dict[str, str], drop: tuple[str, ...]) -> bytes:
    if recorded.content_type == _URLENCODED and body is not None:
        fields = [(k, changes.get(k, v)) for k, v in parse_qsl(body.decode(), keep_blank_values=True) if k not in drop]
        fields += [(k, v) for k, v in changes.items() if k not in {name for name, _ in fields}]
        return urlencode(fields).encode()
    if body is not None and recorded.content_type == "multipart/form-data":
        for name, value in changes.items():
            body, found = _set_part(body, name, value)
            if not found:
                cannot_probe(f"the request for « {recorded.action} » has no field {name!r} to change")
        if drop:
            cannot_probe("fields cannot be dropped from a multipart request")
        return body
    cannot_probe(f"the request for « {recorded.action} » is not a form ({recorded.content_type or 'no body'})")
