"""Synthetic data at scale: cases and citizens' appeals built on the graph's real places and themes.

Examples
--------
>>> import netgov_kg
>>> from netgov_kg.synth import reference_from, generate_cases
>>> ref = reference_from(netgov_kg.load().dataset)
>>> g = generate_cases(5, reference=ref, seed=7)
>>> len(g) > 50
True
"""

from __future__ import annotations

from .appeals import generate_appeals, iter_appeals, write_appeals
from .cases import generate_cases, iter_cases, write_cases
from .reference import Reference, reference_from

__all__ = [
    "Reference", "reference_from", "generate_cases", "iter_cases", "write_cases",
    "generate_appeals", "iter_appeals", "write_appeals",
]
