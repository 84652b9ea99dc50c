"""Hypothesis settings of the fuzz tests.

The default keeps this folder under a minute on two cores; a deeper hunt sets
``RESKG_FUZZ_EXAMPLES`` (for example 5000) and runs ``pytest tests/fuzz``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = int(os.environ.get("RESKG_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int, deadline_ms: int = 2000) -> settings:
    """Settings for one fuzz test: ``examples`` by default, ``RESKG_FUZZ_EXAMPLES`` if set."""
    return settings(
        max_examples=SCALE or examples,
        deadline=deadline_ms,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
