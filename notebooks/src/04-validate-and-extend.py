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

from netgov_kg.namespaces import NG, NGR

broken = netgov_kg.load()  # a second, independent copy in memory
data = broken.dataset
anji, tencent = NGR["case/ai-anji-app"], NGR["case/tencent-weicun"]

for s, p, o, g in list(data.quads((anji, RDFS.label, None, None))):
    if o.language == "en":
        data.remove((s, p, o, g))
mistakes = data.graph(URIRef("https://w3id.org/netgov-kg/id/graph/extra/mistakes"))
mistakes.add((tencent, RDFS.label, Literal("腾讯为村（重复）", lang="zh")))
mistakes.add((tencent, NG.listPosition, Literal("eleven")))

bad = broken.validate()
print("conforms:", bad.conforms, "| findings:", len(bad.results))

# %% [markdown]
# The report names, for each finding, the **focus node** (which resource), the **path** (which
# property), the offending **value**, the **severity** and a **message** — in Chinese or English.
# In a notebook it renders as a table:

# %%
bad

# %% [markdown]
# Three mistakes, seven findings: the word "eleven" breaks four rules at once (it is a second
# position, not an integer, and so neither ≥ 1 nor ≤ 10), and the second Chinese label breaks
# two (one label per language; exactly one `@zh` label). The same report in English — the
# messages are stored in both languages, so nothing is run again:

# %%
bad.in_language("en")

# %% [markdown]
# ## 2. Add a fictional example case
#
# Suppose a researcher wants to record a case of their own. Here is one — **invented for this
# tutorial; it does not exist**, and its labels and comment say so. It uses the project's
# vocabulary: labels in both languages, a place, a theme, a platform, a responsible
# organisation and a source. We write it as Turtle and add it to a fresh copy of the graph,
# in memory, in its own named graph.
#
# The first draft makes some common mistakes; the report will point at each.

# %%
PREFIXES = """
@prefix ng:   <https://w3id.org/netgov-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@base <https://w3id.org/netgov-kg/id/> .
"""

draft = PREFIXES + """
<case/example-fictional-cloud-council> a ng:Case ;
    rdfs:label "【虚构示例】云端议事厅"@zh , "[Fictional example] Cloud Council Hall"@en ;
    rdfs:comment "教程用的虚构案例，并不存在。"@zh ,
                 "An invented case for this tutorial; it does not exist."@en ;
    ng:description "虚构的云端市让市民通过手机应用在线议事。"@zh ,
                   "In the fictional Cloud City, citizens deliberate online through an app."@en ;
    ng:listPosition 11 ;
    ng:hasTheme <theme/public-participation> ;
    ng:locatedIn <place/example-fictional-city> ;
    ng:usesPlatform <platform/example-fictional-app> ;
    ng:responsibleOrganisation <org/example-fictional-office> ;
    prov:wasDerivedFrom <source/example-fictional-notes> .

<place/example-fictional-city> a ng:Place ;
    rdfs:label "【虚构示例】云端市"@zh , "[Fictional example] Cloud City"@en .

<platform/example-fictional-app> a ng:Platform ;
    rdfs:label "【虚构示例】云端议事APP"@zh , "[Fictional example] Cloud Council app"@en .

<org/example-fictional-office> a ng:Organisation ;
    rdfs:label "【虚构示例】云端市网络理政办公室"@zh ,
               "[Fictional example] Cloud City Office of Online Governance"@en .

<source/example-fictional-notes> a ng:SourceDocument ;
    rdfs:label "【虚构示例】教程笔记"@zh , "[Fictional example] tutorial notes"@en .
"""

EXAMPLE_GRAPH = URIRef("https://w3id.org/netgov-kg/id/graph/extra/example")
extended = netgov_kg.load()
extended.dataset.graph(EXAMPLE_GRAPH).parse(data=draft, format="turtle")
first = extended.validate(lang="en")
print("conforms:", first.conforms)
first

# %% [markdown]
# The report is precise:
#
# * `ng:listPosition` belongs to the published list of ten — a case outside it has none;
# * every theme of a case must rest on a `ng:ThemeAssignment` that quotes the words of the
#   source it was read from, so that a reader can check why the case has that theme;
# * a place needs its administrative level and its parent place, so that questions like
#   "cases per province" keep working.
#
# We drop the position, add the assignment quoting the (fictional) notes, and place the
# fictional city in the country.

# %%
case = NGR["case/example-fictional-cloud-council"]
example = extended.dataset.graph(EXAMPLE_GRAPH)
example.remove((case, NG.listPosition, None))
example.parse(format="turtle", data=PREFIXES + """
<place/example-fictional-city> ng:adminLevel ng:PrefectureLevel ; ng:partOf <place/china> .

<case/example-fictional-cloud-council>
    ng:qualifiedTheme <theme-assignment/example-fictional-cloud-council/public-participation> .

<theme-assignment/example-fictional-cloud-council/public-participation> a ng:ThemeAssignment ;
    rdfs:label "【虚构示例】云端议事厅 — 公众参与"@zh ,
               "[Fictional example] Cloud Council Hall — public participation"@en ;
    ng:theme <theme/public-participation> ;
    ng:quote "市民在线议事"@zh ;
    ng:translation "citizens deliberate online"@en ;
    prov:wasDerivedFrom <source/example-fictional-notes> .
""")
second = extended.validate(lang="en")
print("conforms:", second.conforms, "| findings:", len(second.results))
second

# %% [markdown]
# The extended graph conforms: no violation is left. A *warning* is advice, not an error: one
# says that a prefecture-level city should carry its GB/T 2260 code — which a fictional city
# cannot have, so we leave it; the others say that the case and its theme link should carry
# `ng:evidence`, the sentence of their source that states them (the shipped data must have it,
# a user's file should). The fictional case now answers the same queries as the real
# ones — for instance, which cases share its theme:

# %%
extended.query("""
SELECT ?case_zh WHERE {
  ?example ng:hasTheme ?t .
  ?case a ng:Case ; ng:hasTheme ?t ; rdfs:label ?case_zh . FILTER(LANG(?case_zh) = "zh")
} ORDER BY ?case_zh
""", example=case).to_dataframe()

# %% [markdown]
# and it is in every network at once: its nearest neighbours by shared themes are

# %%
[(s.label, round(s.score, 3), s.shared_themes) for s in extended.similar_cases(str(case), k=3)]

# %% [markdown]
# ### The same without writing Turtle: a case template
#
# For everyday use the project ships a documented case template (YAML or CSV) whose example is
# another fictional case. `kg.add_cases` maps it to RDF, reuses what the graph already has
# (places by GB/T 2260 code, themes by label), validates the result with the whole graph, and
# adds it — here in memory only, because no `into=` file is given. Copy the template, edit
# it, add it:

# %%
import shutil
import tempfile
from pathlib import Path

from netgov_kg.ingest.templates import example_template

work = Path(tempfile.mkdtemp(prefix="netgov-template-"))
mine = shutil.copy(example_template("yaml"), work / "my-cases.yaml")
templated = netgov_kg.load()
print(templated.add_cases(mine))

# %% [markdown]
# ## 3. Export
#
# `kg.export` takes the format from the file name. JSON-LD uses the project's compact
# `@context` (`netgov_kg/context.jsonld`), so it reads almost like plain JSON: `id`, `type`,
# `label` with one entry per language. Here is the fictional case as exported:

# %%
import json

out = Path(tempfile.mkdtemp(prefix="netgov-export-"))
extended.export(out / "netgov.jsonld")
doc = json.loads((out / "netgov.jsonld").read_text(encoding="utf-8"))
nodes = doc["graph"]
print(f"{len(nodes)} resources; context keys such as {sorted(doc['@context'])[:6]}")
print(json.dumps(next(n for n in nodes if n["id"] == str(case)), ensure_ascii=False, indent=2))

# %% [markdown]
# For network tools (Gephi, Cytoscape, yEd), `netgov_kg.network.io` writes any projection as
# GraphML (or GEXF, node-link JSON, an edge list) and reads it back. The case–theme network of
# the extended graph, round-tripped through GraphML:

# %%
from netgov_kg.network.io import read_graph, write_graph

G = extended.network("case-theme")
write_graph(G, out / "case-theme.graphml")
back = read_graph(out / "case-theme.graphml")
print(f"GraphML: {back.number_of_nodes()} nodes, {back.number_of_edges()} edges "
      f"(in memory: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
print("the fictional case is in it:", str(case) in back,
      "| its label:", back.nodes[str(case)]["label"])

# %% [markdown]
# Nothing above touched the repository: the mistakes and the fictional case lived only in
# memory, and the exports went to a temporary folder. To add real cases for good, use the
# case templates with `netgov-kg add` or `kg.add_cases` (see `docs/ingest.md`), which validate
# before they write.
