"""The case template's schema: which records there are, their fields, and what each maps to.

A template holds *records*. Each record is one resource of the graph: a case, an organisation,
a platform, an expert, a post, an endorsement, a figure, a goal, an event … Every record has the
:data:`COMMON` fields (``id``, ``type``, ``label``, ``alt_labels``, ``description``,
``comment``, ``source``, ``extra``, ``statements``) and the fields of its :class:`Kind`. A field
maps to one RDF property; its ``kind`` says how the value is written:

==============  ================================================================================
kind            written as
==============  ================================================================================
``labels``      ``{zh: …, en: …}``; both languages required
``langtext``    ``{zh: …, en: …}``; either or both
``langlist``    ``{zh: [..], en: [..]}``
``date``        ``2021``, ``2021-11`` or ``2021-11-30`` (as precise as the source)
``integer``     digits
``number``      a number written the Chinese way or plainly: ``1.73亿``, ``20多``, ``97.99%``
``string``      plain text
``url``         ``https://…``
``ref``/``refs`` a reference (or a list): a template id, an IRI or ``ngr:`` CURIE, a label of a
                resource the graph already holds, a six-digit GB/T 2260 code for places; or,
                for kinds that can be nested, a whole record written in place
==============  ================================================================================

An *inverse* field lists records that point back at their owner: a case's ``figures`` are
observations whose ``ng:about`` is the case.

Examples
--------
>>> KINDS["figure"].field("value").predicate == NG.value
True
>>> kind_for_list("organisations").name
'organisation'
>>> [f.name for f in KINDS["post"].fields]
['title', 'organisation']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from ..namespaces import NG, SCHEMA


@dataclass(frozen=True)
class Field:
    """One field of a record.

    Attributes
    ----------
    name : str
        The key in the template.
    predicate : rdflib.URIRef
        The property it maps to.
    kind : str
        How the value is written (see the module documentation).
    target : str or None
        For references: the kind of record they point to.
    inverse : bool
        The records listed point to the owner (``<record> predicate <owner>``).
    required : bool
        The record is incomplete without it.
    doc : str
        One line for the template's documentation.
    """

    name: str
    predicate: URIRef
    kind: str
    target: str | None = None
    inverse: bool = False
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Kind:
    """A kind of record: its class, the IRI segment of new ones, and its own fields.

    ``keys`` are keys of its own that map to no property (a source's local ``text`` file).
    """

    name: str
    list_name: str
    cls: URIRef
    segment: str
    fields: tuple[Field, ...] = field(default_factory=tuple)
    needs_source: bool = False
    creatable: bool = True
    doc: str = ""
    keys: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        """Return the field called ``name`` (common fields included), or ``None``."""
        for item in self.fields + COMMON:
            if item.name == name:
                return item
        return None


#: Fields every record has (``id``, ``type``, ``extra`` and ``statements`` are handled apart).
COMMON: tuple[Field, ...] = (
    Field("label", RDFS.label, "labels", required=True,
          doc="the name, exactly one in zh and one in en"),
    Field("alt_labels", SKOS.altLabel, "langlist",
          doc="other names, e.g. as the source spells them"),
    Field("description", NG.description, "langtext", doc="a faithful description (zh) and its "
          "English translation"),
    Field("comment", RDFS.comment, "langtext", doc="a remark, zh and/or en"),
    Field("source", PROV.wasDerivedFrom, "refs", target="source",
          doc="the source document(s); defaults to the template's `source`"),
)

#: Keys every record may have besides its fields: ``existing`` names a resource the graph has
#: (the record adds facts to it), ``evidence`` quotes the source text that states the record,
#: ``review`` is a note left for a person (a template that still has one is refused).
SPECIAL_KEYS = ("id", "type", "extra", "statements", "referenced_by", "existing", "evidence",
                "review")

_F = Field

KINDS: dict[str, Kind] = {}


def _kind(*args: object, **kwargs: object) -> None:
    kind = Kind(*args, **kwargs)  # type: ignore[arg-type]
    KINDS[kind.name] = kind


_kind("case", "cases", NG.Case, "case", (
    _F("list_position", NG.listPosition, "integer", doc="position in a published list"),
    _F("start_date", NG.startDate, "date", doc="when it started"),
    _F("place", NG.locatedIn, "ref", target="place", required=True,
       doc="GB/T 2260 code (330523) or name of a place the graph knows"),
    _F("themes", NG.qualifiedTheme, "refs", target="theme_assignment",
       doc="themes, each with the source phrase that supports it: {theme: 公众参与 (a scheme "
       "label, zh or en, or an IRI), quote: {zh: …}, translation: {en: …}}; gives ng:hasTheme "
       "and an ng:ThemeAssignment"),
    _F("organisations", NG.responsibleOrganisation, "refs", target="organisation",
       doc="organisations that run, build or lead it"),
    _F("platforms", NG.usesPlatform, "refs", target="platform",
       doc="platforms, apps, hotlines, accounts, columns it uses"),
    _F("named_models", NG.namedModel, "refs", target="named_model",
       doc="names, models and slogans it uses"),
    _F("heading_name", NG.headingName, "langtext", doc="its name as written in a list heading"),
    _F("introduction_name", NG.introductionName, "langtext",
       doc="its name as written in an introduction"),
    _F("endorsements", NG.endorsedCase, "refs", target="endorsement", inverse=True,
       doc="experts' recommendations of it"),
    _F("figures", NG.about, "refs", target="figure", inverse=True, doc="figures about it"),
    _F("goals", NG.about, "refs", target="goal", inverse=True, doc="goals about it"),
    _F("events", NG.concerns, "refs", target="event", inverse=True, doc="events about it"),
), needs_source=True, doc="one governance practice")

_kind("organisation", "organisations", NG.Organisation, "org", (
    _F("part_of", NG.partOf, "ref", target="organisation", doc="the parent organisation"),
    _F("place", NG.locatedIn, "ref", target="place", doc="where it is"),
    _F("start_date", NG.startDate, "date", doc="when it was founded"),
    _F("designations", NG.designation, "refs", target="designation",
       doc="titles it holds (国家高端智库)"),
    _F("named_models", NG.namedModel, "refs", target="named_model", doc="names it uses"),
), doc="a government body, Party body, company, university, school, association …")

_kind("platform", "platforms", NG.Platform, "platform", (
    _F("part_of", NG.partOf, "ref", target="platform", doc="the platform it belongs to"),
    _F("operated_by", NG.operatedBy, "refs", target="organisation", doc="who runs it"),
    _F("developed_by", NG.developedBy, "refs", target="organisation", doc="who built it"),
    _F("hosted_on", NG.hostedOn, "ref", target="platform",
       doc="for an account: the service it lives on"),
    _F("connects_to", NG.connectsTo, "refs", target="platform", doc="platforms it links to"),
    _F("handle", NG.handle, "string", doc="an account's name as written (@胶东在线)"),
    _F("start_date", NG.startDate, "date", doc="when it was launched"),
    _F("named_models", NG.namedModel, "refs", target="named_model", doc="names it uses"),
), doc="a digital platform, app, portal, hotline, account, column or channel")

_kind("expert", "experts", NG.Expert, "person", (
    _F("affiliations", NG.affiliation, "refs", target="organisation",
       doc="the most specific units the person works in"),
    _F("posts", NG.holdsPost, "refs", target="post", doc="titles held in organisations"),
    _F("quote", NG.quote, "langtext", doc="the source's words about the person (zh)"),
), doc="a person who endorsed a case")

_kind("person", "people", NG.Person, "person", (
    _F("affiliations", NG.affiliation, "refs", target="organisation", doc="units"),
    _F("posts", NG.holdsPost, "refs", target="post", doc="titles held in organisations"),
    _F("quote", NG.quote, "langtext", doc="the source's words about the person (zh)"),
), doc="another person named by the source")

_kind("post", "posts", NG.Post, "post", (
    _F("title", NG.title, "langtext", required=True,
       doc="the title, e.g. {zh: 教授, en: Professor}"),
    _F("organisation", NG.postIn, "ref", target="organisation", doc="where it is held"),
), doc="one title held by one person in one organisation")

_kind("endorsement", "endorsements", NG.Endorsement, "endorsement", (
    _F("expert", NG.endorser, "ref", target="expert", required=True, doc="who wrote it"),
    _F("case", NG.endorsedCase, "ref", target="case", doc="the case (default: the owner)"),
    _F("text", NG.text, "langtext", required=True, doc="the recommendation as published (zh)"),
    _F("translation", NG.translation, "langtext", doc="an English translation"),
), needs_source=True, doc="an expert's recommendation of a case")

_kind("figure", "figures", NG.Observation, "obs", (
    _F("about", NG.about, "refs", target="any", doc="what it is about (default: the owner)"),
    _F("measure", NG.measure, "langtext", required=True, doc="what was counted, zh and en"),
    _F("value", NG.value, "number", required=True,
       doc="the number: 1.73亿, 4.5万, 20多, 97.99% or plain"),
    _F("unit", NG.unit, "langtext", doc="{zh: 件, en: items}; % gives percent"),
    _F("qualifier", NG.qualifier, "langtext",
       doc="how exact; filled in from 多/余/约 … when not given"),
    _F("period_start", NG.periodStart, "date", doc="start of the period covered"),
    _F("period_end", NG.periodEnd, "date", doc="end of the period covered"),
    _F("time_note", NG.timeNote, "langtext", doc="the source's time wording (截至目前)"),
    _F("stated_by", NG.statedBy, "refs", target="any", doc="who stated it"),
    _F("quote", NG.quote, "langtext", doc="the source's words (zh)"),
), needs_source=True, doc="one stated figure")

_kind("goal", "goals", NG.Goal, "goal", (
    _F("about", NG.about, "refs", target="any", doc="what it is about (default: the owner)"),
    _F("target_date", NG.targetDate, "date", doc="when it is to be reached"),
    _F("time_note", NG.timeNote, "langtext", doc="the source's time wording (年底前)"),
    _F("quote", NG.quote, "langtext", doc="the source's words (zh)"),
    _F("translation", NG.translation, "langtext", doc="their English translation"),
    _F("stated_by", NG.statedBy, "refs", target="any", doc="who stated it"),
), needs_source=True, doc="a stated target with a target date")

_kind("event", "events", NG.Event, "event", (
    _F("date", NG.date, "date", doc="when it happened"),
    _F("place", NG.locatedIn, "ref", target="place", doc="where it happened"),
    _F("concerns", NG.concerns, "refs", target="any", doc="cases or platforms it was about"),
    _F("venue", NG.venue, "ref", target="organisation", doc="the unit or premises"),
    _F("participants", NG.participant, "refs", target="any", doc="people or organisations"),
    _F("organisers", NG.organiser, "refs", target="organisation", doc="who held it"),
    _F("quote", NG.quote, "langtext", doc="the source's words (zh)"),
), needs_source=True, doc="something that happened on a date")

_kind("theme_assignment", "theme_assignments", NG.ThemeAssignment, "theme-assignment", (
    _F("theme", NG.theme, "ref", target="theme", required=True, doc="the theme"),
    _F("quote", NG.quote, "langtext", doc="the source phrase that supports it (zh)"),
    _F("translation", NG.translation, "langtext", doc="its English translation"),
), doc="a case's theme with the phrase that supports it")

_kind("named_model", "named_models", NG.NamedModel, "model", (
    _F("quote", NG.quote, "langtext", doc="the source's words (zh)"),
    _F("translation", NG.translation, "langtext", doc="their English translation"),
), doc="a meaningful name, model or slogan")

_kind("designation", "designations", NG.Designation, "designation", (),
      doc="a title conferred on an organisation")

_kind("book", "books", NG.Book, "book", (
    _F("authors", NG.author, "refs", target="any", doc="authors"),
    _F("publisher", NG.publisher, "ref", target="organisation", doc="publisher"),
), needs_source=True, doc="a book")

_kind("place", "places", NG.Place, "place", (
    _F("code", NG.adminCode, "string", doc="six-digit GB/T 2260 code"),
    _F("level", NG.adminLevel, "ref", target="any", doc="ng:CountyLevel …"),
    _F("part_of", NG.partOf, "ref", target="place", doc="the parent place"),
), doc="a place (new places need a parent the graph knows)")

_kind("source", "sources", NG.SourceDocument, "source", (
    _F("title", DCTERMS.title, "langtext", doc="the title as published"),
    _F("publisher", NG.publisher, "refs", target="organisation", doc="who published it"),
    _F("date", DCTERMS.issued, "date", doc="when it was published"),
    _F("url", SCHEMA.url, "url", doc="where it is online"),
    _F("identifier", DCTERMS.identifier, "string", doc="e.g. a file name"),
    _F("language", DCTERMS.language, "string", doc="e.g. zh"),
), doc="the document the facts come from", keys=("text",))

_kind("theme", "themes", NG.Theme, "theme", (), creatable=False,
      doc="a theme of the scheme (referred to, never created by a template)")


def kind_for_list(list_name: str) -> Kind | None:
    """Return the kind whose document-level list is called ``list_name``."""
    for kind in KINDS.values():
        if kind.list_name == list_name:
            return kind
    return None

