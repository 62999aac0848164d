"""Organisations named in article text: the graph's own, and names of the usual forms.

Besides the organisations the graph has (by every zh name), names are recognised by their
ending — government bodies (…人民政府, …局, …办公室), Party bodies (…市委, …党委, …宣传部),
media (…报社, …杂志社, …电视台, …融媒体中心), universities and their units (…大学, …学院,
…研究院, …研究中心), companies (…集团, …公司), associations (…联合会, …协会) — reaching back
to the start of the name: the nearest punctuation, digit or function word (由, 和, 在, 的 …),
leaving out a verb before it (牵头, 成立 …); a province before a city's or county's Party
committee or government is left out (广西省北海市委 is 北海市委). ``X市委、市政府`` also
names ``X市政府``. A few central bodies (国务院, 中共中央 …) are found by name.

Examples
--------
>>> [(o.name, o.type) for o in find_organisations("由青禾县融媒体中心和青禾县人民政府主办")]
[('青禾县融媒体中心', 'MediaOrganisation'), ('青禾县人民政府', 'GovernmentBody')]
>>> [o.name for o in find_organisations("广西省北海市委、市政府坚持")]
['北海市委', '北海市政府']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import Known, NameIndex

#: Name endings and the class they suggest (longest first when matched).
ENDINGS: dict[str, str] = {
    "人民政府": "GovernmentBody", "政府": "GovernmentBody", "办公厅": "GovernmentBody",
    "办公室": "GovernmentBody", "网信办": "GovernmentBody", "委员会": "GovernmentBody",
    "管理局": "GovernmentBody", "局": "GovernmentBody", "厅": "GovernmentBody",
    "大数据中心": "GovernmentBody", "政务服务中心": "GovernmentBody",
    "法院": "GovernmentBody", "检察院": "GovernmentBody", "街道办事处": "GovernmentBody",
    "党委": "PartyOrganisation", "党组": "PartyOrganisation", "省委": "PartyOrganisation",
    "市委": "PartyOrganisation", "区委": "PartyOrganisation", "县委": "PartyOrganisation",
    "州委": "PartyOrganisation", "宣传部": "PartyOrganisation", "组织部": "PartyOrganisation",
    "统战部": "PartyOrganisation", "纪委": "PartyOrganisation", "党工委": "PartyOrganisation",
    "报社": "MediaOrganisation", "日报社": "MediaOrganisation", "杂志社": "Magazine",
    "出版社": "Publisher",
    "电视台": "MediaOrganisation", "广播电视台": "MediaOrganisation", "日报": "MediaOrganisation",
    "融媒体中心": "MediaOrganisation", "新闻中心": "MediaOrganisation",
    "新闻集团": "MediaOrganisation", "通讯社": "MediaOrganisation",
    "大学": "University", "学院": "School", "研究院": "ResearchInstitute",
    "研究所": "ResearchInstitute", "研究中心": "ResearchInstitute", "实验室": "Laboratory",
    "系": "AcademicUnit", "参事室": "GovernmentBody", "研究室": "ResearchInstitute",
    "中心": "Organisation",
    "集团": "Company", "有限公司": "Company", "公司": "Company", "科技": "Company",
    "联合会": "Organisation", "协会": "Organisation", "学会": "Organisation",
    "商会": "Organisation", "基金会": "Organisation", "居委会": "Organisation",
    "村委会": "Organisation", "服务中心": "ServiceCentre",
}
_ENDING = re.compile("|".join(sorted(map(re.escape, ENDINGS), key=len, reverse=True)))
_ENDING_AT_END = re.compile("(?:" + _ENDING.pattern + ")$")
#: Characters that cannot be inside a name: where a name starts, reaching back.
_BREAK = set("，,。；;：:、！？!?（）()《》“”‘’「」\n\t 　·") | set(
    "由和及在对向把被的了是为将从到让经等于同跟给以其这那该各已并也都还又就才而且即"
    "0123456789.%")
#: Words before a name that are not part of it (verbs, adverbs).
_LEAD = re.compile(r"^(?:.*(?:国家高端智库|高校智库|不断|发挥|视察|调研|考察|走进|来到|"
                   r"联合|共同|发布|成立|举办|主办|承办|指导|牵头|依托|通过|推动|"
                   r"开展|建立|设立|负责|会同|邀请|来自|位于|隶属|以及|其中|目前|"
                   r"近日|日前|今年|去年|此前|随后|同时|同期|表示|介绍|认为|指出|强调))")
#: Central bodies, named without a pattern to recognise them by.
CENTRAL_BODIES: dict[str, str] = {
    "中共中央": "PartyOrganisation", "国务院": "GovernmentBody",
    "全国人大常委会": "GovernmentBody",
    "全国人大": "GovernmentBody", "全国政协": "Organisation", "中央网信办": "PartyOrganisation",
    "国家网信办": "GovernmentBody", "中央纪委": "PartyOrganisation",
    "国务院办公厅": "GovernmentBody", "中共中央办公厅": "PartyOrganisation",
    "国家发展改革委": "GovernmentBody", "最高人民法院": "GovernmentBody",
    "最高人民检察院": "GovernmentBody",
}
_CENTRAL = re.compile("|".join(sorted(map(re.escape, CENTRAL_BODIES), key=len, reverse=True)))
#: Endings that name an organisation only after another one (复旦发展研究院网络理政中心).
_NESTED_ONLY = {"中心"}
#: Endings that end a name only before a break or a title (系统, 局面, 党组织 are words).
_CLOSED = ("系", "局", "厅", "科技", "日报", "政府", "党组", "中心")
#: Titles that may follow a name (…行政管理系副主任).
_TITLE_AFTER = re.compile(r"副|主任|教授|研究员|院长|所长|书记|部长|局长|主席|会长|负责人|"
                          r"工作人员|干部|党员|记者|编辑")
#: A province before a city's or county's body: 广西省北海市委 is 北海市委.
_PROVINCE_PREFIX = re.compile(
    r"[\u4e00-\u9fff]{2,3}?(?:省|自治区)(?=[\u4e00-\u9fff]{2,}[市县区州])")
#: Leading words that are not part of a name: 首家, 三级.
_LEADING_JUNK = re.compile(r"(?:首家|首个|一家|这家|该|[一二三四五六七八九十\d]+级)")
#: Endings that are too common alone to be a name.
_TOO_SHORT = 2
_NOT_NAMES = {"政府", "市政府", "党委", "市委", "大学", "学院", "集团", "公司", "中心",
              "研究中心", "服务中心", "系", "局", "厅", "智库", "科技", "日报", "大数据中心",
              "地方政府", "基层政府", "各级政府", "数字政府", "县级融媒体中心", "党群服务中心"}


@dataclass(frozen=True)
class OrgMention:
    """An organisation named at ``start``..``end``.

    Attributes
    ----------
    name : str
        The name as it is (or would be) in the graph.
    type : str
        The class it suggests (``GovernmentBody``, ``University`` …; ``Organisation`` if
        unsure).
    known : Known or None
        The graph's organisation of that name.
    inferred : bool
        The name is not written out (北海市政府 from 北海市委、市政府).
    """

    start: int
    end: int
    name: str
    type: str
    known: Known | None = None
    inferred: bool = False


def _start_of_name(text: str, end: int, limit: int = 24) -> int:
    start = end
    if start > 0 and text[start - 1] == "》":  # 《民生周刊》杂志社
        opening = text.rfind("《", max(0, start - limit), start)
        if opening != -1:
            return opening
    while start > 0 and end - start < limit and text[start - 1] not in _BREAK:
        if text[start - 1] == "与" and _ENDING_AT_END.search(text, 0, start - 1) \
                and text[start - 2:start - 1] != "系":
            break  # 杂志社与复旦发展研究院: two names; 传播与设计学院: one
        start -= 1
    lead = _LEAD.match(text[start:end])
    if lead:
        start += lead.end()
    return start


def _type_of(name: str) -> str:
    match = None
    for m in _ENDING.finditer(name):
        match = m
    if match is None or match.end() != len(name):
        return "Organisation"
    return ENDINGS[match.group()]


def find_organisations(text: str, index: NameIndex | None = None) -> list[OrgMention]:
    """Return the organisations named in ``text`` (simplified), in order.

    Parameters
    ----------
    text : str
        The simplified text.
    index : NameIndex, optional
        The graph's names; its organisations are found by name, nested ones too (the parent
        宁波市鄞州区委 inside 宁波市鄞州区委宣传部).
    """
    out: list[OrgMention] = []
    known_spans: dict[tuple[int, int], Known] = {}
    if index is not None:
        for m in index.find(text, "organisation"):
            known_spans[(m.start, m.end)] = m.known
            out.append(OrgMention(m.start, m.end, m.known.name, _type_of(m.known.name),
                                  m.known))
    covered = [span for span in known_spans]
    for match in _CENTRAL.finditer(text):
        if not any(s <= match.start() and match.end() <= e for s, e in covered):
            out.append(OrgMention(match.start(), match.end(), match.group(),
                                  CENTRAL_BODIES[match.group()]))
    for match in _ENDING.finditer(text):
        end = match.end()
        nxt = text[end:end + 1]
        if match.group() in _CLOSED and nxt and nxt not in _BREAK \
                and not _TITLE_AFTER.match(text, end):
            continue  # 系统, 局面, 科技创新, 党组织: not the end of a name
        if match.group() == "系" and (text[match.start() - 1:match.start()] == "体"
                                     or "学" not in text[max(0, match.start() - 16):end]):
            continue  # 体系; a department (系) only of a university or college
        start = _start_of_name(text, match.start())
        for junk in (_LEADING_JUNK, _PROVINCE_PREFIX):
            cut = junk.match(text, start, end)
            if cut and ENDINGS[match.group()] in ("GovernmentBody", "PartyOrganisation") \
                    or cut and junk is _LEADING_JUNK:
                start = cut.end()
        name = text[start:end]
        if match.group() in _NESTED_ONLY and not _ENDING.search(name[:-len(match.group())]):
            continue  # 中心 alone: 以人民为中心
        if len(name) <= _TOO_SHORT or name in _NOT_NAMES or name == match.group() \
                or ("与" in name and ENDINGS[match.group()] == "GovernmentBody"):
            continue
        if any(s <= start and end <= e for s, e in covered):
            continue  # inside a name the graph has
        if any(start <= s and e == end for s, e in covered):
            continue  # the graph's name, with words before it
        out.append(OrgMention(start, end, name, _type_of(name)))
        covered.append((start, end))
    out.extend(_coordinated(text, out, index))
    return sorted(out, key=lambda o: (o.start, -o.end))


_COORDINATED = re.compile(r"(市委|区委|县委|省委|州委|党委)、(?:(市|区|县|省|州)?政府)")


def _coordinated(text: str, found: list[OrgMention], index: NameIndex | None) -> list[OrgMention]:
    """``北海市委、市政府`` names 北海市政府 too; ``银川党委、政府`` names 银川政府."""
    out = []
    for match in _COORDINATED.finditer(text):
        party = next((o for o in found if o.end == match.start(1) + len(match.group(1))
                      and o.type == "PartyOrganisation"), None)
        if party is None:
            continue
        stem = party.name[: -len(match.group(1))]
        level = match.group(2) or ""
        for cut in ("省", "自治区"):  # 广西省北海市委: the city's government is 北海市政府
            if level != cut and cut in stem:
                stem = stem.split(cut, 1)[1] or stem
        name = stem + (match.group(1)[0] if match.group(1) != "党委" else "") + "政府"
        if level and not name.endswith(level + "政府"):
            name = stem + level + "政府"
        start = match.start(1) + len(match.group(1)) + 1
        known = None
        if index is not None:
            known = next((k for k in index.by_name.get(name, ()) if k.kind == "organisation"),
                         None)
        out.append(OrgMention(start, match.end(), known.name if known else name,
                              "GovernmentBody", known, inferred=True))
    return out
