"""The ``netgov-kg add`` and ``netgov-kg remove`` commands (add from a template, take back).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="netgov-kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["add", "cases.yaml", "--dry-run", "--by", "Li Hua"])
>>> args.file, args.into, args.dry_run, args.by
('cases.yaml', None, True, 'Li Hua')
>>> args = parser.parse_args(["remove", "ngr:addition/20260102T030405Z-li-hua", "--from", "x.ttl"])
>>> args.addition, args.source
('ngr:addition/20260102T030405Z-li-hua', 'x.ttl')
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``add`` and ``remove`` subcommands."""
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
    parser.add_argument("--by", default=None, metavar="NAME",
                        help="who adds (recorded with the time as prov:wasAttributedTo and "
                             "dcterms:created); default: $NETGOV_KG_AGENT, else $USER")
    parser.set_defaults(func=run)
    remove = subparsers.add_parser(
        "remove",
        help="take back what one `add` added to a file (validated before anything is written)",
        description=(
            "Take back one addition: the block `add --into FILE` wrote for it (its header line "
            "names it: # added by netgov-kg add: addition <IRI>). Triples the rest of the file "
            "states too are kept; a resource another addition still uses is not removed (the "
            "command refuses, naming the user); the graph without the block is validated "
            "against the SHACL shapes. The file is replaced atomically under its lock."
        ),
    )
    remove.add_argument("addition", nargs="?", default=None,
                        help="the addition: its IRI, ngr:addition/… CURIE or last segment "
                             "(without it, the file's additions are listed)")
    remove.add_argument("--from", dest="source", required=True, metavar="FILE",
                        help="the Turtle file `add --into` wrote")
    remove.add_argument("--dry-run", action="store_true",
                        help="check and print what would be removed; write nothing")
    remove.set_defaults(func=run_remove)


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
        summary = kg.add_cases(args.file, into=into, dry_run=args.dry_run, by=args.by)
    print(summary)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Run ``netgov-kg remove``; print what was removed (or the file's additions)."""
    import netgov_kg

    from ..validation import short
    from .additions import list_additions

    if args.addition is None:
        found = list_additions(Path(args.source))
        print("\n".join(short(a) for a in found) if found else
              f"{args.source}: no additions (only `add` writes them)")
        return 0
    kg = netgov_kg.load(args.source, store=args.store, lang=args.lang)
    print(kg.remove_addition(args.addition, source=args.source, dry_run=args.dry_run))
    return 0
