"""The bounds a case template must keep: size, nesting, ids, numbers.

A real template is a few kilobytes, nests five or six levels and uses ids of a few dozen
characters; these limits are far above that and exist only to refuse hostile input (a YAML
bomb, a 400-digit number) with a clear error instead of running out of time or memory.
docs/ingest.md lists them.

Examples
--------
>>> MAX_TEMPLATE_BYTES // 2**20, MAX_DEPTH, MAX_SLUG_LENGTH
(4, 32, 80)
"""

from __future__ import annotations

#: The largest template file (YAML or CSV), in bytes.
MAX_TEMPLATE_BYTES = 4 * 2**20
#: The deepest nesting of mappings and lists in a YAML template.
MAX_DEPTH = 32
#: The longest slug (one part of an id).
MAX_SLUG_LENGTH = 80
#: The longest id (a slug, or ``<type>/<slug>/…``).
MAX_ID_LENGTH = 200
#: The longest number as written (``1.73亿``, ``20多万``).
MAX_NUMBER_TEXT = 64
#: A number's absolute value must be below this.
MAX_NUMBER = 10**18
#: The most decimals a number may have.
MAX_DECIMALS = 6
