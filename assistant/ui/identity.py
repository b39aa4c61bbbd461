"""Who owns a conversation: an OIDC user when an identity provider is configured, otherwise the
browser.

Without login, each browser carries a random 128-bit id in a first-party cookie (``lvju_uid``, set
by a tiny script the app mounts; ``SameSite=Strict``). It is not guessable and not shared between
browsers. The owner stored with a conversation is a hash of that id, never the id itself, so the
conversation database does not hold the secret that opens the conversations.
"""

from __future__ import annotations

import hashlib
import re
import secrets

COOKIE = "lvju_uid"
_ID = re.compile(r"[0-9a-f]{32}")

# Runs in the page (components v2): keeps the browser's id in a cookie and reports it.
# `data.current` is the id the server uses for this session; if the browser already holds another
# one (e.g. set by another tab meanwhile), that one is reported back and adopted.
IDENTITY_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const valid = (v) => typeof v === "string" && /^[0-9a-f]{32}$/.test(v);
  const m = document.cookie.match(/(?:^|;\\s*)lvju_uid=([0-9a-f]{32})(?:;|$)/);
  let uid = m ? m[1] : null;
  if (!uid) {
    uid = data && valid(data.current) ? data.current
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    document.cookie = "lvju_uid=" + uid + "; path=/; max-age=34560000; SameSite=Strict";
  }
  if (!data || data.current !== uid) setStateValue("uid", uid);
}
"""


def valid_browser_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def new_browser_id() -> str:
    return secrets.token_hex(16)


def browser_owner(browser_id: str) -> str:
    if not valid_browser_id(browser_id):
        raise ValueError("not a browser id")
    return "browser:" + hashlib.sha256(("lvju-browser:" + browser_id).encode()).hexdigest()[:40]


def oidc_owner(user: dict) -> str | None:
    """The owner for a logged-in OIDC user (issuer + subject; e-mail only when no subject is given)."""
    subject = user.get("sub") or user.get("email")
    if not subject:
        return None
    issuer = str(user.get("iss") or "")
    return "oidc:" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:40]


def choose_browser_id(session_value: str | None, cookie_value: str | None, reported_value: str | None) -> str:
    """The browser id a session uses: what the page reports it holds, else the cookie sent when the
    session connected, else the id already chosen for this session, else a new one."""
    for value in (reported_value, cookie_value, session_value):
        if valid_browser_id(value):
            return value  # type: ignore[return-value]
    return new_browser_id()
