"""Performance measurements (reported, never asserted in tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def print_report(report: dict[str, Any], path: Path | None) -> int:
    """Print a benchmark's figures as JSON and write them to `path` too when given (its --json); exit code 0."""
    text = json.dumps(report, indent=1)
    print(text)
    if path:
        path.write_text(text + "\n")
    return 0
