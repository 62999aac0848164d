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
import netgov_kg

kg = netgov_kg.load()


def table(sparql, **bindings):
    """Run a query and return its rows as a DataFrame."""
    return kg.query(sparql, **bindings).to_dataframe()

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
# ### Recipe 2 · Which case has no place?
#
# `OPTIONAL` plus `FILTER(!BOUND(…))` finds what is *missing*: a case the article does not
# place anywhere.

# %%
table("""
SELECT ?case ?zh ?en WHERE {
  ?case a ng:Case ; rdfs:label ?zh , ?en .
  OPTIONAL { ?case ng:locatedIn ?place }
  FILTER(!BOUND(?place) && LANG(?zh) = "zh" && LANG(?en) = "en")
}
""")

# %% [markdown]
# ### Recipe 3 · What is the full chain of places above each county or district?
#
# `ng:partOf+` (one or more steps) lists every ancestor; `GROUP_CONCAT` joins them in one cell.
# The data states only direct parents; the path does the rest.

# %%
table("""
SELECT ?place_zh (COUNT(?up) AS ?depth)
       (GROUP_CONCAT(?up_zh; separator=" ⊂ ") AS ?within) WHERE {
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
  OPTIONAL { ?place ng:adminLevel ?level }
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
# `OPTIONAL` keeps the cases for which the article names no platform (count 0).

# %%
table("""
SELECT ?pos ?case_zh (COUNT(?platform) AS ?platforms)
       (GROUP_CONCAT(?platform_zh; separator="、") AS ?names) WHERE {
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
# the time (`ng:timeNote`). `OPTIONAL` keeps figures that lack some of these.

# %%
table("""
SELECT ?about_zh ?measure ?value ?unit ?qualifier ?start ?end ?time_note WHERE {
  ?obs a ng:Observation ; ng:about ?about ; ng:measure ?measure ; ng:value ?value ;
       ng:unit ?unit .
  ?about rdfs:label ?about_zh .
  OPTIONAL { ?obs ng:qualifier ?qualifier FILTER(LANG(?qualifier) = "en") }
  OPTIONAL { ?obs ng:periodStart ?start }
  OPTIONAL { ?obs ng:periodEnd ?end }
  OPTIONAL { ?obs ng:timeNote ?time_note FILTER(LANG(?time_note) = "zh") }
  FILTER(LANG(?about_zh) = "zh" && LANG(?measure) = "zh" && LANG(?unit) = "zh")
}
ORDER BY ?about_zh DESC(?value)
""")

# %% [markdown]
# ### Recipe 14 · Does 银川's stated completion rate match its counts?
#
# The article says 11006 items were handled and 10785 completed, a rate of 97.99%. SPARQL can
# do the arithmetic; the measures are matched by their English names.

# %%
table("""
SELECT ?handled ?completed ?stated_rate
       (ROUND(10000 * ?completed / ?handled) / 100 AS ?computed_rate) WHERE {
  ?a ng:measure ?ma ; ng:value ?handled .   FILTER(LCASE(STR(?ma)) = "items transferred")
  ?b ng:measure ?mb ; ng:value ?completed . FILTER(LCASE(STR(?mb)) = "items completed")
  ?c ng:measure ?mc ; ng:value ?stated_rate . FILTER(LCASE(STR(?mc)) = "completion rate")
}
""")

# %% [markdown]
# ### Recipe 15 · What goals were set, and for when?

# %%
table("""
SELECT ?about_zh ?goal_zh ?goal_en ?target WHERE {
  ?goal a ng:Goal ; ng:about ?about ; ng:targetDate ?target ;
        rdfs:label ?goal_zh , ?goal_en .
  ?about rdfs:label ?about_zh .
  FILTER(LANG(?goal_zh) = "zh" && LANG(?goal_en) = "en" && LANG(?about_zh) = "zh")
}
ORDER BY ?target
""")

# %% [markdown]
# ### Recipe 16 · When did things happen? A timeline of the dated facts
#
# Dates sit on several properties: events have `ng:date`, cases, platforms and organisations a
# `ng:startDate`, goals a `ng:targetDate`, figures a period. `UNION` collects them all; the
# dates are as precise as the source (a year, a month or a day).

# %%
timeline = table("""
SELECT ?when ?kind ?what_zh ?what_en WHERE {
  {
    ?x ng:date ?when . BIND("event" AS ?kind)
  } UNION {
    ?x ng:startDate ?when . BIND("start" AS ?kind)
  } UNION {
    ?x ng:targetDate ?when . BIND("goal" AS ?kind)
  } UNION {
    ?x ng:periodEnd ?when . BIND("figure" AS ?kind)
  }
  ?x rdfs:label ?what_zh , ?what_en .
  FILTER(LANG(?what_zh) = "zh" && LANG(?what_en) = "en")
}
ORDER BY STR(?when)
""")
timeline

# %% [markdown]
# The dates have different precision, so for the chart each is placed at the start of what it
# names (a year at 1 January, a month at its first day).

# %%
import datetime as dt

import matplotlib.pyplot as plt
from matplotlib import font_manager

CJK = next(
    f.name for f in font_manager.fontManager.ttflist
    if f.name in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Noto Sans SC")
)
plt.rcParams["font.family"] = [CJK]


def as_date(value):
    """A year, year-month or date (as a Python value or text) -> the first day it names."""
    if isinstance(value, dt.date):
        return value
    text = str(value)[:10]
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


events = timeline.assign(day=timeline["when"].map(as_date)).sort_values("day")
colours = {"event": "#c0392b", "start": "#2e86c1", "goal": "#7d3c98", "figure": "#229954"}
fig, ax = plt.subplots(figsize=(9, 0.38 * len(events) + 1))
y = range(len(events))
ax.scatter(events["day"], y, c=[colours[k] for k in events["kind"]], zorder=3)
for yi, (day, label) in zip(y, zip(events["day"], events["what_zh"])):
    ax.annotate(label, (day, yi), xytext=(6, 0), textcoords="offset points", va="center",
                fontsize=8)
ax.set_yticks([])
ax.invert_yaxis()
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
# ### Recipe 17 · Where does each figure come from?
#
# Cases, figures, endorsements, goals and events carry `prov:wasDerivedFrom` to the source
# document, which has its own title, publisher and date.

# %%
table("""
SELECT ?source ?title (COUNT(DISTINCT ?x) AS ?facts)
       (GROUP_CONCAT(DISTINCT ?kind; separator=", ") AS ?kinds) WHERE {
  ?x prov:wasDerivedFrom ?source ; a ?class .
  ?source a ng:SourceDocument ; rdfs:label ?title .
  FILTER(LANG(?title) = "zh" && STRSTARTS(STR(?class), STR(ng:)))
  BIND(STRAFTER(STR(?class), "#") AS ?kind)
}
GROUP BY ?source ?title
""")

# %% [markdown]
# ### Recipe 18 · Which facts does the article *not* state outright?
#
# Background knowledge (a place's province, a GB/T code), inferences from the text (the year of
# the announcement) and corrections of the source are each described by an `rdf:Statement` with
# its `ng:basis` and a comment saying why.

# %%
table("""
SELECT ?basis (COUNT(?st) AS ?facts) (SAMPLE(?why) AS ?for_example) WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:basis ?basis .
  OPTIONAL { ?st rdfs:comment ?why FILTER(LANG(?why) = "en") }
}
GROUP BY ?basis
ORDER BY DESC(?facts)
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
