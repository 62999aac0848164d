"""A third SHACL engine: Apache Jena's validator (Debian's ``libapache-jena-java``).

Jena reads the shapes as they ship (with SHACL-SPARQL: SPARQL targets and constraints), finds the
real data conforming and each broken fixture failing on the same focus nodes, severities and
shapes as pyshacl, and reports every finding with its message in zh and en.

Debian's package ships jars without a launcher; :func:`jena_validate` runs the command-line
validator ``shacl.shacl_validate`` from them. Skipped where Java or the jars are missing (install
them with ``apt-get install default-jre-headless libapache-jena-java``, as ``scripts/setup.sh``
does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from netgov_kg.resources import data_files, ontology_files, shapes_files
from netgov_kg.validation import Report, short, validate_files

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.ttl"))
#: Where Debian installs Java libraries.
JARS = Path("/usr/share/java")
#: The jars Jena's SHACL command needs besides Jena's own (Debian names, without versions), with
#: one SLF4J binding: the folder holds several, and two on one classpath stop the JVM.
DEPENDENCIES = (
    "slf4j-api", "slf4j-nop", "commons-cli", "commons-codec", "commons-compress", "commons-csv",
    "commons-io", "commons-lang3", "dexx.collection", "guava", "thrift", "protobuf", "gson",
    "jsonld-java", "jackson-core", "jackson-databind", "jackson-annotations", "httpclient",
    "httpcore", "titanium-json-ld", "jakarta.json-api",
)
MAIN = "shacl.shacl_validate"
Findings = set[tuple[str, str, str]]


def _xerces_messages(folder: Path) -> Path:
    """Copy Jena's bundled Xerces message files to where Debian's relocated classes look.

    Debian's jena-core moves the bundled Xerces classes to the package ``xerces`` but leaves
    their message bundles under ``org/apache/jena/ext/xerces``; without them Jena's XSD
    datatypes fail to start ("internal error" in ``XSSimpleTypeDecl``).
    """
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = folder / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Iterable[Path]], Graph]:
    """Return a function that validates files (merged) with Jena and returns its report graph."""
    java = shutil.which("java")
    missing = ("no Java runtime (apt-get install default-jre-headless)" if java is None else
               "Apache Jena's jars are not installed (apt-get install libapache-jena-java)"
               if not (JARS / "jena-shacl.jar").is_file() else None)
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"Jena's SHACL is required in CI: {missing}")
        pytest.skip(missing)
    assert java is not None
    work = tmp_path_factory.mktemp("jena")
    jars = sorted(p for p in JARS.glob("jena-*.jar") if not p.stem[-1].isdigit())
    jars += [JARS / f"{name}.jar" for name in DEPENDENCIES if (JARS / f"{name}.jar").is_file()]
    classpath = ":".join([*map(str, jars), str(_xerces_messages(work / "resources"))])
    shapes = work / "shapes.ttl"
    merged = Graph()
    for path in shapes_files():
        merged.parse(path)
    merged.serialize(shapes, format="turtle", encoding="utf-8")

    def validate(paths: Iterable[Path]) -> Graph:
        paths = list(paths)
        data = Graph()
        for path in paths:
            data.parse(path)
        target = work / f"data-{paths[-1].stem}.nt"
        data.serialize(target, format="nt", encoding="utf-8")
        done = subprocess.run(
            [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, MAIN,
             "--shapes", str(shapes), "--data", str(target)],
            capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return Graph().parse(data=done.stdout, format="turtle")

    return validate


def jena_findings(report: Graph) -> Findings:
    """Return (focus node, severity, source shape) of each result of a Jena report."""
    return {("_:" if isinstance(focus, BNode) else short(focus),
             short(report.value(r, SH.resultSeverity)).removeprefix("sh:"),
             short(report.value(r, SH.sourceShape)))
            for r, focus in report.subject_objects(SH.focusNode)}


def pyshacl_findings(report: Report) -> Findings:
    """Return (focus node, severity, source shape) of each of pyshacl's findings."""
    return {("_:" if isinstance(f.focus_node, BNode) else short(f.focus_node), f.severity,
             short(f.source_shape))
            for f in report.results}


def _conforms(report: Graph) -> bool:
    node = next(report.subjects(RDF.type, SH.ValidationReport))
    return report.value(node, SH.conforms).toPython()


def _messages_in_both_languages(report: Graph) -> None:
    for result in report.subjects(RDF.type, SH.ValidationResult):
        langs = sorted(m.language for m in report.objects(result, SH.resultMessage)
                       if isinstance(m, Literal))
        assert langs == ["en", "zh"], (short(report.value(result, SH.sourceShape)), langs)


@pytest.fixture(scope="module")
def broken_reports(jena: Callable[[Iterable[Path]], Graph]) -> dict[str, Graph]:
    """Jena's report on each broken fixture, two JVMs at a time."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = pool.map(lambda p: jena([*ontology_files(), p]), BROKEN)
        return {path.name: report for path, report in zip(BROKEN, reports, strict=True)}


def test_jena_finds_the_real_data_conforming(jena):
    files = [*ontology_files(), *data_files()]
    report = jena(files)
    assert _conforms(report)
    assert jena_findings(report) == pyshacl_findings(validate_files(*files))
    _messages_in_both_languages(report)


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_jena_agrees_on_each_broken_fixture(path, broken_reports):
    report = broken_reports[path.name]
    ours = pyshacl_findings(validate_files(*ontology_files(), path))
    assert ours, f"{path.name} has no finding"
    assert jena_findings(report) == ours
    # SHACL's sh:conforms is false for any result, a warning too; pyshacl's report says so
    assert _conforms(report) is False
    _messages_in_both_languages(report)
