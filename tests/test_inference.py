"""netgov_kg.inference: RDFS / OWL-RL entailments with owlrl, in a named graph of their own."""

from __future__ import annotations

import pytest
from rdflib.namespace import RDF

import netgov_kg
from netgov_kg.errors import InputError
from netgov_kg.inference import expand, inferred_graph_iri
from netgov_kg.namespaces import NG, NGR, ORG


def _members(kg, cls):
    return set(kg.dataset.subjects(RDF.type, cls))


def test_load_with_rdfs_adds_superclass_types_in_their_own_graph(kg):
    inferred = netgov_kg.load(inference="rdfs")
    organisations = _members(kg, NG.Organisation)
    assert len(organisations) > 30
    # ng:Organisation ⊑ org:Organization: stated nowhere, entailed for every organisation
    assert _members(kg, ORG.Organization) == set()
    assert _members(inferred, ORG.Organization) == organisations
    graph = inferred.dataset.graph(inferred_graph_iri("rdfs"))
    assert len(inferred) == len(kg) + len(graph)
    assert all((o, RDF.type, ORG.Organization) in graph for o in organisations)


def test_owl_rl_makes_part_of_transitive():
    kg = netgov_kg.load()
    assert (NGR["place/330523"], NG.partOf, NGR["place/330000"]) not in kg.dataset
    added = expand(kg.dataset, "owl-rl")
    assert added > 0
    assert (NGR["place/330523"], NG.partOf, NGR["place/330000"]) in kg.dataset


def test_expand_twice_adds_nothing_new():
    kg = netgov_kg.load(include_data=False)
    assert expand(kg.dataset, "rdfs") > 0
    assert expand(kg.dataset, "rdfs") == 0


@pytest.mark.parametrize("kind", ["owl", "", "RDFS+"])
def test_unknown_kind_is_a_clear_error(kind):
    with pytest.raises(InputError, match="unknown inference"):
        expand(netgov_kg.load(include_data=False).dataset, kind)
