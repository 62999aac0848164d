r"""HTML output shared by the server's pages, notebook tables and the network view.

Data embedded in a page goes through :func:`script_json`; inline scripts and styles are
allowed by a Content Security Policy through :func:`csp_hash`. Which IRIs become links is
decided by :func:`netgov_kg.namespaces.is_web_iri`.

Examples
--------
>>> print(script_json({"label": "</script><!--x-->"}))
{"label": "\u003c/script\u003e\u003c!--x--\u003e"}
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

_SCRIPT_ESCAPES = {
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
}


def script_json(data: Any) -> str:
    r"""Return ``data`` as JSON that is safe inside ``<script type="application/json">``.

    Every ``<``, ``>`` and ``&`` is written as a ``\u`` escape (they only occur inside JSON
    strings), so no value can close the element (``</script>``) or open a comment
    (``<!--``); ``JSON.parse`` of the element's text gives ``data`` back.

    Examples
    --------
    >>> json.loads(script_json(["</script>", "a&b"]))
    ['</script>', 'a&b']
    """
    text = json.dumps(data, ensure_ascii=False)
    return "".join(_SCRIPT_ESCAPES.get(c, c) for c in text)


def csp_hash(source: str) -> str:
    """Return the Content Security Policy source that allows one inline script or style.

    Examples
    --------
    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
