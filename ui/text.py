"""Text from data and links shown as plain text: no markdown, no images, no links, no colour directives.

Streamlit renders the body of ``st.markdown``, ``st.caption``, ``st.info`` / ``st.warning`` /
``st.error`` / ``st.success``, ``st.write`` of a string and widget and metric labels as Markdown, so a
dataset name, a warehouse id, a campaign name or a share-link value such as
``[Session expired](https://…)`` or ``![x](https://tracker/…)`` would become a link or load an image.
:func:`plain` backslash-escapes every ASCII punctuation character (CommonMark lets any of them be
escaped), which turns all Markdown, GitHub autolinks, Streamlit's ``:red[...]`` / ``:material/...:``
directives and ``$...$`` maths into the literal characters; line breaks become spaces and
invisible / direction-changing characters are shown as ``?``. :func:`short` also cuts a value to a
short prefix for notices. Use them for every value that comes from a file, a link or a user.
"""

from __future__ import annotations

import re

from linkstar_analytics.io.messages import QUOTE_CHARS

_PUNCT_RE = re.compile(r"([!-/:-@\[-`{-~])")  # every printable ASCII punctuation character
_INVISIBLE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_BREAK_RE = re.compile(r"[\r\n\t\u2028\u2029]+")


def plain(value: object) -> str:
    """``value`` as Markdown that displays exactly its characters (see the module docstring)."""
    s = "" if value is None else str(value)
    s = _INVISIBLE_RE.sub("?", _BREAK_RE.sub(" ", s))
    return _PUNCT_RE.sub(r"\\\1", s)


def short(value: object, limit: int = QUOTE_CHARS) -> str:
    """At most ``limit`` characters of ``value`` (then "…"), invisible characters shown as ``?``, no breaks."""
    s = "" if value is None else str(value)
    s = _INVISIBLE_RE.sub("?", _BREAK_RE.sub(" ", s))
    return s if len(s) <= limit else s[:limit] + "…"


def plain_short(value: object, limit: int = QUOTE_CHARS) -> str:
    """:func:`short`, then :func:`plain`: a value quoted in a Markdown notice."""
    return plain(short(value, limit))
