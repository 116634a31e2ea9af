"""Results kept with the inputs they were computed from, and reused while the inputs are the same: what lets a
`mkdocs serve` rebuild parse, validate and generate again only what an edit changed (the HubCache keeps one Memo
across the Hubs it builds). Only for functions that read nothing but their inputs and change nothing."""

from __future__ import annotations


class Same:
    """An input compared by identity. The content's objects (a file's parsed data, a case study, the registers) are
    never changed once made, and a Memo hands back the same object while its file is unchanged: the same object is
    the same content, and another object is taken as changed without comparing it, however large it is."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other) -> bool:
        return isinstance(other, Same) and other.value is self.value

    __hash__ = None


class Memo:
    """One result per step and name (a file's path, a page's address), with the inputs it was computed from."""

    def __init__(self):
        self.entries: dict[tuple[str, str], tuple[object, object]] = {}

    def reuse(self, step: str, name: str, inputs, compute):
        """What compute() returned for this step and name when last given equal `inputs` (everything it reads:
        a file's text, the objects it is made from wrapped in `Same`), else compute() now, kept for next time."""
        held = self.entries.get((step, name))
        if held is not None and held[0] == inputs:
            return held[1]
        result = compute()
        self.entries[(step, name)] = (inputs, result)
        return result


def reuse(memo: Memo | None, step: str, name: str, inputs, compute):
    """compute() through `memo` when there is one (a preview's), else simply compute()."""
    return compute() if memo is None else memo.reuse(step, name, inputs, compute)
