"""`pkhub figures` (the hub's key figures as JSON, `figures/snapshot.py`) and `pkhub compare` (what moved between two
such files, in Markdown, for a pull request's job summary)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from ..content.problems import ContentError
from ..figures.hub import build_hub
from ..figures.snapshot import GROUPS, compute_snapshot
from ..site.format import UNIT_LABELS, format_money, format_return

MOVES_SHOWN = 6
UNIT_FORMS = {"GBP": "£{}", "GBP thousand": "£{}k", "GBP million": "£{}m", "percent": "{}%", "count": "{}"}


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
        return format_return(value)
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
    order = ["Headline figures", "League positions", "Savings by basis", *GROUPS.values(), "Dataset totals"]
    sections = [f"### {group}\n\n" + "\n".join(groups[group]) + "\n"
                for group in sorted(groups, key=lambda g: order.index(g) if g in order else len(order))]
    return heading + "Compared with the base branch; figures computed as the built site computes them.\n\n" + \
        "\n".join(sections)



def add_parser(commands) -> None:
    figures = commands.add_parser("figures", help="write the hub's key figures as JSON, to compare two versions")
    figures.add_argument("--output", type=Path, help="the JSON file to write (default: print it)")
    compare = commands.add_parser("compare", help="print in Markdown what moved between two `pkhub figures` files")
    compare.add_argument("base", type=Path)
    compare.add_argument("head", type=Path)
    figures.set_defaults(run=run_figures)
    compare.set_defaults(run=run_compare)


def run_figures(args, out=None) -> int:
    out = sys.stdout if out is None else out
    try:
        hub = build_hub(args.root)
    except ContentError as error:
        print(f"pkhub figures: {error}", file=sys.stderr)
        return 1
    text = json.dumps(compute_snapshot(hub), indent=1, ensure_ascii=False) + "\n"
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
