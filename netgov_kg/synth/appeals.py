"""A seeded generator of synthetic citizens' appeals (民生诉求): platform, district, theme, dates.

Appeals are spread over a real city's districts (every place under it in the real hierarchy),
come in through a real platform of a case in that city where the graph has one, and carry real
themes. A set can be built to match a published figure: ``n`` forwarded appeals of which exactly
``completed`` were completed (银川: 11006 and 10785 in 2021 to November, 97.99%).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from os import PathLike
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import InputError
from .cases import source_iri, source_lines
from .reference import Named, Reference
from .text import DERIVED, RDF_TYPE, iri, labels, ng, triple, typed


def _fallback_platform(code: str, place: Named) -> tuple[str, str]:
    p = iri(f"platform/synth-appeals-{code}")
    return p, (triple(p, RDF_TYPE, ng("Hotline"))
               + labels(p, f"{place.zh}12345热线", f"{place.en} 12345 hotline"))


def iter_appeals(
    n: int,
    *,
    reference: Reference,
    seed: int = 0,
    city: str | URIRef | None = None,
    completed: int | None = None,
    completion_rate: float = 0.95,
    pending: int = 0,
    start: date = date(2021, 1, 1),
    end: date = date(2021, 11, 30),
    mean_days: float = 4.0,
    source: bool = True,
) -> Iterator[str]:
    """Yield N-Triples text for ``n`` forwarded appeals (plus ``pending`` not yet forwarded).

    Parameters
    ----------
    n : int
        Appeals forwarded to a body to handle (转办): completed or still open.
    reference : Reference
        The real places, themes and platforms.
    seed : int
        Random seed; the same arguments give the same text.
    city : str or URIRef, optional
        IRI or GB/T 2260 code of the place whose districts the appeals concern; by default
        every place a case can be in.
    completed : int, optional
        Exactly how many of the ``n`` were completed; by default ``round(n * completion_rate)``.
    completion_rate : float
        Share completed when ``completed`` is not given.
    pending : int
        Further appeals received but not yet forwarded (not counted in the completion rate).
    start, end : datetime.date
        The period the appeals were received in; every closing date falls in it too.
    mean_days : float
        Mean days from receipt to completion (exponential, capped at ``end``).
    source : bool
        Also describe the synthetic source document (leave out when another file has it).

    Raises
    ------
    InputError
        If ``completed`` is not between 0 and ``n`` or the period is empty.
    """
    done = round(n * completion_rate) if completed is None else completed
    if not 0 <= done <= n:
        raise InputError(f"completed must be between 0 and {n} appeals, not {done}")
    if end < start:
        raise InputError(f"the period is empty: {start} to {end}")
    rng = random.Random(f"netgov-kg synth appeals {seed}")
    if city is None:
        districts = reference.case_places or reference.places
        anchor = None
    else:
        anchor = reference.place(city)
        districts = reference.below(anchor.iri)
    platforms = [f"<{p.iri}>" for p in reference.platforms_in(districts)]
    if source:
        yield source_lines(seed)
    if not platforms:
        code = anchor.code if anchor and anchor.code else "all"
        fallback, lines = _fallback_platform(code, anchor or districts[0])
        platforms = [fallback]
        yield lines
    themes = reference.themes
    src = source_iri(seed)
    total = n + pending
    closed = set(rng.sample(range(n), done))
    span = (end - start).days
    for i in range(total):
        place = districts[rng.randrange(len(districts))]
        theme = themes[rng.randrange(len(themes))]
        received = start + timedelta(days=rng.randint(0, span))
        a = iri(f"appeal/synth-{seed}-{i:07d}")
        out = [triple(a, RDF_TYPE, ng("Appeal")),
               labels(a, f"{place.zh}{theme.zh}诉求第{i + 1}号",
                      f"{place.en} appeal no. {i + 1} ({theme.en})"),
               triple(a, ng("receivedVia"), platforms[rng.randrange(len(platforms))]),
               triple(a, ng("appealPlace"), f"<{place.iri}>"),
               triple(a, ng("appealTheme"), f"<{theme.iri}>"),
               triple(a, ng("receivedDate"), typed(received.isoformat(), "date")),
               triple(a, DERIVED, src)]
        if i >= n:
            status = "AppealReceived"
        elif i in closed:
            status = "AppealCompleted"
            days = min(int(rng.expovariate(1 / mean_days)), (end - received).days)
            closed_on = received + timedelta(days=days)
            out.append(triple(a, ng("closedDate"), typed(closed_on.isoformat(), "date")))
        else:
            status = "AppealForwarded"
        out.append(triple(a, ng("appealStatus"), ng(status)))
        yield "".join(out)


def write_appeals(path: str | PathLike[str], n: int, *, reference: Reference,
                  **options: object) -> Path:
    """Write synthetic appeals to an N-Triples file (atomically); see :func:`iter_appeals`."""
    target = Path(path)
    from ..atomic import atomic_writer

    with atomic_writer(target) as f:
        for chunk in iter_appeals(n, reference=reference, **options):  # type: ignore[arg-type]
            f.write(chunk)
    return target


def generate_appeals(n: int, *, reference: Reference, **options: object) -> Graph:
    """Return synthetic appeals as an rdflib graph; see :func:`iter_appeals` for the options.

    Examples
    --------
    >>> from netgov_kg.synth.reference import Named, Place, Reference
    >>> from netgov_kg.namespaces import NG
    >>> ref = Reference([Place(URIRef("https://w3id.org/netgov-kg/id/place/640100"),
    ...                        "银川市", "Yinchuan", "640100", None, URIRef("urn:p"))],
    ...                 [Named(URIRef("https://w3id.org/netgov-kg/id/theme/t"), "主题", "theme")])
    >>> g = generate_appeals(100, reference=ref, completed=97, city="640100")
    >>> len(list(g.subjects(NG.appealStatus, NG.AppealCompleted)))
    97
    """
    text = "".join(iter_appeals(n, reference=reference, **options))  # type: ignore[arg-type]
    return Graph().parse(data=text, format="nt")
