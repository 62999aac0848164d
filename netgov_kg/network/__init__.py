"""Networks from the knowledge graph: projections, measures, similarity, plots and files.

The subpackage is a set of pure functions over :mod:`networkx` graphs, one topic per module,
in the way networkx's own algorithm modules are written:

==========================  ==========================================================
module                      what it does
==========================  ==========================================================
:mod:`.projections`         the named projections: ``project(dataset, "case-theme")``
:mod:`.centrality`          degree, betweenness, eigenvector and PageRank, per class
:mod:`.communities`         Louvain and greedy-modularity partitions, with modularity
:mod:`.similarity`          case-to-case similarity over shared themes
:mod:`.matrices`            case × theme and case × condition 0/1 tables (crisp-set QCA)
:mod:`.summary`             density, components, bipartite clustering
:mod:`.plotting`            PNG/SVG drawings with Chinese labels (CJK font lookup)
:mod:`.html`                a self-contained interactive HTML view (no CDN)
:mod:`.io`                  GraphML, GEXF, node-link JSON and edge-list CSV files
==========================  ==========================================================

Nothing heavy is imported here: ``import netgov_kg.network`` stays light, and networkx,
pandas and matplotlib are imported by the functions that need them.

Examples
--------
>>> import netgov_kg
>>> from netgov_kg.network import projections
>>> [p.name for p in projections.project(netgov_kg.load().dataset)][:2]
['case-theme', 'case-case']
"""
