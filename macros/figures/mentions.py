"""Dataset rows that name an authority or sub-region, for their browse pages: where a dataset and a case study meet;
indexed once per Hub (`Hub.mentions`)."""

from __future__ import annotations

from collections import defaultdict

from ..content import models


def index_mentions(datasets) -> dict[tuple[str, str], list[tuple[models.Dataset, list[dict]]]]:
    """(register, id) -> [(dataset, its rows naming that id)], datasets in id order, rows in source order."""
    found: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)
    for dataset in datasets:
        for column in dataset.columns:
            if column.ref not in ("authorities", "sub_regions"):
                continue
            for row in dataset.rows:
                value = row.get(column.id)
                if value:
                    rows = found[(column.ref, value)].setdefault(dataset.id, [])
                    if row not in rows:
                        rows.append(row)
    by_id = {d.id: d for d in datasets}
    return {key: [(by_id[d], rows) for d, rows in sorted(entries.items())] for key, entries in found.items()}
