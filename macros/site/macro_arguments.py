"""What a page macro was asked for: its arguments checked against the registers and the data (a bad one stops the
build naming the page, the macro and the closest valid value), and its filters in words for captions."""

from __future__ import annotations

from ..content.problems import did_you_mean
from ..figures.leagues import ENTITY_REGISTERS


class MacroError(Exception):
    """A macro called with an argument it cannot use."""


def check_choice(macro: str, argument: str, value, choices) -> None:
    if value is not None and value not in choices:
        raise MacroError(f"{macro}: {argument}={value!r} is not known — "
                         f"{did_you_mean(value, [str(c) for c in choices], f'{argument} values: ' + ', '.join(map(str, choices)))}")


def check_filters(hub, macro: str, filters: dict) -> dict:
    """Check filter values against the registers and the data, with suggestions."""
    known = {
        "partnership": hub.partnerships, "programme": hub.programmes, "theme": hub.themes,
        "authority": hub.authorities, "sub_region": hub.sub_regions,
        "authority_type": sorted({a.type for a in hub.authorities.values()}),
        "region": sorted({a.region for a in hub.authorities.values()}),
        "year": hub.years(),
        "area": [*hub.regions, *hub.sub_regions],
    }
    for name, value in filters.items():
        if name not in known:
            raise MacroError(f"{macro}: unknown filter {name!r} — {did_you_mean(name, list(known), 'filters')}")
        check_choice(macro, name, value, known[name])
    return filters


def describe_filters(hub, filters: dict) -> str:
    """Filters in words, with register names rather than ids: "Procurement, Nottinghamshire County Council"."""
    words = []
    for name, value in filters.items():
        if value is None:
            continue
        if name in ENTITY_REGISTERS:
            words.append(hub.registers[ENTITY_REGISTERS[name]][value].name)
        elif name == "area":
            words.append(f"area-wide work covering {hub.area_name(value)}")
        else:
            words.append(f"{name.replace('_', ' ')} {str(value).replace('-', ' ')}")
    return ", ".join(words)


def scope_words(hub, filters: dict) -> str:
    described = describe_filters(hub, filters)
    return f"matching {described}" if described else "in the hub"
