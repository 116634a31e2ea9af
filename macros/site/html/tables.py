"""Markdown and HTML fragments built from hub objects; never reads files.

Money follows one rule everywhere (see `format_money`):
- an amount a source states is shown in full: `£2,103,290`;
- a computed total or league figure is shown compact: `£42.0m` from a million up (one decimal),
  `£677k` from ten thousand up (whole thousands), otherwise in full;
- an unknown amount is shown as "unknown", never as £0.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re

import pandas as pd

from ...figures import attribution

from ...figures import frames as compute

from ...content import models
from ...figures.leagues import overlap_reason

UNKNOWN = "unknown"


def format_money(amount, exact: bool = False) -> str:
    """`£2,103,290` (exact) or `£42.0m` / `£677k` (compact); None is 'unknown'."""
    if amount is None or (isinstance(amount, float) and pd.isna(amount)):
        return UNKNOWN
    amount = float(amount)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if not exact and amount >= 1_000_000:
        return f"{sign}£{amount / 1_000_000:,.1f}m"
    if not exact and amount >= 10_000:
        return f"{sign}£{amount / 1_000:,.0f}k"
    return f"{sign}£{amount:,.0f}"


UNIT_LABELS = {"GBP": "£", "GBP thousand": "£000", "GBP million": "£m", "count": "number",
               "percent": "%", "score": "score", "ratio": "ratio", "rank": "rank", "rate": "rate"}


def format_value(value, unit: str | None) -> str:
    """A dataset cell as the source printed it, in its column's unit (given in the heading)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return UNKNOWN
    if unit is None:
        return str(value)
    if isinstance(value, float):
        places = compute.decimals(value)
        return f"{value:,.{places}f}"
    return f"{value:,}"


def format_number(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def escape_md(text: str) -> str:
    """Text that Markdown will show exactly as written."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]#|!{}])", r"\\\1", text)


def esc(text) -> str:
    return html.escape(str(text), quote=True)


@functools.lru_cache(maxsize=None)
def link(from_uri: str, to_uri: str) -> str:
    """Relative link between two source files (e.g. 'case-studies/x.md' -> 'themes/y.md')."""
    # posixpath.relpath, less its os.getcwd() calls: tens of thousands of links per build at 1,000 case studies.
    start = [part for part in posixpath.dirname(from_uri).split("/") if part]
    target = to_uri.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def md_link(text: str, from_uri: str, to_uri: str) -> str:
    return f"[{escape_md(text)}]({link(from_uri, to_uri)})"


# --- Addresses (the contract with newsletters: never change these) ---------------------------

def case_study_uri(slug: str) -> str:
    return f"case-studies/{slug}.md"


def register_uri(register: str, item_id: str) -> str:
    return f"{register.replace('_', '-')}/{item_id}.md"


def year_uri(year: int) -> str:
    return f"years/{year}.md"


def dataset_uri(dataset_id: str) -> str:
    return f"datasets/{dataset_id}.md"


def front_matter(**fields) -> str:
    import yaml
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: one front matter per generated page
    return "---\n" + yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


# --- Savings --------------------------------------------------------------------------------

def years_words(years: int) -> str:
    return f"{years} year{'' if years == 1 else 's'}"


def describe_saving(saving: models.Saving) -> str:
    basis = {"one-off": "one-off", "per-year": "a year",
             "total": f"in total over {years_words(saving.years)}" if saving.years else "in total"}[saving.basis]
    return f"{format_money(saving.amount, exact=True)} {basis}"


def describe_delivered(case_study: models.CaseStudy, savings: list[models.Saving] | None = None) -> str:
    """Delivered savings in a listing, each basis apart: '£677k a year, £50,000 one-off delivered'; by default the
    case study's, or those given (the savings credited to the council whose page lists it)."""
    savings = case_study.savings if savings is None else savings
    parts = []
    for basis in compute.BASIS_LABELS:
        amounts = [s.amount for s in savings if s.status == "delivered" and s.basis == basis]
        if amounts:
            words = {"per-year": "a year", "one-off": "one-off", "total": "in totals over a period"}[basis]
            parts.append(f"{format_money(sum(amounts))} {words}")
    return ", ".join(parts) + " delivered" if parts else ""


def describe_credit(case_study: models.CaseStudy, saving: models.Saving, hub, from_uri: str) -> str:
    """Whom a saving is credited to, as HTML: the councils it names, linked; none for a saving of the whole area."""
    councils = attribution.saving_authorities(case_study, saving)
    if not councils:
        area = f"{esc(hub.area_name(case_study.area))} as a whole" if case_study.area else "the area as a whole"
        return f"No council: the source gives it for {area}"
    if not attribution.credit_differs(case_study, saving):
        return "Every council named"
    return ", ".join(f'<a href="{esc(_html_link(from_uri, register_uri("authorities", a)))}">'
                     f"{esc(hub.authorities[a].name)}</a>" for a in case_study.authorities if a in councils)


def render_savings_list(case_study: models.CaseStudy, hub=None, from_uri: str = "") -> str:
    """A case study's savings as an accessible table: each entry with the source's words, type, status and basis,
    and whom it is credited to where a saving is credited otherwise than to every council the case study names."""
    credit = hub is not None and any(attribution.credit_differs(case_study, s) for s in case_study.savings)
    rows = []
    for saving in case_study.savings:
        basis = compute.BASIS_LABELS[saving.basis] + (f" ({years_words(saving.years)})" if saving.years else "")
        printed = (f'<td class="hub-quote">Printed as “{esc(saving.quote)}”</td>' if saving.quote
                   else '<td class="hub-quote">—</td>')
        credited = f"<td>{describe_credit(case_study, saving, hub, from_uri)}</td>" if credit else ""
        rows.append(
            f"<tr><td class=\"hub-num\">{esc(format_money(saving.amount, exact=True))}</td>{printed}"
            f"<td>{compute.TYPE_LABELS[saving.type]}</td><td>{compute.STATUS_LABELS[saving.status]}</td>"
            f"<td>{esc(basis)}</td>{credited}<td>{esc(saving.note or '')}</td></tr>"
        )
    credit_head = '<th scope="col">Credited to</th>' if credit else ""
    credit_note = ('<p class="hub-note">Credited to: the councils the source gives each saving for. A saving is '
                   "counted on their pages and in the leagues, and one the source gives for the area as a whole is "
                   "counted for no council.</p>\n") if credit else ""
    return (
        '<table class="hub-table">\n<caption>Savings reported for this project, as stated in the source</caption>\n'
        '<thead><tr><th scope="col">Amount</th><th scope="col">In the source</th><th scope="col">Type</th>'
        f'<th scope="col">Status</th><th scope="col">Basis</th>{credit_head}<th scope="col">What it is</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n" + credit_note
    )


def render_savings_summary(savings: pd.DataFrame, caption: str) -> str:
    """Delivered and forecast savings by basis; one-off, per-year and period totals are never added."""
    if savings.empty:
        return f"<p class=\"hub-note\">{esc(caption)}: no savings figures have been reported.</p>\n"
    table = compute.summarise_savings(savings)
    counts = savings.groupby(["basis", "status"])["amount"].count().unstack(fill_value=0)
    body = []
    for basis, label in compute.BASIS_LABELS.items():
        cells = []
        for status in compute.STATUS_LABELS:
            count = int(counts.at[basis, status]) if basis in counts.index and status in counts.columns else 0
            value = table.at[basis, status]
            text = f"{format_money(value)} <span class=\"hub-count\">({count} figure{'s' if count != 1 else ''})</span>" if count else "—"
            cells.append(f"<td class=\"hub-num\">{text}</td>")
        body.append(f"<tr><th scope=\"row\">{label}</th>{''.join(cells)}</tr>")
    return (
        f'<table class="hub-table">\n<caption>{esc(caption)}</caption>\n'
        '<thead><tr><th scope="col">Basis</th><th scope="col">Delivered</th><th scope="col">Forecast</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
        '<p class="hub-note">One-off amounts, amounts a year and totals over a period are shown apart and never '
        "added together. Forecasts are never counted as delivered.</p>\n"
    )


# --- Case-study lists -------------------------------------------------------------------------

def render_case_study_list(case_studies: list[models.CaseStudy], hub, from_uri: str, savings: bool = True,
                           empty: str = "No published case studies yet.", credited: dict | None = None) -> str:
    """A list of case studies with their summaries, for index and browse pages. `savings=False` leaves their
    amounts out, for lists of work a page shows but does not credit (area-wide work covering a council).
    `credited` (council filters, e.g. {"authority": "blaby"}) shows only the savings credited to that council."""
    if not case_studies:
        return f"*{escape_md(empty)}*\n"
    items = []
    for cs in case_studies:
        partnership = hub.partnerships[cs.partnership].short_name
        facts = [escape_md(partnership), str(cs.year)]
        if cs.area and not savings:
            facts.append(f"area-wide: {escape_md(hub.area_name(cs.area))}")
        shown = cs.savings if not credited else \
            [s for s in cs.savings if attribution.credited_to(cs, s, hub.authorities, **credited)]
        delivered = describe_delivered(cs, shown) if savings else ""
        if delivered:
            facts.append(escape_md(delivered))
        if savings and len(shown) < len(cs.savings):
            whom = credited_words(hub, credited)
            facts.append(escape_md(f"its other savings are not credited to {whom}" if shown else
                                   f"its savings are not credited to {whom}"))
        items.append(
            f"- {md_link(cs.title, from_uri, case_study_uri(cs.slug))}  \n"
            f"  {escape_md(cs.summary)}  \n  <small>{' · '.join(facts)}</small>"
        )
    return "\n".join(items) + "\n"


def credited_words(hub, credited: dict) -> str:
    """Whom a council filter names, in words: 'Blaby District Council', 'councils in Nottinghamshire'."""
    name, value = next((name, value) for name, value in credited.items() if value is not None)
    if name == "authority":
        return hub.authorities[value].name
    if name == "sub_region":
        return f"councils in {hub.sub_regions[value].name}"
    if name == "authority_type":
        return f"{value.replace('-', ' ')} councils"
    return f"councils in {value}"


def render_links(pairs, from_uri: str) -> str:
    """Comma-separated Markdown links from (text, uri) pairs."""
    return ", ".join(md_link(text, from_uri, uri) for text, uri in pairs)


# --- Dataset tables -----------------------------------------------------------------------------

def column_heading(column: models.Column) -> str:
    unit = UNIT_LABELS.get(column.unit or "", "")
    return f"{column.label} ({unit})" if unit and unit not in ("number",) else column.label


def render_dataset_table(dataset: models.Dataset, checks: list[compute.TotalCheck], hub, from_uri: str) -> str:
    """A dataset as an accessible table: caption, header cells, units, computed beside stated totals."""
    head = "".join(f'<th scope="col">{esc(column_heading(c))}</th>' for c in dataset.columns)
    body = []
    first = dataset.columns[0]
    for row in dataset.rows:
        cells = []
        for column in dataset.columns:
            value = row.get(column.id)
            text = esc(format_value(value, column.unit))
            if column.ref and value is not None:
                name = hub.registers[column.ref][value].name
                text = esc(name)
                if column.ref != "programmes":  # programmes have no pages of their own
                    text = f'<a href="{esc(_html_link(from_uri, register_uri(column.ref, value)))}">{text}</a>'
            if value is None:
                text = f'<span class="hub-unknown">{UNKNOWN}</span>'
            cls = ' class="hub-num"' if column.numeric else ""
            tag = "th scope=\"row\"" if column is first else "td"
            cells.append(f"<{tag}{cls}>{text}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    foot = render_dataset_totals(dataset, checks)
    source = render_source_line(dataset.source)
    notes = "".join(
        f'<p class="hub-note"><strong>Discrepancy in the source ({esc(dataset.column(d.column).label)}):</strong> '
        f"{esc(d.explanation)}</p>\n" for d in dataset.discrepancies
    )
    unknown_note = ""
    if any(check.unknown for check in checks):
        unknown_note = ('<p class="hub-note">"unknown" marks a value the source leaves blank, as "?" or "-": '
                        'it is not zero, and a total over it is a lower bound ("at least").</p>\n')
    return (
        f'<table class="hub-table hub-dataset" id="table-{esc(dataset.id)}">\n<caption>{esc(dataset.title)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + f"\n</tbody>\n{foot}</table>\n"
        f'<p class="hub-source">Source: {source}</p>\n' + notes + unknown_note
    )


def render_dataset_totals(dataset: models.Dataset, checks: list[compute.TotalCheck]) -> str:
    """The table's foot: a total computed from the rows only under columns that add, the reason in place of one
    under a column that does not, and every total the source prints, as printed."""
    by_column = {check.column: check for check in checks}
    computed_row = any(check.additive and check.computed is not None for check in checks) or any(
        column.no_total for column in dataset.columns)
    stated_row = any(check.stated is not None for check in checks)
    if not (computed_row or stated_row):
        return ""
    computed_cells, stated_cells = [], []
    for column in dataset.columns:
        check = by_column.get(column.id)
        if check is None:
            computed_cells.append("<td></td>")
            stated_cells.append("<td></td>")
            continue
        places = max([compute.decimals(v) for v in [check.stated] if v is not None] +
                     [compute.decimals(r[column.id]) for r in dataset.rows if r.get(column.id) is not None] + [0])
        if not check.additive:
            computed_cells.append(f'<td class="hub-no-total">{esc(check.reason)}</td>')
        else:
            computed = "—" if check.computed is None else format_number(check.computed, places)
            if check.unknown and check.computed is not None:
                computed = f"at least {computed}"
            computed_cells.append(f'<td class="hub-num hub-total">{computed}</td>')
        stated = "not printed" if check.stated is None else format_number(check.stated, compute.decimals(check.stated))
        flag = ' <span class="hub-flag">(differs: see note)</span>' if check.status == "discrepancy" else ""
        stated_cells.append(f'<td class="hub-num">{stated}{flag}</td>')
    computed_cells[0] = '<th scope="row">Total (computed from the rows)</th>'
    stated_cells[0] = '<th scope="row">Total (as printed in the source)</th>'
    rows = ([computed_cells] if computed_row else []) + ([stated_cells] if stated_row else [])
    return "<tfoot>" + "\n".join("<tr>" + "".join(cells) + "</tr>" for cells in rows) + "</tfoot>\n"


def _html_link(from_uri: str, to_uri: str) -> str:
    """Link for raw HTML, where MkDocs does not rewrite .md targets: to the directory URL."""
    target = to_uri[:-3] + "/"
    if target.endswith("index/"):
        target = target[: -len("index/")]
    origin = from_uri[:-3] + "/"
    if origin.endswith("index/"):
        origin = origin[: -len("index/")]
    return posixpath.relpath(target, origin) + "/"


def render_source_line(source: models.SourceRef) -> str:
    parts = [f"<cite>{esc(source.document)}</cite>", esc(source.date)]
    if source.section:
        parts.append(esc(source.section))
    text = ", ".join(parts)
    if source.url:
        text += f' (<a href="{esc(source.url)}">{esc(source.url)}</a>)'
    return text


def _page_folder(from_uri: str) -> str:
    folder = from_uri[:-3] + "/"
    return folder[: -len("index/")] if folder.endswith("index/") else folder


def file_link(from_uri: str, site_path: str) -> str:
    """Relative link from a page to a file written into the site (e.g. an export)."""
    return posixpath.relpath(site_path, _page_folder(from_uri) or ".")


def render_downloads(from_uri: str, csv_path: str, json_path: str, what: str = "this table") -> str:
    return (f'<p class="hub-downloads">Download {esc(what)} as open data: '
            f'<a href="{esc(file_link(from_uri, csv_path))}" download>CSV</a> · '
            f'<a href="{esc(file_link(from_uri, json_path))}" download>JSON</a></p>\n')


def render_datapackage_note(from_uri: str, package_path: str, case_studies_path: str) -> str:
    """What the Data Package is, in two sentences, linked from the data pages."""
    package, case_studies = esc(file_link(from_uri, package_path)), esc(file_link(from_uri, case_studies_path))
    return (f'<p class="hub-datapackage">All the hub\'s open data is described in one '
            f'<a href="{package}">Frictionless Data Package</a>: every CSV it publishes — each dataset below, the '
            f'<a href="{case_studies}">table of all case studies and their savings</a> and the tables computed on its '
            "pages — with each column's type and unit, an empty cell marked as unknown rather than zero, and the "
            "source document it comes from. Frictionless tools in Python and R, and other software that reads Data "
            "Packages, load the tables from it with the right types and check them against that description.</p>\n")


# --- League tables, headline figures, charts ----------------------------------------------------

def format_metric(value: float, metric: str) -> str:
    if metric in ("delivered", "forecast") or metric.startswith("GBP"):
        return format_money(value)
    if metric == "roi":
        return f"£{value:,.2f}"
    if metric in ("cashable_share", "share"):
        return f"{value:.0%}"
    if metric == "case_studies":
        return f"{int(value):,}"
    return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def render_ranked_table(rows, caption: str, entity_heading: str, metric_heading: str, notes: list[str],
                        extra_heading: str | None = None) -> str:
    """An accessible ranked table; rows are (rank, tied, name_html, value_text, extra_text)."""
    head = (f'<th scope="col">Rank</th><th scope="col">{esc(entity_heading)}</th>'
            f'<th scope="col">{esc(metric_heading)}</th>' + (f'<th scope="col">{esc(extra_heading)}</th>' if extra_heading else ""))
    body = []
    for rank, tied, name, value, extra in rows:
        rank_text = f"={rank}" if tied else str(rank)
        body.append(f'<tr><td class="hub-num">{rank_text}</td><th scope="row">{name}</th>'
                    f'<td class="hub-num">{esc(value)}</td>' + (f'<td class="hub-num">{esc(extra)}</td>' if extra_heading else "") + "</tr>")
    note_html = "".join(f'<p class="hub-note">{esc(n)}</p>\n' for n in notes)
    return (f'<table class="hub-table hub-league">\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n" + note_html)


def render_headline(value: str, label: str, source_html: str, href: str | None = None) -> str:
    """A headline figure; with `href`, its value links to the list of what it counts."""
    shown = f'<a href="{esc(href)}">{esc(value)}</a>' if href else esc(value)
    return (f'<div class="hub-headline"><p class="hub-headline__value">{shown}</p>'
            f'<p class="hub-headline__label">{esc(label)}</p>'
            f'<p class="hub-headline__source">{source_html}</p></div>\n')


NOT_IN_A_ROW = {
    "authority": ("area-wide work, whose source names no council, and savings the source gives for an area as a "
                  "whole"),
    "sub_region": ("area-wide work, whose source names no council, savings the source gives for an area as a whole, "
                   "and councils outside any sub-region"),
    "programme": "case studies outside any programme",
}
NOT_IN_A_ROW_COUNTED = {  # the same for rows of case studies
    "authority": "area-wide work, whose source names no council",
    "sub_region": "area-wide work, whose source names no council, and councils outside any sub-region",
    "programme": "case studies outside any programme",
}


def describe_league_totals(league, scope: str, shown: int | None = None) -> list[str]:
    """What the rows of a league add up to beside the total of the case studies in scope, each counted once, and
    why the two differ: said plainly under every table whose figures add. `scope`: 'in the hub', 'matching …'."""
    if league.rows_total is None or league.table.empty:
        return []
    count = league.metric == "case_studies"

    def amount(value) -> str:
        text = format_metric(value, league.metric)
        return f"{text} case stud{'y' if value == 1 else 'ies'}" if count else text

    n = league.scope_case_studies
    basis = "" if league.basis == "all" else f" ({BASIS_PHRASES[league.basis]})"
    what = "" if count else f" {league.metric}{basis} in the {n} case stud{'y' if n == 1 else 'ies'}"
    owner = "the hub's total" if scope == "in the hub" else f"the total {scope}"
    total = f"{owner} of {amount(league.scope_total)}{what}, each counted once"
    subject = "The rows" if shown is None or shown >= len(league.table) else \
        f"All {len(league.table)} rows of this table (the first {shown} shown)"
    rows = amount(league.rows_total)
    if league.overlaps:
        text = (f"{subject} add up to {rows}, more than {total}: "
                f"{overlap_reason(league.entity, league.metric) or 'a case study counts in several rows'}.")
    elif league.uncounted:
        text = f"{subject} add up to {rows}, less than {total}."
    else:
        text = f"{subject} add up to {rows}, {total}."
    if league.uncounted:
        text += (f" {amount(league.uncounted)} of that total {'are' if count and league.uncounted != 1 else 'is'} "
                 f"in no row: {(NOT_IN_A_ROW_COUNTED if count else NOT_IN_A_ROW).get(league.entity, 'case studies in no row')}.")
    return [text]


BASIS_PHRASES = {"per-year": "amounts a year", "one-off": "one-off amounts", "total": "totals over a period"}


def render_bar_chart(title: str, labels: list[str], series: dict[str, list], unit: str, description: str) -> str:
    """A horizontal bar chart as inline SVG (no JavaScript), with a text alternative; unknown values get no bar."""
    names = list(series)
    known = [v for values in series.values() for v in values if v is not None]
    top = max(known, default=0) or 1
    bar, gap, label_width, chart_width = 16, 10, 210, 360
    group = bar * len(names) + gap
    height = group * len(labels) + 30
    shades = ["hub-bar--1", "hub-bar--2", "hub-bar--3"]
    parts = []
    for i, label in enumerate(labels):
        y0 = i * group
        parts.append(f'<text x="{label_width - 8}" y="{y0 + bar * len(names) / 2 + 5:.0f}" text-anchor="end" '
                     f'class="hub-chart__label">{esc(label[:34])}</text>')
        for j, name in enumerate(names):
            value = series[name][i]
            y = y0 + j * bar
            if value is None:
                parts.append(f'<text x="{label_width + 4}" y="{y + 12}" class="hub-chart__value">unknown</text>')
                continue
            width = max(value, 0) / top * chart_width
            parts.append(f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{bar - 3}" class="hub-bar {shades[j % 3]}"/>')
            parts.append(f'<text x="{label_width + width + 4:.1f}" y="{y + 12}" class="hub-chart__value">'
                         f'{esc(format_number(value, 1 if abs(value) < 100 else 0))}</text>')
    legend = ""
    if len(names) > 1:
        legend = "".join(f'<rect x="{label_width + k * 170}" y="{height - 16}" width="12" height="12" class="hub-bar {shades[k % 3]}"/>'
                         f'<text x="{label_width + k * 170 + 16}" y="{height - 6}" class="hub-chart__label">{esc(n)}</text>'
                         for k, n in enumerate(names))
    uid = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    return (f'<svg class="hub-chart" role="img" aria-labelledby="chart-{uid}-title chart-{uid}-desc" '
            f'viewBox="0 0 {label_width + chart_width + 80} {height}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="chart-{uid}-title">{esc(title)}</title><desc id="chart-{uid}-desc">{esc(description)}</desc>'
            + "".join(parts) + legend + "</svg>\n")
