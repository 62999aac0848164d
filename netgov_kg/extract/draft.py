"""Assemble what the finders found into a draft case template, and write it.

A draft is the project's case template (``templates/case-template.yaml``) with, on every record
it proposes, ``evidence`` (the sentence that states it: ``quote``, ``start``, ``end``,
``prefix``, ``suffix``, offsets in code points into the article as given) and ``review`` (what a
person must check or fill in). ``add`` refuses a template that still has ``review`` keys.

An article that lists several cases under numbered headings (``1.“爱安吉”APP``) gives one
case per heading; any other article gives one case, named after its title.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

from ..terms import fold
from .dates import DateMention, find_dates
from .experts import ExpertMention, find_experts
from .figures import FoundFigure, find_figures
from .names import NameIndex
from .organisations import OrgMention, find_organisations
from .places import Place, PlaceFinder, PlaceMention, most_specific
from .platforms import PlatformMention, find_platforms
from .text import Article, Span
from .themes import ThemeMention, find_themes

#: A numbered heading of a list article: ``1.“爱安吉”APP``, ``2、成都市网络理政平台``.
_HEADING = re.compile(r"^[ \t]*(\d{1,2})\s*[.．、]\s*(\S[^\n。]{1,40})[ \t]*$", re.M)
#: A recommendation: ``推荐语:`` … ``(name unit title)``.
_ENDORSEMENT = re.compile(
    r"(?:推荐语|推荐理由|颁奖词|评语)\s*[:：]\s*(.+?)\s*[（(][^()（）]+[)）]\s*$", re.M)
#: Words that date the start of a practice.
_STARTED = re.compile(r"建成|启用|成立|上线|开通|推出|创立|创建|启动|设立|开始")
#: Words that make a sentence state a target rather than a result.
_GOAL = re.compile(r"力争|争取|目标|计划|预计|确保|要在|将于|将在")
#: A byline: 来源：青禾日报.
_BYLINE = re.compile(r"(?:来源|稿源|来源于)\s*[:：]\s*([^\s　，,。|｜]{2,20})")
#: How figures' English names are asked for.
_EN = "write the English name (label.en)"


@dataclass
class Section:
    """A part of the article about one case: its heading (if any) and its body."""

    heading: Span | None
    body: Span
    position: int | None = None


@dataclass(repr=False)
class Draft:
    """A draft case template read from an article, and what was found in it.

    Attributes
    ----------
    template : dict
        The draft as the case template (``to_yaml`` writes it).
    article : Article
        The article (original and simplified text).
    places, organisations, platforms, figures, dates, experts, themes : list
        Everything found, with offsets, for inspecting and measuring.

    Examples
    --------
    >>> import netgov_kg
    >>> netgov_kg.load().extract("青禾县推出“青禾通”APP,接入部门20多个。")  # doctest: +ELLIPSIS
    <Draft: 1 case, 1 figure, 0 places, 0 organisations, 1 platform, ...; 4 review notes>
    """

    template: dict[str, Any]
    article: Article
    places: list[PlaceMention] = field(default_factory=list)
    organisations: list[OrgMention] = field(default_factory=list)
    platforms: list[PlatformMention] = field(default_factory=list)
    figures: list[FoundFigure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    experts: list[ExpertMention] = field(default_factory=list)
    themes: list[ThemeMention] = field(default_factory=list)

    def __repr__(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return (f"<Draft: {n(len(self.cases), 'case')}, {n(len(self.figures), 'figure')}, "
                f"{n(len({m.place for m in self.places}), 'place')}, "
                f"{n(len({o.name for o in self.organisations}), 'organisation')}, "
                f"{n(len({p.name for p in self.platforms}), 'platform')}, "
                f"{n(len(self.experts), 'expert')}, "
                f"{n(len({t.theme.iri for t in self.themes}), 'theme')}; "
                f"{n(len(self.review_items()), 'review note')}>")

    @property
    def cases(self) -> list[dict[str, Any]]:
        """The draft's cases."""
        return list(self.template.get("cases", []))

    def review_items(self) -> list[str]:
        """Return every ``review`` note of the draft, with where it is (``cases[0].figures[2]``)."""
        out: list[str] = []

        def walk(node: Any, where: str) -> None:
            if isinstance(node, dict):
                if "review" in node:
                    out.append(f"{where or '(top)'}: {node['review']}")
                for key, value in node.items():
                    if key not in ("review", "evidence"):
                        walk(value, f"{where}.{key}" if where else key)
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    walk(item, f"{where}[{i}]")

        walk(self.template, "")
        return out

    def to_yaml(self) -> str:
        """Return the draft as YAML, with a header that says how to finish it.

        Examples
        --------
        >>> import netgov_kg
        >>> d = netgov_kg.load().extract("青禾县推出“青禾通”APP,接入部门20多个。")
        >>> "“青禾通”APP" in d.to_yaml()
        True
        """
        try:
            import yaml
        except ModuleNotFoundError as exc:
            from ..errors import InputError

            raise InputError("writing a draft needs PyYAML: pip install 'netgov-kg[extract]'"
                             ) from exc
        header = (
            "# netgov-kg draft made by `netgov-kg extract` from an article.\n"
            "# Every proposed record has `evidence` (the sentence that states it, with offsets\n"
            "# in code points into the article as given) and `review` (what to check or fill\n"
            "# in). Resolve each review note, then delete the `review` key: `netgov-kg add`\n"
            "# refuses a template that still has one. Check with `netgov-kg add FILE --dry-run`.\n"
        )
        body = yaml.safe_dump(self.template, allow_unicode=True, sort_keys=False, width=100,
                              default_flow_style=False)
        return header + body

    def write(self, path: str | PathLike[str]) -> None:
        """Write the draft to ``path`` (replaced atomically: on error the old file stays)."""
        from ..atomic import atomic_write_text

        atomic_write_text(path, self.to_yaml())


def sections(article: Article) -> list[Section]:
    """Split a list article at its numbered headings; any other article is one section.

    The part before the first heading (an introduction) is not a case.
    """
    text = article.simple
    headings = [m for m in _HEADING.finditer(text)]
    numbers = [int(m.group(1)) for m in headings]
    if len(headings) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        out = []
        for i, m in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            out.append(Section(Span(m.start(2), m.end(2)), Span(m.end(), end), int(m.group(1))))
        return out
    first = article.sentences()[0] if article.sentences() else Span(0, len(text))
    line_end = text.find("\n", first.start)
    if line_end != -1 and line_end - first.start <= 80 and "。" not in text[first.start:line_end]:
        return [Section(Span(first.start, line_end), Span(line_end, len(text)))]
    return [Section(None, Span(0, len(text)))]


class _Builder:
    """Builds the template from the mentions (one per article)."""

    def __init__(self, article: Article, found: Draft, index: NameIndex, *,
                 source_url: str | None, source_date: str | None) -> None:
        self.article, self.found, self.index = article, found, index
        self.tag = hashlib.sha1(article.original.encode("utf-8")).hexdigest()[:6]
        self.orgs: dict[str, dict[str, Any]] = {}
        self.endorsers: list[ExpertMention] = []
        self.org_refs: dict[str, str] = {}
        self.source_url, self.source_date = source_url, source_date

    def ev(self, start: int, end: int | None = None) -> dict[str, Any]:
        if end is None:
            return self.article.sentence_evidence(start)
        return self.article.evidence(start, end)

    def quote(self, start: int, end: int) -> str:
        span = self.article.clause_at(start, end)
        return self.article.original[span.start:span.end]

    def source(self) -> dict[str, Any]:
        text = self.article.original
        title_span = self.article.sentences()[0] if self.article.sentences() else Span(0, 0)
        title = text[title_span.start:title_span.end].strip()[:200]
        record: dict[str, Any] = {
            "id": f"draft-{self.tag}",
            "label": {"zh": title, "en": ""},
            "title": {"zh": title},
        }
        if self.source_date:
            record["date"] = self.source_date
        if self.source_url:
            record["url"] = self.source_url
        byline = _BYLINE.search(self.article.simple, 0, min(len(text), 300))
        notes = []
        if byline:
            name = byline.group(1)
            org = next((o for o in self.found.organisations if o.start == byline.start(1)), None)
            record["publisher"] = self.org_ref(org or OrgMention(
                byline.start(1), byline.end(1), name, "MediaOrganisation"))
            notes.append(f"the publisher is taken from the byline “{byline.group()}”")
        if not self.source_date:
            dated = next((d for d in self.found.dates if d.start < 300 and d.kind == "date"
                          and d.start_value and len(d.start_value) == 10), None)
            if dated is not None:
                record["date"] = dated.start_value
                notes.append(f"the date {dated.start_value} is the first full date of the "
                             "article; check it is the publication date")
        record["evidence"] = self.ev(title_span.start, title_span.end)
        missing = [w for w, v in (("date", record.get("date")), ("url", self.source_url))
                   if not v]
        record["review"] = ("Check the title; " + _EN
                            + ("; name the publisher (an organisation)"
                               if "publisher" not in record else "")
                            + "".join(f"; {n}" for n in notes)
                            + (f"; add {' and '.join(missing)}" if missing else "")
                            + "; give the source a lasting id.")
        return record

    def org_ref(self, org: OrgMention) -> str:
        """Return the reference to ``org`` (its graph label, or the id of its new record)."""
        key = fold(org.name)
        if key in self.org_refs:
            return self.org_refs[key]
        if org.known is not None:
            record = {"label": {"zh": org.known.name, "en": org.known.en},
                      "evidence": self.ev(org.start),
                      "review": f"The graph has it ({org.known.iri}); it is reused. Keep it "
                                "only if the article says something about it."}
            ref = org.known.name
        else:
            ref = f"draft-{self.tag}-org-{len(self.orgs) + 1}"
            record = {"id": ref, "type": org.type, "label": {"zh": org.name, "en": ""},
                      "evidence": self.ev(org.start),
                      "review": f"Check the name and the type ({org.type}); {_EN}; add "
                                "part_of (its parent) and place where the article says; "
                                "rename the id (keep references in step)."
                                + (" The name is inferred from a coordinated phrase."
                                   if org.inferred else "")}
        self.orgs[key] = record
        self.org_refs[key] = ref
        return ref

    def case(self, section: Section, index: int) -> dict[str, Any]:
        art, found = self.article, self.found
        body = section.body
        def inside(pos: int) -> bool:  # the heading (an article's title) counts too
            return body.start <= pos < body.end or bool(
                heading and heading.start <= pos < heading.end)

        heading = section.heading
        name = art.original[heading.start:heading.end].strip() if heading else ""
        endorse_spans = [m.span() for m in _ENDORSEMENT.finditer(art.simple, body.start, body.end)]

        def in_endorsement(pos: int) -> bool:
            return any(a <= pos < b for a, b in endorse_spans)

        case: dict[str, Any] = {"label": {"zh": name or "", "en": ""}}
        if section.position is not None:
            case["list_position"] = section.position
        if heading:
            case["heading_name"] = {"zh": name}
        case["evidence"] = self.ev(heading.start, heading.end) if heading else self.ev(body.start)
        notes = ["Check the case's name" if name else "Name the case", _EN,
                 "write a description (zh and en) faithful to the article"]
        for known in self.index.named(name, "case") if name else ():
            notes.append(f"the graph has a case of this name ({known.iri}): to add this "
                         "article's facts to it rather than a new case, write `existing:` "
                         "with its IRI (issue 13 item 3) and keep only the new facts")
        # place: named in the heading, else in the first sentence, else the most specific
        places = [m for m in found.places if inside(m.start) and not in_endorsement(m.start)]
        head_places = [m for m in found.places if heading and heading.start <= m.start
                       < heading.end]
        first = art.sentence_at(body.start + 1) if body.end > body.start else body
        first_places = [m for m in places if first.start <= m.start < first.end]
        place: Place | None = None
        for group in (head_places, first_places, places):
            coded = [m for m in group if m.place.code or m.place.level == 0]
            place = most_specific(coded)
            if place is not None:
                break
        ambiguous = sorted({p.path + f" ({p.code})" for m in places if m.ambiguous
                            for p in m.candidates})
        if ambiguous:
            notes.append("names shared by several places, none of whose ancestors the article "
                         "names: " + "; ".join(ambiguous))
        if place is not None:
            case["place"] = place.code or place.name
            notes.append(f"place: {place.path or place.name} ({place.code or 'no code'}) is the "
                         "most specific place named"
                         + (" in the heading" if place in {m.place for m in head_places} else "")
                         + "; others named: " + (", ".join(sorted({m.place.name for m in places
                                                                     if m.place != place}))
                                                  or "none"))
        else:
            case["place"] = ""
            notes.append("no place found: give a GB/T 2260 code or a place name")
        # start date: a date right before a start word (2024年3月上线), else the first date of
        # a sentence about a start
        dates = [d for d in found.dates if d.kind == "date" and inside(d.start)
                 and not in_endorsement(d.start)]
        started = next((d for d in dates if _STARTED.search(art.simple, d.end, d.end + 6)), None)
        if started is None:
            started = next((d for d in dates if _STARTED.search(
                art.simple, art.sentence_at(d.start).start, art.sentence_at(d.start).end)), None)
        if started is not None:
            case["start_date"] = started.start_value
            notes.append(f"start_date {started.start_value} from “{started.text}” in a "
                         "sentence about a start; check it dates the case itself")
        case["review"] = "; ".join(notes) + "."
        themes = self.themes(body, in_endorsement)
        if themes:
            case["themes"] = themes
        orgs = [o for o in found.organisations if inside(o.start) and not in_endorsement(o.start)]
        refs: list[str] = []
        for org in orgs:
            ref = self.org_ref(org)
            if ref not in refs:
                refs.append(ref)
        if refs:
            case["organisations"] = refs
        platforms = self.platforms(body, in_endorsement)
        if platforms:
            case["platforms"] = platforms
        endorsements = self.endorsements(body)
        if endorsements:
            case["endorsements"] = endorsements
        goals, goal_spans = self.goals(body, heading, in_endorsement)
        figures = [self.figure(f) for f in found.figures if inside(f.start)
                   and not in_endorsement(f.start)
                   and not any(a <= f.start < b for a, b in goal_spans)]
        if figures:
            case["figures"] = figures
        if goals:
            case["goals"] = goals
        events = self.events(body, in_endorsement)
        if events:
            case["events"] = events
        return case

    def themes(self, body: Span, skip: Any) -> list[dict[str, Any]]:
        out, seen = [], set()
        for m in self.found.themes:
            if body.start <= m.start < body.end and m.theme.iri not in seen:
                seen.add(m.theme.iri)
                out.append({"theme": m.theme.name, "quote": {"zh": self.quote(m.start, m.end)},
                            "evidence": self.ev(m.start),
                            "review": f"The phrase names the theme {m.theme.name} "
                                      f"({m.theme.en}); keep it only if the case is about it; "
                                      "add translation.en."})
        return out

    def platforms(self, body: Span, skip: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for p in self.found.platforms:
            if not body.start <= p.start < body.end or skip(p.start):
                continue
            key = fold(p.known.name if p.known else p.name)
            if key in seen:
                continue
            seen.add(key)
            if p.known is not None:
                out.append({"label": {"zh": p.known.name, "en": p.known.en},
                            "evidence": self.ev(p.start),
                            "review": f"The graph has it ({p.known.iri}); it is reused."})
            else:
                out.append({"type": p.type, "label": {"zh": p.name, "en": ""},
                            "evidence": self.ev(p.start),
                            "review": f"Check the name and the type ({p.type}); {_EN}; add "
                                      "operated_by / developed_by where the article says."})
        return out

    def posts(self, expert: ExpertMention) -> list[dict[str, Any]]:
        """Return the template's ``posts`` of ``expert``, each unit as an organisation."""
        posts = []
        for post in expert.posts:
            item: dict[str, Any] = {"title": {"zh": post.title, "en": ""}}
            unit = next((o for o in self.found.organisations if o.name == post.unit
                         or (o.known and post.unit in o.known.names)), None)
            if unit is not None:
                item["organisation"] = self.org_ref(unit)
            elif post.unit:
                item["organisation"] = self.org_ref(OrgMention(
                    expert.start, expert.end, post.unit, "Organisation"))
            posts.append(item)
        return posts

    def people(self) -> list[dict[str, Any]]:
        """Experts the article quotes or names outside a recommendation."""
        out = []
        for expert in self.found.experts:
            if expert in self.endorsers:
                continue
            clause = self.article.clause_at(expert.start, expert.end)
            out.append({"label": {"zh": expert.name, "en": ""}, "posts": self.posts(expert),
                        "quote": {"zh": self.article.original[clause.start:clause.end]},
                        "evidence": self.ev(expert.start),
                        "review": "A person the article names with a title: write the name in "
                                  "pinyin (label.en) and the titles in English; add "
                                  "affiliations; delete the record if the case does not need "
                                  "it."})
        return out

    def endorsements(self, body: Span) -> list[dict[str, Any]]:
        art, out = self.article, []
        for m in _ENDORSEMENT.finditer(art.simple, body.start, body.end):
            expert = next((e for e in self.found.experts if m.start() <= e.start < m.end()), None)
            if expert is None:
                continue
            self.endorsers.append(expert)
            posts = self.posts(expert)
            record = {
                "expert": {"label": {"zh": expert.name, "en": ""}, "posts": posts,
                           "evidence": self.ev(expert.start, expert.end),
                           "review": "Write the name in pinyin (label.en) and the titles in "
                                     "English; add affiliations (the most specific units)."},
                "text": {"zh": art.original[m.start(1):m.end(1)]},
                "evidence": self.ev(m.start(1), m.end(1)),
                "review": "Check the recommendation's text; add translation.en.",
            }
            out.append(record)
        return out

    def figure(self, f: FoundFigure) -> dict[str, Any]:
        art = self.article
        sent = art.sentence_at(f.start)
        record: dict[str, Any] = {"measure": {"zh": f.measure}, "value": f.written}
        if f.unit and f.unit != "%":
            record["unit"] = {"zh": f.unit}
        notes = ["name what was counted (measure zh and en)"]
        if f.unit_guessed:
            notes.append(f"the unit {f.unit} is not written next to the number; check it")
        elif f.unit is None:
            notes.append("no measure word follows the number: give the unit")
        if f.unit and f.unit != "%":
            notes.append("write the unit in English")
        period = next((d for d in self.found.dates if d.kind == "period"
                       and sent.start <= d.start < sent.end), None)
        note = next((d for d in reversed(self.found.dates) if d.kind == "note"
                     and sent.start <= d.start < f.start), None) or next(
            (d for d in self.found.dates if d.kind == "note" and sent.start <= d.start < sent.end),
            None)
        if period is not None:
            if period.start_value:
                record["period_start"] = period.start_value
            record["period_end"] = period.end_value
            if not period.start_value:  # 截至2024年6月底: the figure as of that date
                record["time_note"] = {"zh": art.original[period.start:period.end]}
                notes.append("add time_note.en")
            notes.append(f"period from “{art.original[period.start:period.end]}”")
        elif note is not None:
            record["time_note"] = {"zh": art.original[note.start:note.end]}
            notes.append("add time_note.en")
        else:
            notes.append("the sentence gives no time: say so in time_note "
                         "({zh: 来源未给出时间, en: the source gives no date}) or add a period")
        record["quote"] = {"zh": self.quote(f.start, f.end)}
        record["evidence"] = self.ev(f.start)
        record["review"] = "; ".join(notes) + "."
        return record

    def goals(self, body: Span, heading: Span | None,
              skip: Any) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
        """Targets: each date in a sentence that states a target (力争, 目标 …) is one goal.

        Returns the goals and the sentences they come from (whose numbers are targets, not
        figures).
        """
        art, out, spans = self.article, [], []
        for sent in art.sentences():
            if not (body.start <= sent.start < body.end) or skip(sent.start):
                continue
            if not _GOAL.search(art.simple, sent.start, sent.end):
                continue
            dates = [d for d in self.found.dates if sent.start <= d.start < sent.end
                     and d.kind in ("date", "period") and (d.end_value or d.start_value)]
            if not dates:
                continue
            spans.append((sent.start, sent.end))
            targets = [f for f in self.found.figures if sent.start <= f.start < sent.end]
            for date in dates:
                clause = art.clause_at(date.start, date.end)
                words = art.original[clause.start:clause.end].rstrip("，,。；;")
                words = words[1:] if words.startswith("是") else words
                record: dict[str, Any] = {
                    "label": {"zh": words[:60], "en": ""},
                    "target_date": (date.end_value or date.start_value),
                }
                note = next((d for d in self.found.dates if d.kind == "note"
                             and date.end - 1 <= d.start <= date.end + 1), None)
                wording = art.original[date.start:(note.end if note else date.end)]
                if note is not None or date.kind == "period":
                    record["time_note"] = {"zh": wording}
                record["quote"] = {"zh": words}
                record["evidence"] = self.ev(sent.start)
                record["review"] = (
                    "A target stated with a date: name it (label zh and en), check the target "
                    "date" + (" and add time_note.en" if "time_note" in record else "")
                    + "; add translation.en"
                    + (f"; its numbers ({', '.join(f.written for f in targets)}) are targets, "
                       "not figures" if targets else "") + ".")
                out.append(record)
        return out, spans

    def events(self, body: Span, skip: Any) -> list[dict[str, Any]]:
        out = []
        for d in self.found.dates:
            if d.kind == "date" and d.start_value and len(d.start_value) == 10 \
                    and body.start <= d.start < body.end and not skip(d.start):
                sent = self.article.sentence_at(d.start)
                if _GOAL.search(self.article.simple, sent.start, sent.end) \
                        or _BYLINE.search(self.article.simple, sent.start, sent.end):
                    continue  # a target date (see goals), or the article's own date
                out.append({"label": {"zh": self.article.original[sent.start:sent.end][:60],
                                      "en": ""},
                            "date": d.start_value,
                            "quote": {"zh": self.article.original[sent.start:sent.end]},
                            "evidence": self.ev(d.start),
                            "review": "An event on a stated day: name it (zh and en), add "
                                      "participants, place and venue, or delete it."})
        return out


def build_draft(text: str, index: NameIndex, *, source_url: str | None = None,
                source_date: str | None = None) -> Draft:
    """Find everything in ``text`` and assemble the draft (:func:`netgov_kg.extract.extract`)."""
    article = Article(text)
    simple = article.simple
    dates = find_dates(simple)
    found = Draft({}, article, dates=dates)
    found.places = PlaceFinder(index).find(simple)
    found.organisations = find_organisations(simple, index)
    found.platforms = find_platforms(simple, index)
    found.figures = find_figures(simple, skip=[(d.start, d.end) for d in dates
                                               if d.kind != "note"])
    found.experts = find_experts(simple)
    found.themes = find_themes(simple, index)
    builder = _Builder(article, found, index, source_url=source_url, source_date=source_date)
    cases = [builder.case(section, i) for i, section in enumerate(sections(article))]
    people = builder.people()
    template: dict[str, Any] = {"source": builder.source()}
    if builder.orgs:
        template["organisations"] = list(builder.orgs.values())
    if people:
        template["people"] = people
    template["cases"] = cases
    found.template = template
    return found
