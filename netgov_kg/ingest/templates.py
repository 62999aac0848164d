"""Where the documented case templates are (``templates/case-template.yaml`` and ``.csv``).

Examples
--------
>>> example_template("yaml").name
'case-template.yaml'
>>> example_template("csv").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def example_template(fmt: str = "yaml") -> Path:
    """Return the path of the documented template with its fictional example case.

    Parameters
    ----------
    fmt : {"yaml", "csv"}
        Which template.

    Raises
    ------
    netgov_kg.errors.InputError
        For another format.
    """
    from ..resources import data_root

    if fmt not in ("yaml", "csv"):
        raise InputError(f"unknown template format {fmt!r}: use yaml or csv")
    return data_root() / "templates" / f"case-template.{fmt}"
