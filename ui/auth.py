"""Optional sign-in: Streamlit's built-in ``st.login`` (OpenID Connect), switched on by configuration.

Off by default (a planner running the dashboard on a laptop needs no account). On a team's shared
server set ``LINKSTAR_SIGN_IN=1`` and give the identity provider in ``.streamlit/secrets.toml``
(``[auth]`` with ``redirect_uri``, ``cookie_secret``, ``client_id``, ``client_secret``,
``server_metadata_url``; see the README). Then every page first asks the visitor to sign in, and
whatever they save (scenarios, decisions, imports) carries their name. ``LINKSTAR_ALLOWED_DOMAINS``
(comma-separated e-mail domains) optionally narrows who may open the dashboard to the team.
"""

from __future__ import annotations

import os

import streamlit as st

from ui.i18n import t
from ui.text import plain

ENV_SWITCH = "LINKSTAR_SIGN_IN"
ENV_PROVIDER = "LINKSTAR_SIGN_IN_PROVIDER"
ENV_DOMAINS = "LINKSTAR_ALLOWED_DOMAINS"


def enabled() -> bool:
    """True when sign-in is switched on (``LINKSTAR_SIGN_IN`` = 1 / true / yes / on)."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() in {"1", "true", "yes", "on"}


def _user_value(name: str) -> str:
    try:
        value = st.user.get(name)
    except Exception:  # noqa: BLE001 - st.user raises outside a run or without auth settings
        return ""
    return str(value).strip() if value else ""


def signed_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # noqa: BLE001
        return False


def user_name() -> str:
    """The signed-in person's name (else e-mail), or "" when sign-in is off or nobody is signed in."""
    if not enabled() or not signed_in():
        return ""
    return _user_value("name") or _user_value("email")


def author(typed: str = "", fallback: str = "") -> str:
    """The author to store with a save: the signed-in name, else what was typed, else ``LINKSTAR_AUTHOR``,
    else ``fallback``."""
    return user_name() or typed.strip() or os.environ.get("LINKSTAR_AUTHOR", "").strip() or fallback


def _domain_allowed() -> bool:
    domains = [d.strip().lower().lstrip("@") for d in os.environ.get(ENV_DOMAINS, "").split(",") if d.strip()]
    if not domains:
        return True
    email = _user_value("email").lower()
    return any(email.endswith("@" + d) for d in domains)


def gate() -> bool:
    """When sign-in is on and nobody (allowed) is signed in: show the sign-in screen and return False.

    Otherwise show who is signed in (with a sign-out button) in the sidebar and return True."""
    if not enabled():
        return True
    if not signed_in():
        st.title(t("auth.title"))
        st.write(t("auth.why"))
        if st.button(t("auth.sign_in"), type="primary", icon=":material/login:"):
            provider = os.environ.get(ENV_PROVIDER, "").strip() or None
            try:
                st.login(provider)
            except Exception:  # noqa: BLE001 - missing [auth] settings or Authlib: say what to configure
                st.error(t("auth.not_configured"))
        return False
    if not _domain_allowed():
        st.title(t("auth.title"))
        st.error(t("auth.not_allowed", email=plain(_user_value("email"))))
        if st.button(t("auth.sign_out")):
            st.logout()
        return False
    st.sidebar.caption(t("auth.signed_in_as", name=plain(user_name())))
    if st.sidebar.button(t("auth.sign_out"), icon=":material/logout:"):
        st.logout()
    return True
