"""kg.export: every RDF format round-trips, JSON-LD reads like JSON, CSV tables, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from rdflib import RDF, XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic as _isomorphic

import netgov_kg
from netgov_kg.atomic import atomic_writer
from netgov_kg.errors import InputError
from netgov_kg.export import load_context, union_graph
from netgov_kg.namespaces import NGR


def _rdf11(graph: Graph) -> Graph:
    """The graph with ``"x"^^xsd:string`` written ``"x"``: one term in RDF 1.1, two in rdflib.

    Oxigraph (the default store) returns plain strings typed ``xsd:string``, rdflib's memory
    store untyped; an export writes them plain (an engine difference of issue 12).
    """
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def isomorphic(a: Graph, b: Graph) -> bool:
    return _isomorphic(_rdf11(a), _rdf11(b))


@pytest.fixture(scope="module")
def mini(fixtures_dir):
    return netgov_kg.load(fixtures_dir / "mini.ttl", include_data=False)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("kg.ttl", "turtle"), ("kg.nt", "nt"), ("kg.rdf", "xml"), ("kg.jsonld", "json-ld")],
)
def test_triple_formats_round_trip(mini, tmp_path, name, fmt):
    out = tmp_path / name
    mini.export(out)
    back = Graph().parse(out, format=fmt)
    assert isomorphic(back, union_graph(mini.dataset))


@pytest.mark.parametrize(("name", "fmt"), [("kg.trig", "trig"), ("kg.nq", "nquads")])
def test_quad_formats_keep_named_graphs(mini, tmp_path, name, fmt):
    out = tmp_path / name
    mini.export(out)
    back = Dataset().parse(out, format=fmt)
    names = {str(g.identifier) for g in back.graphs() if len(g)}
    assert f"{NGR}graph/extra/mini" in names
    expected = {str(g.identifier) for g in mini.dataset.graphs() if len(g)}
    assert names == expected
    quads = sum(len(g) for g in mini.dataset.graphs())
    assert sum(len(g) for g in back.graphs()) == quads


def test_jsonld_reads_like_plain_json(mini, tmp_path):
    out = tmp_path / "kg.jsonld"
    mini.export(out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in doc["graph"]}
    case = nodes[str(NGR["case/chengdu-platform"])]
    assert case["type"] == "Case"
    assert case["label"] == {"zh": "成都市网络理政平台", "en": "Chengdu Online Governance Platform"}
    assert case["listPosition"] == 2
    assert case["locatedIn"] == str(NGR["place/510100"])
    assert doc["@context"] == load_context()


def test_context_file_is_valid_jsonld_context():
    ctx = load_context()
    for term, definition in ctx.items():
        if isinstance(definition, dict):
            assert definition["@id"].split(":")[0] in ctx, term


def test_csv_tables_in_a_folder_and_a_zip(mini, tmp_path):
    mini.export(tmp_path / "tables", format="csv")
    with open(tmp_path / "tables" / "cases.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3
    by_id = {r["id"]: r for r in rows}
    one = by_id[str(NGR["case/shanghai-one-network"])]
    assert one["label_zh"] == "上海“一网通办”" and one["listPosition"] == "6"
    chengdu = by_id[str(NGR["case/chengdu-platform"])]
    assert len(chengdu["hasTheme"].split(" | ")) == 2
    mini.export(tmp_path / "tables.zip")
    with zipfile.ZipFile(tmp_path / "tables.zip") as z:
        assert "observations.csv" in z.namelist()
        obs = list(csv.DictReader(io.StringIO(z.read("observations.csv").decode())))
        assert {r["measure_en"] for r in obs} == {"completion rate", "items handled"}
        events = list(csv.DictReader(io.StringIO(z.read("events.csv").decode())))
        assert [e["id"] for e in events] == [str(NGR["event/announcement"])]  # a subclass


def test_export_to_a_stream(mini):
    buf = io.BytesIO()
    mini.export(buf, format="nt")
    assert len(Graph().parse(data=buf.getvalue(), format="nt")) == len(union_graph(mini.dataset))
    with pytest.raises(InputError, match="format="):
        mini.export(io.BytesIO())


def test_unknown_extension_is_a_clear_error(mini, tmp_path):
    with pytest.raises(InputError, match=r"\.docx"):
        mini.export(tmp_path / "kg.docx")
    with pytest.raises(InputError, match="unknown export format"):
        mini.export(tmp_path / "kg.ttl", format="yaml")


def test_failed_export_leaves_existing_file(mini, tmp_path, monkeypatch):
    out = tmp_path / "kg.ttl"
    out.write_text("old contents")

    def boom(*args, **kwargs):
        raise RuntimeError("serializer failed")

    monkeypatch.setattr("netgov_kg.export.rdf_bytes", boom)
    with pytest.raises(RuntimeError):
        mini.export(out)
    assert out.read_text() == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]  # no temp file left behind


def test_atomic_writer_keeps_the_old_file_on_error(tmp_path):
    out = tmp_path / "x.txt"
    out.write_text("old")
    with pytest.raises(ValueError):
        with atomic_writer(out) as handle:
            handle.write("half")
            raise ValueError("interrupted")
    assert out.read_text() == "old"
    with atomic_writer(out) as handle:
        handle.write("new")
    assert out.read_text() == "new"


def _expand(ctx, value):
    value = value["@id"] if isinstance(value, dict) else value
    prefix, _, local = value.partition(":")
    return ctx[prefix] + local if prefix in ctx and isinstance(ctx[prefix], str) else value


def test_shipped_context_covers_every_property_of_the_data(kg):
    ctx = load_context()
    covered = {_expand(ctx, v) for k, v in ctx.items() if not k.startswith("@")}
    used = {str(p) for p in kg.dataset.predicates()} - {
        str(RDF.type),
        str(RDF.first),
        str(RDF.rest),
    }
    missing = sorted(used - covered)
    assert not missing, f"regenerate with python -m netgov_kg.jsonld_context: {missing}"


def test_real_graph_round_trips_through_jsonld(kg, tmp_path):
    out = tmp_path / "kg.jsonld"
    kg.export(out)
    assert isomorphic(Graph().parse(out, format="json-ld"), union_graph(kg.dataset))
