# %% [markdown]
# # 01 · Quick start: what is in the graph, and how do I ask it things?
#
# **The question this notebook answers:** *what does netgov-kg hold about the ten
# 中国网络理政十大卓越案例 (2016–2021), and how do I get that out of it from Python?*
#
# The graph records, with its source, every fact of one article: the ten "outstanding cases of
# governing through the internet in China" (中国网络理政十大卓越案例) announced in Shanghai on
# 25 December (2021, inferred) by 《民生周刊》, 复旦发展研究院 and 复旦大学新闻学院, each
# endorsed by an expert. In ten minutes you will
#
# 1. load the graph and count what is in it,
# 2. look up a case by (part of) its name,
# 3. run the named queries that ship with the library,
# 4. get tables (pandas DataFrames) with Chinese and English labels, and
# 5. draw the cases per province.
#
# Nothing here touches the network: the ontology and data ship inside the package.

# %%
import netgov_kg

kg = netgov_kg.load()  # ontology + data, in memory
kg

# %% [markdown]
# ## 1. What is in it?
#
# `kg.query` runs SPARQL with the usual prefixes (`ng:`, `ngr:`, `rdfs:`, `skos:`, `prov:`,
# `xsd:`…) already declared. Here we count the resources of each core class of the ontology
# (those of the project's contract), with the class's Chinese and English names; a resource
# of a subclass (an `ng:University` is an `ng:Organisation`) counts for its core class.
# `to_dataframe()` turns the rows into a DataFrame of plain Python values.

# %%
counts = kg.query("""
SELECT ?class ?zh ?en (COUNT(DISTINCT ?x) AS ?resources) WHERE {
  VALUES ?core { ng:Case ng:Organisation ng:Platform ng:Person ng:Expert ng:Theme ng:Place
                 ng:Observation ng:Goal ng:Post ng:Endorsement ng:Event ng:SourceDocument }
  ?x a/rdfs:subClassOf* ?core .
  ?core rdfs:label ?zh , ?en .
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
  BIND(CONCAT("ng:", STRAFTER(STR(?core), "#")) AS ?class)
}
GROUP BY ?class ?zh ?en
ORDER BY DESC(?resources) ?class
""").to_dataframe()
counts

# %%
print(f"{len(kg):,} triples in {len(list(kg.dataset.graphs()))} named graphs")

# %% [markdown]
# ## 2. The ten cases
#
# Every case has exactly one Chinese and one English label, and its position in the published
# list (`ng:listPosition`; the list is *not* a ranking).

# %%
cases = kg.query("""
SELECT ?pos ?iri ?zh ?en WHERE {
  ?case a ng:Case ; ng:listPosition ?pos ;
        rdfs:label ?zh , ?en .
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
  BIND(CONCAT("ngr:", STRAFTER(STR(?case), STR(ngr:))) AS ?iri)
}
ORDER BY ?pos
""").to_dataframe()
cases

# %% [markdown]
# ## 3. Look up a case
#
# `kg.find` searches labels (Chinese or English, including name variants) for a piece of text.
# "一网通办" is a case, a platform and a theme at once, so we get all three kinds:

# %%
kg.find("一网通办")

# %% [markdown]
# `kg.describe` shows one resource, given by IRI, CURIE or an exact label — every statement
# about it, outgoing (→) and incoming (←), with labels in place of IRIs.

# %%
kg.describe("上海“一网通办”")

# %% [markdown]
# Every fact the article states has its evidence: the sentence that states it, with the code
# points where it sits in the article and a little context (`ng:evidence`, W3C Web
# Annotation selectors). `describe` shows each quote as `…prefix【exact】suffix…`; the named
# query `case-evidence` lists every fact of a case's profile — the case, its figures,
# endorsement, theme links, platforms and organisations — with its quote, in the article's
# order.

# %%
kg.run("case-evidence", bindings={"case": "上海“一网通办”"}).to_dataframe()[
    ["resource", "class", "quote", "start", "end"]]

# %% [markdown]
# Values are bound into queries safely, never pasted into the text: pass them as keyword
# arguments. Here `?label` is bound to a Chinese literal, so the query finds the case so named.

# %%
from rdflib import Literal

kg.query(
    "SELECT ?case ?pos WHERE { ?case rdfs:label ?label ; ng:listPosition ?pos }",
    label=Literal("腾讯为村", lang="zh"),
).to_dataframe()

# %% [markdown]
# ## 4. Named queries
#
# Questions that many people ask ship as named queries (`.rq` files with a bilingual title and
# typed parameters). `kg.named_queries()` lists them; `kg.run(name, bindings={...})` runs one.
# (The `appeals-*` queries are for the synthetic appeals data of bigger, generated graphs; on
# the ten cases they return nothing.)

# %%
import pandas as pd

pd.DataFrame(
    [{"name": q.name, "title_zh": q.title.get("zh"), "title_en": q.title.get("en"),
      "parameters": ", ".join(str(p) for p in q.params)} for q in kg.named_queries()]
)

# %% [markdown]
# A query result renders as a table with labels in place of IRIs:

# %%
kg.run("cases-by-province")

# %% [markdown]
# Parameters are checked and resolved: a theme can be given by IRI, CURIE or label.
# `to_dataframe(labels="en")` adds, after each column of IRIs, a column with their English
# labels (`labels="zh"` for Chinese) — handy for charts and spreadsheets.

# %%
kg.run("cases-by-theme", bindings={"theme": "基层治理"}).to_dataframe(labels="en")

# %% [markdown]
# ## 5. Cases per province
#
# Each case is located in the most specific place the article names (a county, a district, a
# city); the place tree (`ng:partOf`) leads up to the province-level region. Counting cases per
# province is then one query, and one bar chart. 腾讯为村 works nationwide (its place is 中国),
# so it has no province and the bars add up to nine. The labels are Chinese, so we pick a font
# that has their glyphs: `find_cjk_font` searches matplotlib's font manager (Debian's
# `fonts-noto-cjk` provides one).

# %%
per_province = kg.query("""
SELECT ?province ?zh ?en (COUNT(DISTINCT ?case) AS ?cases) WHERE {
  ?case a ng:Case ; ng:locatedIn/ng:partOf* ?province .
  ?province ng:adminLevel ng:ProvinceLevel ;
            rdfs:label ?zh , ?en .
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
}
GROUP BY ?province ?zh ?en
ORDER BY DESC(?cases) ?zh
""").to_dataframe()
per_province

# %%
import matplotlib.pyplot as plt

from netgov_kg.network.plotting import find_cjk_font

# a font, among those matplotlib's font manager knows, with a glyph for every label
plt.rcParams["font.family"] = [find_cjk_font("".join(per_province["zh"])) or "DejaVu Sans"]

fig, ax = plt.subplots(figsize=(7, 3.5))
ax.bar(per_province["zh"], per_province["cases"], color="#3b6ea5")
ax.set_title("各省级行政区的卓越案例数 · cases per province-level region")
ax.set_ylabel("案例数 cases")
ax.yaxis.get_major_locator().set_params(integer=True)
for side in ("top", "right"):
    ax.spines[side].set_visible(False)
fig.tight_layout()

# %% [markdown]
# ## Where next
#
# * `02-sparql-cookbook` — more than fifteen SPARQL recipes, from place hierarchies to where a
#   figure comes from;
# * `03-network-analysis` — the cases as networks: centrality, communities, similarity;
# * `04-validate-and-extend` — SHACL validation, adding a (fictional) case, exports;
# * `05-linked-data` — the SPARQL endpoint, SPARQLWrapper and JSON-LD.
