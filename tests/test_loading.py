"""load(): one named graph per file, the same triples on both stores, clear errors for bad files."""

from __future__ import annotations

import pytest

import netgov_kg
from netgov_kg.errors import InputError
from netgov_kg.loading import graph_iri, parser_format
from netgov_kg.resources import data_files, ontology_files


def _graphs(kg):
    return {str(g.identifier): len(g) for g in kg.dataset.graphs() if len(g)}


def test_each_file_has_its_named_graph(kg):
    expected = {str(graph_iri("ontology", p)) for p in ontology_files()}
    expected |= {str(graph_iri("data", p)) for p in data_files()}
    assert set(_graphs(kg)) == expected


def test_oxigraph_store_loads_the_same_triples(kg):
    ox = netgov_kg.load(store="oxigraph")
    assert len(ox) == len(kg)
    assert _graphs(ox) == _graphs(kg)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_extra_files_go_into_their_own_graph(store, fixtures_dir):
    kg = netgov_kg.load(fixtures_dir / "mini.ttl", store=store, include_data=False)
    graphs = _graphs(kg)
    assert graphs[str(graph_iri("extra", fixtures_dir / "mini.ttl"))] > 100
    assert not any("/graph/data/" in g for g in graphs)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_missing_file_is_named(store, tmp_path):
    missing = tmp_path / "nope.ttl"
    with pytest.raises(InputError, match=r"nope\.ttl: file not found"):
        netgov_kg.load(missing, store=store)


BROKEN = "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b\n ex:c ex:d .\n"  # line 4


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_broken_file_is_named_with_its_line(store, tmp_path):
    (tmp_path / "broken-syntax.ttl").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InputError) as info:
        netgov_kg.load(tmp_path / "broken-syntax.ttl", store=store)
    assert info.value.location.source.endswith("broken-syntax.ttl")
    assert info.value.location.line == 4
    assert "broken-syntax.ttl, line 4: cannot parse as turtle" in str(info.value)


def test_oxigraph_uses_its_own_parsers(tmp_path):
    assert parser_format(tmp_path / "a.ttl", oxigraph=True) == "ox-turtle"
    assert parser_format(tmp_path / "a.nq", oxigraph=True) == "ox-nquads"
    assert parser_format(tmp_path / "a.ttl", oxigraph=False) == "turtle"


# -- users' files are parsed network-free and bounded (issue 11, finding 10) -----------------
RDF_HEAD = '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{decls}\n]>\n'
RDF_BODY = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">\n'
    '<rdf:Description rdf:about="http://e/a"><ex:p>{value}</ex:p></rdf:Description>\n'
    "</rdf:RDF>\n"
)


def _rdfxml(tmp_path, name, decls, value):
    path = tmp_path / name
    path.write_text(RDF_HEAD.format(decls=decls) + RDF_BODY.format(value=value), encoding="utf-8")
    return path


@pytest.fixture
def loopback_context():
    """A loopback HTTP server serving a JSON-LD context; yields (url, requests received)."""
    import http.server
    import json
    import threading

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            requests.append(self.path)
            body = json.dumps({"@context": {"p": "http://e/p"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/context.jsonld", requests
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("shape", ["string", "list", "nested", "import"])
def test_remote_jsonld_context_is_never_fetched(store, shape, tmp_path, loopback_context):
    import json

    url, requests = loopback_context
    doc = {
        "string": {"@context": url, "@id": "http://e/a", "p": "x"},
        "list": {"@context": [{"q": "http://e/q"}, url], "@id": "http://e/a", "p": "x"},
        "nested": {"@context": {"q": "http://e/q"},
                   "@graph": [{"@context": url, "@id": "http://e/a", "p": "x"}]},
        "import": {"@context": {"@version": 1.1, "@import": url}, "@id": "http://e/a", "p": "x"},
    }[shape]
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match=r"remote\.jsonld: a (remote JSON-LD @context|JSON-LD "
                                         r"@import) .* is not fetched"):
        netgov_kg.load(path, store=store, include_data=False)
    assert requests == []


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_inline_jsonld_context_still_loads(store, tmp_path):
    import json

    doc = {"@context": {"p": "http://e/p"}, "@id": "http://e/a", "p": "x"}
    path = tmp_path / "inline.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    kg = netgov_kg.load(path, store=store, include_data=False)
    assert len(kg.dataset.graph(graph_iri("extra", path))) == 1


def _deep_jsonld(tmp_path, depth):
    # each level is one object: {"@id": ..., "http://e/p": {...}}
    text = '{"@id": "http://e/n", "http://e/p": ' * depth + '"x"' + "}" * depth
    path = tmp_path / f"deep{depth}.jsonld"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_jsonld_nesting_is_bounded(store, tmp_path):
    from netgov_kg.userfiles import MAX_JSON_DEPTH

    ok = netgov_kg.load(_deep_jsonld(tmp_path, MAX_JSON_DEPTH), store=store, include_data=False)
    assert len(ok) > MAX_JSON_DEPTH
    with pytest.raises(InputError, match=rf"deep{MAX_JSON_DEPTH + 1}\.jsonld: the JSON nests "
                                         rf"{MAX_JSON_DEPTH + 1} levels deep"):
        netgov_kg.load(_deep_jsonld(tmp_path, MAX_JSON_DEPTH + 1), store=store,
                       include_data=False)


@pytest.mark.slow
def test_deep_jsonld_no_longer_crashes_oxigraph(tmp_path):
    """5000 levels segfaulted pyoxigraph's JSON-LD parser; now it is refused before parsing."""
    import subprocess
    import sys

    path = _deep_jsonld(tmp_path, 5000)
    code = ("import sys, netgov_kg\n"
            "from netgov_kg.errors import InputError\n"
            "try:\n"
            "    netgov_kg.load(sys.argv[1], store='oxigraph', include_data=False)\n"
            "except InputError as exc:\n"
            "    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "the JSON nests 5000 levels deep" in done.stdout


LAUGHS = "\n".join(
    ['<!ENTITY a "aaaaaaaaaa">']
    + [f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abc", "bcd", strict=True)]
)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_entity_bomb_is_refused_before_parsing(store, tmp_path):
    # four levels (10 kB) load today; a few more levels take minutes or abort Oxigraph
    path = _rdfxml(tmp_path, "laughs.rdf", LAUGHS, "&d;")
    with pytest.raises(InputError, match=r"laughs\.rdf, line 4: the entity &b; refers to other "
                                         r"entities"):
        netgov_kg.load(path, store=store, include_data=False)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_flat_entity_expansion_is_bounded(store, tmp_path):
    from netgov_kg.userfiles import MAX_ENTITY_EXPANSION, entity_expansion_limit

    size = 64 * 1024
    decl = f'<!ENTITY big "{"a" * size}">'
    refs = MAX_ENTITY_EXPANSION // size  # 4 MiB from a 64 kB file: loads
    ok = _rdfxml(tmp_path, "flat-ok.rdf", decl, "&big;" * refs)
    assert size * refs <= entity_expansion_limit(ok.stat().st_size)
    kg = netgov_kg.load(ok, store=store, include_data=False)
    assert len(kg.dataset.graph(graph_iri("extra", ok))) == 1
    while True:  # the fewest references past the limit
        refs += 1
        bomb = _rdfxml(tmp_path, "flat.rdf", decl, "&big;" * refs)
        if size * refs > entity_expansion_limit(bomb.stat().st_size):
            break
    with pytest.raises(InputError, match=r"flat\.rdf: the entity references expand to "
                                         rf"{size * refs} characters, more than the limit"):
        netgov_kg.load(bomb, store=store, include_data=False)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_entity_expansion_limit_grows_with_the_file(store, tmp_path):
    """Ontology editors abbreviate namespaces as entities in every reference of a big file."""
    from netgov_kg.userfiles import MAX_ENTITY_EXPANSION

    iri = "http://www.w3.org/2002/07/owl#"
    refs = MAX_ENTITY_EXPANSION // len(iri) + 1000  # past the fixed part of the limit
    path = _rdfxml(tmp_path, "owl.rdf", f'<!ENTITY owl "{iri}">', "&owl;" * refs)
    kg = netgov_kg.load(path, store=store, include_data=False)
    (value,) = kg.dataset.graph(graph_iri("extra", path)).objects()
    assert len(value) == len(iri) * refs > MAX_ENTITY_EXPANSION


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("decl", [
    '<!ENTITY x SYSTEM "file:///etc/hostname">',
    '<!ENTITY x PUBLIC "-//x//y" "file:///etc/hostname">',
    '<!ENTITY % x SYSTEM "file:///etc/hostname"> %x;',
])
def test_external_entities_are_refused(store, decl, tmp_path):
    path = _rdfxml(tmp_path, "xxe.rdf", decl, "&x;" if "%" not in decl else "y")
    with pytest.raises(InputError, match=r"xxe\.rdf, line 3: the (external|parameter) entity"):
        netgov_kg.load(path, store=store, include_data=False)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_external_dtd_is_refused(store, tmp_path):
    path = tmp_path / "dtd.rdf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "file:///etc/x.dtd">\n'
                    + RDF_BODY.format(value="y"), encoding="utf-8")
    with pytest.raises(InputError, match=r"dtd\.rdf, line 2: an external DTD"):
        netgov_kg.load(path, store=store, include_data=False)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_plain_entities_still_load(store, tmp_path):
    path = _rdfxml(tmp_path, "entities.rdf", '<!ENTITY co "成都">', "&co;市 &amp; x")
    kg = netgov_kg.load(path, store=store, include_data=False)
    values = {str(o) for o in kg.dataset.graph(graph_iri("extra", path)).objects()}
    assert values == {"成都市 & x"}


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_not_a_regular_file_is_refused(store, tmp_path):
    for path in (tmp_path, "/dev/null"):
        with pytest.raises(InputError, match="not a regular file"):
            netgov_kg.load(path, store=store, include_data=False)


def test_file_size_is_bounded(tmp_path, monkeypatch):
    from netgov_kg import userfiles

    path = tmp_path / "big.nt"
    path.write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    size = path.stat().st_size
    monkeypatch.setattr(userfiles, "MAX_FILE_BYTES", size)
    assert len(netgov_kg.load(path, include_data=False).dataset.graph(graph_iri("extra", path)))
    monkeypatch.setattr(userfiles, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(InputError, match=rf"big\.nt: the file has {size} bytes, more than the "
                                         rf"limit of {size - 1}"):
        netgov_kg.load(path, include_data=False)


def test_validate_files_are_checked_too(tmp_path, loopback_context):
    import json

    from netgov_kg.validation.shacl import validate_files

    url, requests = loopback_context
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": url, "@id": "http://e/a", "p": "x"}),
                    encoding="utf-8")
    with pytest.raises(InputError, match="is not fetched"):
        validate_files(path)
    assert requests == []


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_trix_is_checked_like_rdfxml(store, tmp_path):
    path = tmp_path / "laughs.trix"
    path.write_text(RDF_HEAD.format(decls=LAUGHS)
                    + '<TriX xmlns="http://www.w3.org/2004/03/trix/trix-1/"><graph><triple>'
                      "<uri>http://e/a</uri><uri>http://e/p</uri><plainLiteral>&d;</plainLiteral>"
                      "</triple></graph></TriX>\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"laughs\.trix, line 4: the entity &b; refers to other"):
        netgov_kg.load(path, store=store, include_data=False)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_dtd_attribute_defaults_are_refused(store, tmp_path):
    """A default is copied into every element: one entity reference, expanded per element."""
    decls = (f'<!ENTITY big "{"a" * 1024}">\n'
             '<!ATTLIST rdf:Description ex:p CDATA "&big;&big;&big;&big;">')
    path = tmp_path / "defaults.rdf"
    body = "".join(f'<rdf:Description rdf:about="http://e/n{i}"/>' for i in range(2000))
    path.write_text(RDF_HEAD.format(decls=decls)
                    + RDF_BODY.format(value="y").replace("</rdf:RDF>", body + "</rdf:RDF>"),
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"defaults\.rdf, line 4: the DTD gives attribute "
                                         r"'ex:p' of <rdf:Description> a default value"):
        netgov_kg.load(path, store=store, include_data=False)
