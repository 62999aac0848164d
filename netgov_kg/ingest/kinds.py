"""What each kind of record does, in one place: the behaviour registry.

:mod:`.schema` says what a record of each kind holds (its fields); :data:`BEHAVIOURS` says how
the mapper and the exporter treat it. A new kind of record is a new entry here (and in the
schema), not a new branch in the phases.

Examples
--------
>>> behaviour(KINDS["organisation"]).reuse_by_label
True
>>> behaviour(KINDS["figure"]).auto_label.__name__
'figure_label'
>>> [k.name for k in export_order()][:3]
['case', 'expert', 'person']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import URIRef

from . import lookups, naming
from .located import Path as KeyPath
from .schema import KINDS, Kind
from .state import MapState, Record

LabelMaker = Callable[[MapState, Record], dict[str, str]]
SlugMaker = Callable[[MapState, Record], str]
Lookup = Callable[[MapState, Kind, str, KeyPath], URIRef]


@dataclass(frozen=True)
class Behaviour:
    """How records of one kind are minted, named, resolved, emitted and exported.

    Attributes
    ----------
    export_rank : int
        When the exporter types a resource, kinds are tried by rank (most specific first).
    reuse_by_label : bool
        A new record with the label of a resource of its class in the graph is that resource.
    auto_label : callable or None
        Makes the labels of a record written without one (``None``: a label is required).
    slug : callable
        Makes the last part of a new IRI (``ngr:<segment>/<slug>``) when no ``id`` is given.
    accepts : frozenset of str
        The kinds of template record a reference to this kind may name (besides its own).
    lookup : callable or None
        How a name written for this kind finds its resource, before labels are tried
        (GB/T 2260 codes for places, the scheme's labels for themes).
    vocabulary : bool
        References must name resources of the graph of this class, even as IRIs (themes).
    new_only : bool
        An id or a label the graph already has is a duplicate, not a reuse (cases).
    cites_source : bool
        New records of this kind get the template's source (``prov:wasDerivedFrom``).
    nests_themes : bool
        Its ``themes`` list holds theme assignments and gives ``ng:hasTheme`` too.
    """

    export_rank: int
    reuse_by_label: bool = False
    auto_label: LabelMaker | None = None
    slug: SlugMaker = naming.label_slug
    accepts: frozenset[str] = frozenset()
    lookup: Lookup | None = None
    vocabulary: bool = False
    new_only: bool = False
    cites_source: bool = True
    nests_themes: bool = False


#: The behaviour of each kind of record, by kind name.
BEHAVIOURS: dict[str, Behaviour] = {
    "case": Behaviour(0, new_only=True, nests_themes=True),
    "expert": Behaviour(1, reuse_by_label=True, accepts=frozenset({"person"})),
    "person": Behaviour(2, reuse_by_label=True, accepts=frozenset({"expert"})),
    "post": Behaviour(3, auto_label=naming.post_label, slug=naming.post_slug),
    "endorsement": Behaviour(4, auto_label=naming.endorsement_label,
                             slug=naming.owned_label_slug),
    "figure": Behaviour(5, auto_label=naming.figure_label, slug=naming.figure_slug),
    "goal": Behaviour(6, auto_label=naming.label_required, slug=naming.goal_slug),
    "event": Behaviour(7),
    "theme_assignment": Behaviour(8, auto_label=naming.theme_assignment_label,
                                  slug=naming.theme_assignment_slug),
    "designation": Behaviour(9, reuse_by_label=True),
    "named_model": Behaviour(10, reuse_by_label=True),
    "theme": Behaviour(11, lookup=lookups.theme, vocabulary=True),
    "book": Behaviour(12, reuse_by_label=True),
    "source": Behaviour(13, reuse_by_label=True, cites_source=False),
    "place": Behaviour(14, reuse_by_label=True, lookup=lookups.place),
    "platform": Behaviour(15, reuse_by_label=True),
    "organisation": Behaviour(16, reuse_by_label=True),
}


def behaviour(kind: Kind) -> Behaviour:
    """Return the behaviour of ``kind``."""
    return BEHAVIOURS[kind.name]


def accepts(target: Kind, kind: Kind) -> bool:
    """Whether a reference to a ``target`` may name a template record of ``kind``.

    Examples
    --------
    >>> accepts(KINDS["person"], KINDS["expert"]), accepts(KINDS["person"], KINDS["post"])
    (True, False)
    """
    return kind.name == target.name or kind.name in behaviour(target).accepts


def export_order() -> list[Kind]:
    """Return the kinds in the order the exporter tries them when typing a resource."""
    return sorted(KINDS.values(), key=lambda k: behaviour(k).export_rank)
