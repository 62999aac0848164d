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
            "replaced. --into is required to write: without it (and without --dry-run) "
            "nothing is written."
        ),
    )
    parser.add_argument("file", help="the template: .yaml, .yml or .csv")
    parser.add_argument(
        "--into", default=None, metavar="FILE",
        help="Turtle file to append to (created if missing); required unless --dry-run. "
             "Nothing is written anywhere else: a checkout's data/ folder only when named here",
    )
    parser.add_argument("--dry-run", action="store_true",
                        help="check and print the summary; write nothing (no --into needed)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``netgov-kg add``; print the summary; return the exit code.

    Raises
    ------
    netgov_kg.errors.InputError
        Without ``--into`` and without ``--dry-run`` (nothing is written to a default place).
    """
    import warnings

    import netgov_kg

    from ..errors import ImplausibleValueWarning

    if not args.into and not args.dry_run:
        raise InputError(f"{args.file}: say where to write with --into FILE (e.g. --into "
                         "my-cases.ttl), or check it with --dry-run; nothing was written")
    into = Path(args.into) if args.into else None
    kg = netgov_kg.load(store=args.store, lang=args.lang)
    with warnings.catch_warnings():  # the summary prints them, with their location
        warnings.simplefilter("ignore", ImplausibleValueWarning)
        summary = kg.add_cases(args.file, into=into, dry_run=args.dry_run)
    print(summary)
    return 0
