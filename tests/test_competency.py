"""Competency questions over the real graph, and checks of the data files themselves.

Each question is a SPARQL file in ``tests/competency/NN-name.rq``; its expected answer below was
checked by hand against the source article (``tests/competency/source-*.txt``, a copy of
``/work/shared/sources/000_775a52ee8c492e26.txt``). The ``# Q:`` / ``# A:`` header of each file
says the question and the answer in words.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from netgov_kg.namespaces import NG, NGR, PREFIXES
from netgov_kg.resources import data_files, ontology_files

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "competency"
SOURCE_TEXT = next(QUERIES.glob("source-*.txt")).read_text(encoding="utf-8")

D = Decimal
BOOK_EN = (
    "Good Governance through Platforms: A Study of Local Practices of Network Governance in China"
)
date = datetime.date

#: Expected answers, as lists of rows (tuples of Python values) in the query's ORDER BY order.
EXPECTED: dict[str, list[tuple]] = {
    # 上海“一网通办”; 上海市宝山区“社区通”
    "01-shanghai-cases": [("上海“一网通办”",), ("上海市宝山区“社区通”",)],
    # 张志安, 卢家银 (传播与设计学院) and 郑跃平 (数字治理研究中心)
    "02-institution-most-experts": [("中山大学", 3)],
    # 2021年截止到11月 ... 办结率达到97.99%
    "03-yinchuan-completion-rate": [(D("97.99"), "percent", "2021-01", "2021-11")],
    # 网络信箱、网络论坛、12345市长公开电话、网络理政APP市民版、微信、微博新媒体“六位一体”
    "04-chengdu-channels": [
        ("12345市长公开电话",),
        ("微信(成都市网络理政平台)",),
        ("微博(成都市网络理政平台)",),
        ("网络信箱(成都市网络理政平台)",),
        ("网络理政APP市民版",),
        ("网络论坛(成都市网络理政平台)",),
    ],
    # “农事网通”、“阳光红页”、“党建e网通”和“北海e眼”四大平台
    "05-beihai-platforms": [("党建e网通",), ("农事网通",), ("北海e眼",), ("阳光红页",)],
    # 发端于2003年的“网上民声”栏目 (in the endorsement of 胶东在线)
    "06-wangshang-minsheng-start": [("2003", "胶东在线")],
    "07-list-order": [
        (1, "“爱安吉”APP"),
        (2, "成都市网络理政平台"),
        (3, "广西北海智慧党建"),
        (4, "“胶东在线”"),
        (5, "宁波市鄞州区网络界联合会"),
        (6, "上海“一网通办”"),
        (7, "上海市宝山区“社区通”"),
        (8, "深圳市智慧党建"),
        (9, "腾讯为村"),
        (10, "银川市政务微博矩阵"),
    ],
    "08-smart-party-building-cases": [("广西北海智慧党建",), ("深圳市智慧党建",)],
    # (郑跃平 中山大学数字治理研究中心主任)
    "09-weicun-endorser": [("郑跃平", "主任", "中山大学数字治理研究中心")],
    # 中山大学传播与设计学院教授、国家高端智库中山大学粤港澳发展研究院副院长
    "10-zhang-zhian-posts": [
        ("教授", "中山大学传播与设计学院"),
        ("副院长", "中山大学粤港澳发展研究院"),
    ],
    "11-think-tank-designations": [
        ("中山大学粤港澳发展研究院", "国家高端智库"),
        ("复旦大学政党建设与国家发展研究中心", "上海高校智库"),
    ],
    # 12月25日 ... (2016-2021)在上海发布
    "12-announcement": [(date(2021, 12, 25), "上海市", "2016", "2021")],
    # 人民日报社《民生周刊》杂志社与复旦发展研究院、复旦大学新闻学院在上海共同发布
    "13-announcement-organisers": [
        ("《民生周刊》杂志社",),
        ("复旦发展研究院",),
        ("复旦大学新闻学院",),
    ],
    "14-recognised-count": [(10, 10)],
    "15-fudan-units": [
        ("复旦发展研究院",),
        ("复旦发展研究院网络理政中心",),
        ("复旦大学国际关系与公共事务学院",),
        ("复旦大学政党建设与国家发展研究中心",),
        ("复旦大学新闻学院",),
        ("数字与移动治理实验室",),
    ],
    # 截至目前,全国已有30个省、229个市、891个区县、2588个乡镇中的16589个村庄(社区)
    # ... 注册认证村民2537784人
    "16-weicun-coverage": [
        (30, "provinces", "截至目前"),
        (229, "cities", "截至目前"),
        (891, "districts and counties", "截至目前"),
        (2588, "townships", "截至目前"),
        (16589, "villages (communities)", "截至目前"),
        (2537784, "persons", "截至目前"),
    ],
    # 累计办件量1.73亿
    "17-largest-figure": [(173000000, "累计办件量", "建成三年以来")],
    # 20多个政务部门; 经过4年多的运营
    "18-hedged-figures": [(4, "years"), (20, "departments")],
    # 全市4.5万个党组织和66.9万名党员
    "19-shenzhen-figures": [(45000, "Party organisations"), (669000, "Party members")],
    "20-yiwangtongban-goals": [
        ("2021", "在2021年年底前实现从“可用”向“好用”转变"),
        ("2023", "“一网通办”全方位服务体系基本建成"),
        ("2023", "在2023年底前实现从“爱用”向“常用”转变"),
    ],
    # 发端于2003年; 自2009年来; 经过4年多的运营 (2017: background); 2017年12月;
    # 建成三年以来 (2018: implied); 于2018年建成启用
    "21-case-start-dates": [
        ("“胶东在线”", "2003"),
        ("腾讯为村", "2009"),
        ("上海市宝山区“社区通”", "2017"),
        ("宁波市鄞州区网络界联合会", "2017-12"),
        ("上海“一网通办”", "2018"),
        ("深圳市智慧党建", "2018"),
    ],
    "22-inferred-event-facts": [
        (
            "Announcement of China's Ten Outstanding Cases of Network Governance (2016–2021)",
            "date",
            "implied",
        ),
        (
            "Announcement of China's Ten Outstanding Cases of Network Governance (2016–2021)",
            "list-order note",
            "implied",
        ),
        (
            "General Secretary Xi Jinping's visit to the Beizhan Community Party–Public Service "
            "Centre, Longhua District",
            "located in",
            "implied",
        ),
        (
            BOOK_EN,
            "author",
            "background knowledge",
        ),
        (
            BOOK_EN,
            "publisher",
            "implied",
        ),
        ("Launch of the book Good Governance through Platforms", "date", "implied"),
        ("Launch of the book Good Governance through Platforms", "located in", "implied"),
    ],
    # 广西省北海市委 (广西 is an autonomous region);
    # 浙江省首家县域网络界联合会 (鄞州区 is a district)
    "23-corrections": [
        ("广西壮族自治区", str(RDFS.label), "广西壮族自治区"),
        ("广西壮族自治区", str(NG.divisionType), str(NG.AutonomousRegion)),
        ("鄞州区", str(NG.divisionType), str(NG.District)),
    ],
    "24-cases-per-province": [
        ("上海市", 2),
        ("浙江省", 2),
        ("四川省", 1),
        ("宁夏回族自治区", 1),
        ("山东省", 1),
        ("广东省", 1),
        ("广西壮族自治区", 1),
    ],
    # 2018年10月24日,习近平总书记视察龙华区北站社区党群服务中心
    "25-xi-visit": [(date(2018, 10, 24), "习近平", "龙华区北站社区党群服务中心")],
    # 华夏出版社和复旦大学新闻学院沈国麟教授还发布了新书《平台善治:中国网络理政地方实践研究》
    "26-book-launch": [
        ("平台善治:中国网络理政地方实践研究", "华夏出版社"),
        ("平台善治:中国网络理政地方实践研究", "沈国麟"),
    ],
    "27-wechat-accounts": [
        ("微信(成都市网络理政平台)",),
        ("微信公众号“胶东在线”",),
        ("微信视频号“胶东在线”",),
    ],
    # 复旦发展研究院网络理政中心副主任沈国麟教授; 复旦大学新闻学院沈国麟教授
    "28-presenter-posts": [
        ("沈国麟", "副主任", "复旦发展研究院网络理政中心"),
        ("沈国麟", "教授", "复旦大学新闻学院"),
    ],
    "29-theme-evidence": [("创立、发展“问政银川”政务微博矩阵",)],
    "30-endorsements-rural": [("郑跃平", "腾讯为村")],
    "31-cases-without-platform": [("宁波市鄞州区网络界联合会",)],
    "32-zhejiang-codes": [
        ("330200", "宁波市"),
        ("330212", "鄞州区"),
        ("330500", "湖州市"),
        ("330523", "安吉县"),
    ],
    # 邓兆安 山东省网络社会组织联合会会长,高级编辑
    "33-titles-without-unit": [("邓兆安", "高级编辑")],
    # 开设“新思想”、“新时代大讲堂”等栏目
    "34-shenzhen-columns": [("新思想",), ("新时代大讲堂",)],
    "35-experts-per-university": [
        ("中山大学", 3),
        ("复旦大学", 2),
        ("上海大学", 1),
        ("中国传媒大学", 1),
        ("华中科技大学", 1),
        ("武汉大学", 1),
    ],
    "36-name-variants": [
        ("“爱安吉”APP", "爱安吉APP"),
        ("“胶东在线”", "胶东在线"),
        ("上海市宝山区“社区通”", "上海市宝山“社区通”"),
        ("深圳市智慧党建", "深圳智慧党建"),
        ("银川市政务微博矩阵", "银川政务微博矩阵"),
    ],
    "37-magazine-parent": [("《民生周刊》杂志社", "人民日报社")],
    "38-figures-per-case": [
        ("腾讯为村", 7),
        ("上海“一网通办”", 4),
        ("宁波市鄞州区网络界联合会", 3),
        ("深圳市智慧党建", 3),
        ("银川市政务微博矩阵", 3),
        ("“爱安吉”APP", 1),
        ("上海市宝山区“社区通”", 1),
        ("广西北海智慧党建", 1),
        ("成都市网络理政平台", 1),
        ("胶东在线", 0),
    ],
}

# -- added by the audit against the article (39-53) ---------------------------------------------
EXPECTED.update(
    {
        # 沈国麟教授在发布会上介绍:“网络理政主要是指……”
        "39-network-governance-definition": [
            (
                "网络理政主要是指国家和社会通过互联网,实现公共事务有效治理、公共利益全面增进的活动与过程,"
                "也就是运用互联网治国理政。",
                "沈国麟",
            )
        ],
        # 新书《平台善治:中国网络理政地方实践研究》。该书探讨……
        "40-book-subject": [
            (
                "平台善治:中国网络理政地方实践研究",
                "该书探讨地方政府如何通过互联网平台进行数据分析、网络回应和协调治理。",
                subject,
            )
            for subject in ("数据治理", "网络理政")
        ],
        # 张志安, 陈涛, 卢家银, 郑磊, 黄晓春 教授; 王少辉 副教授
        "41-professors": [("副教授", 1), ("教授", 5)],
        # 以党建为引领; 智慧党建 (北海, 深圳); 助力党建引领精准脱贫
        "42-party-building-cases": [
            ("上海市宝山区“社区通”",),
            ("广西北海智慧党建",),
            ("深圳市智慧党建",),
            ("腾讯为村",),
        ],
        # 微信、微博新媒体; 新浪微博“@胶东在线”; “问政银川”政务微博矩阵
        "43-weibo-accounts": [
            ("微博(成都市网络理政平台)", "新浪微博"),
            ("新浪微博“@胶东在线”", "新浪微博"),
            ("问政银川", "新浪微博"),
        ],
        # the parentheses after each 推荐语
        "44-expert-posts": [
            ("侯锷", "副所长", "公共关系与战略传播研究所"),
            ("侯锷", "高级研究员", "中国传媒大学媒介与公共事务研究院"),
            ("卢家银", "博士生导师", "中山大学传播与设计学院"),
            ("卢家银", "教授", "中山大学传播与设计学院"),
            ("张志安", "副院长", "中山大学粤港澳发展研究院"),
            ("张志安", "教授", "中山大学传播与设计学院"),
            ("王少辉", "副主任", "武汉大学政治与公共管理学院行政管理系"),
            ("王少辉", "副教授", "武汉大学政治与公共管理学院行政管理系"),
            ("邓兆安", "会长", "山东省网络社会组织联合会"),
            ("邓兆安", "高级编辑", None),
            ("郑磊", "主任", "数字与移动治理实验室"),
            ("郑磊", "教授", "复旦大学国际关系与公共事务学院"),
            ("郑跃平", "主任", "中山大学数字治理研究中心"),
            ("郑长忠", "主任", "复旦大学政党建设与国家发展研究中心"),
            ("郑长忠", "研究员", "国务院参事室"),
            ("陈涛", "博士生导师", "华中科技大学公共管理学院"),
            ("陈涛", "教授", "华中科技大学公共管理学院"),
            ("黄晓春", "教授", "上海大学社会学院"),
            ("黄晓春", "院长", "上海大学社会学院"),
        ],
        # 上海市大数据中心方面表示:……2021年年底前……2023年底前……基本建成
        "45-yiwangtongban-goals-by-date": [
            ("上海市大数据中心", "2021", "move from “usable” to “easy to use” by the end of 2021"),
            (
                "上海市大数据中心",
                "2023",
                "move from “liked” to “used routinely” by the end of 2023",
            ),
            (
                "上海市大数据中心",
                "2023",
                "the all-round service system of Yiwangtongban basically complete",
            ),
        ],
        # 力求…旨在… (成都); 宗旨 (胶东在线); 旨在 (鄞州); 宗旨 (腾讯为村)
        "46-case-purposes": [
            (
                "成都市网络理政平台",
                "力求拓展民生诉求反映途径,畅通政民联系沟通;旨在给民众与政府的沟通提供一条更为便利的途径",
            ),
            ("胶东在线", "始终坚持“以人民为中心”的宗旨,把“满足网民需要”放在首位"),
            ("宁波市鄞州区网络界联合会", "旨在促进鄞州区网络社会健康良好发展"),
            (
                "腾讯为村",
                "探索如何用互联网企业的核心能力助力乡村发展,以“连接情感、连接信息、连接财富”为宗旨",
            ),
        ],
        "47-platform-functions": [
            ("深圳智慧党建系统",),
            ("爱安吉APP",),
            ("胶东在线",),
            ("问政银川",),
            ("随申办",),
            ("随申码",),
        ],
        "48-background-places": [("四川省",), ("宁夏回族自治区",), ("广东省",), ("湖州市",)],
        # 龙华区北站社区党群服务中心 (深圳)
        "49-beizhan-place-chain": [
            ("北站社区", 5),
            ("龙华区", 4),
            ("深圳市", 3),
            ("广东省", 2),
            ("中国", 1),
        ],
        "50-northernmost-case": [("银川市政务微博矩阵", "银川市", D("38.4872"))],
        # 2017年12月,由宁波市鄞州区委宣传部牵头……网络界联合会“鄞光溢彩”
        "51-yinzhou-federation": [("2017-12", "宁波市鄞州区委宣传部", "鄞光溢彩")],
        # ……共同发布; 沈国麟教授在发布会上介绍; 华夏出版社和……沈国麟教授还发布了新书
        "52-announcement-roles": [
            ("book launch", "华夏出版社"),
            ("book launch", "沈国麟"),
            ("organiser", "《民生周刊》杂志社"),
            ("organiser", "复旦发展研究院"),
            ("organiser", "复旦大学新闻学院"),
            ("presenter", "沈国麟"),
        ],
        # 转办……11006件,办结10785件,办结率达到97.99%
        "53-yinchuan-rate-check": [(11006, 10785, D("97.99"), D("97.99"))],
        # the name in parentheses after each 推荐语
        "54-case-endorsers": [
            (1, "“爱安吉”APP", "张志安"),
            (2, "成都市网络理政平台", "陈涛"),
            (3, "广西北海智慧党建", "卢家银"),
            (4, "胶东在线", "邓兆安"),
            (5, "宁波市鄞州区网络界联合会", "王少辉"),
            (6, "上海“一网通办”", "郑磊"),
            (7, "上海市宝山区“社区通”", "黄晓春"),
            (8, "深圳市智慧党建", "郑长忠"),
            (9, "腾讯为村", "郑跃平"),
            (10, "银川市政务微博矩阵", "侯锷"),
        ],
        # 20多个政务部门; 六位一体; 四大平台; 三大效应; 三级网络社会组织阵地; 4.5万个党组织,
        # 66.9万名党员, 三级党群服务中心; 四个方面 — none with a date
        "55-undated-figures": [
            ("“爱安吉”APP", 20, "departments"),
            ("成都市网络理政平台", 6, "channels"),
            ("广西北海智慧党建", 4, "platforms"),
            ("宁波市鄞州区网络界联合会", 3, "effects"),
            ("宁波市鄞州区网络界联合会", 3, "levels"),
            ("深圳市智慧党建", 3, "levels"),
            ("深圳市智慧党建", 45000, "Party organisations"),
            ("深圳市智慧党建", 669000, "Party members"),
            ("腾讯为村", 4, "areas"),
        ],
    }
)

_NATIVE = {XSD.integer, XSD.decimal, XSD.date}


def _py(term):
    """Turn an rdflib term into a plain Python value (numbers and dates natively, else text)."""
    if isinstance(term, Literal) and term.datatype in _NATIVE:
        return term.toPython()
    return None if term is None else str(term)


def _run(kg, name: str) -> list[tuple]:
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    rows = kg.dataset.query(text, initNs=dict(PREFIXES))
    return [tuple(_py(v) for v in row) for row in rows]


def test_every_query_has_an_answer_and_every_answer_a_query():
    names = {p.stem for p in QUERIES.glob("*.rq")}
    assert names == set(EXPECTED)
    assert len(names) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_competency_question(kg, name):
    assert _run(kg, name) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_file_states_question_and_answer(name):
    head = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    assert head.startswith("# Q:") and "\n# A:" in head


# -- the data files themselves ----------------------------------------------------------------


@pytest.fixture(scope="module")
def data_graph() -> Graph:
    g = Graph()
    for path in data_files():
        g.parse(path, format="turtle")
    return g


@pytest.mark.parametrize("path", ontology_files() + data_files(), ids=lambda p: p.name)
def test_turtle_file_parses(path):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 0


def test_required_data_files_exist():
    names = {p.name for p in data_files()}
    assert {"cases.ttl", "places.ttl", "themes.ttl", "organisations.ttl", "people.ttl"} <= names


def _resources(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(NGR))}


def test_every_resource_has_one_zh_and_one_en_label(data_graph):
    bad = {}
    for s in _resources(data_graph):
        langs = sorted(lab.language for lab in data_graph.objects(s, RDFS.label))
        if langs != ["en", "zh"]:
            bad[str(s)] = langs
    assert not bad


def test_every_ontology_term_has_one_zh_and_one_en_label():
    g = Graph()
    for path in ontology_files():
        g.parse(path)
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(NG))}
    bad = {
        str(t)
        for t in terms
        if sorted(lab.language for lab in g.objects(t, RDFS.label)) != ["en", "zh"]
    }
    assert not bad


def test_every_referenced_resource_is_described(data_graph):
    described = _resources(data_graph)
    used = {
        o for o in data_graph.objects() if isinstance(o, URIRef) and str(o).startswith(str(NGR))
    }
    assert used <= described, sorted(map(str, used - described))


def test_quotes_and_endorsement_texts_are_verbatim(data_graph):
    verbatim = [NG.quote, NG.text, NG.headingName, NG.introductionName]
    for prop in verbatim:
        for value in data_graph.objects(None, prop):
            assert value.language == "zh"
            assert str(value) in SOURCE_TEXT, (prop, str(value))


def test_purposes_and_functions_are_verbatim_fragments(data_graph):
    checked = 0
    for prop in (NG.purpose, NG.function):
        for value in data_graph.objects(None, prop):
            if value.language == "zh":
                for fragment in str(value).split(";"):
                    assert fragment in SOURCE_TEXT, (prop, fragment)
                    checked += 1
    assert checked >= 10


def test_every_endorsement_of_the_article_is_in_the_graph(data_graph):
    published = []
    for line in SOURCE_TEXT.splitlines():
        if line.startswith("推荐语:"):
            body = line[len("推荐语:") :]
            published.append(body[: body.rindex("(")].rstrip())
    texts = {str(t) for t in data_graph.objects(None, NG.text)}
    assert len(published) == 10
    assert texts == set(published)


def test_each_theme_link_has_one_assignment_with_a_quote(data_graph):
    links = set(data_graph.subject_objects(NG.hasTheme))
    qualified = Counter(
        (case, data_graph.value(a, NG.theme))
        for case, a in data_graph.subject_objects(NG.qualifiedTheme)
    )
    assert set(qualified) == links
    assert set(qualified.values()) == {1}
    for a in data_graph.objects(None, NG.qualifiedTheme):
        assert data_graph.value(a, NG.quote) is not None


def test_reified_statements_describe_asserted_triples(data_graph):
    statements = list(data_graph.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        triple = (
            data_graph.value(st, RDF.subject),
            data_graph.value(st, RDF.predicate),
            data_graph.value(st, RDF.object),
        )
        assert triple in data_graph, triple
        assert data_graph.value(st, NG.basis) in {NG.Background, NG.Implied, NG.Correction}


def test_figures_are_in_plain_units(data_graph):
    values = {
        str(data_graph.value(o, RDFS.label, any=True)): data_graph.value(o, NG.value)
        for o in data_graph.subjects(RDF.type, NG.Observation)
    }
    plain = {v.toPython() for v in values.values()}
    # 1.73亿, 4.5万, 66.9万 written out
    assert {173000000, 45000, 669000} <= plain
    assert all(v.datatype in (XSD.integer, XSD.decimal) for v in values.values())
