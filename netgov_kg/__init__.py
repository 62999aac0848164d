"""netgov-kg: a knowledge graph of China's 网络理政 (governing through the internet).

Examples
--------
>>> import netgov_kg
>>> kg = netgov_kg.load()
>>> isinstance(kg, netgov_kg.KnowledgeGraph)
True
"""

from __future__ import annotations

from .graph import KnowledgeGraph, load
from .namespaces import NG, NGR, NGSH

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "load", "NG", "NGR", "NGSH", "__version__"]
