"""Test-only plugin: logs one ERROR and lets the build carry on, as Pelican does with a
file it cannot use when it runs without ``--fatal``."""

from __future__ import annotations

import logging

from pelican import signals

logger = logging.getLogger(__name__)


def log_error(generators) -> None:
    logger.error("log_error: something went wrong, and the build carried on")


def register() -> None:
    signals.all_generators_finalized.connect(log_error)
