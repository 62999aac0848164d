"""netgov_kg.terms: one core for CURIEs, IRIs, labels, classes and resolving (issue 12, item 1).

Every entry point that takes a resource resolves it here, so the same input gives the same
resource through ``kg.describe``, ``kg.similar_cases``, a named query's parameter, the
command line's ``describe`` and a template's reference, and the same two errors.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from netgov_kg.cli import main
from netgov_kg.errors import (
    AmbiguousResource,
    InputError,
    NetgovError,
    UnknownNameError,
    UnknownResource,
)
from netgov_kg.ingest.index import GraphIndex
from netgov_kg.ingest.mapper import map_template
from netgov_kg.ingest.yaml_reader import read_yaml_text
from netgov_kg.namespaces import NG, NGR
from netgov_kg.terms import (
    LabelTable,
    curie,
    expand,
    fold,
    local_name,
    resolve,
    subclasses,
    superclasses,
)

SHANGHAI = NGR["case/shanghai-yiwangtongban"]


# -- curie / expand / local_name ----------------------------------------------------------------
@pytest.mark.parametrize(("iri", "short"), [
    (NGR["case/yinchuan-weibo-matrix"], "ngr:case/yinchuan-weibo-matrix"),
    (str(NG.Case), "ng:Case"),
    ("https://w3id.org/netgov-kg/shapes#CaseShape", "ngsh:CaseShape"),
    (str(RDFS.label), "rdfs:label"),
    ("http://example.org/x", "<http://example.org/x>"),       # no project prefix
    (str(NGR) + "case/a b", f"<{NGR}case/a b>"),                # a CURIE would not read back
    (str(NGR), f"<{NGR}>"),                                      # nothing after the prefix
])
def test_curie(iri, short):
    assert curie(iri) == short == curie(URIRef(iri))


@pytest.mark.parametrize("iri", [SHANGHAI, NG.Case, RDFS.label, NGR["place/330523"]])
def test_curie_and_expand_round_trip(iri):
    assert expand(curie(iri)) == iri


@pytest.mark.parametrize(("text", "iri"), [
    ("ngr:case/shanghai-yiwangtongban", SHANGHAI),
    ("ng:Case", NG.Case),
    (f"<{SHANGHAI}>", SHANGHAI),
    (str(SHANGHAI), SHANGHAI),
    (f"  {SHANGHAI} ", SHANGHAI),
    ("urn:isbn:9787522200000", URIRef("urn:isbn:9787522200000")),
    ("<https://example.org/x>", URIRef("https://example.org/x")),
])
def test_expand_reads_every_iri_form(text, iri):
    assert expand(text) == iri


@pytest.mark.parametrize("text", ["一网通办", "note: a remark", "ngr:a b", "ng: Case",
                                  "nosuch:x", "上海 “一网通办”", "http//x"])
def test_expand_leaves_text_that_is_not_an_iri(text):
    assert expand(text) is None


@pytest.mark.parametrize("text", ["<https://example.org/a b>", "<https://x.org/>{}>",
                                  "https://example.org/x> } DROP ALL", "<>"])
def test_expand_refuses_what_no_iri_can_be(text):
    with pytest.raises(InputError, match="not a valid IRI"):
        expand(text)


def test_local_name():
    assert local_name(NG.Case) == "Case" == local_name(str(NG.Case))
    assert local_name(NGR["place/330523"]) == "330523"


def test_fold_is_the_label_rule_of_query_labels():
    from netgov_kg.query import labels

    assert labels.fold is fold  # one definition, re-exported
    assert fold(' 上海 “一网通办” ') == fold("上海一网通办") == fold("「上海一网通办」")


# -- classes ----------------------------------------------------------------------------------
def test_subclasses_and_superclasses_on_the_ontology(kg):
    assert {NG.Person, NG.Expert} <= subclasses(kg.dataset, NG.Person)
    assert NG.Case not in subclasses(kg.dataset, NG.Person)
    supers = superclasses(kg.dataset)
    assert {NG.Expert, NG.Person} <= supers[NG.Expert]
    assert NG.Event in supers[NG.AwardEvent]


def test_superclasses_survive_a_cycle():
    g = Graph()
    a, b = URIRef("https://example.org/A"), URIRef("https://example.org/B")
    g.add((a, RDFS.subClassOf, b))
    g.add((b, RDFS.subClassOf, a))
    assert superclasses(g)[a] == superclasses(g)[b] == {a, b}


# -- resolve: every accepted form -----------------------------------------------------------------
FORMS = [
    SHANGHAI,                                    # a URIRef, as a query row gives it
    str(SHANGHAI),                               # an IRI string
    f"<{SHANGHAI}>",                             # an IRI in angle brackets
    "ngr:case/shanghai-yiwangtongban",           # a CURIE
    "上海“一网通办”",                             # the zh label as written
    "上海一网通办",                               # without the decorative quotes
    "上海 “一网通办”",                            # with a space
    '「上海"一网通办"」',                          # other quotation marks
    "Shanghai One Network for All Services (Yiwangtongban)",  # the en label
    "shanghai one network for all services (yiwangtongban)",  # in another case
    "一网通办",                                   # an alternative label (skos:altLabel)
]


@pytest.mark.parametrize("form", FORMS, ids=repr)
def test_resolve_accepts_every_form(kg, form):
    assert resolve(kg.dataset, form) == SHANGHAI
    assert resolve(kg.dataset, form, NG.Case) == SHANGHAI


def test_resolve_takes_a_part_of_a_name_unless_exact(kg):
    assert resolve(kg.dataset, "银川市政务微博", NG.Case) == NGR["case/yinchuan-weibo-matrix"]
    with pytest.raises(UnknownResource, match="did you mean 银川市政务微博矩阵"):
        resolve(kg.dataset, "银川市政务微博", NG.Case, exact=True)


def test_resolve_unknown(kg):
    with pytest.raises(UnknownResource, match="no case resource is labelled 'no such case'"):
        resolve(kg.dataset, "no such case", NG.Case)
    assert issubclass(UnknownResource, UnknownNameError)  # what earlier versions raised


def test_resolve_ambiguous_lists_the_candidates(kg):
    with pytest.raises(AmbiguousResource, match="matches") as info:
        resolve(kg.dataset, "市", NG.Case)
    assert len(info.value.candidates) > 1
    assert all(c.startswith(str(NGR) + "case/") for c in info.value.candidates)
    assert issubclass(AmbiguousResource, InputError)  # what earlier versions raised


def test_a_case_wins_over_resources_of_the_same_name():
    g = Graph()
    case, platform = NGR["case/x"], NGR["platform/x"]
    g.add((case, RDF.type, NG.Case))
    g.add((platform, RDF.type, NG.Platform))
    for node in (case, platform):
        g.add((node, RDFS.label, Literal("某平台", lang="zh")))
    assert resolve(g, "某平台") == case
    assert resolve(g, "某平台", NG.Platform) == platform


def test_label_table_one_rule():
    table = LabelTable([("a", "上海“一网通办”"), ("b", "一网通办 App"), ("a", "Shanghai")])
    assert table.resolve("上海 一网通办") == table.resolve("SHANGHAI") == "a"
    assert table.resolve("一网通办app") == "b"
    with pytest.raises(AmbiguousResource):
        table.resolve("一网通办")
    with pytest.raises(UnknownResource, match="did you mean"):
        table.resolve("Shanghia")
    assert table.resolve("一网通办", accept=lambda n: n == "b") == "b"
    with pytest.raises(UnknownResource):
        table.resolve("")


# -- the same answer through every entry point ------------------------------------------------
SOURCE = "source: ngr:source/000-775a52ee8c492e26\n"


def _template(reference: str) -> str:
    return SOURCE + (
        "cases:\n  - id: test-case\n    label: {zh: 测试案例, en: Test case}\n"
        '    place: "330523"\n    figures:\n'
        "      - measure: {zh: 数量, en: count}\n        value: 3\n"
        f"        about: {reference!r}\n")


def via_describe(kg, form):
    return kg.describe(form).iri


def via_similar_cases(kg, form):
    found = kg.similar_cases(form, k=50)
    assert str(SHANGHAI) not in {s.case for s in found}  # not similar to itself
    return SHANGHAI if found else None


def via_run(kg, form):
    rows = kg.run("case-profile", case=form)
    return {row["case"] for row in rows}.pop()


def via_cli(kg, form, capsys=None):
    code = main(["describe", str(form), "--format", "table"])
    out = capsys.readouterr().out if capsys else ""
    assert code == 0
    return SHANGHAI if f"<{SHANGHAI}>" in out else out


_INDEXES: dict[int, GraphIndex] = {}


def via_template(kg, form):
    if id(kg) not in _INDEXES:
        _INDEXES[id(kg)] = GraphIndex.build(kg.dataset)
    index = _INDEXES[id(kg)]
    result = map_template(read_yaml_text(_template(str(form)), "t.yaml"), index)
    (about,) = set(result.graph.objects(None, NG.about)) - {NGR["case/test-case"]}
    return about


ENTRY_POINTS = {"describe": via_describe, "similar_cases": via_similar_cases, "run": via_run,
                "cli describe": via_cli, "template": via_template}


@pytest.mark.parametrize("form", FORMS, ids=repr)
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_every_entry_point_resolves_the_same(kg, capsys, entry, form):
    if entry in ("cli describe", "template") and isinstance(form, URIRef):
        form = str(form)  # text is all a command line or a template can hold
    if entry == "cli describe":
        assert via_cli(kg, form, capsys) == SHANGHAI
    else:
        assert ENTRY_POINTS[entry](kg, form) == SHANGHAI


def test_similar_cases_takes_the_uriref_a_query_row_gives(kg):
    row = kg.query("SELECT ?c WHERE { ?c a ng:Case ; ng:listPosition 1 }")[0]
    by_row = kg.similar_cases(row["c"], k=3)
    assert by_row == kg.similar_cases(str(row["c"]), k=3) and by_row


@pytest.mark.parametrize("entry", ["describe", "similar_cases", "run"])
def test_every_entry_point_raises_the_same_errors(kg, entry):
    call = {"describe": lambda t: kg.describe(t),
            "similar_cases": lambda t: kg.similar_cases(t),
            "run": lambda t: kg.run("case-profile", case=t)}[entry]
    with pytest.raises(UnknownResource):
        call("no such case at all")
    with pytest.raises(AmbiguousResource):
        call("市")  # part of several cases' names (and of places', for describe)


def test_a_template_reports_an_ambiguous_reference_as_ambiguous(kg):
    with pytest.raises(AmbiguousResource) as info:
        via_template(kg, "网络信箱")  # a platform of 成都, and the class ng:OnlineMailbox
    assert info.value.location.field == "cases[0].figures[0].about"
    assert NGR["platform/chengdu-online-mailbox"] in map(URIRef, info.value.candidates)


def test_the_cli_says_unknown_and_ambiguous_without_a_traceback(capsys):
    for text in ("no such case at all", "市"):
        code = main(["describe", text])
        err = capsys.readouterr().err
        assert code == 2 and "Traceback" not in err and text in err


def test_errors_are_netgov_errors():
    assert issubclass(UnknownResource, NetgovError) and issubclass(AmbiguousResource, NetgovError)
    assert AmbiguousResource("x", ["a"]).candidates == ["a"]


def test_skos_pref_label_names_a_resource_too():
    g = Graph()
    g.add((NGR["theme/x"], SKOS.prefLabel, Literal("某主题", lang="zh")))
    assert resolve(g, "某主题") == NGR["theme/x"]
