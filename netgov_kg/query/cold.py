"""The command line's cold path: ``netgov-kg run NAME`` answered without rdflib or oxrdflib.

Importing rdflib and oxrdflib costs a fresh ``netgov-kg`` process about as much as loading and
querying the shipped graph by hand with rdflib. For a named query without parameters on the
default store, :func:`run_named_cold` answers from a bare ``pyoxigraph.Store`` of the shipped
graph (:func:`netgov_kg.stores.snapshot.open_shipped`, read from its cache) on the one query
path: the guard (:func:`netgov_kg.query.guard.check_local`), the same ``BASE``
(:func:`netgov_kg.query.engine.with_base`), the same prefixes and Oxigraph call
(:func:`netgov_kg.query.engine.execute_native`), the same sorting of lists
(:mod:`netgov_kg.query.lists`), labels (:mod:`netgov_kg.query.display`) and writers
(:func:`netgov_kg.commands.output.write_answer`). The output is the normal path's, byte for
byte (``tests/test_cold_path.py``).

Whatever it cannot answer the same way it leaves to the normal path (it returns ``False``
before printing anything): a query with a required parameter, a text using one of rdflib's own
prefixes, a draft in ``data/`` (which ``load()`` warns of), an install without oxrdflib (where
the default store is the memory store), a query the guard refuses or the engine fails on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from ..errors import NetgovError


def _labeller(store: Any, lang: str) -> Callable[[str], str]:
    """Return a function giving an IRI's label in ``lang`` from ``store`` (as the library)."""
    from ..stores.snapshot import literals
    from .display import choose_label, first_labels

    def label(iri: str) -> str:
        return choose_label(first_labels(lambda prop: literals(store, iri, prop)), lang, iri)

    return label


def run_named_cold(
    name: str,
    *,
    fmt: str = "table",
    lang: str = "zh",
    use_cache: bool = True,
    out: IO[str] | None = None,
) -> bool:
    """Print the answer of the named query ``name`` as ``netgov-kg run NAME`` does.

    Parameters
    ----------
    name : str
        A named query (:func:`netgov_kg.query.catalogue.get_query`).
    fmt : str
        ``table``, ``csv``, ``tsv``, ``json`` or ``xml``.
    lang : {"zh", "en"}
        The language of labels and of the table's title.
    use_cache : bool
        Read the shipped graph from its cache (see :mod:`netgov_kg.stores.snapshot`).
    out : file, optional
        Where to write (stdout by default).

    Returns
    -------
    bool
        ``True`` once the answer is written; ``False`` (nothing written) when the normal
        path must answer.

    Raises
    ------
    UnknownNameError
        For an unknown query name (as the normal path).
    """
    from ..resources import draft_files
    from ..stores.snapshot import available
    from .catalogue import get_query

    query = get_query(name)
    if any(not p.optional for p in query.params) or draft_files() or not available():
        return False
    try:
        answer = _answer(query.text, use_cache=use_cache)
    except (NetgovError, RuntimeError, SyntaxError, OSError, ValueError):
        return False  # the normal path says what is wrong, in its words
    if answer is None:
        return False
    from ..commands.output import table_of, write_answer
    from .display import display_cells

    variables, rows, boolean, store = answer
    table = None
    if fmt == "table" and boolean is None:
        header, body = display_cells(variables, rows, lang, label=_labeller(store, lang))
        table = table_of(header, body, title=query.title.get(lang))
    write_answer(fmt, variables, rows, boolean=boolean, table=table, out=out)
    return True


def _answer(text: str, *, use_cache: bool) -> tuple[Any, ...] | None:
    """Run ``text`` on the shipped graph; return the answer and the store, or ``None``."""
    from ..stores.snapshot import open_shipped
    from .engine import BASE_PROLOGUE, execute_native, undeclared_prefix
    from .guard import check_local
    from .limits import check_limits
    from .lists import list_variables, sort_rows, sort_term_cell

    check_limits(text)
    store = open_shipped(use_cache=use_cache)
    try:
        final = check_local(text, graphs=lambda: {g.value for g in store.named_graphs()})
    except Exception:  # noqa: BLE001 - refused or malformed: the normal path explains
        return None
    normal = final[len(BASE_PROLOGUE):]
    if undeclared_prefix(normal) is not None:  # e.g. one of rdflib's own prefixes
        return None
    outcome = execute_native(store, final, terms="tuple", rdflib_defaults=False)
    if outcome.shape == "ask":
        return [], [], outcome.boolean, store
    if outcome.shape != "select":
        return None
    rows = sort_rows(
        outcome.variables, list(outcome.rows), list_variables(normal), cell=sort_term_cell
    )
    return outcome.variables, rows, None, store
