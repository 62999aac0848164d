"""Platforms named in article text: apps, accounts, hotlines, mini-programs, portals, columns.

The graph's platforms are found by name; others by the usual forms, the name often in
quotation marks: ``“爱安吉”APP``, ``微信公众号“胶东在线”``, ``新浪微博“@胶东在线”``,
``12345热线``, ``“随申办”小程序``, ``“码上议”平台``, ``“网上民声”栏目``.

Examples
--------
>>> found = find_platforms("开通微信公众号“青禾发布”和“青禾通”APP,12345热线")
>>> [(p.name, p.type) for p in found]  # doctest: +NORMALIZE_WHITESPACE
[('微信公众号“青禾发布”', 'WeChatOfficialAccount'), ('“青禾通”APP', 'MobileApp'),
 ('12345热线', 'Hotline')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import Known, NameIndex

_Q = r"[“\"「『]([^”\"」』\n]{1,20})[”\"」』]"
#: Kinds written after the quoted name, and their class.
_AFTER: dict[str, str] = {
    "APP": "MobileApp", "App": "MobileApp", "app": "MobileApp", "客户端": "MobileApp",
    "小程序": "Platform", "公众号": "WeChatOfficialAccount", "微信公众号": "WeChatOfficialAccount",
    "微博": "WeiboAccount", "政务微博矩阵": "AccountMatrix", "微博矩阵": "AccountMatrix",
    "热线": "Hotline", "平台": "Platform", "系统": "Platform", "网站": "WebPortal",
    "门户": "WebPortal", "栏目": "Column", "专栏": "Column", "频道": "Column",
    "视频号": "SocialMediaAccount", "抖音号": "SocialMediaAccount",
}
#: Kinds written before the quoted name.
_BEFORE: dict[str, str] = {
    "微信公众号": "WeChatOfficialAccount", "公众号": "WeChatOfficialAccount",
    "新浪微博": "WeiboAccount", "微博": "WeiboAccount", "微信视频号": "SocialMediaAccount",
    "视频号": "SocialMediaAccount", "抖音号": "SocialMediaAccount", "抖音": "SocialMediaAccount",
    "小程序": "Platform", "APP": "MobileApp", "App": "MobileApp",
}
_KINDS_AFTER = "|".join(sorted(map(re.escape, _AFTER), key=len, reverse=True))
_KINDS_BEFORE = "|".join(sorted(map(re.escape, _BEFORE), key=len, reverse=True))
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(f"({_KINDS_BEFORE}){_Q}"), "before"),
    (re.compile(f"{_Q}\\s*({_KINDS_AFTER})"), "after"),
    (re.compile(r"(?<![\d])(1\d{4}|\d{3,4}-?\d{7,8})(?:[\u4e00-\u9fff]{0,6}?)(热线|公开电话|服务热线)"),
     "hotline"),
    (re.compile(r"([\u4e00-\u9fff]{2,6}(?:APP|App))"), "bare"),
)


@dataclass(frozen=True)
class PlatformMention:
    """A platform named at ``start``..``end``: its name as written and the class it suggests."""

    start: int
    end: int
    name: str
    type: str
    known: Known | None = None


def find_platforms(text: str, index: NameIndex | None = None) -> list[PlatformMention]:
    """Return the platforms named in ``text`` (simplified), in order, not overlapping."""
    out: list[PlatformMention] = []
    if index is not None:
        for m in index.find(text, "platform"):
            if m.text != m.known.name and ("(" in m.known.name or "（" in m.known.name):
                continue  # 微信 is the bare name of 微信(成都市网络理政平台): not that one
            out.append(PlatformMention(m.start, m.end, m.known.name, "Platform", m.known))
    for pattern, form in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if form == "before":
                kind = _BEFORE[match.group(1)]
            elif form == "after":
                kind = _AFTER[match.group(2)]
            elif form == "hotline":
                kind = "Hotline"
            else:
                kind = "MobileApp" if not match.group(1).endswith("小程序") else "Platform"
                if re.search(r"[的在了和与及用等建]|^(?:移动|手机)", match.group(1)[:-3]):
                    continue
            if any(p.start <= start and end <= p.end for p in out):
                continue
            # a longer name (微信公众号“示例发布”) replaces the shorter ones inside it (微信)
            out = [p for p in out if not (start <= p.start and p.end <= end)]
            out.append(PlatformMention(start, end, text[start:end], kind))
    return sorted(out, key=lambda p: (p.start, -p.end))
