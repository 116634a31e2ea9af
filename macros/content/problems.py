"""Problems found in editors' files, and how they are reported."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where, which field, what, and what to write instead."""

    path: str
    line: int
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text

    def as_github_annotation(self, title: str = "Hub check") -> str:
        """The GitHub Actions workflow-command form, so the problem shows on the pull request's line. Escaped by
        GitHub's rules, so a file name or value with a newline, comma or colon cannot end the command early and
        write one of its own (`::stop-commands::`, a forged `::error`)."""
        text = f"{self.field}: {self.message}" + (f" — {self.fix}" if self.fix else "")
        return (f"::error file={escape_property(self.path)},line={self.line},title={escape_property(title)}::"
                f"{escape_data(text)}")


def escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and ':' and ',' too, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised when the content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the hub's content:\n{lines}")


def closest(word: str, choices, n: int = 3) -> list[str]:
    """The known values closest to `word`, best first."""
    choices = [str(choice) for choice in choices]
    matches = difflib.get_close_matches(str(word), choices, n=n, cutoff=0.6)
    if not matches:
        lowered = str(word).lower()
        matches = [c for c in choices if lowered and (lowered in c or c in lowered)][:n]
    return matches


def did_you_mean(word: str, choices, what: str = "") -> str:
    """A 'did you mean' hint, or a pointer to the list of valid values."""
    matches = closest(word, choices)
    if matches:
        return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
    return f"use one of the {what or 'known values'}"
