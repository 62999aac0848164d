# %% [markdown]
# # 06 · From an article to an added case
#
# **The question this notebook answers:** *I have a news report about a new case of 网络理政;
# how do I get it into the graph without typing everything by hand, and without trusting a
# machine blindly?*
#
# `kg.extract` (or `netgov-kg extract ARTICLE.txt --out draft.yaml`) reads the report and
# writes a **draft case template**: every place, figure, organisation, platform, expert and
# theme it finds, each with the sentence that states it (`evidence`, with offsets into the
# article) and a `review` note saying what a person must check. We
#
# 1. extract a draft from a short article,
# 2. look at what was found and at the review notes,
# 3. resolve the notes as a reviewer would, and
# 4. check the result with `add` and add it in memory.
#
# **The article is fictional**: 青禾通, 青禾大学, 林青禾 and the figures are invented; 安吉县 is
# a real county, used only as a place. Nothing is written to the repository.

# %%
import netgov_kg

ARTICLE = """安吉县“青禾通”APP上线两年 办件量突破12万件（虚构示例）
2026年3月，浙江省安吉县融媒体中心发布消息，由安吉县人民政府主办的“青禾通”APP自2024年3月上线以来，\
已接入政务部门30余个，注册用户约6.5万人。2025年1月至12月，“青禾通”受理群众诉求1.2万件，办结率达到98.5%。
青禾大学公共管理学院教授林青禾表示，这一做法推动了基层治理创新，提升了公众参与水平。
"""

kg = netgov_kg.load()
draft = kg.extract(ARTICLE, gazetteer=False,  # only the graph's places, so the output is stable
                   source_url="https://example.org/netgov-kg/fictional-article",
                   source_date="2026-03-20")
draft

# %% [markdown]
# ## 1. What was found
#
# `draft.figures`, `draft.places`, `draft.organisations` … hold what was found, with offsets
# into the article. The figures keep the hedge words (`30余` is 30 "more than", `约6.5万` is
# 65,000 "about"), and the period comes from the sentence around them:

# %%
import pandas as pd

pd.DataFrame([{"as written": ARTICLE[f.start:f.end], "value": f.value, "unit": f.unit,
               "qualifier": f.qualifier and f.qualifier[1], "measure (a guess)": f.measure}
              for f in draft.figures])

# %%
case = draft.cases[0]
print("place:", case["place"], "| organisations:", [o.name for o in draft.organisations])
print("platforms:", [p["label"]["zh"] for p in case["platforms"]])
print("themes:", [t["theme"] for t in case["themes"]])
print("expert:", [(e.name, [(p.title, p.unit) for p in e.posts]) for e in draft.experts])

# %% [markdown]
# Every record carries its evidence. The offsets are code points into the article as given,
# so the quote can always be found again:

# %%
figure = case["figures"][-1]
ev = figure["evidence"]
print(figure["value"], figure.get("period_start"), figure.get("period_end"))
print(ev["start"], ev["end"], ARTICLE[ev["start"]:ev["end"]] == ev["quote"])
print(ev["quote"])

# %% [markdown]
# ## 2. The review notes
#
# The draft never decides for the reader: English names, what a figure counts, which
# organisations run the case, whether a theme fits — the notes ask. `add` refuses a template
# that still has a `review` key.

# %%
for note in draft.review_items()[:8]:
    print("-", note)
print(f"… {len(draft.review_items())} notes in all")

# %% [markdown]
# ## 3. Resolve the notes
#
# A reviewer edits the YAML (`draft.write("draft.yaml")`); here we do the same edits in code:
# the English names, the measures, the organisations that run the case, and a lasting id. We
# keep only the themes that fit and drop the event the draft proposed for the press release.
# (The `evidence` keys are dropped too until `add` reads them, issue 13 items 0 and 3.)

# %%
import copy

doc = copy.deepcopy(draft.template)


def drop_keys(node):
    if isinstance(node, dict):
        node.pop("review", None)
        node.pop("evidence", None)
        for value in node.values():
            drop_keys(value)
    elif isinstance(node, list):
        for item in node:
            drop_keys(item)


drop_keys(doc)
doc["source"].update(id="fictional-qinghe-article",
                     label={"zh": doc["source"]["label"]["zh"],
                            "en": "Fictional article: the Qinghe Tong app two years on"})
english = {  # zh name: (a lasting id, the English name)
    "浙江省安吉县融媒体中心": ("fictional-anji-media-centre",
                          "Anji County Media Centre (fictional example)"),
    "安吉县人民政府": ("fictional-anji-government",
                "Anji County People's Government (fictional example)"),
    "青禾大学公共管理学院": ("fictional-qinghe-spa",
                    "School of Public Administration, Qinghe University (fictional)"),
    "青禾大学": ("fictional-qinghe-university", "Qinghe University (fictional)"),
}
renamed = {}
for org in doc["organisations"]:
    new_id, org["label"]["en"] = english[org["label"]["zh"]]
    renamed[org["id"]], org["id"] = new_id, new_id


def rename(node):  # the references to the draft's ids follow them
    if isinstance(node, dict):
        return {k: rename(v) for k, v in node.items()}
    if isinstance(node, list):
        return [rename(v) for v in node]
    return renamed.get(node, node) if isinstance(node, str) else node


doc = rename(doc)

case = doc["cases"][0]
case.update(id="fictional-qinghe-tong", label={"zh": "“青禾通”APP（虚构示例）",
                                               "en": "Qinghe Tong app (fictional example)"})
case["organisations"] = ["fictional-anji-government"]
case["themes"] = [t for t in case["themes"] if t["theme"] in ("基层治理", "公众参与")]
for t in case["themes"]:
    t["translation"] = {"en": "(translation of the quoted phrase)"}
case["platforms"][0]["label"]["en"] = "Qinghe Tong app (fictional)"
case["platforms"][0]["operated_by"] = "fictional-anji-government"
case.pop("events", None)
person = doc["people"][0]  # quoted in the article (not a recommendation of the case)
person["label"]["en"] = "Lin Qinghe (fictional)"
person["posts"][0]["title"]["en"] = "Professor"
measures = ["years since launch", "appeals handled", "government departments connected",
            "registered users", "appeals received", "completion rate"]
units = {"年": "years", "个": "departments", "人": "persons", "件": "appeals"}
for figure, measure in zip(case["figures"], measures):
    figure["measure"]["en"] = measure
    if "unit" in figure:
        figure["unit"]["en"] = units[figure["unit"]["zh"]]
    if "period_start" not in figure and "time_note" in figure:
        figure["time_note"]["en"] = "since its launch in March 2024"
    elif "period_start" not in figure:
        figure["time_note"] = {"zh": "来源未给出时间", "en": "the source gives no date"}
print([(f["value"], f["measure"]["en"], f.get("period_start"), f.get("time_note", {}).get("zh"))
       for f in case["figures"]])

# %% [markdown]
# ## 4. Check it, then add it
#
# `add --dry-run` maps the template, validates it with the whole graph and writes nothing;
# without `into=` the case is added in memory only.

# %%
import tempfile
from pathlib import Path

import yaml

path = Path(tempfile.mkdtemp(prefix="netgov-draft-")) / "draft.yaml"
path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
print(kg.add_cases(path, dry_run=True))

# %%
# `by` and `at` record who added the case and when (here fixed, so this page reads the same
# every time it is run; left out, they are your user name and the current time).
from datetime import datetime, timezone

summary = kg.add_cases(path, by="notebook 06", at=datetime(2026, 3, 20, tzinfo=timezone.utc))
print(kg.describe("“青禾通”APP（虚构示例）"))

# %% [markdown]
# The same from the command line:
#
# ```bash
# netgov-kg extract article.txt --out draft.yaml --source-url https://… --source-date 2026-03-20
# # resolve the review notes in draft.yaml, then
# netgov-kg add draft.yaml --dry-run
# netgov-kg add draft.yaml --into my-cases.ttl
# ```
#
# How well the extractor does on the seed article, measured against the graph itself, is in
# `docs/extract.md`.
