"""Related case studies: those sharing authorities, themes or programme, scored once per Hub (`Hub.related`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..content import models

# Sharing an authority says most (the same council did it), then the programme, then a theme.
WEIGHTS = {"authority": 3, "programme": 2, "theme": 2}
LIMIT = 5
_BLOCK = 512  # rows scored at a time, so memory stays linear in the number of case studies


@dataclass(frozen=True)
class Related:
    slug: str
    score: int
    shared: tuple[tuple[str, str], ...]  # (kind, id) of what the two have in common, for the reader


def _features(cs: models.CaseStudy) -> list[tuple[str, str]]:
    features = [("authority", a) for a in cs.authorities] + [("theme", t) for t in cs.themes]
    if cs.programme:
        features.append(("programme", cs.programme))
    return features


def compute_related(case_studies: list[models.CaseStudy], limit: int = LIMIT) -> dict[str, list[Related]]:
    """The `limit` most related case studies of each: highest score first, ties to the newer, then by slug."""
    # Tie-break rank: position in (newest first, slug) order, folded into the score so each row's order is total.
    ordered = sorted(case_studies, key=lambda cs: (-cs.published.toordinal(), cs.slug))
    n = len(ordered)
    columns: dict[tuple[str, str], int] = {}
    rows, cols = [], []
    for i, cs in enumerate(ordered):
        for feature in _features(cs):
            rows.append(i)
            cols.append(columns.setdefault(feature, len(columns)))
    incidence = np.zeros((n, len(columns)), dtype=np.float32)
    incidence[rows, cols] = 1.0
    weighted = incidence * np.array([WEIGHTS[kind] for kind, _ in columns], dtype=np.float32)
    tie = (n - 1 - np.arange(n)).astype(np.int64)  # newer (smaller position) wins a tie
    related: dict[str, list[Related]] = {}
    for start in range(0, n, _BLOCK):
        block = weighted[start:start + _BLOCK] @ incidence.T  # scores of this block against every case study
        scores = np.rint(block).astype(np.int64)
        for offset in range(scores.shape[0]):
            i = start + offset
            row = scores[offset]
            row[i] = 0
            candidates = np.flatnonzero(row)
            if candidates.size == 0:
                related[ordered[i].slug] = []
                continue
            keys = row[candidates] * n + tie[candidates]
            top = candidates[np.argsort(-keys, kind="stable")[:limit]]
            # What they share, in this case study's own order: authorities, then programme, then themes.
            mine = sorted(_features(ordered[i]), key=lambda feature: list(WEIGHTS).index(feature[0]))
            related[ordered[i].slug] = [
                Related(ordered[j].slug, int(row[j]),
                        tuple(f for f in mine if incidence[j, columns[f]]))
                for j in top
            ]
    return {cs.slug: related.get(cs.slug, []) for cs in case_studies}
