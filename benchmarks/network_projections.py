"""Benchmark: build the ``case-case`` and ``full`` projections on synthetic graphs.

Not a test: it prints times measured in one run and their ratios against rdflib's own
``rdflib.extras.external_graph_libs.rdflib_to_networkx_multidigraph`` on the same data, and
the time per output edge at each size (roughly constant = linear in the number of edges).
Times are this process's CPU time (``time.process_time``), so that other processes on a shared
machine do not distort them.

    PYTHONPATH=. python benchmarks/network_projections.py            # 1k and 10k cases
    PYTHONPATH=. python benchmarks/network_projections.py --sizes 500 2000

The generator is this file's own; ``--synth`` uses issue-7's ``netgov_kg.synth`` instead
(cases on the graph's real places and ~24 real themes, plus the ontology), when it is
importable. With so few themes nearly every pair of cases shares one, so ``case-case`` grows
with the square of the cases there; it is skipped when it would exceed ``--max-pairs`` edges.

This file's synthetic case has 3 themes out of N/5 (so the case–case graph has about 22 edges
per case, growing linearly), 1–3 platforms of 4 kinds, a county in one of 31 provinces, a
responsible organisation, and an expert (affiliated with a school of one of N/50 universities)
who endorses it; every resource has zh and en labels.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from netgov_kg.namespaces import NG, NGR

PLATFORM_KINDS = ("App", "Hotline", "Portal", "SocialMediaAccount")


def label(g: Graph, node: URIRef, zh: str, en: str) -> None:
    g.add((node, RDFS.label, Literal(zh, lang="zh")))
    g.add((node, RDFS.label, Literal(en, lang="en")))


def synthetic(n_cases: int, *, seed: int = 0) -> Graph:
    """Return a graph of ``n_cases`` cases in the contract's terms (plus a sliver of ontology)."""
    rnd = random.Random(seed)
    g = Graph()
    for kind in PLATFORM_KINDS:
        g.add((NG[kind], RDFS.subClassOf, NG.Platform))
    g.add((NG.Expert, RDFS.subClassOf, NG.Person))
    g.add((NG.Theme, RDFS.subClassOf, SKOS.Concept))
    country = NGR["place/cn"]
    g.add((country, RDF.type, NG.Place))
    label(g, country, "中国", "China")
    provinces = []
    for i in range(31):
        p = NGR[f"place/p{i}"]
        g.add((p, RDF.type, NG.Place))
        g.add((p, NG.partOf, country))
        g.add((p, NG.adminLevel, NG.ProvinceLevel))
        label(g, p, f"省{i}", f"Province {i}")
        provinces.append(p)
    n_themes = max(10, n_cases // 5)
    themes = []
    for i in range(n_themes):
        t = NGR[f"theme/t{i}"]
        g.add((t, RDF.type, NG.Theme))
        label(g, t, f"主题{i}", f"Theme {i}")
        themes.append(t)
    universities = []
    for i in range(max(2, n_cases // 50)):
        u = NGR[f"org/u{i}"]
        g.add((u, RDF.type, NG.Organisation))
        label(g, u, f"大学{i}", f"University {i}")
        universities.append(u)
    for i in range(n_cases):
        case = NGR[f"case/c{i}"]
        g.add((case, RDF.type, NG.Case))
        label(g, case, f"案例{i}", f"Case {i}")
        g.add((case, NG.listPosition, Literal(i + 1, datatype=XSD.integer)))
        for t in rnd.sample(themes, 3):
            g.add((case, NG.hasTheme, t))
        county = NGR[f"place/k{i}"]
        g.add((county, RDF.type, NG.Place))
        g.add((county, NG.partOf, rnd.choice(provinces)))
        g.add((county, NG.adminLevel, NG.CountyLevel))
        label(g, county, f"县{i}", f"County {i}")
        g.add((case, NG.locatedIn, county))
        for j in range(rnd.randint(1, 3)):
            platform = NGR[f"platform/c{i}-{j}"]
            g.add((platform, RDF.type, NG[rnd.choice(PLATFORM_KINDS)]))
            label(g, platform, f"平台{i}-{j}", f"Platform {i}-{j}")
            g.add((case, NG.usesPlatform, platform))
        org = NGR[f"org/o{i}"]
        g.add((org, RDF.type, NG.Organisation))
        label(g, org, f"机构{i}", f"Body {i}")
        g.add((org, NG.locatedIn, county))
        g.add((case, NG.responsibleOrganisation, org))
        school = NGR[f"org/s{i}"]
        g.add((school, RDF.type, NG.Organisation))
        g.add((school, NG.partOf, rnd.choice(universities)))
        label(g, school, f"学院{i}", f"School {i}")
        expert = NGR[f"person/e{i}"]
        g.add((expert, RDF.type, NG.Expert))
        label(g, expert, f"专家{i}", f"Expert {i}")
        g.add((expert, NG.affiliation, school))
        endorsement = NGR[f"endorsement/c{i}"]
        g.add((endorsement, RDF.type, NG.Endorsement))
        label(g, endorsement, f"推荐语{i}", f"Endorsement {i}")
        g.add((endorsement, NG.endorser, expert))
        g.add((endorsement, NG.endorsedCase, case))
        g.add((endorsement, NG.text, Literal("推荐", lang="zh")))
    return g


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Return the CPU time of this process spent in ``fn()`` (and its result).

    CPU time, not wall time: the machine is shared, and other processes' load would otherwise
    show up as our slowness. Everything measured here is single-threaded.
    """
    gc.collect()
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--synth", action="store_true", help="use netgov_kg.synth if present")
    parser.add_argument(
        "--store",
        default="memory",
        help="run the projections on this store (memory, oxigraph); rdflib's conversion "
        "always reads the in-memory graph",
    )
    parser.add_argument(
        "--max-pairs",
        type=int,
        default=3_000_000,
        help="skip case-case when it would have more edges than this",
    )
    args = parser.parse_args(argv)

    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    from netgov_kg.network.projections import project

    rows = []
    for n in args.sizes:
        g = None
        if args.synth:
            try:  # depends on issue-7
                import netgov_kg
                from netgov_kg import synth  # type: ignore[attr-defined]
                from netgov_kg.resources import ontology_files

                ref = synth.reference_from(netgov_kg.load().dataset)
                g = synth.generate_cases(n, reference=ref, seed=0)
                for path in ontology_files():
                    g.parse(path)
            except (ImportError, AttributeError) as exc:
                print(f"netgov_kg.synth not usable ({exc}); using this file's generator")
        if g is None:
            g = synthetic(n)
        triples = len(g)
        t_rdflib, R = timed(lambda g=g: rdflib_to_networkx_multidigraph(g))
        source = g
        if args.store != "memory":
            from rdflib import URIRef

            from netgov_kg.stores import open_store

            source = open_store(args.store)
            target = source.graph(URIRef(str(NGR) + "graph/bench"))
            target.addN((s, p, o, target) for s, p, o in g)
        t_full, F = timed(lambda g=source: project(g, "full"))
        t_ct, T = timed(lambda g=source: project(g, "case-theme"))
        pairs = sum(d * (d - 1) // 2 for _, d in T.degree() if T.nodes[_].get("bipartite") == 1)
        if pairs > args.max_pairs:
            print(f"{n} cases: case-case would have up to {pairs} edges; skipped (--max-pairs)")
            t_cc, C = float("nan"), None
        else:
            t_cc, C = timed(lambda g=source: project(g, "case-case"))
        rows.append(
            dict(
                n=n,
                triples=triples,
                rdflib=t_rdflib,
                rdflib_edges=R.number_of_edges(),
                full=t_full,
                full_edges=F.number_of_edges(),
                full_nodes=F.number_of_nodes(),
                cc=t_cc,
                cc_edges=C.number_of_edges() if C is not None else 0,
                ct=t_ct,
                ct_edges=T.number_of_edges(),
            )
        )
        del R, F, C, T, g, source
        r = rows[-1]
        print(
            f"{n:>6} cases {triples:>8} triples | CPU s: rdflib→nx {r['rdflib']:7.2f} "
            f"({r['rdflib_edges']} edges) | full {r['full']:7.2f} ({r['full_edges']} edges) | "
            f"case-case {r['cc']:7.2f} ({r['cc_edges']} edges) | case-theme {r['ct']:6.2f}",
            flush=True,
        )

    print(
        "\nratios against rdflib_to_networkx_multidigraph on the same graph (lower is faster);"
        f" projections read the {args.store} store"
    )
    print(f"{'cases':>6} {'full/rdflib':>12} {'case-case/rdflib':>17} {'case-theme/rdflib':>18}")
    for r in rows:
        print(
            f"{r['n']:>6} {r['full'] / r['rdflib']:>12.2f} {r['cc'] / r['rdflib']:>17.2f} "
            f"{r['ct'] / r['rdflib']:>18.2f}"
        )
    print("\ntime per output edge (µs); roughly equal across sizes means linear in edges")
    print(f"{'cases':>6} {'rdflib':>8} {'full':>8} {'case-case':>10}")
    for r in rows:
        print(
            f"{r['n']:>6} {1e6 * ratio(r['rdflib'], r['rdflib_edges']):>8.2f} "
            f"{1e6 * ratio(r['full'], r['full_edges']):>8.2f} "
            f"{1e6 * ratio(r['cc'], r['cc_edges']):>10.2f}"
        )
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(
            f"\nfrom {a['n']} to {b['n']} cases: "
            f"edges ×{ratio(b['full_edges'], a['full_edges']):.1f} "
            f"(full), ×{ratio(b['cc_edges'], a['cc_edges']):.1f} (case-case); time "
            f"×{b['full'] / a['full']:.1f} (full), ×{b['cc'] / a['cc']:.1f} (case-case), "
            f"×{b['rdflib'] / a['rdflib']:.1f} (rdflib)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
