"""A synthetic hub of N case studies: the real registers and site configuration, generated case studies and
datasets that meet the content model, and good-practice pages that call macros. Deterministic for a seed.

    python bench/synthetic.py 1000 /tmp/hub-1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REGISTERS = ("authorities", "partnerships", "themes", "programmes", "regions", "sub_regions")
# Hand-written pages that depend on the real case studies or datasets (links to them, macros over them) become
# short stand-ins at the same address, so the navigation and links to them still work; the rest are copied.
CONTENT_BOUND = re.compile(r"\{\{|\{%|(?:case-studies|datasets|authorities|themes|sub-regions|years|partnerships|"
                           r"guides|methods)/")

SERVICES = ["revenues and benefits", "legal services", "ICT", "procurement", "building control", "payroll",
            "internal audit", "waste collection", "customer contact", "asset management", "fleet management",
            "planning", "human resources", "democratic services", "licensing", "environmental health"]
ACTIONS = ["Shared", "Joint", "Redesigned", "Collaborative", "Lean review of", "Outsourced", "Digital"]
WORDS = ("council councils partnership service services officers residents savings cost costs budget efficiency "
         "review project programme team teams staff contract contracts supplier suppliers procurement framework "
         "shared joint system systems process processes customer customers demand capacity performance "
         "improvement business case investment grant board members scrutiny pilot evaluation lessons risk "
         "governance agreement district county unitary authority authorities region sub-regional data "
         "benchmarking workforce training management property assets estate energy transport housing care").split()
SECTIONS = ["The challenge", "What was done", "Results", "Lessons", "Find out more"]

# How case studies fall on the registers. "spread": each names a council and up to two of its neighbours, and one to
# three themes, at random. "skewed": as region-wide programmes do, most name the same nine councils (the East
# Midlands' highway authorities) and the same two themes, many are area-wide work naming no council (`area:`, mostly
# the region), and the rest are spread.
DISTRIBUTIONS = ("spread", "skewed")
SKEWED_COUNCILS = ["derby-city", "derbyshire-cc", "leicester-city", "leicestershire-cc", "lincolnshire-cc",
                   "northamptonshire-cc", "nottingham-city", "nottinghamshire-cc", "rutland"]
SKEWED_THEMES = ["procurement", "construction-and-highways"]
SKEWED_AREAS = ["east-midlands"] * 6 + ["england"] * 2 + ["nottinghamshire", "leicestershire"]
SKEWED_SHARES = (0.6, 0.25)  # naming the nine councils, area-wide; the rest spread


def words(rng: random.Random, count: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(words(rng, rng.randint(9, 18)) for _ in range(sentences))


def load_registers() -> dict[str, list[dict]]:
    return {name: yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")) for name in REGISTERS}


def make_case_study(i: int, rng: random.Random, registers: dict, today: dt.date,
                    distribution: str = "spread") -> tuple[str, dict, str]:
    """(slug, front matter, body) of case study number i."""
    authorities = registers["authorities"]
    shape = "spread"
    if distribution == "skewed":
        draw = rng.random()
        shape = "named" if draw < SKEWED_SHARES[0] else "area" if draw < sum(SKEWED_SHARES) else "spread"
    first = rng.choice(authorities)
    if shape == "named":
        by_id = {a["id"]: a for a in authorities}
        chosen = [by_id[a] for a in SKEWED_COUNCILS]
    elif shape == "area":
        chosen = []
    else:
        neighbours = [a for a in authorities if a.get("sub_region") and a.get("sub_region") == first.get("sub_region")]
        chosen = [first] + rng.sample(neighbours, k=min(len(neighbours), rng.randint(0, 2)))
    ids = list(dict.fromkeys(a["id"] for a in chosen))
    service = rng.choice(SERVICES)
    action = rng.choice(ACTIONS)
    partnership = rng.choice(registers["partnerships"])["id"]
    programmes = [p["id"] for p in registers["programmes"] if p["partnership"] == partnership]
    area = rng.choice(SKEWED_AREAS) if shape == "area" else None
    names = " and ".join(a["name"].split(" ")[0] for a in chosen[:2]) if chosen else area.replace("-", " ").title()
    title = f"{action} {service} in {names} ({i})"
    slug = re.sub(r"[^a-z0-9]+", "-", f"{i} {action} {service} {names}".lower()).strip("-")[:80].strip("-")
    year = rng.randint(2005, 2013)
    published = today - dt.timedelta(days=rng.randint(1, 2000))
    front = {
        "title": title,
        "summary": f"{names} councils worked on {service} together: " + words(rng, rng.randint(8, 20)),
        "partnership": partnership,
        "authorities": ids,
        "themes": (list(SKEWED_THEMES) if shape != "spread"
                   else rng.sample([t["id"] for t in registers["themes"]], k=rng.randint(1, 3))),
        "published": published.isoformat(),
        "source": {"document": f"Board meeting pack {year}, item {rng.randint(1, 12)}", "date": str(year),
                   "section": f"Item {rng.randint(1, 12)}"},
    }
    if area:
        front["area"] = area
    if programmes and rng.random() < 0.6:
        front["programme"] = rng.choice(programmes)
    if rng.random() < 0.7:
        front["period"] = {"start": str(year - 2), "end": str(year)}
    if rng.random() < 0.6:
        front["investment"] = rng.randrange(5_000, 500_000, 1_000)
    front["savings"] = [
        {"amount": amount, "type": rng.choice(["cashable", "non-cashable", "cost-avoidance", "unstated"]),
         "status": rng.choice(["delivered", "forecast"]), "basis": rng.choice(["one-off", "per-year"]),
         "quote": f"savings of £{amount:,} {words(rng, 4)}"}
        for amount in (rng.randrange(10_000, 5_000_000, 1_000) for _ in range(rng.choice([0, 1, 1, 2, 3])))
    ]
    if rng.random() < 0.5:
        front["outcomes"] = [words(rng, rng.randint(6, 12)) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        front["contact"] = {"name": "A. Officer", "role": f"Head of {service}",
                            "organisation": chosen[0]["name"] if chosen else first["name"]}
    body = "\n\n".join(f"## {section}\n\n{paragraph(rng, rng.randint(3, 6))}\n\n{paragraph(rng, rng.randint(2, 5))}"
                       for section in SECTIONS)
    return slug, front, body


def make_datasets(rng: random.Random, registers: dict) -> list[dict]:
    """Three datasets with columns that name authorities and sub-regions, and totals that reconcile."""
    authorities = registers["authorities"]
    rows = [{"authority": a["id"], "grant": rng.randrange(10, 500) * 1000, "projects": rng.randint(1, 20)}
            for a in rng.sample(authorities, k=min(40, len(authorities)))]
    subs = [{"sub_region": s["id"], "savings": rng.randrange(100, 9000) * 1000, "bids": rng.randint(0, 30)}
            for s in registers["sub_regions"]]
    themes = [{"theme": t["name"], "share": rng.randint(1, 30)} for t in registers["themes"]]
    partnership = registers["partnerships"][0]["id"]
    source = {"document": "Synthetic board pack", "date": "2011-04-12", "section": "Appendix A"}
    return [
        {"id": "synthetic-grants-by-authority", "title": "Grant and projects by authority (synthetic)",
         "partnership": partnership, "period": {"start": "2008", "end": "2011"}, "source": source,
         "columns": [{"id": "authority", "label": "Authority", "ref": "authorities"},
                     {"id": "grant", "label": "Grant", "unit": "GBP"},
                     {"id": "projects", "label": "Projects", "unit": "count"}],
         "rows": rows, "stated_totals": {"grant": sum(r["grant"] for r in rows), "projects": sum(r["projects"] for r in rows)}},
        {"id": "synthetic-savings-by-sub-region", "title": "Savings and bids by sub-region (synthetic)",
         "partnership": partnership, "period": {"start": "2008", "end": "2011"}, "source": source,
         "columns": [{"id": "sub_region", "label": "Sub-region", "ref": "sub_regions"},
                     {"id": "savings", "label": "Savings delivered", "unit": "GBP"},
                     {"id": "bids", "label": "Bids", "unit": "count"}],
         "rows": subs, "stated_totals": {"savings": sum(r["savings"] for r in subs)}},
        {"id": "synthetic-theme-shares", "title": "Projects by theme (synthetic)",
         "partnership": partnership, "period": {"start": "2008"}, "source": source,
         "columns": [{"id": "theme", "label": "Theme"}, {"id": "share", "label": "Projects", "unit": "count"}],
         "rows": themes, "stated_totals": {"share": sum(r["share"] for r in themes)}},
    ]


INDEX_PAGE = """\
# Synthetic hub

There are {{ case_study_count() }} case studies. The newest:

{{ case_study_list(limit=5) }}

{{ savings_summary(caption="Savings reported across all case studies") }}
"""

GUIDE_PAGE = """\
# Buying together: a guide

Lessons from the procurement case studies, with their figures computed at build time.

{{ savings_summary(theme="procurement") }}

{{ case_study_list(theme="procurement", sort="savings", limit=10) }}
"""


def stand_in(text: str) -> str:
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "Page")
    return f"# {title}\n\nThis page of the real hub is about its own content; the synthetic hub keeps its address.\n"


def write_site_config(target: Path, docs_pages: set[str]) -> None:
    """The real mkdocs.yml with its nav kept to pages this hub has: generated ones and those written here."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, nav_text = text.partition("\nnav:\n")
    nav_lines, rest = [], []
    for line in nav_text.splitlines(keepends=True):
        (rest if rest or (line.strip() and not line.startswith((" ", "-"))) else nav_lines).append(line)
    real_docs = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    nav = prune_nav(yaml.safe_load("".join(nav_lines)), lambda uri: uri in docs_pages or uri not in real_docs)
    (target / "mkdocs.yml").write_text(head + "\nnav:\n" + yaml.safe_dump(nav, sort_keys=False, allow_unicode=True)
                                       + "".join(rest), encoding="utf-8")


def prune_nav(items: list, keep) -> list:
    kept = []
    for item in items:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, list):
                value = prune_nav(value, keep)
                if value:
                    kept.append({title: value})
            elif keep(value):
                kept.append(item)
        elif keep(item):
            kept.append(item)
    return kept


def write_hub(target: Path, count: int, seed: int = 1, today: dt.date | None = None,
              distribution: str = "spread") -> Path:
    """Write a valid hub of `count` case studies into `target` (emptied first), spread over the registers or
    skewed towards a few councils and themes (`DISTRIBUTIONS`)."""
    target = Path(target)
    today = today or dt.date.today()
    if target.exists():
        shutil.rmtree(target)
    rng = random.Random(seed)
    registers = load_registers()
    (target / "data" / "datasets").mkdir(parents=True)
    (target / "case_studies").mkdir()
    for name in REGISTERS:
        shutil.copy(ROOT / "data" / f"{name}.yaml", target / "data" / f"{name}.yaml")
    for dataset in make_datasets(rng, registers):
        (target / "data" / "datasets" / f"{dataset['id']}.yaml").write_text(
            yaml.safe_dump(dataset, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for i in range(1, count + 1):
        slug, front, body = make_case_study(i, rng, registers, today, distribution)
        (target / "case_studies" / f"{slug}.md").write_text(
            "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + body + "\n",
            encoding="utf-8")
    docs = target / "docs"
    for folder in ("stylesheets", "javascripts"):
        if (ROOT / "docs" / folder).exists():
            shutil.copytree(ROOT / "docs" / folder, docs / folder)
    if (ROOT / "overrides").exists():
        shutil.copytree(ROOT / "overrides", target / "overrides")
    pages = {"index.md": INDEX_PAGE, "guides/procurement.md": GUIDE_PAGE}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        uri = path.relative_to(ROOT / "docs").as_posix()
        text = path.read_text(encoding="utf-8")
        if uri not in pages:
            pages[uri] = stand_in(text) if CONTENT_BOUND.search(text) else text
    for uri, text in pages.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")
    write_site_config(target, set(pages))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--distribution", choices=DISTRIBUTIONS, default="spread")
    args = parser.parse_args(argv)
    write_hub(args.target, args.count, args.seed, distribution=args.distribution)
    print(f"wrote a hub of {args.count} case studies ({args.distribution}) to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
