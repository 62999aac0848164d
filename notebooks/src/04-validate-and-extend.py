# %% [markdown]
# # 04 · Validate and extend: can I trust the graph, and how do I add to it?
#
# **The question this notebook answers:** *does the graph keep its own rules, what does a
# validation report say when something is wrong, and how do I add a case of my own and check
# it before sharing it?*
#
# The rules are SHACL shapes (`shapes/`): every resource has exactly one Chinese and one English
# label; a case has a list position, a source and themes; a figure has a value, a unit and a
# measure… We will
#
# 1. validate the shipped graph,
# 2. break it on purpose and read the report,
# 3. add a **clearly fictional** example case in memory and validate it, and
# 4. export the result to JSON-LD and GraphML.
#
# Nothing is written to the repository: the changes live in memory and the exports go to a
# temporary folder.

# %%
import netgov_kg

kg = netgov_kg.load()
report = kg.validate()
print("conforms:", report.conforms, "| findings:", len(report.results))

# %% [markdown]
# ## 1. Break something on purpose
#
# We take a fresh copy of the graph and make three mistakes a careless edit could make:
#
# * remove the English label of 爱安吉 (every resource needs one `@en` label),
# * give 腾讯为村 a second Chinese label (exactly one `@zh` label is allowed),
# * put a word where a number belongs: `ng:listPosition "eleven"`.

# %%
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from netgov_kg.namespaces import NG

broken = netgov_kg.load()
data = broken.dataset


def case_iri(label_zh):
    """The IRI of the case with this Chinese label."""
    rows = list(broken.query("SELECT ?c WHERE { ?c a ng:Case ; rdfs:label ?l }",
                             l=Literal(label_zh, lang="zh")))
    return rows[0]["c"]


anji = case_iri("“爱安吉”APP") if list(broken.find("爱安吉")) else None
anji = anji or next(iter(broken.query(
    'SELECT ?c WHERE { ?c a ng:Case ; rdfs:label ?l FILTER(CONTAINS(?l, "爱安吉")) }')))["c"]
tencent = case_iri("腾讯为村")

for quad in list(data.quads((anji, RDFS.label, None, None))):
    if quad[2].language == "en":
        data.remove(quad)
graph = data.graph(URIRef("https://w3id.org/netgov-kg/id/graph/extra/mistakes"))
graph.add((tencent, RDFS.label, Literal("腾讯为村（重复）", lang="zh")))
graph.add((tencent, NG.listPosition, Literal("eleven")))

bad = broken.validate()
print("conforms:", bad.conforms, "| findings:", len(bad.results))

# %% [markdown]
# The report names, for each finding, the **focus node** (which resource), the **path** (which
# property), the offending **value**, the **severity** and a **message** — in Chinese or English.
# In a notebook it renders as a table:

# %%
bad

# %% [markdown]
# The same report in English:

# %%
broken.validate(lang="en")

# %% [markdown]
# ## 2. Add a fictional example case
#
# Suppose a researcher wants to record a case of their own. Here is one — **invented for this
# tutorial; it does not exist**, and its labels say so. It uses the project's vocabulary: a
# position, labels in both languages, a place, a theme, a platform, a responsible
# organisation and a source. We add it to the graph in memory, in its own named graph, as
# Turtle.

# %%
example = """
@prefix ng:   <https://w3id.org/netgov-kg/ontology#> .
@prefix ngr:  <https://w3id.org/netgov-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

ngr:case/example-fictional-cloud-council a ng:Case ;
    rdfs:label "【虚构示例】云端议事厅"@zh ,
               "[Fictional example] Cloud Council Hall"@en ;
    rdfs:comment "教程用的虚构案例，并不存在。"@zh ,
                 "An invented case for the tutorial; it does not exist."@en ;
    ng:listPosition 11 ;
    ng:hasTheme ?THEME ;
    ng:locatedIn ngr:place/example-fictional-city ;
    ng:usesPlatform ngr:platform/example-fictional-app ;
    ng:responsibleOrganisation ngr:org/example-fictional-office ;
    prov:wasDerivedFrom ngr:source/example-fictional-notes .

ngr:place/example-fictional-city a ng:Place ;
    rdfs:label "【虚构示例】云端市"@zh , "[Fictional example] Cloud City"@en ;
    ng:adminLevel ng:PrefectureLevel .

ngr:platform/example-fictional-app a ng:Platform ;
    rdfs:label "【虚构示例】云端议事APP"@zh , "[Fictional example] Cloud Council app"@en .

ngr:org/example-fictional-office a ng:Organisation ;
    rdfs:label "【虚构示例】云端市网络理政办公室"@zh ,
               "[Fictional example] Cloud City Office of Online Governance"@en ;
    ng:locatedIn ngr:place/example-fictional-city .

ngr:source/example-fictional-notes a ng:SourceDocument ;
    rdfs:label "【虚构示例】教程笔记"@zh , "[Fictional example] tutorial notes"@en .
"""
# reuse an existing theme of the graph (the one most cases share)
theme = next(iter(kg.query("""
SELECT ?t WHERE { ?c ng:hasTheme ?t } GROUP BY ?t ORDER BY DESC(COUNT(?c)) ?t LIMIT 1
""")))["t"]
print("theme:", theme.n3(kg.dataset.namespace_manager))

extended = netgov_kg.load()
extra = extended.dataset.graph(URIRef("https://w3id.org/netgov-kg/id/graph/extra/example"))
extra.parse(data=example.replace("?THEME", theme.n3()), format="turtle")
extended.find("虚构示例")

# %% [markdown]
# Validate the extended graph. If the example breaks a rule, the report says exactly which.

# %%
checked = extended.validate(lang="en")
print("conforms:", checked.conforms, "| findings:", len(checked.results))
checked

# %% [markdown]
# The fictional case now answers the same queries as the real ones — for instance the cases
# sharing its theme:

# %%
extended.query("""
SELECT ?case_zh WHERE {
  ngr:case/example-fictional-cloud-council ng:hasTheme ?t .
  ?case ng:hasTheme ?t ; rdfs:label ?case_zh . FILTER(LANG(?case_zh) = "zh")
} ORDER BY ?case_zh
""").to_dataframe()

# %% [markdown]
# ## 3. Export
#
# `kg.export` takes the format from the file name. JSON-LD uses the project's compact
# `@context`, so it reads almost like plain JSON. For network tools (Gephi, Cytoscape), the
# case–theme network is written as GraphML and read back with networkx.

# %%
import json
import tempfile
from pathlib import Path

import networkx as nx

out = Path(tempfile.mkdtemp(prefix="netgov-export-"))
extended.export(out / "netgov.jsonld")
doc = json.loads((out / "netgov.jsonld").read_text(encoding="utf-8"))
nodes = doc.get("@graph", doc if isinstance(doc, list) else [])
fictional = [n for n in nodes if "example-fictional-cloud-council" in str(n.get("@id", n.get("id")))]
print("JSON-LD resources:", len(nodes))
print(json.dumps(fictional[0], ensure_ascii=False, indent=2)[:1200])

# %%
G = extended.network("case-theme")
nx.write_graphml(G, out / "case-theme.graphml")
back = nx.read_graphml(out / "case-theme.graphml")
print(f"GraphML: {back.number_of_nodes()} nodes, {back.number_of_edges()} edges "
      f"(in memory: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
