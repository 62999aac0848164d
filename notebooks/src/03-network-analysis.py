# %% [markdown]
# # 03 · Network analysis: how do the cases relate through the themes and experts they share?
#
# **The question this notebook answers:** *which of the ten cases are alike, which themes and
# institutions hold the field together, and what does that suggest about 网络理政 as the
# award's organisers saw it?*
#
# Researchers of network governance compare cases through the actors and themes they share:
# they build a two-mode network (case–theme, expert–institution), project it, and look at
# centrality and communities. `kg.network(name)` gives each of these as a networkx graph whose
# nodes carry the IRI, the zh and en labels and the class; `netgov_kg.network` holds the
# measures, the plots and the tables, as plain functions over networkx graphs.
#
# A word of caution before any number: there are **ten** cases, and their themes were assigned
# by the project from the article's own words (each link keeps the quote it rests on). Measures
# on a network this small describe *this list as the article presents it*, not Chinese
# internet governance at large. Read them as a structured way of looking at the list.

# %%
import warnings

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

import netgov_kg
from netgov_kg.network import centrality, communities, matrices, similarity, summary
from netgov_kg.network.plotting import find_cjk_font, plot_network

# networkx 3.6 warns that undirected edges ignore the arrow size; nothing is wrong.
warnings.filterwarnings("ignore", message="(?s).*arrowsize keyword")

kg = netgov_kg.load()
pd.options.display.float_format = "{:.3f}".format
pd.DataFrame(kg.network())  # the named projections

# %% [markdown]
# ## 1. The case–theme network
#
# A two-mode (bipartite) graph: the ten cases on one side, the themes on the other, an edge
# where the data says `ng:hasTheme`.

# %%
CT = kg.network("case-theme")
pd.Series(summary.summarize(CT), dtype=object).drop(["classes", "properties"])

# %% [markdown]
# `plot_network` colours nodes by class and sizes them by a centrality measure; it finds a font
# with Chinese glyphs through matplotlib's font manager (`find_cjk_font`), and falls back to
# English labels with a warning only if there is none.

# %%
fig, ax = plt.subplots(figsize=(11, 8))
plot_network(CT, ax=ax, layout="spring", size_by="degree", seed=3,
             title="案例—主题网络 · the case–theme network (size: degree)")
ax.figure.tight_layout()

# %% [markdown]
# One case sits apart: **宁波市鄞州区网络界联合会** (Yinzhou's internet federation) shares no
# theme with any other case — its themes, online social organisations and the governance of
# online society, are its own. That is why the graph has two components.

# %%
isolated = [
    CT.nodes[n]["label"] for comp in nx.connected_components(CT) if len(comp) < 10
    for n in comp if CT.nodes[n]["class"] == "Case"
]
print("cases outside the main component:", "、".join(isolated))

# %% [markdown]
# ## 2. Centrality: which themes and cases hold the network together?
#
# *Degree* counts links (a theme's degree is how many cases have it); *betweenness* measures
# how often a node lies on the shortest paths between others — a theme with high betweenness
# connects cases that would otherwise be far apart. Scores are networkx's normalised ones.

# %%
table = centrality.centrality_table(CT, ("degree", "betweenness", "eigenvector"))
table["cases"] = [CT.degree(n) if d["class"] == "Theme" else None
                  for n, d in CT.nodes(data=True)]
themes_table = (table[table["class"] == "Theme"]
                .sort_values(["betweenness", "label"], ascending=[False, True])
                .set_index("label")[["cases", "degree", "betweenness", "eigenvector"]])
themes_table.head(8)

# %%
cases_table = (table[table["class"] == "Case"]
               .sort_values(["betweenness", "label"], ascending=[False, True])
               .set_index("label")[["degree", "betweenness", "eigenvector"]])
cases_table

# %%
top_theme = themes_table.index[0]
top_case = cases_table.index[0]
print(f"The theme that bridges most: {top_theme}; the case that bridges most: {top_case}.")

# %% [markdown]
# **Reading the numbers.** The most central themes are the broad ones — grassroots governance
# (基层治理) and public participation (公众参与) — each shared by four cases, and they carry the
# highest betweenness: they are what links a county media app, a city district's community
# platform, a Party-building system and a village platform into one field. Specific themes
# (数字身份, 县级融媒体) belong to one case each and do not connect anything. Among the cases,
# “爱安吉”APP bridges most: it has the most themes (six), spanning media convergence, services
# and participation, so it sits between the "new media" cases and the "grassroots governance"
# cases.

# %% [markdown]
# ## 3. Communities: which cases group together?
#
# Two standard methods partition the network so that links fall mostly inside groups: Louvain
# and greedy modularity. Modularity (from −0.5 to 1) says how much more the links stay inside
# the groups than chance would give; above about 0.3 is usually read as clear structure.

# %%
rows = []
for method in communities.METHODS:
    partition = communities.detect(CT, method, seed=0)
    for i, group in enumerate(partition.communities, start=1):
        labels = sorted(group, key=lambda n: (CT.nodes[n]["class"], CT.nodes[n]["label"]))
        rows.append({
            "method": method,
            "modularity": round(partition.modularity, 3),
            "group": i,
            "cases": "、".join(CT.nodes[n]["label"] for n in labels
                              if CT.nodes[n]["class"] == "Case"),
            "themes": "、".join(CT.nodes[n]["label"] for n in labels
                               if CT.nodes[n]["class"] == "Theme"),
        })
pd.DataFrame(rows).set_index(["method", "modularity", "group"])

# %% [markdown]
# **Reading the groups.** Both methods find clear structure (modularity about 0.5), and both
# agree on the firmest pairs: **胶东在线** and **银川市政务微博矩阵**, the two government new-media
# cases (政务新媒体, 民生诉求, 舆论引导), and **上海“一网通办”** and **成都市网络理政平台**, the two
# service platforms. Beyond that the methods differ, which is itself a finding: with ten cases,
# the Party-building cases (北海, 深圳), the grassroots platforms (宝山, 腾讯为村) and the county
# media app (安吉) can be grouped in more than one reasonable way. Treat any single partition as
# one reading, not as *the* typology. (The partitions are the same on every store: the
# projections insert nodes in sorted order, which Louvain follows.)

# %% [markdown]
# ## 4. Similarity: which cases are most alike?
#
# Two cases are similar when they share themes. Jaccard similarity is |shared| / |all themes of
# the two|; `most_similar_pairs` lists the closest pairs with the themes that explain them.

# %%
pd.DataFrame(
    [{"case A": p.label_a, "case B": p.label_b, "Jaccard": p.score,
      "shared themes": "、".join(p.shared_themes)}
     for p in similarity.most_similar_pairs(CT, 6)]
)

# %% [markdown]
# `kg.similar_cases` answers the question for one case. Which cases resemble 上海“一网通办”?

# %%
pd.DataFrame(
    [{"case": s.label, "Jaccard": s.score, "shared themes": "、".join(s.shared_themes)}
     for s in kg.similar_cases("上海“一网通办”", k=3)]
)

# %% [markdown]
# The whole similarity matrix as a heat map (0 = no shared theme):

# %%
sim = similarity.similarity_matrix(CT)
plt.rcParams["font.family"] = [find_cjk_font("".join(sim.index))]
fig, ax = plt.subplots(figsize=(8, 6.5))
im = ax.imshow(sim.values, cmap="Blues", vmin=0, vmax=1)
ax.set_xticks(range(len(sim.columns)), sim.columns, rotation=60, ha="right", fontsize=8)
ax.set_yticks(range(len(sim.index)), sim.index, fontsize=8)
for i in range(len(sim.index)):
    for j in range(len(sim.columns)):
        if i != j and sim.values[i, j] > 0:
            ax.text(j, i, f"{sim.values[i, j]:.2f}", ha="center", va="center", fontsize=7)
fig.colorbar(im, ax=ax, shrink=0.8, label="Jaccard")
ax.set_title("案例相似度(共享主题) · case similarity by shared themes")
fig.tight_layout()

# %% [markdown]
# **Reading the similarities.** No pair shares more than three themes, and the closest pair
# (胶东在线 / 银川, Jaccard ≈ 0.43) still differs in more themes than it shares. The list
# deliberately spans different kinds of practice — a county media app, a city hotline platform,
# Party-building systems, a company's village platform, an association — and the low
# similarities show it: the ten are chosen for variety rather than as ten versions of one model.

# %% [markdown]
# ## 5. The expert–institution network
#
# Each case was endorsed by one expert. This directed network links each expert to the units
# they hold posts in (a school, a centre), each unit to its parent institution, and each expert
# to the case they endorsed. Which institutions stand behind the endorsements?

# %%
EI = kg.network("expert-institution")
pd.Series(summary.summarize(EI), dtype=object).drop(["properties"])

# %%
experts = {n for n, c in EI.nodes(data="class") if c == "Expert"}
behind = pd.DataFrame(
    [{"institution": EI.nodes[n]["label"], "type": EI.nodes[n]["type"],
      "experts": len(nx.ancestors(EI, n) & experts),
      "who": "、".join(sorted(EI.nodes[e]["label"] for e in nx.ancestors(EI, n) & experts))}
     for n, d in EI.nodes(data=True)
     if d["class"] == "Organisation" and EI.out_degree(n) == 0]
).sort_values(["experts", "institution"], ascending=[False, True])
behind.reset_index(drop=True)

# %% [markdown]
# The whole network falls apart into seven pieces, one per institution. Drawing the two
# pieces around the universities with more than one expert shows how the ties run: expert →
# unit → university, and expert → the case endorsed.

# %%
universities = ("中山大学", "复旦大学")
fig, axes = plt.subplots(1, 2, figsize=(14, 6.5))
for ax, name in zip(axes, universities):
    piece = next(c for c in nx.weakly_connected_components(EI)
                 if any(EI.nodes[n]["label"] == name for n in c))
    english = next(EI.nodes[n]["label_en"] for n in piece if EI.nodes[n]["label"] == name)
    plot_network(EI.subgraph(piece).copy(), ax=ax, layout="kamada_kawai", size_by="degree",
                 title=f"{name}的专家 · experts of {english}")
fig.tight_layout()

# %% [markdown]
# **Reading the network.** The endorsements come from a small academic circle: 中山大学 (Sun
# Yat-sen University) stands behind three of the ten experts, through three different units,
# and 复旦大学 — whose development institute and journalism school co-organised the award —
# behind two. Most other institutions contribute one expert each; one expert (邓兆安) speaks for
# an association rather than a university, and one (郑长忠) also holds a post at the State
# Council's counsellors' office. The network falls into seven pieces because no expert holds
# posts in two universities: each university forms its own piece (Fudan's joined by the State
# Council through 郑长忠).

# %% [markdown]
# ## 6. The case × theme matrix, ready for QCA
#
# Crisp-set Qualitative Comparative Analysis (QCA) starts from a table of cases × conditions
# with 0/1 values. `matrices.case_theme_matrix` gives the themes as conditions;
# `matrices.case_condition_matrix` adds conditions read off the full graph — the
# administrative level of the case's place, the kind of organisation responsible, and whether
# it uses two or more platforms. Which conditions to use is the analyst's decision; both tables
# save with `.to_csv()` for fsQCA, R's `QCA` package or a spreadsheet.

# %%
ct_matrix = matrices.case_theme_matrix(CT)
ct_matrix

# %%
conditions = matrices.case_condition_matrix(kg.network("full"))
conditions.loc[:, [c for c in conditions.columns if not c.startswith("theme: ")]]

# %%
print("cases × conditions:", conditions.shape,
      "| conditions every case meets:",
      [c for c in conditions.columns if conditions[c].all()] or "none")

# %% [markdown]
# ## What the networks show
#
# * The ten cases form one field held together by a few **broad themes** — grassroots
#   governance, public participation, digital government, citizens' appeals — while most themes
#   are particular to one case. Yinzhou's internet federation stands outside the field.
# * The **communities** are not robust: the two methods agree on little beyond two firm pairs (the
#   two government new-media cases, the two service platforms) and the isolated federation, so
#   typologies built on this list should be argued, not read off an algorithm.
# * The **experts** come mostly from a handful of universities, with 中山大学 and 复旦大学
#   prominent; this is a trait of the award's process worth keeping in mind when reading the
#   endorsements as independent assessments.
#
# Next: `04-validate-and-extend` adds a case (a fictional one) and checks it; every network here
# would include it at once.
