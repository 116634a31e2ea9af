"""A snapshot of the hub's key figures, keyed so that two versions of the hub can be compared (`pkhub figures`,
`pkhub compare`): headline figures, savings by basis, by partnership, theme and sub-region, dataset totals and every
league's order. Each figure comes from the function that computes it for the site."""

from __future__ import annotations

from . import leagues
from .headlines import count_case_studies
from .savings import BASIS_LABELS, KIND_LABELS, STATUS_LABELS, savings_by_kind, summarise_savings

GROUPS = {"partnership": "By partnership", "theme": "By theme", "sub_region": "By sub-region",
          "authority": "By authority"}
REGISTER_ENTITIES = {register: entity for entity, register in leagues.ENTITY_REGISTERS.items()}
LEAGUE_FIGURES = ("delivered", "forecast", "roi")


def _figure(group: str, label: str, kind: str, value, unit: str | None = None) -> dict:
    if value is not None:
        value = float(value)
        value = int(value) if value.is_integer() else round(value, 9)
    return {"group": group, "label": label, "kind": kind, "value": value, **({"unit": unit} if unit else {})}


def _name(hub, entity: str, entity_id: str) -> str:
    item = hub.registers[leagues.ENTITY_REGISTERS[entity]].get(entity_id)
    return getattr(item, "short_name", None) or getattr(item, "name", None) or str(entity_id)


def headline_figures(hub) -> dict:
    counts = count_case_studies(hub.case_studies.values())
    figures = {
        "headline/case_studies": _figure("Headline figures", "Case studies", "count", counts.case_studies),
        "headline/authorities": _figure("Headline figures", "Authorities named in case studies", "count",
                                        counts.authorities),
        "headline/datasets": _figure("Headline figures", "Datasets", "count", len(hub.datasets)),
        "headline/investment": _figure("Headline figures", "Investment stated", "money", counts.investment),
    }
    sums, _ = summarise_savings(hub.savings)
    for status in STATUS_LABELS:
        for basis, basis_label in BASIS_LABELS.items():
            figures[f"savings/{status}/{basis}"] = _figure(
                "Savings by basis", f"Savings {status}, {basis_label.lower()}", "money", sums.at[basis, status])
    # The home page's figures: each kind and basis apart, never one sum.
    by_kind, _ = savings_by_kind(hub.savings, "delivered")
    for kind, label in KIND_LABELS.items():
        for basis, basis_label in BASIS_LABELS.items():
            figures[f"headline/delivered/{kind}/{basis}"] = _figure(
                "Headline figures", f"Savings delivered, {label.lower()}, {basis_label.lower()}", "money",
                by_kind.at[kind, basis])
    return figures


def entity_figures(hub) -> dict:
    """Case-study counts per partnership, theme, sub-region and authority; savings per partnership, theme, and
    sub-region (credited to its councils)."""
    figures = {}
    for entity, group in GROUPS.items():
        for entity_id, count in leagues.count_by_entity(hub.frame, entity).items():
            figures[f"{entity}/{entity_id}/case_studies"] = _figure(
                group, f"{_name(hub, entity, entity_id)}: case studies", "count", count)
        if entity == "authority" or hub.savings.empty:
            continue
        # A sub-region's savings are those credited to its councils (`attribution`), each counted once.
        sums = leagues.savings_by_entity(hub.frame, hub.savings, entity).sums
        for (entity_id, status, basis), amount in sums.items():
            figures[f"{entity}/{entity_id}/{status}/{basis}"] = _figure(
                group, f"{_name(hub, entity, entity_id)}: savings {status}, {BASIS_LABELS[basis].lower()}",
                "money", amount)
    return figures


def dataset_figures(hub) -> dict:
    """Each dataset column's total: computed from the rows where the column adds, else as the source prints it."""
    figures = {}
    for dataset_id, dataset in hub.datasets.items():
        for check in hub.totals[dataset_id]:
            column = dataset.column(check.column)
            if check.additive:
                figures[f"dataset/{dataset_id}/{column.id}"] = _figure(
                    "Dataset totals", f"{dataset.title} — total {column.label}", "number", check.computed, column.unit)
            elif check.stated is not None:
                figures[f"dataset/{dataset_id}/{column.id}"] = _figure(
                    "Dataset totals", f"{dataset.title} — total {column.label} as printed", "number", check.stated,
                    column.unit)
    return figures


def _entries(table, names) -> list[dict]:
    return [{"id": str(row.id), "name": names(row.id), "rank": int(row.rank), "tied": bool(row.tied),
             "value": round(float(row.value), 9)} for row in table.itertuples()]


def league_figures(hub) -> dict:
    """Every case-study league (delivered, forecast, return on investment; by authority and sub-region also with each
    saving split equally) and every dataset league by a register id."""
    tables = {}
    for entity in leagues.ENTITY_REGISTERS:
        for metric in LEAGUE_FIGURES:
            credits = ["full", "equal-share"] if entity in leagues.SHARED_ENTITIES and metric in leagues.SHARED_METRICS \
                else ["full"]
            for credit in credits:
                league = leagues.compute_league_table(hub.frame, hub.savings, entity, metric, credit=credit)
                key = f"league/{entity}/{metric}" + ("" if credit == "full" else f"/{credit}")
                tables[key] = {
                    "label": f"{leagues.ENTITY_PLURALS[entity]} ranked by {leagues.LEAGUE_METRICS[metric].lower()}"
                             + ("" if credit == "full" else ", each saving split equally among the councils it is credited to"),
                    "kind": "ratio" if metric == "roi" else "money",
                    "entries": _entries(league.table, lambda i, e=entity: _name(hub, e, i))}
    for dataset_id, dataset in hub.datasets.items():
        label_column = next((c for c in dataset.columns if c.ref), None)
        if label_column is None:
            continue
        labels = [row.get(label_column.id) for row in dataset.rows]
        if None in labels or len(set(labels)) != len(labels):
            continue  # a league needs one row per entity
        entity = REGISTER_ENTITIES.get(label_column.ref)
        for column in dataset.numeric_columns:
            table = leagues.compute_dataset_league(dataset, label_column.id, column.id)
            tables[f"dataset-league/{dataset_id}/{column.id}"] = {
                "label": f"{dataset.title} — ranked by {column.label}", "kind": "number", "unit": column.unit,
                "entries": _entries(table, lambda i, e=entity: _name(hub, e, i) if e else str(i))}
    return tables


def compute_snapshot(hub) -> dict:
    """Everything a pull request could move, keyed so two hubs' figures can be compared."""
    return {"figures": {**headline_figures(hub), **entity_figures(hub), **dataset_figures(hub)},
            "leagues": league_figures(hub)}
