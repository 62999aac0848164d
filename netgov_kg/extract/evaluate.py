"""Measure the extractor against the graph: recall and precision of figures, places, organisations.

The graph holds what a careful reader took from the seed article; :func:`evaluate` extracts a
draft from the same article and counts how much of the graph it finds:

* **figures**: (value, zh unit) pairs, each graph figure matched at most once; a percentage's
  unit is ``%``;
* **places**: the places of the source's cases, found anywhere in the text; also how many of
  the draft's cases got the graph's place (by list position);
* **organisations**: the graph's organisations found (by name), and the same counted with
  the name patterns alone (the graph's names switched off).

Precision is the share of what was extracted that the graph has. ``benchmarks/extract_eval.py``
prints the figures; ``docs/extract.md`` reports them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Dataset, URIRef

from ..terms import fold
from .draft import Draft


@dataclass(frozen=True)
class Score:
    """How much was found: ``found`` of ``expected``, and ``right`` of ``extracted``."""

    found: int
    expected: int
    right: int
    extracted: int

    @property
    def recall(self) -> float:
        """Share of the graph's items that were found."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Share of the extracted items that the graph has."""
        return self.right / self.extracted if self.extracted else 1.0

    def __str__(self) -> str:
        return (f"recall {self.recall:.1%} ({self.found}/{self.expected}), "
                f"precision {self.precision:.1%} ({self.right}/{self.extracted})")


@dataclass(frozen=True)
class Evaluation:
    """The scores of one draft against the graph."""

    figures: Score
    places: Score
    case_places: Score
    organisations: Score
    organisations_by_pattern: Score
    missed_figures: tuple[tuple[str, str], ...] = ()
    missed_organisations: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "\n".join([
            f"figures (value + unit):       {self.figures}",
            f"places of the cases:          {self.places}",
            f"case place chosen right:      {self.case_places}",
            f"organisations:                {self.organisations}",
            f"organisations, patterns only: {self.organisations_by_pattern}",
        ])


def _num(value: object) -> Decimal:
    return Decimal(str(value)).normalize()


def evaluate(dataset: Dataset, draft: Draft, *, source: str | URIRef) -> Evaluation:
    """Score ``draft`` against what ``dataset`` holds from ``source`` (its IRI)."""
    from ..query.engine import execute, with_base
    from ..resources import query_text
    from .organisations import find_organisations

    rows = list(execute(dataset, with_base(query_text("extract", "gold")),
                        bindings={"source": URIRef(str(source))}).rows)
    gold_figs = Counter((_num(v), str(u) if u is not None else "%")
                        for w, _i, v, u, _n in rows if str(w) == "figure")
    gold_places = {str(i) for w, i, _v, _u, _n in rows if str(w) == "place"}
    org_names: dict[str, set[str]] = {}
    for w, i, _v, _u, n in rows:
        if str(w) == "organisation":
            org_names.setdefault(str(i), set()).add(fold(str(n)))
    by_name = {name: iri for iri, names in org_names.items() for name in names}

    got_figs = Counter((_num(f.value), f.unit or "") for f in draft.figures)
    matched = sum((got_figs & gold_figs).values())
    figures = Score(matched, sum(gold_figs.values()), matched, sum(got_figs.values()))
    missed = tuple(sorted((str(v), u) for (v, u) in (gold_figs - got_figs).elements()))

    got_places = {m.place.iri for m in draft.places if m.place.iri}
    places = Score(len(gold_places & got_places), len(gold_places),
                   len(got_places & gold_places), len(got_places))
    case_places = _case_places(dataset, draft)

    def org_score(names: set[str]) -> tuple[Score, tuple[str, ...]]:
        hit = {by_name[n] for n in names if n in by_name}
        missed = tuple(sorted(min(org_names[i]) for i in set(org_names) - hit))
        return Score(len(hit), len(org_names), len([n for n in names if n in by_name]),
                     len(names)), missed

    organisations, missed_orgs = org_score({fold(o.name) for o in draft.organisations})
    by_pattern, _ = org_score({fold(o.name) for o in find_organisations(draft.article.simple)})
    return Evaluation(figures, places, case_places, organisations, by_pattern, missed,
                      missed_orgs)


def _case_places(dataset: Dataset, draft: Draft) -> Score:
    """How many of the draft's cases got the place the graph gives the case at that position."""
    from ..namespaces import NG

    wanted: dict[int, str] = {}
    for case, pos in dataset.subject_objects(NG.listPosition):
        for place in dataset.objects(case, NG.locatedIn):
            code = next(iter(dataset.objects(place, NG.adminCode)), None)
            label = next((str(lab) for lab in dataset.objects(place, URIRef(
                "http://www.w3.org/2000/01/rdf-schema#label")) if lab.language == "zh"), "")
            wanted[int(pos)] = str(code) if code is not None else label
    cases = [c for c in draft.cases if c.get("list_position") in wanted]
    right = sum(1 for c in cases if str(c.get("place")) == wanted[c["list_position"]])
    return Score(right, len(wanted), right, len(cases))
