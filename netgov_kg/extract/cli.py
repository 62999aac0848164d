"""The ``netgov-kg extract`` command: a draft case template from an article.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="netgov-kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["extract", "article.txt", "--out", "draft.yaml"])
>>> args.article, args.out, args.source_url
('article.txt', 'draft.yaml', None)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="draft a case template from a Chinese article (each item with evidence and a "
             "review note)",
        description=(
            "Read a Chinese report (UTF-8 text, simplified or traditional) and write a draft "
            "case template: places, figures, dates, organisations, platforms, experts and "
            "themes, each with the sentence that states it (evidence: offsets in code points "
            "into the article as given) and a review note. Resolve the notes, delete the "
            "review keys, then `netgov-kg add DRAFT --dry-run`. See docs/extract.md."
        ),
    )
    parser.add_argument("article", help="the article: a UTF-8 text file, or - for stdin")
    parser.add_argument("--out", default=None, metavar="FILE",
                        help="where to write the draft (.yaml); default: standard output")
    parser.add_argument("--source-url", default=None, metavar="URL",
                        help="where the article was published")
    parser.add_argument("--source-date", default=None, metavar="DATE",
                        help="when it was published: 2021, 2021-12 or 2021-12-25")
    parser.add_argument("--no-gazetteer", action="store_true",
                        help="find only the places the graph has")
    parser.set_defaults(func=run)


def read_article(name: str) -> str:
    """Return the text of the article file ``name`` (``-``: standard input).

    Raises
    ------
    netgov_kg.errors.InputError
        If the file cannot be read or is not UTF-8 (the message names it).
    """
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start}); save the article as "
                         "UTF-8") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read the article: {exc.strerror}") from None


def run(args: argparse.Namespace) -> int:
    """Run ``netgov-kg extract``; write the draft; print a summary to standard error."""
    import netgov_kg

    text = read_article(args.article)
    if args.out and not args.out.endswith((".yaml", ".yml")):
        raise InputError(f"{args.out}: the draft is YAML; name it .yaml or .yml")
    kg = netgov_kg.load(store=args.store, lang=args.lang)
    draft = kg.extract(text, gazetteer=not args.no_gazetteer, source_url=args.source_url,
                       source_date=args.source_date)
    if args.out:
        draft.write(args.out)
    else:
        sys.stdout.write(draft.to_yaml())
    cases = draft.cases
    print(f"extract: {len(cases)} case(s), {len(draft.figures)} figures, "
          f"{len({p.place for p in draft.places})} places, "
          f"{len({o.name for o in draft.organisations})} organisations, "
          f"{len(draft.platforms)} platform mentions, {len(draft.experts)} experts; "
          f"{len(draft.review_items())} review notes"
          + (f"; written to {args.out}" if args.out else ""), file=sys.stderr)
    return 0
