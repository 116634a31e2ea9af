"""Figure components: a headline number with its label and source, and a horizontal bar chart as inline SVG (no
JavaScript) with its text alternative."""

from __future__ import annotations

from ...content.slugs import slugify
from ..format import format_number
from .text import esc


def render_headline(value: str, label: str, source_html: str, href: str | None = None) -> str:
    """A headline figure; with `href`, its value links to the list of what it counts."""
    shown = f'<a href="{esc(href)}">{esc(value)}</a>' if href else esc(value)
    return (f'<div class="hub-headline"><p class="hub-headline__value">{shown}</p>'
            f'<p class="hub-headline__label">{esc(label)}</p>'
            f'<p class="hub-headline__source">{source_html}</p></div>\n')


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
    uid = slugify(title, 60)
    return (f'<svg class="hub-chart" role="img" aria-labelledby="chart-{uid}-title chart-{uid}-desc" '
            f'viewBox="0 0 {label_width + chart_width + 80} {height}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="chart-{uid}-title">{esc(title)}</title><desc id="chart-{uid}-desc">{esc(description)}</desc>'
            + "".join(parts) + legend + "</svg>\n")
