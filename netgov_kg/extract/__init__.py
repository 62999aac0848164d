"""Drafts of case templates from article text (``netgov-kg extract``, ``kg.extract``).

The extractor reads a Chinese report (simplified or traditional: OpenCC converts it) and
proposes what the case template needs — the case's places (the graph's, and the national
gazetteer's when it is installed), figures with unit, qualifier and period, dates and time
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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset

    from .draft import Draft

__all__ = ["extract"]


def extract(dataset: Dataset, text: str, *, gazetteer: bool | Any = True,
            source_url: str | None = None, source_date: str | None = None) -> Draft:
    """Read an article and return a :class:`~netgov_kg.extract.draft.Draft` of its case(s).

    Parameters
    ----------
    dataset : rdflib.Dataset
        The loaded graph: its places, organisations, platforms and themes are found by name.
    text : str
        The article (simplified or traditional Chinese).
    gazetteer : bool or callable, default True
        Use :mod:`netgov_kg.gazetteer` for places when it is installed (``False``: the graph's
        places only; or a ``find_place(text)`` function).
    source_url, source_date : str, optional
        Where and when the article was published (the draft's ``source``).

    Returns
    -------
    Draft
        ``draft.to_yaml()`` is the template; ``draft.figures``, ``draft.places`` … what was
        found, with offsets.

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
    return build_draft(text, graph_names(dataset), gazetteer=gazetteer,
                       source_url=source_url, source_date=source_date)
