"""The hub's key figures as JSON (`pkhub figures`), and what moved between two such files (`pkhub compare`)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from . import frames as compute

from . import leagues
from .hub import build_hub
from ..content.problems import ContentError
from ..site.html.tables import UNIT_LABELS, format_money

ENTITY_REGISTERS = {"partnership": "partnerships", "programme": "programmes", "theme": "themes",
                    "authority": "authorities", "sub_region": "sub_regions"}
REGISTER_ENTITIES = {register: entity for entity, register in ENTITY_REGISTERS.items()}
ENTITY_PLURALS = {"partnership": "Partnerships", "programme": "Programmes", "theme": "Themes",
                  "authority": "Authorities", "sub_region": "Sub-regions"}
ENTITY_GROUPS = {"partnership": "By partnership", "theme": "By theme", "sub_region": "By sub-region",
                 "authority": "By authority"}
LEAGUE_FIGURES = ("delivered", "forecast", "roi")
BASES = tuple(compute.BASIS_LABELS)
STATUSES = tuple(compute.STATUS_LABELS)
MOVES_SHOWN = 6
UNIT_FORMS = {"GBP": "£{}", "GBP thousand": "£{}k", "GBP million": "£{}m", "percent": "{}%", "count": "{}"}


def _figure(group: str, label: str, kind: str, value, unit: str | None = None) -> dict:
    if value is not None:
        value = float(value)
        value = int(value) if value.is_integer() else round(value, 9)
    return {"group": group, "label": label, "kind": kind, "value": value, **({"unit": unit} if unit else {})}


def _name(hub, entity: str, entity_id: str) -> str:
    item = hub.registers[ENTITY_REGISTERS[entity]].get(entity_id)
    return getattr(item, "short_name", None) or getattr(item, "name", None) or str(entity_id)


def headline_figures(hub) -> dict:
    case_studies = list(hub.case_studies.values())
    savings = hub.savings
    figures = {
        "headline/case_studies": _figure("Headline figures", "Case studies", "count", len(case_studies)),
        "headline/authorities": _figure("Headline figures", "Authorities named in case studies", "count",
                                        len({a for cs in case_studies for a in cs.authorities})),
        "headline/datasets": _figure("Headline figures", "Datasets", "count", len(hub.datasets)),
        "headline/investment": _figure("Headline figures", "Investment stated", "money",
                                       sum(cs.investment for cs in case_studies if cs.investment is not None)),
    }
    for status in STATUSES:
        for basis in BASES:
            figures[f"savings/{status}/{basis}"] = _figure(
                "Savings by basis", f"Savings {status}, {compute.BASIS_LABELS[basis].lower()}", "money",
                compute.total_savings(savings, status, basis))
    # The home page's figures: each kind and basis apart, never one sum.
    for kind, label in compute.KIND_LABELS.items():
        for basis in BASES:
            figures[f"headline/delivered/{kind}/{basis}"] = _figure(
                "Headline figures", f"Savings delivered, {label.lower()}, {compute.BASIS_LABELS[basis].lower()}",
                "money", compute.total_savings(savings, "delivered", basis, kind))
    return figures


def entity_figures(hub) -> dict:
    """Case-study counts per partnership, theme, sub-region and authority; savings per partnership, theme, and
    sub-region (credited to its councils)."""
    figures = {}
    for entity, group in ENTITY_GROUPS.items():
        members = leagues.members(hub.frame, entity)
        for entity_id, count in members.groupby("id")["slug"].nunique().items():
            figures[f"{entity}/{entity_id}/case_studies"] = _figure(
                group, f"{_name(hub, entity, entity_id)}: case studies", "count", count)
        if entity == "authority" or hub.savings.empty:
            continue
        # A sub-region's savings are those credited to its councils (`attribution`), each counted once.
        credited = leagues.saving_members(hub.frame, hub.savings, entity).join(
            hub.savings[["amount", "status", "basis"]], on="saving")
        sums = credited.groupby(["id", "status", "basis"])["amount"].sum()
        for (entity_id, status, basis), amount in sums.items():
            figures[f"{entity}/{entity_id}/{status}/{basis}"] = _figure(
                group, f"{_name(hub, entity, entity_id)}: savings {status}, {compute.BASIS_LABELS[basis].lower()}",
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
    for entity in ENTITY_REGISTERS:
        for metric in LEAGUE_FIGURES:
            credits = ["full", "equal-share"] if entity in leagues.SHARED_ENTITIES and metric in leagues.SHARED_METRICS \
                else ["full"]
            for credit in credits:
                league = leagues.compute_league_table(hub.frame, hub.savings, entity, metric, credit=credit)
                key = f"league/{entity}/{metric}" + ("" if credit == "full" else f"/{credit}")
                tables[key] = {
                    "label": f"{ENTITY_PLURALS[entity]} ranked by {leagues.LEAGUE_METRICS[metric].lower()}"
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


def compute_figures(hub) -> dict:
    """Everything a pull request could move, keyed so two hubs' figures can be compared."""
    return {"figures": {**headline_figures(hub), **entity_figures(hub), **dataset_figures(hub)},
            "leagues": league_figures(hub)}


# --- Comparison ---------------------------------------------------------------------------------

def ordinal(rank: int, tied: bool = False) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{'=' if tied else ''}{rank}{suffix}"


def format_figure(value, kind: str, unit: str | None = None, exact: bool = False) -> str:
    if value is None:
        return "unknown"
    if kind == "money":
        return format_money(value, exact=exact)
    if kind == "count":
        return f"{int(value):,}"
    if kind == "ratio":
        return f"£{value:,.2f} per £1"
    text = f"{int(value):,}" if float(value).is_integer() else f"{round(value, 6):,}"
    return UNIT_FORMS.get(unit, "{} " + UNIT_LABELS.get(unit, "")).format(text).strip()


def describe_change(old, new, kind: str, unit: str | None = None) -> str:
    exact = kind == "money" and format_figure(old, kind) == format_figure(new, kind)
    text = f"{format_figure(old, kind, unit, exact)} → {format_figure(new, kind, unit, exact)}"
    if kind != "ratio" and old is not None and new is not None:
        delta = round(new - old, 9)
        sign = "+" if delta > 0 else "−"
        text += f" ({sign}{format_figure(abs(delta), kind, unit, exact)})"
    return text


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is new
    return math.isclose(old, new, rel_tol=0, abs_tol=1e-9)


def compare_values(base: dict, head: dict) -> dict[str, list[str]]:
    """Changed figures as lines, by group; a figure missing on one side counts as 0 (or unknown for dataset totals)."""
    groups: dict[str, list[str]] = {}
    for key in [*head, *(k for k in base if k not in head)]:
        figure = head.get(key) or base[key]
        absent = None if figure["kind"] == "number" else 0
        old = base[key]["value"] if key in base else absent
        new = head[key]["value"] if key in head else absent
        if _same(old, new):
            continue
        groups.setdefault(figure["group"], []).append(
            f"- {figure['label']}: {describe_change(old, new, figure['kind'], figure.get('unit'))}")
    return groups


def compare_league(base: dict | None, head: dict | None) -> list[str]:
    """Moves in one league, the highest places first: 'Derbyshire 2nd → 1st', 'Blaby new at 4th'."""
    old = {e["id"]: e for e in (base or {}).get("entries", [])}
    new = {e["id"]: e for e in (head or {}).get("entries", [])}
    moves = []
    for entity_id, entry in new.items():
        if entity_id not in old:
            moves.append((entry["rank"], f"{entry['name']} new at {ordinal(entry['rank'], entry['tied'])}"))
        elif (old[entity_id]["rank"], old[entity_id]["tied"]) != (entry["rank"], entry["tied"]):
            was = old[entity_id]
            moves.append((min(was["rank"], entry["rank"]),
                          f"{entry['name']} {ordinal(was['rank'], was['tied'])} → {ordinal(entry['rank'], entry['tied'])}"))
    for entity_id, entry in old.items():
        if entity_id not in new:
            moves.append((entry["rank"], f"{entry['name']} left the table (was {ordinal(entry['rank'], entry['tied'])})"))
    return [text for _, text in sorted(moves, key=lambda move: move[0])]


def compare_figures(base: dict, head: dict) -> str:
    """A Markdown summary of what moved between two `compute_figures` results, for a pull request's job summary."""
    groups = compare_values(base.get("figures", {}), head.get("figures", {}))
    moved = []
    base_leagues, head_leagues = base.get("leagues", {}), head.get("leagues", {})
    for key in [*head_leagues, *(k for k in base_leagues if k not in head_leagues)]:
        moves = compare_league(base_leagues.get(key), head_leagues.get(key))
        if moves:
            label = (head_leagues.get(key) or base_leagues[key])["label"]
            more = f"; and {len(moves) - MOVES_SHOWN} more" if len(moves) > MOVES_SHOWN else ""
            moved.append(f"- {label}: {'; '.join(moves[:MOVES_SHOWN])}{more}")
    if moved:
        groups["League positions"] = moved
    heading = "## Figures this change moves\n\n"
    if not groups:
        return heading + "No figure changes: every total, headline figure and league position is as on the base branch.\n"
    order = ["Headline figures", "League positions", "Savings by basis", *ENTITY_GROUPS.values(), "Dataset totals"]
    sections = [f"### {group}\n\n" + "\n".join(groups[group]) + "\n"
                for group in sorted(groups, key=lambda g: order.index(g) if g in order else len(order))]
    return heading + "Compared with the base branch; figures computed as the built site computes them.\n\n" + \
        "\n".join(sections)


# --- Commands -----------------------------------------------------------------------------------

def add_figures_commands(commands) -> None:
    figures = commands.add_parser("figures", help="write the hub's key figures as JSON, to compare two versions")
    figures.add_argument("--output", type=Path, help="the JSON file to write (default: print it)")
    compare = commands.add_parser("compare", help="print in Markdown what moved between two `pkhub figures` files")
    compare.add_argument("base", type=Path)
    compare.add_argument("head", type=Path)


def run_figures(args, out=None) -> int:
    out = sys.stdout if out is None else out
    try:
        hub = build_hub(args.root)
    except ContentError as error:
        print(f"pkhub figures: {error}", file=sys.stderr)
        return 1
    text = json.dumps(compute_figures(hub), indent=1, ensure_ascii=False) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return 0


def run_compare(args, out=None) -> int:
    out = sys.stdout if out is None else out
    if not args.base.exists():
        print("## Figures this change moves\n\nThe base branch's figures could not be computed, so there is nothing "
              "to compare with; see the log of the step that computes them.", file=out)
        return 0
    base = json.loads(args.base.read_text(encoding="utf-8"))
    head = json.loads(args.head.read_text(encoding="utf-8"))
    print(compare_figures(base, head), end="", file=out)
    return 0
