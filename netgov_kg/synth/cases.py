"""A seeded generator of synthetic governance cases that conform to the shapes.

Each case sits in a real place and carries real themes (read from the graph by
:func:`~netgov_kg.synth.reference.reference_from`); its organisation, platform, figures,
endorsement and expert are made up and say so: every synthetic resource has ``synth-`` in its
IRI and is derived from one ``ng:SourceDocument`` labelled as synthetic. The same seed gives the
same data, byte for byte.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from os import PathLike
from pathlib import Path

from rdflib import Graph

from .reference import Reference
from .text import DERIVED, RDF_TYPE, iri, labels, lit, ng, triple, typed

#: (class, zh suffix, en suffix) of synthetic platforms.
PLATFORM_KINDS = (
    ("MobileApp", "APP", "app"),
    ("WeiboAccount", "政务微博", "government Weibo account"),
    ("WeChatOfficialAccount", "微信公众号", "WeChat official account"),
    ("Hotline", "热线", "hotline"),
    ("WebPortal", "网上办事大厅", "online service portal"),
    ("OnlineMailbox", "网络信箱", "online mailbox"),
    ("Forum", "网络问政论坛", "online forum"),
)
#: Brand words of synthetic platforms (zh, pinyin).
BRANDS = (
    ("民情通", "Minqingtong"), ("随手拍", "Suishoupai"), ("码上办", "Mashangban"),
    ("连心桥", "Lianxinqiao"), ("惠民通", "Huimintong"), ("问政", "Wenzheng"),
    ("智慧社区", "Zhihui Shequ"), ("一网通", "Yiwangtong"), ("掌上办", "Zhangshangban"),
    ("民声", "Minsheng"), ("e家通", "E-jiatong"), ("邻里汇", "Linlihui"),
)
#: (class, slug, zh pattern, en pattern) of the organisations each place gets.
ORG_KINDS = (
    ("GovernmentBody", "gov", "{zh}人民政府", "People's Government of {en}"),
    ("PartyOrganisation", "publicity", "中共{zh}委员会宣传部",
     "Publicity Department of the CPC {en} Committee"),
    ("MediaOrganisation", "media", "{zh}融媒体中心", "{en} Media Convergence Centre"),
    ("GovernmentBody", "data", "{zh}大数据中心", "{en} Big Data Centre"),
)
#: (zh, en, unit zh, unit en, low, high, datatype) of synthetic figures.
MEASURES = (
    ("办件量", "items handled", "件", "items", 1_000, 2_000_000, "integer"),
    ("注册用户", "registered users", "人", "people", 500, 3_000_000, "integer"),
    ("办结率", "completion rate", "%", "percent", 85.0, 99.99, "decimal"),
)
SURNAMES = (("张", "Zhang"), ("王", "Wang"), ("李", "Li"), ("刘", "Liu"), ("陈", "Chen"),
            ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"),
            ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"))
GIVEN = (("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"),
         ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("艳", "Yan"), ("杰", "Jie"),
         ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("霞", "Xia"), ("平", "Ping"),
         ("晓东", "Xiaodong"), ("志强", "Zhiqiang"), ("海燕", "Haiyan"))
TITLES = (("教授", "professor"), ("副教授", "associate professor"), ("研究员", "research fellow"),
          ("主任", "director"))
PRAISE = (
    ("{case}畅通了民意表达渠道,提升了基层治理效能。",
     "{case} opened channels for public opinion and made local governance more effective."),
    ("{case}以数据驱动服务,让群众办事更便捷。",
     "{case} uses data to drive services and makes dealing with government easier."),
    ("{case}把网上群众路线落到实处,是数字政府建设的有益探索。",
     "{case} puts the online mass line into practice, a useful experiment in digital government."),
)


def source_iri(seed: int) -> str:
    """Return the IRI of the synthetic source document of ``seed``."""
    return iri(f"source/synth-{seed}")


def source_lines(seed: int) -> str:
    """Return the lines describing the synthetic source document of ``seed``."""
    s = source_iri(seed)
    return (triple(s, RDF_TYPE, ng("SourceDocument"))
            + labels(s, f"合成数据集(种子 {seed})", f"synthetic data set (seed {seed})"))


def iter_cases(n: int, *, reference: Reference, seed: int = 0, start: int = 0) -> Iterator[str]:
    """Yield N-Triples text, a few lines at a time, for ``n`` synthetic cases.

    Parameters
    ----------
    n : int
        How many cases.
    reference : Reference
        The real places and themes to use.
    seed : int
        The random seed; the same seed (and ``start``) gives the same text.
    start : int
        Number of the first case; generate more cases for the same data set with another
        ``start`` (their IRIs do not clash).

    Yields
    ------
    str
        Lines of N-Triples.
    """
    rng = random.Random(f"netgov-kg synth cases {seed} {start}")
    places = reference.case_places or reference.places
    themes = reference.themes
    source = source_iri(seed)
    if start == 0:
        yield source_lines(seed)
    seen_orgs: set[str] = set()
    experts = max(1, (n + 2) // 3 // 3)  # one endorsement per third case, three per expert
    for i in range(start, start + n):
        place = places[rng.randrange(len(places))]
        slug = place.code or str(place.iri).rsplit("/", 1)[-1]
        kind, k_zh, k_en = PLATFORM_KINDS[rng.randrange(len(PLATFORM_KINDS))]
        b_zh, b_en = BRANDS[rng.randrange(len(BRANDS))]
        case = iri(f"case/synth-{i:06d}")
        platform = iri(f"platform/synth-{i:06d}")
        o_kind, o_slug, o_zh, o_en = ORG_KINDS[rng.randrange(len(ORG_KINDS))]
        org = iri(f"org/synth-{slug}-{o_slug}")
        year = rng.randint(2009, 2021)
        out = []
        if org not in seen_orgs:
            seen_orgs.add(org)
            out += [triple(org, RDF_TYPE, ng(o_kind)),
                    labels(org, o_zh.format(zh=place.zh), o_en.format(en=place.en)),
                    triple(org, ng("locatedIn"), f"<{place.iri}>")]
        name_zh = f"{place.zh}“{b_zh}”{k_zh}"
        name_en = f"{place.en} {b_en} {k_en}"
        out += [triple(platform, RDF_TYPE, ng(kind)), labels(platform, name_zh, name_en),
                triple(platform, ng("startDate"), typed(year, "gYear")),
                triple(platform, ng("operatedBy"), org)]
        out += [triple(case, RDF_TYPE, ng("Case")), labels(case, name_zh, name_en),
                triple(case, ng("locatedIn"), f"<{place.iri}>"),
                triple(case, ng("responsibleOrganisation"), org),
                triple(case, ng("usesPlatform"), platform),
                triple(case, ng("startDate"), typed(year, "gYear")),
                triple(case, DERIVED, source)]
        out += [triple(case, ng("description"), lit(
                    f"{name_zh}是{place.zh}{year}年起运行的网络理政平台。", "zh")),
                triple(case, ng("description"), lit(
                    f"{name_en} is a platform for governing through the internet run in "
                    f"{place.en} since {year}.", "en"))]
        picks = sorted(rng.sample(range(len(themes)), min(len(themes), rng.randint(1, 2))))
        for k, t in enumerate(picks):
            theme = themes[t]
            assignment = iri(f"theme-assignment/synth-{i:06d}-{k}")
            out += [triple(case, ng("hasTheme"), f"<{theme.iri}>"),
                    triple(case, ng("qualifiedTheme"), assignment),
                    triple(assignment, RDF_TYPE, ng("ThemeAssignment")),
                    labels(assignment, f"{name_zh}:{theme.zh}", f"{name_en}: {theme.en}"),
                    triple(assignment, ng("theme"), f"<{theme.iri}>"),
                    triple(assignment, ng("quote"), lit(f"围绕{theme.zh}开展工作", "zh")),
                    triple(assignment, ng("translation"), lit(f"works on {theme.en}", "en"))]
        if i % 4 == 0:
            out.append(_observation(rng, i, case, name_zh, name_en, year, source))
        if i % 3 == 0:
            out.append(_endorsement(rng, i, case, name_zh, name_en, (i // 3) % experts,
                                    source, first=i // 3 < experts))
        yield "".join(out)


def _observation(rng: random.Random, i: int, case: str, name_zh: str, name_en: str, year: int,
                 source: str) -> str:
    m_zh, m_en, u_zh, u_en, low, high, dtype = MEASURES[rng.randrange(len(MEASURES))]
    value = (rng.randint(int(low), int(high)) if dtype == "integer"
             else f"{rng.uniform(low, high):.2f}")
    end = rng.randint(max(year, 2016), 2021)
    obs = iri(f"obs/synth-{i:06d}")
    return "".join([
        triple(obs, RDF_TYPE, ng("Observation")),
        labels(obs, f"{name_zh}{m_zh}({end}年)", f"{name_en}: {m_en} ({end})"),
        triple(obs, ng("about"), case),
        triple(obs, ng("measure"), lit(m_zh, "zh")), triple(obs, ng("measure"), lit(m_en, "en")),
        triple(obs, ng("value"), typed(value, dtype)),
        triple(obs, ng("unit"), lit(u_zh, "zh")), triple(obs, ng("unit"), lit(u_en, "en")),
        triple(obs, ng("periodStart"), typed(f"{end}-01", "gYearMonth")),
        triple(obs, ng("periodEnd"), typed(f"{end}-{rng.randint(1, 12):02d}", "gYearMonth")),
        triple(obs, DERIVED, source),
    ])


def _endorsement(rng: random.Random, i: int, case: str, name_zh: str, name_en: str, e: int,
                 source: str, *, first: bool) -> str:
    person = iri(f"person/synth-{e:05d}")
    out = []
    if first:  # the expert's own description comes with their first endorsement
        s_zh, s_en = SURNAMES[e % len(SURNAMES)]
        g_zh, g_en = GIVEN[(e // len(SURNAMES)) % len(GIVEN)]
        t_zh, t_en = TITLES[e % len(TITLES)]
        school = iri(f"org/synth-school-{e % 50:02d}")
        post = iri(f"post/synth-{e:05d}")
        u = e % 50
        if e < 50:
            out += [triple(school, RDF_TYPE, ng("School")),
                    labels(school, f"合成大学{u}公共管理学院",
                           f"School of Public Administration, Synthetic University {u}")]
        out += [triple(person, RDF_TYPE, ng("Expert")),
                labels(person, f"{s_zh}{g_zh}", f"{s_en} {g_en}"),
                triple(person, ng("affiliation"), school),
                triple(person, ng("holdsPost"), post),
                triple(post, RDF_TYPE, ng("Post")),
                labels(post, f"{s_zh}{g_zh}({t_zh})", f"{s_en} {g_en} ({t_en})"),
                triple(post, ng("postIn"), school),
                triple(post, ng("title"), lit(t_zh, "zh")),
                triple(post, ng("title"), lit(t_en, "en"))]
    p_zh, p_en = PRAISE[rng.randrange(len(PRAISE))]
    end = iri(f"endorsement/synth-{i:06d}")
    out += [triple(end, RDF_TYPE, ng("Endorsement")),
            labels(end, f"{name_zh}推荐语", f"endorsement of {name_en}"),
            triple(end, ng("endorser"), person), triple(end, ng("endorsedCase"), case),
            triple(end, ng("text"), lit(p_zh.format(case=name_zh), "zh")),
            triple(end, ng("translation"), lit(p_en.format(case=name_en), "en")),
            triple(end, DERIVED, source)]
    return "".join(out)


def write_cases(path: str | PathLike[str], n: int, *, reference: Reference, seed: int = 0) -> Path:
    """Write ``n`` synthetic cases to an N-Triples/Turtle file (atomically) and return its path.

    Examples
    --------
    >>> import tempfile, os
    >>> from netgov_kg.synth.reference import Named, Place, Reference
    >>> from rdflib import URIRef
    >>> ref = Reference([Place(URIRef("https://w3id.org/netgov-kg/id/place/640100"),
    ...                        "银川市", "Yinchuan", "640100", None, URIRef("urn:p"))],
    ...                 [Named(URIRef("https://w3id.org/netgov-kg/id/theme/t"), "主题", "theme")])
    >>> out = write_cases(os.path.join(tempfile.mkdtemp(), "cases.ttl"), 3, reference=ref)
    >>> len(Graph().parse(out, format="nt")) > 30
    True
    """
    target = Path(path)
    from ..atomic import atomic_writer

    with atomic_writer(target) as f:
        for chunk in iter_cases(n, reference=reference, seed=seed):
            f.write(chunk)
    return target


def generate_cases(n: int, *, reference: Reference, seed: int = 0, start: int = 0) -> Graph:
    """Return ``n`` synthetic cases as an rdflib graph (for small ``n``; see :func:`write_cases`).

    Examples
    --------
    >>> from netgov_kg.synth.reference import Named, Place, Reference
    >>> from rdflib import URIRef
    >>> ref = Reference([Place(URIRef("https://w3id.org/netgov-kg/id/place/640100"),
    ...                        "银川市", "Yinchuan", "640100", None, URIRef("urn:p"))],
    ...                 [Named(URIRef("https://w3id.org/netgov-kg/id/theme/t"), "主题", "theme")])
    >>> g = generate_cases(2, reference=ref, seed=1)
    >>> g.isomorphic(generate_cases(2, reference=ref, seed=1))
    True
    """
    return Graph().parse(
        data="".join(iter_cases(n, reference=reference, seed=seed, start=start)), format="nt"
    )
