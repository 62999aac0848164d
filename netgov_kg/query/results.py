"""The :class:`Results` of a SELECT or ASK query: rows by variable name, tables, W3C formats.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> res = Results(["case", "n"], [(URIRef("https://example.org/c1"), Literal(3))])
>>> len(res), res.vars
(1, ['case', 'n'])
>>> row = res[0]
>>> row["n"] == row.n == row[1] == Literal(3)
True
>>> res.to_python()
[{'case': 'https://example.org/c1', 'n': 3}]
>>> bool(Results.ask(False))
False
>>> print(res)
case                    n
----------------------  -
https://example.org/c1  3
(1 row)

A period's end in ``xsd:gYear`` or ``xsd:gYearMonth`` becomes its last day in
:meth:`Results.to_python` and :meth:`Results.to_dataframe` (a start stays its first day): a
column is an end when its variable is named so (``?end``, ``?period_end``, ``?periodEnd``,
``?target_date``), or in a row that names the property (``ng:periodEnd``, ``ng:targetDate``),
as the ``timeline`` query does.

>>> from rdflib import XSD
>>> Results(["start", "end"], [(Literal("2021", datatype=XSD.gYear),) * 2]).to_python()
[{'start': datetime.date(2021, 1, 1), 'end': datetime.date(2021, 12, 31)}]
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..namespaces import NG
from ..terms import curie
from ..texttable import shorten, text_table
from . import formats
from .display import blank_names, display_cells
from .labels import label
from .terms import to_python

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


#: Properties whose ``xsd:gYear``/``xsd:gYearMonth`` value is the end of a period (a target
#: date is a deadline: "by 2023" means by its end).
END_PROPERTIES = frozenset({NG.periodEnd, NG.targetDate})

_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def is_end_name(variable: str) -> bool:
    """Say whether a variable names the end of a period: a word ``end``, or ``target date``.

    Examples
    --------
    >>> [is_end_name(v) for v in ("end", "period_end", "periodEnd", "targetDate", "weekend")]
    [True, True, True, True, False]
    >>> is_end_name("period_start"), is_end_name("date")
    (False, False)
    """
    words = [w.lower() for w in _WORDS.findall(variable)]
    return "end" in words or ("target" in words and "date" in words)


def _is_start_name(variable: str) -> bool:
    return "start" in (w.lower() for w in _WORDS.findall(variable))


class Row(Sequence):
    """One solution: index it by position, by variable name (``row["case"]``) or attribute.

    Unbound variables give ``None``.
    """

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: tuple[Node | None, ...]) -> None:
        self._index = index
        self._values = values

    @overload
    def __getitem__(self, key: int | str) -> Node | None: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[Node | None, ...]: ...
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return self._values[self._index[key.lstrip("?$")]]
            except KeyError:
                known = list(self._index)
                raise KeyError(f"no variable {key!r}; the variables are {known}") from None
        return self._values[key]

    def __getattr__(self, name: str) -> Node | None:
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(str(exc)) from None

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={self._values[i]!r}" for k, i in self._index.items())
        return f"Row({inner})"

    def get(self, name: str, default: Any = None) -> Any:
        """Return the value of variable ``name``, or ``default`` when it is unbound or absent."""
        i = self._index.get(name.lstrip("?$"))
        value = None if i is None else self._values[i]
        return default if value is None else value

    def asdict(self) -> dict[str, Node | None]:
        """Return ``{variable: term}``."""
        return {k: self._values[i] for k, i in self._index.items()}


class Results:
    """The answer of a SELECT query (rows) or an ASK query (a boolean).

    Parameters
    ----------
    variables : list of str
        The projected variable names, without ``?``.
    rows : iterable of tuples
        One tuple of rdflib terms (``None`` where unbound) per solution.
    graph : rdflib.Graph, optional
        The graph the query ran on, used to look up labels.
    """

    def __init__(
        self,
        variables: Sequence[str],
        rows: Sequence[Sequence[Node | None]] = (),
        *,
        graph: Graph | None = None,
        boolean: bool | None = None,
    ) -> None:
        self.vars = [str(v) for v in variables]
        index = {v: i for i, v in enumerate(self.vars)}
        self.rows = [Row(index, tuple(r)) for r in rows]
        self.graph = graph
        self.boolean = boolean
        #: Language of the labels in :meth:`to_table` (``print(results)``).
        self.lang = "zh"

    @classmethod
    def ask(cls, answer: bool) -> Results:
        """Return the result of an ASK query."""
        return cls([], [], boolean=bool(answer))

    @property
    def type(self) -> str:
        """``"ASK"`` or ``"SELECT"``."""
        return "ASK" if self.boolean is not None else "SELECT"

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return self.boolean if self.boolean is not None else bool(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    @overload
    def __getitem__(self, i: int) -> Row: ...
    @overload
    def __getitem__(self, i: slice) -> list[Row]: ...
    def __getitem__(self, i: Any) -> Any:
        return self.rows[i]

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"<Results ASK {self.boolean}>"
        return f"<Results {len(self)} rows: {', '.join(self.vars)}>"

    def __str__(self) -> str:
        return self.to_table()

    def to_table(
        self, lang: str | None = None, *, max_rows: int = 50, max_width: int = 60
    ) -> str:
        """Return the results as a plain-text table (what ``print(results)`` shows).

        IRIs are shown by their labels in ``lang`` (default: the graph's language), as in
        ``netgov-kg query --format table``; columns line up with Chinese text.

        Parameters
        ----------
        lang : {"zh", "en"}, optional
            Language of the labels.
        max_rows : int
            Show at most this many rows, then say how many more there are.
        max_width : int
            Cut longer cells to this many display columns (ending in ``…``).
        """
        if self.boolean is not None:
            return "true" if self.boolean else "false"
        header, body = self.labelled(lang or self.lang)
        cells = [[shorten(c, max_width) for c in row] for row in body[:max_rows]]
        more = len(body) - len(cells)
        count = f"({len(self)} row{'' if len(self) == 1 else 's'}"
        count += f", {more} more not shown)" if more > 0 else ")"
        return text_table(header, cells) + "\n" + count

    def column(self, name: str) -> list[Node | None]:
        """Return the values of one variable, row by row."""
        return [row[name] for row in self.rows]

    def to_python(self) -> list[dict[str, Any]]:
        """Return the rows as dicts of plain Python values (see :func:`~.terms.to_python`).

        A period's end (see the module's notes) becomes the last day of its year or month.
        """
        return [dict(zip(self.vars, values, strict=True)) for values in self._python_rows()]

    def _python_rows(self) -> list[list[Any]]:
        """Return each row's plain Python values, period ends as their last day."""
        named_end = [is_end_name(v) for v in self.vars]
        named_start = [_is_start_name(v) for v in self.vars]
        out = []
        for row in self.rows:
            row_end = any(t in END_PROPERTIES for t in row if isinstance(t, URIRef))
            out.append([
                to_python(t, end=named_end[i] or (row_end and not named_start[i]))
                for i, t in enumerate(row)
            ])
        return out

    def label(self, term: Node | None, lang: str = "zh") -> str | None:
        """Return the label of an IRI in ``lang`` (other terms: their text)."""
        if term is None:
            return None
        if isinstance(term, URIRef) and self.graph is not None:
            return label(self.graph, term, lang)
        return str(term)  # literals as written (2021-11 stays 2021-11)

    def _iri_columns(self) -> list[str]:
        return [v for v in self.vars if any(isinstance(r[v], URIRef) for r in self.rows)]

    def blank_names(self) -> dict[BNode, str]:
        """Name the blank nodes of the rows ``_:b1``, ``_:b2``… in order of appearance.

        A blank node's own label is the engine's (Oxigraph draws a new random one on every
        load), so tables show these names instead: the same on every engine and every run
        (see :func:`netgov_kg.query.display.blank_names`).

        Examples
        --------
        >>> a, b = BNode(), BNode()
        >>> Results(["x", "y"], [(a, b), (b, a)]).blank_names() == {a: "_:b1", b: "_:b2"}
        True
        """
        return {BNode(k): v for k, v in blank_names(self._term_rows()).items()}

    def _term_rows(self) -> list[tuple[formats.Term | None, ...]]:
        return [tuple(map(formats.term_tuple, row)) for row in self.rows]

    def labelled(
        self, lang: str = "zh", *, iris: tuple[str, ...] = ()
    ) -> tuple[list[str], list[list[str]]]:
        """Return a display table: IRIs replaced by their labels in ``lang``, as text.

        Columns named ``<name>_zh`` / ``<name>_en`` in the other language are left out; the
        columns named in ``iris`` keep their IRIs (as CURIEs where a prefix is known). See
        :func:`netgov_kg.query.display.display_cells`.
        """
        return display_cells(
            self.vars, self._term_rows(), lang,
            label=lambda iri: str(self.label(URIRef(iri), lang)), iris=iris, iri_text=curie,
        )

    def to_dataframe(self, labels: str | None = None) -> pd.DataFrame:
        """Return a pandas DataFrame of plain Python values, one column per variable.

        Values are those of :meth:`to_python`: ``xsd:gYear`` and ``xsd:gYearMonth`` become
        the first day of the year or month, and the last day where they end a period.

        Parameters
        ----------
        labels : {None, "zh", "en"}
            Also add, after each column that holds IRIs, a column ``<name>_label`` with the
            resource's label in that language.

        Examples
        --------
        >>> from rdflib import Literal
        >>> Results(["n"], [(Literal(2),), (Literal(3),)]).to_dataframe()["n"].sum()
        np.int64(5)
        """
        import pandas as pd

        data: dict[str, list[Any]] = {}
        iri_cols = set(self._iri_columns()) if labels else set()
        values = self._python_rows()
        for i, v in enumerate(self.vars):
            data[v] = [row[i] for row in values]
            if v in iri_cols:
                data[f"{v}_label"] = [
                    self.label(r[v], labels or "zh") if isinstance(r[v], URIRef) else None
                    for r in self.rows
                ]
        return pd.DataFrame(data, columns=list(data))

    # -- W3C formats -------------------------------------------------------------------------
    def serialize(self, fmt: str = "json") -> str:
        """Return the results as SPARQL 1.1 ``json``, ``csv``, ``tsv`` or ``xml`` text."""
        rows = [tuple(r) for r in self.rows]
        return formats.serialize(fmt, self.vars, rows, boolean=self.boolean)

    def _write(self, fmt: str, destination: str | PathLike[str] | None) -> str | None:
        text = self.serialize(fmt)
        if destination is None:
            return text
        from ..atomic import atomic_write_text

        atomic_write_text(Path(destination), text)
        return None

    def to_json(self, destination: str | PathLike[str] | None = None) -> str | None:
        """Return (or write to ``destination``) SPARQL 1.1 Query Results JSON."""
        return self._write("json", destination)

    def to_csv(self, destination: str | PathLike[str] | None = None) -> str | None:
        """Return (or write to ``destination``) SPARQL 1.1 Query Results CSV."""
        return self._write("csv", destination)

    def to_tsv(self, destination: str | PathLike[str] | None = None) -> str | None:
        """Return (or write to ``destination``) SPARQL 1.1 Query Results TSV."""
        return self._write("tsv", destination)

    def to_xml(self, destination: str | PathLike[str] | None = None) -> str | None:
        """Return (or write to ``destination``) SPARQL Query Results XML."""
        return self._write("xml", destination)

    def _repr_html_(self, max_rows: int = 50) -> str:
        """Return the results as an HTML table for notebooks: every value escaped.

        Only http(s) IRIs are links (see :func:`netgov_kg.namespaces.is_web_iri`).

        Examples
        --------
        >>> from rdflib import Literal
        >>> res = Results(["x", "y"], [(URIRef("javascript:alert(1)"), Literal("<b>"))])
        >>> "<a " in res._repr_html_(), "&lt;b&gt;" in res._repr_html_()
        (False, True)
        """
        from ..namespaces import is_web_iri

        if self.boolean is not None:
            return f"<p><b>ASK</b>: {html.escape(str(self.boolean).lower())}</p>"
        head = "".join(f"<th>{html.escape(v)}</th>" for v in self.vars)
        blanks = self.blank_names()
        body = []
        for row in self.rows[:max_rows]:
            cells = []
            for t in row:
                if isinstance(t, URIRef):
                    text = html.escape(self.label(t) or "")
                    iri = html.escape(str(t))
                    if is_web_iri(str(t)):  # javascript:, data: and the like stay text
                        cells.append(f'<td><a href="{iri}" title="{iri}">{text}</a></td>')
                    else:
                        cells.append(f'<td><span title="{iri}">{text}</span></td>')
                elif isinstance(t, BNode):
                    cells.append(f"<td>{html.escape(blanks[t])}</td>")
                else:
                    cells.append(f"<td>{'' if t is None else html.escape(str(t))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        more = len(self) - max_rows
        note = f"<p>… {more} more rows</p>" if more > 0 else ""
        return (
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"<p>{len(self)} rows</p>{note}"
        )
