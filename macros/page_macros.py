"""Macros that good-practice pages call. Each takes the Hub first; `define_env` binds it.
Arguments are checked: a bad one stops the build naming the macro and the closest valid value."""

from __future__ import annotations

from . import render
from .problems import did_you_mean


class MacroError(Exception):
    """A macro called with an argument it cannot use."""


SORTS = {
    "newest": lambda cs: (-cs.published.toordinal(), cs.title.lower()),
    "title": lambda cs: cs.title.lower(),
    "savings": lambda cs: (-max((s.amount for s in cs.savings), default=0), cs.title.lower()),
}


def check_choice(macro: str, argument: str, value, choices) -> None:
    if value is not None and value not in choices:
        raise MacroError(f"{macro}: {argument}={value!r} is not known — "
                         f"{did_you_mean(value, list(choices), f'{argument} values')}")


def check_filters(hub, macro: str, filters: dict) -> dict:
    """Check filter values against the registers and the data, with suggestions."""
    known = {
        "partnership": hub.partnerships, "programme": hub.programmes, "theme": hub.themes,
        "authority": hub.authorities, "sub_region": hub.sub_regions,
        "authority_type": {a.type for a in hub.authorities.values()},
        "region": {a.region for a in hub.authorities.values()},
        "year": hub.years(),
    }
    for name, value in filters.items():
        if name not in known:
            raise MacroError(f"{macro}: unknown filter {name!r} — {did_you_mean(name, list(known), 'filters')}")
        check_choice(macro, name, value, known[name])
    return filters


def case_study_list(hub, page_uri: str, sort: str = "newest", limit: int | None = None, **filters) -> str:
    """Case studies matching filters, e.g. `{{ case_study_list(theme="procurement", sort="savings", limit=5) }}`."""
    check_choice("case_study_list", "sort", sort, SORTS)
    chosen = sorted(hub.select(**check_filters(hub, "case_study_list", filters)), key=SORTS[sort])
    return render.render_case_study_list(chosen[:limit] if limit else chosen, hub, page_uri)


def savings_summary(hub, page_uri: str, caption: str | None = None, **filters) -> str:
    """Delivered and forecast savings by basis for case studies matching filters, e.g. `{{ savings_summary(partnership="em-iep") }}`."""
    slugs = [cs.slug for cs in hub.select(**check_filters(hub, "savings_summary", filters))]
    described = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in filters.items() if v is not None)
    caption = caption or "Savings reported in case studies" + (f" ({described})" if described else "")
    return render.render_savings_summary(hub.savings_of(slugs), caption)


def dataset_table(hub, page_uri: str, dataset: str) -> str:
    """A dataset as an accessible table with its totals and source, e.g. `{{ dataset_table("em-iep-srp-savings-2008-11") }}`."""
    check_choice("dataset_table", "dataset", dataset, hub.datasets)
    return render.render_dataset_table(hub.datasets[dataset], hub.totals[dataset], hub, page_uri)


def case_study_count(hub, page_uri: str, **filters) -> int:
    """How many published case studies match filters, e.g. `{{ case_study_count(theme="procurement") }}`."""
    return len(hub.select(**check_filters(hub, "case_study_count", filters)))


MACROS = [case_study_list, savings_summary, dataset_table, case_study_count]
