"""What a build prints: warnings, errors and the hub's own notes, without other plugins' start-up chatter; with
HUB_MESSAGES=github, the problems in editors' files as GitHub annotations too."""

from __future__ import annotations

import logging
import os
import sys

# mkdocs-macros logs seven INFO lines on every build (its modules, functions, variables, macros and filters).
MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros.util"


class StartupChatter(logging.Filter):
    """Drops a logger's records below WARNING unless the build runs with --verbose: warnings and errors still
    reach MkDocs' handlers, which count them for --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)


def quiet_other_plugins() -> None:
    """Keep mkdocs-macros' start-up notes out of the build's output (once per process)."""
    logger = logging.getLogger(MACROS_LOGGER)
    if not any(isinstance(existing, StartupChatter) for existing in logger.filters):
        logger.addFilter(StartupChatter())


# `HUB_MESSAGES=github make build PUBLISH=false` (the pull-request workflow): each problem the build finds in a file an editor
# wrote is also printed as a GitHub Actions annotation, so it shows on the pull request's line as the check's do.
MESSAGES_FORMAT = "HUB_MESSAGES"
BUILD_LOGGERS = ("mkdocs", "properdocs")


class Annotations(logging.Handler):
    """Prints a GitHub annotation for each warning that carries a problem at a source line (`hub_problem`)."""

    def __init__(self, stream=None):
        super().__init__(logging.WARNING)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        problem = getattr(record, "hub_problem", None)
        if problem is not None:
            print(problem.as_github_annotation(title="Hub build"), file=self.stream or sys.stdout, flush=True)


def install_annotations(environ=os.environ) -> None:
    """With HUB_MESSAGES=github, the Annotations handler on the build's loggers (once per process)."""
    if environ.get(MESSAGES_FORMAT, "").strip().lower() != "github":
        return
    for name in BUILD_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(handler, Annotations) for handler in logger.handlers):
            logger.addHandler(Annotations())
