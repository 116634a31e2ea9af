"""What a build prints: warnings, errors and the hub's own notes, without other plugins' start-up chatter."""

from __future__ import annotations

import logging

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
