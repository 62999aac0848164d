"""One format vocabulary (netgov_kg.formats): every name accepted before 0.2.0 still works, on
every path (loading, export, results, CLI, server), and one error type for an unknown format."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from rdflib import Graph, URIRef

import netgov_kg
from netgov_kg import formats
from netgov_kg.cli import main
from netgov_kg.errors import InputError, NetgovError, UnknownFormat, UnknownNameError
from netgov_kg.network.io import guess_format
from netgov_kg.query.results import Results
from netgov_kg.server import formats as server_formats
from netgov_kg.stores import open_store, parse_into

#: Names each vocabulary accepted before 0.2.0, with the canonical format they mean.
RDF_NAMES = {
    # export.FORMATS and `export --format` choices
    "turtle": "turtle", "nt": "n-triples", "nquads": "n-quads", "trig": "trig",
    "xml": "rdf-xml", "json-ld": "json-ld",
    # the server's names, aliases and media types (graphs)
    "ttl": "turtle", "n-triples": "n-triples", "ntriples": "n-triples", "rdf-xml": "rdf-xml",
    "rdfxml": "rdf-xml", "rdf": "rdf-xml", "jsonld": "json-ld", "json": "json-ld",
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "n-triples", "text/plain": "n-triples",
    "application/rdf+xml": "rdf-xml", "application/xml": "rdf-xml", "text/xml": "rdf-xml",
    "application/ld+json": "json-ld", "application/json": "json-ld",
    # rdflib's parser names (loading) and oxrdflib's (stores.oxigraph.OX_FORMATS)
    "nt11": "n-triples", "n3": "n3", "trix": "trix", "ox-turtle": "turtle", "ox-nt": "n-triples",
    "ox-nquads": "n-quads", "ox-trig": "trig", "ox-xml": "rdf-xml", "ox-n3": "n3",
    "ox-json-ld": "json-ld",
    # pyoxigraph.RdfFormat names
    "N_TRIPLES": "n-triples", "RDF_XML": "rdf-xml", "TURTLE": "turtle",
}
RESULT_NAMES = {
    "json": "json", "srj": "json", "application/json": "json",
    "application/sparql-results+json": "json", "xml": "xml", "srx": "xml",
    "application/xml": "xml", "text/xml": "xml", "application/sparql-results+xml": "xml",
    "csv": "csv", "text/csv": "csv", "tsv": "tsv", "text/tab-separated-values": "tsv",
}
#: File extensions rdflib's guess_format knew (loading) and export's table.
EXTENSIONS = {
    "a.ttl": "turtle", "a.turtle": "turtle", "a.nt": "n-triples", "a.nq": "n-quads",
    "a.nquads": "n-quads", "a.trig": "trig", "a.rdf": "rdf-xml", "a.owl": "rdf-xml",
    "a.xml": "rdf-xml", "a.jsonld": "json-ld", "a.json": "json-ld", "a.json-ld": "json-ld",
    "a.n3": "n3", "a.trix": "trix",
}


@pytest.mark.parametrize(("name", "canonical"), sorted(RDF_NAMES.items()))
def test_every_rdf_name_of_before_means_one_format(name, canonical):
    assert formats.rdf_format(name).name == canonical


@pytest.mark.parametrize(("name", "canonical"), sorted(RESULT_NAMES.items()))
def test_every_results_name_of_before_means_one_format(name, canonical):
    assert formats.results_format(name).name == canonical
    assert Results(["n"], []).serialize(name) == Results(["n"], []).serialize(canonical)


@pytest.mark.parametrize(("path", "canonical"), sorted(EXTENSIONS.items()))
def test_file_names_tell_the_format(path, canonical):
    assert formats.format_of(path).name == canonical


def test_one_error_type_for_an_unknown_format_that_lists_the_names():
    raised = []
    for call in (
        lambda: formats.rdf_format("docx"),
        lambda: Results(["n"], []).serialize("docx"),  # ValueError before 0.2.0
        lambda: netgov_kg.load(store="memory").export("out.docx"),  # InputError before
        lambda: guess_format("g.docx"),  # UnknownNameError before
    ):
        with pytest.raises(UnknownFormat) as info:
            call()
        raised.append(info.value)
    for exc in raised:
        # the types raised before stay true, so existing except clauses keep working
        assert isinstance(exc, (InputError, NetgovError, ValueError, UnknownNameError, KeyError))
    assert "turtle, json-ld, n-triples" in str(raised[0]) and "ttl" in str(raised[0])
    assert "json, xml, csv, tsv" in str(raised[1]) and "srj" in str(raised[1])


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_export_takes_any_name_of_a_format(tmp_path, store):
    kg = netgov_kg.load(store=store)
    written = {}
    for name in ("nt", "n-triples", "application/n-triples", "ntriples"):
        out = tmp_path / f"kg-{name.replace('/', '_')}.txt"
        kg.export(out, format=name)
        written[name] = out.read_bytes()
    assert len(set(written.values())) == 1
    assert len(Graph().parse(data=written["nt"].decode(), format="nt")) == len(kg)
    with pytest.raises(UnknownFormat, match="extension '.n3': use one of .csv, .json"):
        kg.export(tmp_path / "kg.n3")  # an RDF format the export does not write
    with pytest.raises(UnknownFormat, match="unknown export format 'n3': use one of turtle"):
        kg.export(tmp_path / "kg.ttl", format="n3")
    with pytest.raises(InputError, match="unknown export format 'docx'"):
        kg.export(tmp_path / "kg.ttl", format="docx")


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_loading_reads_every_name(tmp_path, store):
    source = tmp_path / "one.nt"
    source.write_text("<urn:a> <urn:b> <urn:c> .\n")
    for name in ("nt", "n-triples", "application/n-triples", "ox-nt", "N_TRIPLES"):
        ds = open_store(store)
        parse_into(ds, source, URIRef("urn:g"), name)
        assert len(ds) == 1, name
    with pytest.raises(UnknownFormat):
        parse_into(open_store(store), source, URIRef("urn:g"), "docx")
    # a file name with a known extension loads through load() as before
    copy = tmp_path / "one.n3"
    shutil.copy(source, copy)
    kg = netgov_kg.load(str(copy), store=store)
    assert (URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")) in kg.dataset


def test_cli_query_format_takes_any_name(capsys):
    text = "SELECT ?c WHERE { ?c a ng:Case } ORDER BY ?c LIMIT 2"
    outs = []
    for name in ("json", "srj", "application/sparql-results+json"):
        assert main(["query", text, "--format", name]) == 0
        outs.append(capsys.readouterr().out)
    assert len(set(outs)) == 1 and len(json.loads(outs[0])["results"]["bindings"]) == 2
    with pytest.raises(SystemExit) as info:
        main(["query", text, "--format", "docx"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown results format 'docx': use one of json, xml, csv, tsv" in err
    assert "or table" in err


def test_cli_export_format_takes_any_name(tmp_path, capsys):
    outs = []
    for name in ("nt", "n-triples", "application/n-triples"):
        out = tmp_path / f"kg-{len(outs)}.out"
        assert main(["--store", "memory", "export", str(out), "--format", name]) == 0
        masked = re.sub(rb"_:\S+", b"_:b", out.read_bytes())  # each run loads anew
        outs.append(tuple(sorted(masked.splitlines())))
    assert len(set(outs)) == 1 and len(outs[0]) > 1000
    with pytest.raises(SystemExit) as info:
        main(["export", str(tmp_path / "x.ttl"), "--format", "docx"])
    assert info.value.code == 2
    assert "unknown export format 'docx': use one of turtle, n-triples" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("graph", "nt", "n-triples"), ("graph", "ox-nt", "n-triples"),
        ("graph", "N_TRIPLES", "n-triples"), ("graph", "n3", "turtle"),
        ("graph", "text/n3", "turtle"), ("graph", "jsonld", "json-ld"),
        ("graph", "nquads", None), ("graph", "docx", None),
        ("results", "srj", "json"), ("results", "SRX", "xml"), ("results", "nt", None),
    ],
)
def test_server_negotiation_reads_the_same_names(kind, name, expected):
    chosen = server_formats.choose(kind, fmt=name)
    assert (chosen.name if chosen else None) == expected
    if expected:  # the same format through Accept, by its media type
        media = chosen.media_type
        assert server_formats.choose(kind, accept=media) is chosen
