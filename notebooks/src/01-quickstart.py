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
# `xsd:`…) already declared. Here we count the resources of each class of the ontology, with
# the class's Chinese and English names. `to_dataframe()` turns the rows into a DataFrame of
# plain Python values.

# %%
counts = kg.query("""
SELECT ?class ?zh ?en (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?class .
  FILTER(STRSTARTS(STR(?class), STR(ng:)))
  OPTIONAL { ?class rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?class rdfs:label ?en FILTER(LANG(?en) = "en") }
}
GROUP BY ?class ?zh ?en
ORDER BY DESC(?n) ?class
""").to_dataframe()
counts

# %%
print(f"{len(kg):,} triples; {int(counts['n'].sum())} typed resources in {len(counts)} classes")

# %% [markdown]
# ## 2. The ten cases
#
# Every case has exactly one Chinese and one English label, and its position in the published
# list (`ng:listPosition`; the list is *not* a ranking).

# %%
cases = kg.query("""
SELECT ?pos ?case ?zh ?en WHERE {
  ?case a ng:Case ; ng:listPosition ?pos ;
        rdfs:label ?zh , ?en .
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
}
ORDER BY ?pos
""").to_dataframe()
cases

# %% [markdown]
# ## 3. Look up a case
#
# `kg.find` searches labels (Chinese or English) for a piece of text; `kg.describe` shows one
# resource, given by IRI, CURIE or label.

# %%
kg.find("一网通办")

# %%
kg.describe("一网通办")

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
# typed parameters). `kg.named_queries()` lists them; `kg.run(name, **params)` runs one.

# %%
kg.named_queries()

# %%
kg.run("cases").to_dataframe()

# %% [markdown]
# ## 5. Cases per province
#
# Each case is located in the most specific place the article names (a county, a district, a
# city); the place tree (`ng:partOf`) leads up to the province-level region. Counting cases per
# province is then one query, and one bar chart. The labels are Chinese, so we pick a CJK font
# through matplotlib's font manager.

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
from matplotlib import font_manager

CJK = next(
    f.name for f in font_manager.fontManager.ttflist
    if f.name in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Noto Sans SC")
)
plt.rcParams["font.family"] = [CJK]

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
