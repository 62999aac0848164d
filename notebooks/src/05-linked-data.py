# %% [markdown]
# # 05 · Linked data: querying netgov-kg as a SPARQL endpoint
#
# **The question this notebook answers:** *how do other tools reach the graph as linked data —
# through a standard SPARQL 1.1 endpoint, and as JSON-LD that reads like plain JSON?*
#
# We start the project's endpoint **inside this notebook, on loopback (127.0.0.1)**, query it
# with [SPARQLWrapper](https://sparqlwrapper.readthedocs.io/) exactly as one would query
# Wikidata or any other endpoint, fetch a case as JSON-LD, frame it with
# [PyLD](https://github.com/digitalbazaar/pyld) into a tidy nested document, and stop the server.
# On the command line the same server is `netgov-kg serve`.

# %%
import socket
import threading
import time

import uvicorn

import netgov_kg
from netgov_kg.server import create_app

kg = netgov_kg.load()
app = create_app(kg)

with socket.socket() as s:  # ask the OS for a free port on loopback
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
thread = threading.Thread(target=server.run, daemon=True)
thread.start()
for _ in range(200):
    if server.started:
        break
    time.sleep(0.05)
endpoint = f"http://127.0.0.1:{port}/sparql"
print("serving:", server.started, endpoint)

# %% [markdown]
# ## SELECT with SPARQLWrapper
#
# The endpoint speaks the SPARQL 1.1 Protocol. SPARQLWrapper sends the query and parses the
# standard JSON results. (Prefixes are declared explicitly: a client should not rely on the
# server's.)

# %%
import pandas as pd
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

PREFIXES = """
PREFIX ng:   <https://w3id.org/netgov-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

sparql = SPARQLWrapper(endpoint)
sparql.setReturnFormat(JSON)
sparql.setQuery(PREFIXES + """
SELECT ?pos ?zh ?en WHERE {
  ?case a ng:Case ; ng:listPosition ?pos ; rdfs:label ?zh , ?en .
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
} ORDER BY ?pos
""")
result = sparql.queryAndConvert()
pd.DataFrame(
    [{k: v["value"] for k, v in row.items()} for row in result["results"]["bindings"]]
)

# %% [markdown]
# ## ASK
#
# Is 银川市政务微博矩阵 among the cases?

# %%
sparql.setQuery(PREFIXES + 'ASK { ?c a ng:Case ; rdfs:label "银川市政务微博矩阵"@zh }')
sparql.queryAndConvert()

# %% [markdown]
# ## CONSTRUCT: one case as a graph
#
# `CONSTRUCT` returns RDF. Here we ask for the case 上海“一网通办” with its figures and goals,
# as Turtle, and SPARQLWrapper hands back an rdflib graph.

# %%
sparql.setReturnFormat(TURTLE)
sparql.setQuery(PREFIXES + """
CONSTRUCT { ?case ?p ?o . ?x ?xp ?xo . } WHERE {
  ?case rdfs:label "上海“一网通办”"@zh .
  { ?case ?p ?o } UNION { ?x ng:about ?case ; ?xp ?xo }
}
""")
case_graph = sparql.queryAndConvert()
if isinstance(case_graph, bytes):  # SPARQLWrapper returns Turtle as bytes
    from rdflib import Graph
    case_graph = Graph().parse(data=case_graph, format="turtle")
print(len(case_graph), "triples")

# %% [markdown]
# ## Framing a case as JSON-LD
#
# Raw JSON-LD is a flat list of nodes. A **frame** says which shape we want: the case at the
# top, with the figures and goals that are *about* it nested inside. The project's compact
# `@context` (`netgov_kg/context.jsonld`) turns IRIs into short keys (`label`, `value`,
# `unit`…); we add one term of our own, `figuresAndGoals`, as the reverse of `ng:about`. PyLD
# does the framing locally: the context is passed as a dictionary, nothing is fetched.

# %%
import json
from importlib import resources

from pyld import jsonld

context = json.loads(
    resources.files("netgov_kg").joinpath("context.jsonld").read_text(encoding="utf-8")
)["@context"]
context = {**context, "figuresAndGoals": {"@reverse": "ng:about"}}
frame = {"@context": context, "@type": "Case", "figuresAndGoals": {}, "@embed": "@always"}

expanded = json.loads(case_graph.serialize(format="json-ld"))
framed = jsonld.frame(expanded, frame)
case_doc = {k: v for k, v in framed.items() if k != "@context"}
print(json.dumps({k: case_doc[k] for k in ("id", "type", "label", "locatedIn", "hasTheme")},
                 ensure_ascii=False, indent=2))

# %% [markdown]
# The nested figures and goals read like plain JSON:

# %%
for item in sorted(case_doc["figuresAndGoals"], key=lambda x: x["id"]):
    if item["type"] == "Observation":
        value = item["value"]["@value"] if isinstance(item["value"], dict) else item["value"]
        print(f"figure  {item['label']['zh']}: {value:,} {item['unit']['zh']}"
              f"  ({item['timeNote']['zh']})")
    else:
        print(f"goal    {item['label']['zh']}: by {item['targetDate']['@value']}")

# %% [markdown]
# One of them in full, as a client would receive it:

# %%
print(json.dumps(next(x for x in case_doc["figuresAndGoals"] if x["type"] == "Observation"),
                 ensure_ascii=False, indent=2))

# %% [markdown]
# ## Resolvable IRIs
#
# Every resource IRI `https://w3id.org/netgov-kg/id/X` is served at `/id/X`: an HTML page for
# people, Turtle or JSON-LD for machines, chosen by the `Accept` header.

# %%
import httpx

case_iri = str(next(iter(kg.query(
    'SELECT ?c WHERE { ?c a ng:Case ; rdfs:label "腾讯为村"@zh }')))["c"])
path = "/id/" + case_iri.split("/id/", 1)[1]
with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
    for accept in ("text/turtle", "application/ld+json", "text/html"):
        r = client.get(path, headers={"Accept": accept})
        print(f"{accept:22} -> {r.status_code} {r.headers['content-type'].split(';')[0]}, "
              f"{'腾讯为村' in r.text}")

# %% [markdown]
# ## Stop the server

# %%
server.should_exit = True
thread.join(timeout=10)
print("stopped:", not thread.is_alive())
