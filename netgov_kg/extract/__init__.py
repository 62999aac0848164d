"""Drafts of case templates from article text (``netgov-kg extract``, ``kg.extract``).

The extractor reads a Chinese report (simplified or traditional: OpenCC converts it) and
proposes what the case template needs — the case's places (the graph's, with the national
gazetteer loaded when it is installed), figures with unit, qualifier and period, dates and time
notes, organisations, platforms, experts with their posts and units, themes of the scheme —
each with the sentence that states it (``evidence``) and a note for a person (``review``).
Everything is local: patterns, the graph's own names and OpenCC's bundled dictionaries; no
model and no network.

Modules: :mod:`.text` (conversion, sentences, evidence), :mod:`.names` (the graph's names),
:mod:`.figures`, :mod:`.dates`, :mod:`.places`, :mod:`.organisations`, :mod:`.platforms`,
:mod:`.experts`, :mod:`.themes`, :mod:`.draft` (the template), :mod:`.evaluate` (measures
against the graph).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset

    from .draft import Draft

__all__ = ["ensure_gazetteer", "extract"]


def extract(dataset: Dataset, text: str, *, gazetteer: bool = True,
            source_url: str | None = None, source_date: str | None = None) -> Draft:
    """Read an article and return a :class:`~netgov_kg.extract.draft.Draft` of its case(s).

    Parameters
    ----------
    dataset : rdflib.Dataset
        The loaded graph: its places, organisations, platforms and themes are found by name.
    text : str
        The article (simplified or traditional Chinese).
    gazetteer : bool, default True
        Load the national gazetteer (:mod:`netgov_kg.gazetteer`) into ``dataset`` when it is
        installed and not loaded yet, so that every division of the country can be found
        (:func:`ensure_gazetteer`). ``False``: only the places ``dataset`` already has.
    source_url, source_date : str, optional
        Where and when the article was published (the draft's ``source``).

    Returns
    -------
    Draft
        ``draft.to_yaml()`` is the template; ``draft.figures``, ``draft.places`` … what was
        found, with offsets.

    Raises
    ------
    netgov_kg.errors.InputError
        If ``text`` is not a string.

    Examples
    --------
    >>> import netgov_kg
    >>> kg = netgov_kg.load()
    >>> d = kg.extract("成都市网络理政平台2021年1月至11月受理诉求1.2万件。")
    >>> [(f.value, f.unit) for f in d.figures]
    [(12000, '件')]
    >>> d.cases[0]["figures"][0]["period_start"], d.cases[0]["place"]
    ('2021-01', '510100')
    """
    from ..errors import InputError
    from .draft import build_draft
    from .names import graph_names

    if not isinstance(text, str):
        raise InputError(f"extract: the article must be text, not {type(text).__name__}")
    if gazetteer:
        ensure_gazetteer(dataset)
    return build_draft(text, graph_names(dataset), source_url=source_url,
                       source_date=source_date)


def ensure_gazetteer(dataset: Dataset) -> bool:
    """Load the national gazetteer into ``dataset`` unless it is there; whether it is now.

    ``False`` when :mod:`netgov_kg.gazetteer` is not installed (then places are found among
    those the graph has).
    """
    import importlib

    name = __name__.rsplit(".", 1)[0] + ".gazetteer"
    try:
        gazetteer = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return False
        raise
    from ..stores import has_graph

    graph = getattr(gazetteer, "GAZETTEER_GRAPH", None)
    if graph is None or not has_graph(dataset, graph):
        gazetteer.load_gazetteer(dataset)
    return True
