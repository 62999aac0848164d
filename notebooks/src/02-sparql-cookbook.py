# %% [markdown]
# # 02 · SPARQL cookbook: questions about the ten cases, answered with SPARQL
#
# **The question this notebook answers:** *how do I ask the graph real questions in SPARQL —
# where the cases are, what their figures say and when, who endorsed them and from which
# institution, and which facts the article states outright?*
#
# Each recipe is a question, a query, and its answer. They cover the place hierarchy with
# property paths, figures with their units and periods, experts and their institutions,
# aggregates, `OPTIONAL` for facts the article does not give, and provenance. Copy any of them
# into `netgov-kg query "…"`, into the endpoint of `05-linked-data`, or into your own code.
#
# The prefixes `ng:` (ontology), `ngr:` (resources), `rdf:`, `rdfs:`, `skos:`, `prov:` and
# `xsd:` are declared for you.

# %%
import pandas as pd

import netgov_kg

kg = netgov_kg.load()
pd.options.display.float_format = "{:,.10g}".format  # 173000000 rather than 1.73e+08
pd.options.display.max_colwidth = 80


def table(sparql, **bindings):
    """Run a query and return its rows as a DataFrame."""
    return kg.query(sparql, bindings=bindings).to_dataframe()

# %% [markdown]
# ## Places
#
# ### Recipe 1 · Where is each case, and in which province-level region?
#
# A case is `ng:locatedIn` the most specific place the article names. `ng:partOf*` walks up
# the place tree (zero or more steps), so the province is found however deep the case sits.

# %%
table("""
SELECT ?pos ?case_zh ?place_zh ?province_zh WHERE {
  ?case a ng:Case ; ng:listPosition ?pos ; rdfs:label ?case_zh ;
        ng:locatedIn ?place .
  ?place rdfs:label ?place_zh .
  OPTIONAL {
    ?place ng:partOf* ?province .
    ?province ng:adminLevel ng:ProvinceLevel ; rdfs:label ?province_zh .
    FILTER(LANG(?province_zh) = "zh")
  }
  FILTER(LANG(?case_zh) = "zh" && LANG(?place_zh) = "zh")
}
ORDER BY ?pos
""")

# %% [markdown]
# ### Recipe 2 · Which case belongs to no province?
#
# `OPTIONAL` plus `FILTER(!BOUND(…))` finds what is *missing*. One case has no province-level
# region: 腾讯为村 is run by a company for villages across the country, so the data places it
# in 中国 itself.

# %%
table("""
SELECT ?case_zh ?case_en ?place_zh WHERE {
  ?case a ng:Case ; rdfs:label ?case_zh , ?case_en ; ng:locatedIn ?place .
  ?place rdfs:label ?place_zh .
  OPTIONAL {
    ?place ng:partOf* ?province . ?province ng:adminLevel ng:ProvinceLevel .
  }
  FILTER(!BOUND(?province))
  FILTER(LANG(?case_zh) = "zh" && LANG(?case_en) = "en" && LANG(?place_zh) = "zh")
}
""")

# %% [markdown]
# ### Recipe 3 · What is the full chain of places above each county or district?
#
# `ng:partOf+` (one or more steps) lists every ancestor; `GROUP_CONCAT` joins them in one cell.
# SPARQL does not define the order of a `GROUP_CONCAT`, so the library sorts the items (the same
# on every engine); `?depth` says how far up the chain goes.
# The data states only direct parents; the path does the rest.

# %%
table("""
SELECT ?place_zh (COUNT(?up) AS ?depth)
       (GROUP_CONCAT(?up_zh; separator="、") AS ?within) WHERE {
  ?place ng:adminLevel ?level ; rdfs:label ?place_zh ;
         ng:partOf+ ?up .
  ?up rdfs:label ?up_zh .
  VALUES ?level { ng:CountyLevel ng:TownshipLevel ng:Community }
  FILTER(LANG(?place_zh) = "zh" && LANG(?up_zh) = "zh")
}
GROUP BY ?place_zh
ORDER BY DESC(?depth) ?place_zh
""")

# %% [markdown]
# ### Recipe 4 · How many cases does each province-level region have?
#
# An aggregate over the same path. (Chart in `01-quickstart`.)

# %%
table("""
SELECT ?province_zh ?province_en (COUNT(DISTINCT ?case) AS ?cases) WHERE {
  ?case a ng:Case ; ng:locatedIn/ng:partOf* ?province .
  ?province ng:adminLevel ng:ProvinceLevel ; rdfs:label ?province_zh , ?province_en .
  FILTER(LANG(?province_zh) = "zh" && LANG(?province_en) = "en")
}
GROUP BY ?province_zh ?province_en
ORDER BY DESC(?cases) ?province_en
""")

# %% [markdown]
# ### Recipe 5 · Which places carry an official GB/T 2260 code?
#
# Codes are background knowledge, not in the article; recipe 16 shows how that is recorded.

# %%
table("""
SELECT ?code ?zh ?en ?level WHERE {
  ?place a ng:Place ; ng:adminCode ?code ; rdfs:label ?zh , ?en .
  OPTIONAL { ?place ng:adminLevel ?l BIND(STRAFTER(STR(?l), "#") AS ?level) }
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
}
ORDER BY ?code
""")

# %% [markdown]
# ## Themes and platforms
#
# ### Recipe 6 · Which themes does each case have?

# %%
table("""
SELECT ?pos ?case_zh (GROUP_CONCAT(?theme_zh; separator="、") AS ?themes) WHERE {
  ?case a ng:Case ; ng:listPosition ?pos ; rdfs:label ?case_zh ; ng:hasTheme ?theme .
  ?theme rdfs:label ?theme_zh .
  FILTER(LANG(?case_zh) = "zh" && LANG(?theme_zh) = "zh")
}
GROUP BY ?pos ?case_zh
ORDER BY ?pos
""")

# %% [markdown]
# ### Recipe 7 · Which themes are shared by the most cases?

# %%
table("""
SELECT ?theme_zh ?theme_en (COUNT(?case) AS ?cases) WHERE {
  ?case ng:hasTheme ?theme .
  ?theme rdfs:label ?theme_zh , ?theme_en .
  FILTER(LANG(?theme_zh) = "zh" && LANG(?theme_en) = "en")
}
GROUP BY ?theme_zh ?theme_en
ORDER BY DESC(?cases) ?theme_en
""")

# %% [markdown]
# ### Recipe 8 · Which cases share a theme with 上海“一网通办”?
#
# The case is found by its label through a safe binding (`label=`), not by pasting text into
# the query.

# %%
from rdflib import Literal

table("""
SELECT ?other_zh (GROUP_CONCAT(?theme_zh; separator="、") AS ?shared) WHERE {
  ?case rdfs:label ?label ; ng:hasTheme ?theme .
  ?other a ng:Case ; ng:hasTheme ?theme ; rdfs:label ?other_zh .
  ?theme rdfs:label ?theme_zh .
  FILTER(?other != ?case && LANG(?other_zh) = "zh" && LANG(?theme_zh) = "zh")
}
GROUP BY ?other_zh
ORDER BY DESC(COUNT(?theme)) ?other_zh
""", label=Literal("上海“一网通办”", lang="zh"))

# %% [markdown]
# ### Recipe 9 · How many platforms, channels and accounts does each case use?
#
# `OPTIONAL` keeps the cases for which the article names no platform (count 0). `COALESCE`
# makes their empty list `""` on every engine (Oxigraph leaves a `GROUP_CONCAT` over unbound
# values unbound, rdflib gives `""`; see docs/engine-differences.md).

# %%
table("""
SELECT ?pos ?case_zh (COUNT(?platform) AS ?platforms)
       (COALESCE(GROUP_CONCAT(?platform_zh; separator="、"), "") AS ?names) WHERE {
  ?case a ng:Case ; ng:listPosition ?pos ; rdfs:label ?case_zh .
  OPTIONAL { ?case ng:usesPlatform ?platform .
             ?platform rdfs:label ?platform_zh FILTER(LANG(?platform_zh) = "zh") }
  FILTER(LANG(?case_zh) = "zh")
}
GROUP BY ?pos ?case_zh
ORDER BY ?pos
""")

# %% [markdown]
# ## Organisations, experts and institutions
#
# ### Recipe 10 · Who runs each case, and what is that body part of?

# %%
table("""
SELECT ?pos ?case_zh ?org_zh ?parent_zh WHERE {
  ?case a ng:Case ; ng:listPosition ?pos ; rdfs:label ?case_zh ;
        ng:responsibleOrganisation ?org .
  ?org rdfs:label ?org_zh .
  OPTIONAL { ?org ng:partOf ?parent . ?parent rdfs:label ?parent_zh
             FILTER(LANG(?parent_zh) = "zh") }
  FILTER(LANG(?case_zh) = "zh" && LANG(?org_zh) = "zh")
}
ORDER BY ?pos ?org_zh
""")

# %% [markdown]
# ### Recipe 11 · Which expert endorsed which case, with which titles, where?
#
# An endorsement links an expert to a case; the expert holds posts (`ng:holdsPost`), each a
# title (`ng:title`) in one unit (`ng:postIn`).

# %%
table("""
SELECT ?pos ?case_zh ?expert_zh
       (GROUP_CONCAT(CONCAT(?unit_zh, " ", ?title_zh); separator="；") AS ?posts) WHERE {
  ?e a ng:Endorsement ; ng:endorser ?expert ; ng:endorsedCase ?case .
  ?case ng:listPosition ?pos ; rdfs:label ?case_zh .
  ?expert rdfs:label ?expert_zh .
  OPTIONAL { ?expert ng:holdsPost ?post . ?post ng:title ?title_zh ; ng:postIn ?unit .
             ?unit rdfs:label ?unit_zh .
             FILTER(LANG(?title_zh) = "zh" && LANG(?unit_zh) = "zh") }
  FILTER(LANG(?case_zh) = "zh" && LANG(?expert_zh) = "zh")
}
GROUP BY ?pos ?case_zh ?expert_zh
ORDER BY ?pos
""")

# %% [markdown]
# ### Recipe 12 · Which top-level institutions do the experts come from, and how many each?
#
# An expert's affiliation is the most specific unit (a school, a centre); `ng:partOf*` climbs
# to the institution that is part of nothing else.

# %%
table("""
SELECT ?inst_zh ?inst_en (COUNT(DISTINCT ?expert) AS ?experts)
       (GROUP_CONCAT(DISTINCT ?expert_zh; separator="、") AS ?who) WHERE {
  ?expert a ng:Expert ; rdfs:label ?expert_zh ; ng:affiliation/ng:partOf* ?inst .
  FILTER NOT EXISTS { ?inst ng:partOf ?above }
  ?inst rdfs:label ?inst_zh , ?inst_en .
  FILTER(LANG(?expert_zh) = "zh" && LANG(?inst_zh) = "zh" && LANG(?inst_en) = "en")
}
GROUP BY ?inst_zh ?inst_en
ORDER BY DESC(?experts) ?inst_en
""")

# %% [markdown]
# ## Figures, goals and dates
#
# ### Recipe 13 · What figures does the article give, with their units and periods?
#
# Each figure is an `ng:Observation`: a value in plain units (1.73亿 is 173,000,000), what it
# measures, its unit, and its period — or, where the article gives no date, its own words for
# the time (`ng:timeNote`). `OPTIONAL` keeps figures that lack some of these. Periods are shown
# as written (`STR`), so a month stays a month (`2021-11`) rather than becoming a day.

# %%
table("""
SELECT ?about_zh ?measure ?value ?unit ?qualifier ?start ?end ?time_note WHERE {
  ?obs a ng:Observation ; ng:about ?about ; ng:measure ?measure ; ng:value ?value ;
       ng:unit ?unit .
  ?about rdfs:label ?about_zh .
  OPTIONAL { ?obs ng:qualifier ?qualifier FILTER(LANG(?qualifier) = "en") }
  OPTIONAL { ?obs ng:periodStart ?s BIND(STR(?s) AS ?start) }
  OPTIONAL { ?obs ng:periodEnd ?e BIND(STR(?e) AS ?end) }
  OPTIONAL { ?obs ng:timeNote ?time_note FILTER(LANG(?time_note) = "zh") }
  FILTER(LANG(?about_zh) = "zh" && LANG(?measure) = "zh" && LANG(?unit) = "zh")
}
ORDER BY ?about_zh DESC(?value)
""")

# %% [markdown]
# ### Recipe 14 · Does 银川's stated completion rate match its counts?
#
# The article says “问政银川” referred 11006 matters and settled 10785, a completion rate of
# 97.99%. SPARQL can do the arithmetic. The three figures are found through the case and their
# measures; anchoring every pattern on the case keeps the join small.

# %%
table("""
SELECT ?referred ?settled ?stated_rate
       (ROUND(10000 * ?settled / ?referred) / 100 AS ?computed_rate) WHERE {
  ?case rdfs:label "银川市政务微博矩阵"@zh .
  ?a ng:about ?case ; ng:measure "转办的各类民生事项"@zh ; ng:value ?referred .
  ?b ng:about ?case ; ng:measure "办结的民生事项"@zh ; ng:value ?settled .
  ?c ng:about ?case ; ng:measure "办结率"@zh ; ng:value ?stated_rate .
}
""")

# %% [markdown]
# 10785 / 11006 = 97.99 %: the article's rate agrees with its own counts.

# %% [markdown]
# ### Recipe 15 · What goals were set, and for when?

# %%
table("""
SELECT ?about_zh ?goal_zh ?goal_en (STR(?date) AS ?target) WHERE {
  ?goal a ng:Goal ; ng:about ?about ; ng:targetDate ?date ;
        rdfs:label ?goal_zh , ?goal_en .
  ?about rdfs:label ?about_zh .
  FILTER(LANG(?goal_zh) = "zh" && LANG(?goal_en) = "en" && LANG(?about_zh) = "zh")
}
ORDER BY STR(?date) ?goal_zh
""")

# %% [markdown]
# ### Recipe 16 · When did things happen? A timeline of the dated facts
#
# Dates sit on several properties: events have `ng:date`, cases, platforms and organisations a
# `ng:startDate`, goals a `ng:targetDate`, figures a period (we take its end). `UNION` collects
# them all; the dates are as precise as the source (a year, a month or a day).

# %%
timeline = table("""
SELECT (STR(?date) AS ?when) ?kind ?what_zh ?what_en WHERE {
  {
    ?x ng:date ?date . BIND("event" AS ?kind)
  } UNION {
    ?x ng:startDate ?date . BIND("start" AS ?kind)
  } UNION {
    ?x ng:targetDate ?date . BIND("goal" AS ?kind)
  } UNION {
    ?x a ng:Observation ; ng:periodEnd ?date . BIND("figure" AS ?kind)
  }
  ?x rdfs:label ?what_zh , ?what_en .
  FILTER(LANG(?what_zh) = "zh" && LANG(?what_en) = "en")
}
ORDER BY STR(?date) ?kind ?what_zh
""")
timeline

# %% [markdown]
# The dates have different precision, so for the chart each is drawn at the middle of what it
# names: a year at 1 July, a month at its 15th. A resource dated twice the same way (a case and
# the platform or body that carries it) is drawn once per label.

# %%
import datetime as dt

import matplotlib.pyplot as plt

from netgov_kg.network.plotting import find_cjk_font

# a font, among those matplotlib's font manager knows, with a glyph for every label
plt.rcParams["font.family"] = [find_cjk_font("".join(timeline["what_zh"])) or "DejaVu Sans"]


def as_date(text):
    """'2018', '2017-12' or '2018-10-24' -> the middle day of the year, month or the day."""
    parts = [int(p) for p in str(text)[:10].split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 7, 1)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 15)
    return dt.date(*parts)


events = (
    timeline.assign(day=timeline["when"].map(as_date))
    .drop_duplicates(["day", "what_zh"])
    .sort_values(["day", "kind", "what_zh"])
)
colours = {"event": "#c0392b", "start": "#2e86c1", "goal": "#7d3c98", "figure": "#229954"}
fig, ax = plt.subplots(figsize=(9, 0.38 * len(events) + 1))
y = range(len(events))
ax.scatter(events["day"], y, c=[colours[k] for k in events["kind"]], zorder=3)
for yi, (day, label) in zip(y, zip(events["day"], events["what_zh"])):
    ax.annotate(label, (day, yi), xytext=(6, 0), textcoords="offset points", va="center",
                fontsize=8)
ax.set_yticks([])
ax.invert_yaxis()
ax.set_xlim(dt.date(2002, 1, 1), dt.date(2027, 1, 1))
ax.grid(axis="x", alpha=0.3)
ax.set_title("有日期的事实 · timeline of the dated facts")
for kind, colour in colours.items():
    ax.scatter([], [], c=colour, label={"event": "事件 event", "start": "开始 start",
                                        "goal": "目标 goal", "figure": "数据 figure"}[kind])
ax.legend(loc="lower left", fontsize=8, frameon=False)
for side in ("top", "right", "left"):
    ax.spines[side].set_visible(False)
fig.tight_layout()

# %% [markdown]
# ## Provenance: where does a fact come from, and how sure is it?
#
# ### Recipe 17 · Where does a figure come from?
#
# Cases, figures, endorsements, goals and events carry `prov:wasDerivedFrom` to the source
# document; each figure also keeps the words it was read from (`ng:quote`), verbatim. Here are
# the figures about 腾讯为村 with their quotes and their source.

# %%
table("""
SELECT ?measure ?value ?quote ?source_id ?source_title WHERE {
  ?case rdfs:label "腾讯为村"@zh .
  ?obs ng:about ?case ; ng:measure ?measure ; ng:value ?value ;
       ng:quote ?quote ; prov:wasDerivedFrom ?source .
  ?source dcterms:identifier ?source_id ; dcterms:title ?source_title .
  FILTER(LANG(?measure) = "zh")
}
ORDER BY DESC(?value)
""")

# %% [markdown]
# And how many resources of each kind that must cite a source (contract: cases, figures,
# endorsements, goals, events) rest on each source document — and how many lack one:

# %%
table("""
SELECT ?kind (COUNT(DISTINCT ?x) AS ?resources) (COUNT(DISTINCT ?cited) AS ?with_source)
       (GROUP_CONCAT(DISTINCT ?source_id; separator=", ") AS ?sources) WHERE {
  VALUES ?core { ng:Case ng:Observation ng:Endorsement ng:Goal ng:Event }
  ?x a/rdfs:subClassOf* ?core .
  OPTIONAL { ?x prov:wasDerivedFrom/dcterms:identifier ?source_id . BIND(?x AS ?cited) }
  BIND(STRAFTER(STR(?core), "#") AS ?kind)
}
GROUP BY ?kind
ORDER BY DESC(?resources) ?kind
""")

# %% [markdown]
# ### Recipe 18 · Which facts does the article *not* state outright?
#
# Background knowledge (a place's province, a GB/T code), inferences from the text (the year of
# the announcement) and corrections of the source are each described by an `rdf:Statement` with
# its `ng:basis` and a comment saying why.

# %%
table("""
SELECT ?basis (COUNT(?st) AS ?facts) WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:basis ?b .
  BIND(STRAFTER(STR(?b), "#") AS ?basis)
}
GROUP BY ?basis
ORDER BY DESC(?facts)
""")

# %% [markdown]
# The three corrections of the article, with the reason for each:

# %%
table("""
SELECT ?subject_zh ?property ?why WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; ng:basis ng:Correction ; rdfs:comment ?why .
  ?s rdfs:label ?subject_zh .
  BIND(STRAFTER(STR(?p), "#") AS ?property)
  FILTER(LANG(?why) = "en" && LANG(?subject_zh) = "zh")
}
ORDER BY ?subject_zh ?property
""")

# %% [markdown]
# ### Recipe 19 · Is every case derived from a source? (`ASK`)
#
# `ASK` answers yes or no. Here: is there a case *without* a source? The answer should be
# `False`.

# %%
bool(kg.query("""
ASK { ?case a ng:Case . FILTER NOT EXISTS { ?case prov:wasDerivedFrom ?source } }
"""))

# %% [markdown]
# ### Recipe 20 · Give me one case as a small graph (`CONSTRUCT`)
#
# `CONSTRUCT` returns RDF rather than a table — here the case 腾讯为村 with its labels, themes
# and platforms, printed as Turtle.

# %%
sub = kg.query("""
CONSTRUCT {
  ?case rdfs:label ?l ; ng:hasTheme ?t ; ng:usesPlatform ?p .
  ?t rdfs:label ?tl . ?p rdfs:label ?pl .
} WHERE {
  ?case rdfs:label "腾讯为村"@zh ; rdfs:label ?l .
  OPTIONAL { ?case ng:hasTheme ?t . ?t rdfs:label ?tl }
  OPTIONAL { ?case ng:usesPlatform ?p . ?p rdfs:label ?pl }
}
""")
print(sub.graph.serialize(format="turtle") if hasattr(sub, "graph") else sub.serialize(format="turtle"))
