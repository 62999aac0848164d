"""Experts named in article text, with their posts and units.

Two forms are common in government news and award citations: an attribution in brackets
after a recommendation — ``(张志安 中山大学传播与设计学院教授、国家高端智库中山大学粤港澳
发展研究院副院长)`` — and a name next to a title in running text — ``复旦大学新闻学院沈国麟
教授``, ``网络理政中心副主任沈国麟教授在发布会上介绍``. A name is a common Chinese surname
and one or two characters.

Examples
--------
>>> e = find_experts("(林青禾 青禾大学公共管理学院教授、博士生导师)")[0]
>>> e.name, [(p.title, p.unit) for p in e.posts]
('林青禾', [('教授', '青禾大学公共管理学院'), ('博士生导师', '青禾大学公共管理学院')])
>>> [(e.name, e.posts[0].title) for e in find_experts("青禾大学副教授王小明表示,")]
[('王小明', '副教授')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Common single-character surnames (the hundred most frequent and more) and compound ones.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙")
#: Titles and posts.
TITLES = (
    "高级研究员", "副研究员", "研究员", "副教授", "教授", "讲师", "博士生导师", "硕士生导师",
    "副主任", "主任", "副院长", "院长", "副所长", "所长", "副会长", "会长", "理事长", "秘书长",
    "副书记", "书记", "副局长", "局长", "副部长", "部长", "副市长", "市长", "县长", "区长",
    "副主席", "主席", "总编辑", "高级编辑", "主编", "社长", "台长", "首席专家", "专家",
    "董事长", "总经理", "负责人", "副校长", "校长", "系主任", "博导", "研究员级高级工程师",
)
_TITLE = "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True))
_NAME = f"(?:{'|'.join(COMPOUND_SURNAMES)}|[{SURNAMES}])[\u4e00-\u9fff]{{1,2}}?"
#: (name  unit-title、unit-title) in brackets.
_ATTRIBUTION = re.compile(f"[（(]\\s*({_NAME})\\s*[ ,，、]\\s*([^()（）\\n]{{2,120}})[)）]")
#: unit? title name title? — in running text.
_INLINE = re.compile(f"(?:({_TITLE})({_NAME})(?={_TITLE}|表示|介绍|认为|指出|说|称|在|强调|"
                     f"建议))|(?:(?<=[学院部心所])({_NAME})({_TITLE}))")
_UNIT_END = re.compile(r"(?:大学|学院|研究院|研究所|研究中心|中心|实验室|系|联合会|协会|学会|"
                       r"部|委|局|厅|办|政府|集团|公司|报社|杂志社|出版社|电视台|室|智库)")


@dataclass(frozen=True)
class Post:
    """A title held in a unit (``unit`` is ``""`` when the text names none)."""

    title: str
    unit: str


@dataclass(frozen=True)
class ExpertMention:
    """A person named at ``start``..``end`` with the posts the text gives."""

    start: int
    end: int
    name: str
    posts: tuple[Post, ...] = field(default_factory=tuple)


def _posts(text: str) -> tuple[Post, ...]:
    """Split ``中山大学传播与设计学院教授、国家高端智库…副院长`` into posts."""
    posts: list[Post] = []
    for part in re.split(r"[、,，;；]", text):
        part = part.strip()
        if not part:
            continue
        titles = list(re.finditer(_TITLE, part))
        if not titles:
            continue
        last = titles[0]
        unit = part[:last.start()].strip(" ·")
        if "·" in unit:  # 上海高校智库·复旦大学…中心: the designation, then the unit
            unit = unit.rsplit("·", 1)[1]
        designation = re.match(r"[^\s]{2,10}?智库", unit)
        if designation and len(unit) > designation.end() + 1:
            unit = unit[designation.end():]  # 国家高端智库中山大学…研究院: the unit after it
        title = part[last.start():].strip()
        if not unit and posts:
            unit = posts[-1].unit
        if unit and not _UNIT_END.search(unit):
            title, unit = part.strip(), posts[-1].unit if posts else ""
        posts.append(Post(title, unit))
    return tuple(posts)


def find_experts(text: str) -> list[ExpertMention]:
    """Return the experts named in ``text`` (simplified), in order."""
    out: list[ExpertMention] = []
    for match in _ATTRIBUTION.finditer(text):
        posts = _posts(match.group(2))
        if posts:
            out.append(ExpertMention(match.start(1), match.end(1), match.group(1), posts))
    for match in _INLINE.finditer(text):
        if match.group(2):
            name, title, start = match.group(2), match.group(1), match.start(2)
        else:
            name, title, start = match.group(3), match.group(4), match.start(3)
        if any(e.name == name for e in out) or any(t.startswith(name) for t in TITLES):
            continue
        unit_match = re.search(r"([^，,。；;、：:（）()“”\s]{2,30})$",
                               text[max(0, match.start() - 30):match.start()])
        unit = unit_match.group(1) if unit_match and _UNIT_END.search(unit_match.group(1)) else ""
        unit = re.sub(r"^.*(?:由|在|和|与|及|对|的)", "", unit) if unit else ""
        out.append(ExpertMention(start, start + len(name), name, (Post(title, unit),)))
    return sorted(out, key=lambda e: e.start)
