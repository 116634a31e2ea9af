"""What an editor means by a name: the register id of an id, a name or an alias ('Notts CC' -> nottinghamshire-cc),
and what the registers imply about a new case study (the partnership of a council's sub-region)."""

from __future__ import annotations

import re

from .fields import REGISTER_ITEM
from .problems import closest


class UnknownName(ValueError):
    """A name that no register entry has; the message suggests the closest ids."""


def resolve_id(text: str, registers: dict, names: tuple[str, ...], what: str | None = None) -> str:
    """The id, in the registers `names`, that an editor means by an id, a name, a short name or an alias."""
    wanted = text.strip()
    items = {item_id: item for name in names for item_id, item in registers[name].items()}
    if wanted in items or wanted.lower() in items:
        return wanted if wanted in items else wanted.lower()
    for item_id, item in items.items():
        spellings = [getattr(item, "name", ""), getattr(item, "short_name", ""), *getattr(item, "aliases", [])]
        if wanted.lower() in (spelling.lower() for spelling in spellings if spelling):
            return item_id
    by_name = {getattr(item, "name", item_id): item_id for item_id, item in items.items()}
    suggestions = closest(wanted, list(items)) or [by_name[n] for n in closest(wanted, list(by_name))]
    hint = ("did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?") if suggestions else "no close match"
    files = " and ".join(f"data/{name}.yaml" for name in names)
    raise UnknownName(f"unknown {what or REGISTER_ITEM[names[0]]} {wanted!r} — {hint} (ids are listed in {files})")


def resolve_ids(texts, registers: dict, name: str) -> list[str]:
    """The ids meant by names given one by one or separated by commas, each once, in the order given."""
    ids = []
    for text in texts:
        for part in (p for p in re.split(r"\s*,\s*", text) if p):
            item_id = resolve_id(part, registers, (name,))
            if item_id not in ids:
                ids.append(item_id)
    return ids


def resolve_area(text: str, registers: dict) -> str:
    """The region or sub-region an editor means by an id or a name ('Leicestershire', 'East Midlands')."""
    return resolve_id(text, registers, ("regions", "sub_regions"), "area")


def suggest_partnership(authorities: list[str], registers: dict, area: str | None = None) -> str | None:
    """The partnership whose sub-regional work covered the first authority (or the area), where the registers say;
    for a region, its one partnership, if it has only one."""
    sub_regions = [registers["authorities"][a].sub_region for a in authorities] + [area]
    for sub_region in (registers["sub_regions"].get(s or "") for s in sub_regions):
        if sub_region and sub_region.partnership:
            return sub_region.partnership
    region = registers["regions"].get(area or "")
    if region:
        of_region = [p.id for p in registers["partnerships"].values() if p.region == region.name]
        if len(of_region) == 1:
            return of_region[0]
    return None
