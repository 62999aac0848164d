"""The ``netgov-kg add`` command: add cases from a YAML or CSV template.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="netgov-kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["add", "cases.yaml", "--dry-run"])
>>> args.file, args.into, args.dry_run
('cases.yaml', None, True)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``add`` subcommand."""
    parser = subparsers.add_parser(
        "add",
        help="add cases from a YAML or CSV template (validated before anything is written)",
        description=(
            "Add cases from a YAML or CSV case template (see templates/ and docs/ingest.md). "
            "The new triples are checked against the SHACL shapes together with the whole "
            "graph before anything is written; the target file is replaced atomically, so "
            "on any error it stays as it was. Two runs into one file take turns (a lock "
            "beside it); a link is followed, and only a regular file its owner may write is "
            "replaced."
        ),
    )
    parser.add_argument("file", help="the template: .yaml, .yml or .csv")
    parser.add_argument(
        "--into", default=None, metavar="FILE",
        help="Turtle file to append to (default: data/extra.ttl of a source checkout)",
    )
    parser.add_argument("--dry-run", action="store_true",
                        help="check and print the summary; write nothing")
    parser.set_defaults(func=run)


def default_target() -> Path:
    """Return ``data/extra.ttl`` of the source checkout.

    Raises
    ------
    netgov_kg.errors.InputError
        When the package runs from an installed wheel (its data folder is not for writing).
    """
    from ..resources import data_root

    root = data_root()
    if root.name == "_data":
        raise InputError("give the file to write with --into (an installed package's own "
                         "data folder is not written to)")
    return root / "data" / "extra.ttl"


def run(args: argparse.Namespace) -> int:
    """Run ``netgov-kg add``; print the summary; return the exit code."""
    import netgov_kg

    if args.into:
        into: Path | None = Path(args.into)
    elif args.dry_run:
        try:
            into = default_target()
        except InputError:
            into = None
    else:
        into = default_target()
    kg = netgov_kg.load(store=args.store, lang=args.lang)
    summary = kg.add_cases(args.file, into=into, dry_run=args.dry_run)
    print(summary)
    return 0
