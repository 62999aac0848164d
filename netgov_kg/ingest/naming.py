"""Names of new records: labels made up from their parts, and the slugs of their IRIs.

The functions here are the ``auto_label`` and ``slug`` behaviours of the kinds
(:mod:`.kinds`). A figure without a label is called after its owner and its measure
(``示例案例：受理议题数`` / ``Example case: topics received``), and its IRI after its owner's
and its measure's (``ngr:obs/<case-id>-topics-received``).
"""

from __future__ import annotations

from rdflib import URIRef

from . import values as V
from .schema import KINDS, Kind
from .state import MapState, Record


def names_of(st: MapState, iri: URIRef | None) -> dict[str, str]:
    """Return the zh and en names of a record of the template or a resource of the graph."""
    if iri is None:
        return {"zh": "", "en": ""}
    if iri in st.by_iri:
        got = V.lang_map(st.doc, st.by_iri[iri].path + ("label",))
        if got:
            return got
    return {lang: st.index.names.get(iri, {}).get(lang, str(iri).rsplit("/", 1)[-1])
            for lang in ("zh", "en")}


def _owner(st: MapState, record: Record) -> dict[str, str]:
    return names_of(st, record.owner.iri) if record.owner else {"zh": "", "en": ""}


def _ref(st: MapState, record: Record, key: str) -> dict[str, str]:
    from .references import reference_or_none

    return names_of(st, reference_or_none(st, record.path + (key,), _target(record, key)))


def _target(record: Record, key: str) -> Kind:
    """Return the kind the field ``key`` of ``record`` refers to."""
    fld = record.kind.field(key)
    assert fld is not None and fld.target is not None
    return KINDS[fld.target]


def figure_label(st: MapState, record: Record) -> dict[str, str]:
    """``<owner>：<measure>``."""
    owner = _owner(st, record)
    measure = V.lang_map(st.doc, record.path + ("measure",))
    return {"zh": f"{owner['zh']}：{measure.get('zh', '')}".strip("："),
            "en": f"{owner['en']}: {measure.get('en', '')}".strip(": ")}


def endorsement_label(st: MapState, record: Record) -> dict[str, str]:
    """``<expert>对<case>的推荐语``."""
    owner, expert = _owner(st, record), _ref(st, record, "expert")
    return {"zh": f"{expert['zh']}对{owner['zh']}的推荐语",
            "en": f"{expert['en']}'s endorsement of {owner['en']}"}


def post_label(st: MapState, record: Record) -> dict[str, str]:
    """``<person>：<organisation><title>``."""
    owner, org = _owner(st, record), _ref(st, record, "organisation")
    title = V.lang_map(st.doc, record.path + ("title",))
    return {"zh": f"{owner['zh']}：{org['zh']}{title.get('zh', '')}",
            "en": f"{owner['en']}: {title.get('en', '')}, {org['en']}".strip(", ")}


def theme_assignment_label(st: MapState, record: Record) -> dict[str, str]:
    """``<case> — <theme>``."""
    owner, theme = _owner(st, record), _ref(st, record, "theme")
    return {"zh": f"{owner['zh']} — {theme['zh']}", "en": f"{owner['en']} — {theme['en']}"}


def label_required(st: MapState, record: Record) -> dict[str, str]:
    """No label can be made up: say so."""
    raise st.doc.error(f"a {record.kind.name} needs a label in zh and en",
                       record.path + ("label",))


# -- slugs ------------------------------------------------------------------------------------
def owner_slug(st: MapState, record: Record) -> str:
    """Return the last segment of the owner's IRI (minted first if need be), or ``""``."""
    from .mint import assign_iri

    owner = record.owner
    if owner is None:
        return ""
    if owner.iri is None:
        assign_iri(st, owner)
    return str(owner.iri).rsplit("/", 1)[-1]


def _joined(st: MapState, record: Record, part: str) -> str:
    return "-".join(p for p in (owner_slug(st, record), V.slugify(part)) if p)


def label_slug(st: MapState, record: Record) -> str:
    """Slug from the English label, or the owner's slug when there is none."""
    names = V.lang_map(st.doc, record.path + ("label",))
    return V.slugify(names["en"]) if "en" in names else owner_slug(st, record)


def owned_label_slug(st: MapState, record: Record) -> str:
    """Slug from the owner's slug and the English label."""
    return _joined(st, record, V.lang_map(st.doc, record.path + ("label",)).get("en", ""))


def figure_slug(st: MapState, record: Record) -> str:
    """Slug from the owner's slug and the measure in English."""
    return _joined(st, record, V.lang_map(st.doc, record.path + ("measure",)).get("en", "figure"))


def post_slug(st: MapState, record: Record) -> str:
    """Slug from the owner's slug and the title in English."""
    return _joined(st, record, V.lang_map(st.doc, record.path + ("title",)).get("en", "post"))


def goal_slug(st: MapState, record: Record) -> str:
    """Slug from the owner's slug and the English label (or the target date)."""
    names = V.lang_map(st.doc, record.path + ("label",))
    return _joined(st, record, names.get("en") or str(
        V.get(st.doc, record.path + ("target_date",)) or "goal"))


def theme_assignment_slug(st: MapState, record: Record) -> str:
    """``<owner>/<theme>``: one assignment of a theme per case."""
    from .references import reference

    owner = owner_slug(st, record)
    theme = reference(st, record.path + ("theme",), _target(record, "theme"))
    return f"{owner}/{str(theme).rsplit('/', 1)[-1]}" if owner else ""
