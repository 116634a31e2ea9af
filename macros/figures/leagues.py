"""League tables: entities ranked by a figure over the case studies and savings credited to them (the rule in
`attribution`), each with its counting rule and what its rows add up to beside the total of the case studies in
scope."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..content import models

ENTITY_REGISTERS = {"partnership": "partnerships", "programme": "programmes", "theme": "themes",
                    "authority": "authorities", "sub_region": "sub_regions"}
ENTITY_HEADINGS = {"partnership": "Partnership", "programme": "Programme", "theme": "Theme",
                   "authority": "Authority", "sub_region": "Sub-region"}
ENTITY_PLURALS = {"partnership": "Partnerships", "programme": "Programmes", "theme": "Themes",
                  "authority": "Authorities", "sub_region": "Sub-regions"}
LEAGUE_ENTITIES = {
    # entity -> (frame column holding the case study's members, is it a set?)
    "partnership": ("partnership", False), "programme": ("programme", False), "theme": ("themes", True),
    "authority": ("authorities", True), "sub_region": ("sub_regions", True),
}
LEAGUE_METRICS = {
    "delivered": "Savings delivered",
    "forecast": "Savings forecast",
    "roi": "Savings delivered per £1 invested",
    "cashable_share": "Cashable share of savings delivered",
    "case_studies": "Number of case studies",
}
CREDITS = ("full", "equal-share")
# Who may share a saving: only the councils a case study names (and through them, their sub-regions).
SHARED_ENTITIES = ("authority", "sub_region")
SHARED_METRICS = ("delivered", "forecast")
ADDITIVE_METRICS = ("delivered", "forecast", "case_studies")
MEMBERSHIP = {  # how a case study belongs to a row, for the rule under the table
    "partnership": "of each partnership", "programme": "of each programme", "theme": "under each theme",
    "authority": "naming each council", "sub_region": "naming a council in each sub-region",
}
SAVINGS_OF = {  # whose savings a row sums, for the rule under the table
    "partnership": "stated in the case studies of each partnership",
    "programme": "stated in the case studies of each programme",
    "theme": "stated in the case studies under each theme",
    "authority": ("credited to each council: those of the case studies naming it, less any the source gives for "
                  "other councils only or for an area as a whole"),
    "sub_region": "credited to the councils of each sub-region (as to a council), each saving counted once",
}
OVERLAP = {  # why rows of savings may add to more than the total, in each entity's words
    "theme": "a case study under several themes counts in full under each",
    "authority": "a saving credited to several councils counts in full for each",
    "sub_region": "a saving credited to councils in several sub-regions counts in full for each",
}
COUNT_OVERLAP = {  # the same for rows of case studies
    "theme": "a case study under several themes counts under each",
    "authority": "a case study naming several councils counts for each",
    "sub_region": "a case study naming councils in several sub-regions counts for each",
}
SHARE_RULE = {
    "authority": "each saving is split equally among the councils it is credited to",
    "sub_region": ("each saving is split equally among the councils it is credited to, and a sub-region gets the "
                   "shares of its councils"),
}
NOT_CREDITED = ("Area-wide work, whose source names no council, and savings the source gives for an area as a whole "
                "are credited to none and are in no row.")


# A saving of one basis, after "a delivered …": "a delivered total over a period".
SAVING_WORDS = {"all": "saving", "one-off": "one-off saving", "per-year": "saving a year", "total": "total over a period"}


def describe_missing_evidence(entity: str, metric: str, basis: str, min_case_studies: int = 1,
                              one: bool = False, case_studies: str = "case studies") -> str:
    """Why an entity with case studies in scope has no row in a league, said of one entity or of several;
    `case_studies` names those in scope ('case studies matching Procurement')."""
    their, them, each = ("its", "it", "it") if one else ("their", "them", "each")
    saving = f"{'delivered' if metric in ('roi', 'cashable_share') else metric} {SAVING_WORDS[basis]}"
    some = f"fewer than {min_case_studies} of {their} {case_studies}" if min_case_studies > 1 else None
    if metric == "case_studies":
        return f"{'it has' if one else 'each has'} fewer than {min_case_studies} {case_studies}"
    if metric == "roi":
        both = f"both an investment and a {saving}" + (f" credited wholly to {them}" if entity in SHARED_ENTITIES else "")
        return (f"{some} state {both}" if some else f"none of {their} {case_studies} states {both}") \
            + f", so no return on investment can be worked out for {them}"
    if entity in SHARED_ENTITIES:
        missing = (f"fewer than {min_case_studies} {case_studies} with a {saving} are credited to {each}" if some
                   else f"no {saving}{'' if case_studies == 'case studies' else f' of the {case_studies}'} is "
                        f"credited to {them}")
    else:
        missing = f"{some} report a {saving}" if some else f"none of {their} {case_studies} reports a {saving}"
    return missing + (", so there is no cashable share to work out" if metric == "cashable_share" else "")


def overlap_reason(entity: str, metric: str) -> str | None:
    """Why the rows of a league may add to more than its total, or None where they cannot."""
    return (COUNT_OVERLAP if metric == "case_studies" else OVERLAP).get(entity)


BASIS_WORDS = {"all": "one-off amounts, amounts a year (one year each) and totals over a period, added as stated",
               "one-off": "one-off amounts only", "per-year": "amounts a year only",
               "total": "totals over a period only"}


@dataclass(frozen=True)
class League:
    """A ranked table of entities by one metric, with the rule each figure follows and what its rows add up to."""

    entity: str
    metric: str
    basis: str
    table: pd.DataFrame     # columns: id, rank, tied, value, case_studies, evidence
    left_out: tuple         # ids of the entities with case studies in scope but without the evidence the figure needs
    rule: str               # how the figure is computed, printed under the table
    credit: str = "full"
    rows_total: float | None = None      # the rows added up (additive metrics only)
    scope_total: float | None = None     # the same figure over every case study in scope, each counted once
    scope_case_studies: int = 0          # case studies in scope
    uncounted: float | None = None       # the part of scope_total that is in no row (e.g. area-wide work)
    min_case_studies: int = 1

    @property
    def excluded(self) -> int:
        return len(self.left_out)

    def left_out_reason(self, one: bool = False, case_studies: str = "case studies") -> str:
        """Why the entities left out have no row, in plain words ('none of their case studies states both …');
        `one`: said of a single entity; `case_studies`: the case studies in scope ('case studies matching …')."""
        return describe_missing_evidence(self.entity, self.metric, self.basis, self.min_case_studies, one,
                                         case_studies)

    @property
    def overlaps(self) -> bool:
        """Whether the rows add to more than the case studies in scope: a case study counted in several rows."""
        return (self.rows_total is not None and self.scope_total is not None
                and self.rows_total > self.scope_total - (self.uncounted or 0) + 1e-6)

    def order(self) -> list[tuple[str, int]]:
        return list(zip(self.table["id"], self.table["rank"]))


def members(frame: pd.DataFrame, entity: str) -> pd.DataFrame:
    """(slug, entity id) rows: one per case study per entity it belongs to (for an authority or a sub-region: that
    it names), for counting case studies."""
    column, is_set = LEAGUE_ENTITIES[entity]
    pairs = frame[["slug", column]].rename(columns={column: "id"}).reset_index(drop=True)
    if is_set:
        pairs = pairs.assign(id=pairs["id"].map(sorted)).explode("id")
    return pairs.dropna(subset=["id"]).reset_index(drop=True)


CREDIT_COLUMNS = {"authority": "authorities", "sub_region": "sub_regions"}  # the savings frame's credited ids


def saving_members(frame: pd.DataFrame, savings: pd.DataFrame, entity: str, credit: str = "full") -> pd.DataFrame:
    """(saving, slug, id, share) rows: each saving of a case study in `frame` with each entity it counts for. By
    authority or sub-region, a saving counts only for the councils it is credited to (`attribution`) and their
    sub-regions — in full, or in equal shares; otherwise for every entity its case study belongs to, in full."""
    in_scope = savings[savings["slug"].isin(frame.index)]
    if entity in SHARED_ENTITIES:
        if credit == "equal-share":
            shares = (in_scope["sub_region_shares"] if entity == "sub_region" else
                      in_scope["authorities"].map(lambda ids: {a: 1 / len(ids) for a in ids}))
        else:
            shares = in_scope[CREDIT_COLUMNS[entity]].map(lambda ids: dict.fromkeys(ids, 1.0))
    else:
        column, is_set = LEAGUE_ENTITIES[entity]
        belongs = frame[column]
        shares = in_scope["slug"].map(lambda slug: dict.fromkeys(
            belongs[slug] if is_set else ([] if pd.isna(belongs[slug]) else [belongs[slug]]), 1.0))
    rows = [(index, slug, entity_id, share) for index, slug, mapping in zip(in_scope.index, in_scope["slug"], shares)
            for entity_id, share in sorted(mapping.items())]
    return pd.DataFrame(rows, columns=["saving", "slug", "id", "share"])


def count_by_entity(frame: pd.DataFrame, entity: str) -> pd.Series:
    """The published case studies of each entity (for an authority or a sub-region: naming it), by entity id."""
    return members(frame, entity).groupby("id")["slug"].nunique()


@dataclass(frozen=True)
class EntitySavings:
    """The savings of each entity, delivered and forecast, each basis apart (never added)."""

    sums: pd.Series     # (id, status, basis) -> amount, for the combinations some saving has
    overlapping: bool   # whether a saving counts in several rows (a case study under several themes, say)

    def amount(self, entity_id: str, status: str, basis: str) -> float | None:
        """The sum, or None where no saving of that status and basis counts for the entity."""
        value = self.sums.get((entity_id, status, basis))
        return None if value is None else float(value)

    def total(self, status: str) -> float:
        """What the rows add up to, bases added as stated."""
        return float(self.sums[self.sums.index.get_level_values("status") == status].sum())


def savings_by_entity(frame: pd.DataFrame, savings: pd.DataFrame, entity: str) -> EntitySavings:
    """The savings of the case studies in `frame` summed for each entity they count for, by status and basis: by
    authority or sub-region those credited to its councils, otherwise those of its case studies."""
    credited = saving_members(frame, savings, entity).join(savings[["amount", "status", "basis"]], on="saving")
    return EntitySavings(credited.groupby(["id", "status", "basis"])["amount"].sum(),
                         bool(credited["saving"].duplicated().any()))


def rank_values(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Competition ranking (1, 2, 2, 4) of values, highest first; and which ranks are shared."""
    ranks = values.round(9).rank(method="min", ascending=False).astype(int)
    tied = ranks.duplicated(keep=False)
    return ranks, tied


def check_credit(entity: str, metric: str, credit: str) -> None:
    if credit not in CREDITS:
        raise ValueError(f"credit {credit!r}")
    if credit == "equal-share" and (entity not in SHARED_ENTITIES or metric not in SHARED_METRICS):
        raise ValueError("an equal share applies only to savings delivered or forecast, by authority or sub-region")


def compute_league_table(frame: pd.DataFrame, savings: pd.DataFrame, entity: str, metric: str,
                         basis: str = "all", min_case_studies: int = 1, credit: str = "full") -> League:
    """Rank entities by a metric over published case studies; entities without the evidence are left out. By
    authority and sub-region each saving counts only for the councils it is credited to (`attribution`)."""
    check_credit(entity, metric, credit)
    counts = count_by_entity(frame, entity)
    in_scope = savings[savings["slug"].isin(frame.index)]
    basis_savings = in_scope if basis == "all" else in_scope[in_scope["basis"] == basis]
    credited = saving_members(frame, basis_savings, entity, credit).join(
        basis_savings[["amount", "status", "type"]], on="saving")
    credited["credited"] = credited["amount"] * credited["share"]
    delivered_rows = credited[credited["status"] == "delivered"]
    basis_words = BASIS_WORDS[basis]
    shared = entity in SHARED_ENTITIES
    not_credited = " " + NOT_CREDITED if shared else ""
    if metric == "case_studies":
        values, evidence = counts.astype(float), counts
        rule = f"Number of published case studies {MEMBERSHIP[entity]}." + not_credited
    elif metric in ("delivered", "forecast"):
        chosen = credited[credited["status"] == metric]
        evidence = chosen.groupby("id")["slug"].nunique()
        values = chosen.groupby("id")["credited"].sum()
        how = SHARE_RULE[entity] if credit == "equal-share" else OVERLAP.get(entity, "each case study counts once")
        rule = (f"Sum of the {metric} savings {SAVINGS_OF[entity]} ({basis_words}); "
                f"{how}. Forecasts are never counted as delivered. An entry needs at least "
                f"{min_case_studies} case stud{'y' if min_case_studies == 1 else 'ies'} with a {metric} figure."
                + not_credited)
    elif metric == "roi":
        # Only case studies stating both the investment and a delivered saving count, so both sides match; by
        # council, only those whose delivered savings are all credited to it (the investment is not split).
        whole = basis_savings[basis_savings["status"] == "delivered"].groupby("slug")["amount"].sum()
        pairs = delivered_rows.groupby(["id", "slug"])["credited"].sum().reset_index()
        pairs = pairs[(pairs["credited"] - pairs["slug"].map(whole)).abs() < 1e-6]
        pairs = pairs.assign(investment=pairs["slug"].map(frame["investment"].astype("float")))
        pairs = pairs[pairs["investment"] > 0]
        by = pairs.groupby("id")
        evidence = by["slug"].nunique()
        values = by["credited"].sum() / by["investment"].sum()
        rule = ("Delivered savings divided by the investment stated, counting only case studies "
                f"{MEMBERSHIP[entity]} that state both ({basis_words})"
                + (", and whose delivered savings are all credited to it" if shared else "")
                + ". An entry needs a stated investment: without one it is left out, never shown as 0." + not_credited)
    elif metric == "cashable_share":
        by = delivered_rows.groupby("id")
        evidence = by["slug"].nunique()
        cashable = delivered_rows[delivered_rows["type"] == "cashable"].groupby("id")["credited"].sum()
        values = cashable.reindex(evidence.index, fill_value=0.0) / by["credited"].sum()
        rule = (f"Cashable savings delivered as a share of all savings delivered, of the savings {SAVINGS_OF[entity]} "
                f"({basis_words})." + not_credited)
    else:
        raise ValueError(metric)
    table = pd.DataFrame({"value": values, "evidence": evidence}).dropna(subset=["value"])
    table = table[table["evidence"] >= min_case_studies]
    table["case_studies"] = counts.reindex(table.index).fillna(0).astype(int)
    left_out = tuple(sorted(counts.index.union(evidence.index).difference(table.index)))
    table = table.rename_axis("id").reset_index().sort_values(["value", "id"], ascending=[False, True])
    table["rank"], table["tied"] = rank_values(table["value"])
    totals = {}
    if metric in ADDITIVE_METRICS:
        if metric == "case_studies":
            rows_total, scope_total = float(table["value"].sum()), float(len(frame))
            in_rows = set(members(frame, entity).query("id in @table.id")["slug"])
            uncounted = float(len(frame) - len(in_rows))
        else:
            amounts = basis_savings[basis_savings["status"] == metric]["amount"]
            rows_total, scope_total = float(table["value"].sum()), float(amounts.sum())
            # Shares add up to what is credited: the rest is in no row. In full, the savings counted in no row.
            counted = set(credited.loc[credited["id"].isin(table["id"]), "saving"])
            uncounted = scope_total - rows_total if credit == "equal-share" else \
                float(amounts[~amounts.index.isin(counted)].sum())
        totals = {"rows_total": rows_total, "scope_total": scope_total, "uncounted": max(round(uncounted, 6), 0.0)}
    return League(entity, metric, basis, table.reset_index(drop=True), left_out, rule, credit,
                  scope_case_studies=len(frame), min_case_studies=min_case_studies, **totals)


def compute_dataset_league(dataset: models.Dataset, label: str, metric: str, per: str | None = None) -> pd.DataFrame:
    """Rank a dataset's rows by a column, or by the ratio of two columns; rows with unknown values are left out."""
    rows = pd.DataFrame(dataset.rows)
    values = rows[metric].astype("float")
    if per:
        values = values / rows[per].astype("float").where(rows[per] != 0)
    table = pd.DataFrame({"id": rows[label], "value": values}).dropna(subset=["value"])
    table = table.sort_values(["value", "id"], ascending=[False, True]).reset_index(drop=True)
    table["rank"], table["tied"] = rank_values(table["value"])
    return table
