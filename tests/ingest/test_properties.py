"""Property-based tests of the mapper and of add_cases (hypothesis).

- Any valid template gives RDF that conforms to the shapes.
- Random corruption of a template gives an InputError and leaves the target file byte for byte
  as it was, or (when the corrupted text is still a valid template) a complete, conforming
  addition; never a partial write, never another exception.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

import netgov_kg
from netgov_kg.errors import InputError
from netgov_kg.ingest import add_cases
from netgov_kg.ingest.index import GraphIndex
from netgov_kg.ingest.mapper import map_template
from netgov_kg.ingest.yaml_reader import read_yaml_text
from netgov_kg.namespaces import NG
from netgov_kg.validation import validate

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


@functools.lru_cache(maxsize=1)
def _reference():
    kg = netgov_kg.load(DATA / "places.ttl", DATA / "themes.ttl", DATA / "sources.ttl",
                        include_data=False)
    index = GraphIndex.build(kg.dataset)
    codes = sorted(index.codes)
    themes = sorted({index.name(t, "zh") for t in index.instances(NG.Theme)})
    return kg, index, codes, themes


def _reference_graph() -> Graph:
    kg = _reference()[0]
    graph = Graph()
    for s, p, o, _ in kg.dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


ZH = "示例案例平台数据治理网络政务服务中心县市区（）"
zh_text = st.text(alphabet=ZH, min_size=1, max_size=12)
en_text = st.text(alphabet=string.ascii_letters + " -", min_size=1, max_size=20).filter(
    lambda t: t.strip() and any(c.isalpha() for c in t))
labels = st.fixed_dictionaries({"zh": zh_text, "en": en_text})
numbers = st.one_of(
    st.integers(0, 10**9).map(str),
    st.tuples(st.integers(1, 999), st.integers(0, 99), st.sampled_from(["万", "亿"])).map(
        lambda t: f"{t[0]}.{t[1]:02d}{t[2]}"),
    st.integers(1, 99).map(lambda n: f"{n}多"),
    st.tuples(st.integers(0, 100), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]:02d}%"),
)
dates = st.one_of(
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.dates().map(lambda d: d.isoformat()).filter(lambda d: "1990" <= d[:4] <= "2030"),
)


@st.composite
def templates(draw):
    _, _, codes, themes = _reference()
    cases = []
    tags = iter(range(1, 100))

    def unique(label):  # two records of one kind may not share a label (issue 11)
        tag = next(tags)
        return {"zh": f"{label['zh']}（{tag}）", "en": f"{label['en']} ({tag})"}

    for i in range(draw(st.integers(1, 2))):
        case = {
            "id": f"generated-case-{i}",
            "label": unique(draw(labels)),
            "place": draw(st.sampled_from(codes)),
            "start_date": draw(dates),
            "themes": [{"theme": t, "quote": {"zh": draw(zh_text)}}
                       for t in draw(st.lists(st.sampled_from(themes), min_size=1, max_size=3,
                                              unique=True))],
            "organisations": [{"id": f"generated-org-{i}-{j}", "label": unique(draw(labels))}
                              for j in range(draw(st.integers(1, 2)))],
            "platforms": [{"id": f"generated-platform-{i}", "label": unique(draw(labels)),
                           "type": draw(st.sampled_from(["Platform", "MobileApp", "Hotline"]))}],
            "figures": [],
        }
        for _ in range(draw(st.integers(0, 3))):
            figure = {"measure": draw(labels), "value": draw(numbers),
                      "unit": {"zh": "件", "en": "items"}}
            if figure["value"].endswith("%"):
                del figure["unit"]
            if draw(st.booleans()):
                figure["period_start"] = figure["period_end"] = draw(dates)
            else:
                figure["time_note"] = {"zh": "截至目前", "en": "to date"}
            case["figures"].append(figure)
        for n, figure in enumerate(case["figures"]):
            figure["id"] = f"generated-case-{i}-figure-{n}"
        cases.append(case)
    return {"source": "ngr:source/000-775a52ee8c492e26", "cases": cases}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(templates())
def test_any_valid_template_gives_conforming_rdf(template):
    _, index, _, _ = _reference()
    text = yaml.safe_dump(template, allow_unicode=True, sort_keys=False)
    result = map_template(read_yaml_text(text, "generated.yaml"), index)
    assert len(result.cases) == len(template["cases"])
    merged = _reference_graph()
    for triple in result.graph:
        merged.add(triple)
    report = validate(merged, lang="en")
    assert report.conforms, [(str(f.focus_node), f.message) for f in report.violations][:5]


OLD = b"# earlier additions\n<https://example.org/a> <https://example.org/b> \"c\" .\n"
_EXAMPLE = (REPO / "templates" / "case-template.yaml").read_text(encoding="utf-8")


@st.composite
def corrupted(draw):
    text = _EXAMPLE
    lines = text.splitlines(keepends=True)
    how = draw(st.sampled_from(["delete", "insert", "replace-line", "duplicate-line", "swap",
                                "truncate"]))
    if how == "delete":
        start = draw(st.integers(0, len(text) - 1))
        return text[:start] + text[start + draw(st.integers(1, 40)):]
    if how == "insert":
        at = draw(st.integers(0, len(text)))
        junk = draw(st.text(alphabet=":{}[]-#'\"\t 1a中,&*!|>", min_size=1, max_size=5))
        return text[:at] + junk + text[at:]
    if how == "truncate":
        return text[: draw(st.integers(0, len(text) - 1))]
    i = draw(st.integers(0, len(lines) - 1))
    if how == "replace-line":
        lines[i] = draw(st.text(min_size=0, max_size=30)) + "\n"
    elif how == "duplicate-line":
        lines.insert(i, lines[i])
    else:
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(corrupted())
def test_corruption_gives_an_error_never_a_partial_write(tmp_path_factory, text):
    kg = netgov_kg.load(DATA / "places.ttl", DATA / "themes.ttl", DATA / "sources.ttl",
                        include_data=False)
    folder = tmp_path_factory.mktemp("corrupt")
    template = folder / "cases.yaml"
    template.write_text(text, encoding="utf-8")
    target = folder / "extra.ttl"
    target.write_bytes(OLD)
    before = len(kg)
    try:
        summary = add_cases(kg, template, into=target)
    except InputError as err:
        assert err.location.source == str(template) or str(target) in str(err)
        assert target.read_bytes() == OLD
        assert len(kg) == before
        return
    # still a valid template: the whole addition is there, and nothing else
    written = target.read_bytes()
    assert written.startswith(OLD)
    assert len(Graph().parse(data=written.decode("utf-8"), format="turtle")) == (
        1 + summary.new_triples)
