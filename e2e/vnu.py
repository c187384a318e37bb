"""The Nu HTML checker (vnu-jar from npm, pinned in package.json) over many documents in one
JVM start: each document a file in a temporary folder, one `java -jar vnu.jar` over the
folder, its JSON report read back and each error named by the document's label, line and
message.

Some errors come from markup we do not own and cannot change without forking it (Django's
admin templates): ALLOWED lists them, each as narrow as it can be, with the reason."""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Allowed:
    """An error we accept: on documents whose label matches `where`, a message matching
    `message` (both regular expressions, searched)."""

    where: str
    message: str
    reason: str

    def covers(self, label: str, message: str) -> bool:
        return bool(re.search(self.where, label) and re.search(self.message, message))


ALLOWED: tuple[Allowed, ...] = ()


@dataclass(frozen=True)
class Error:
    label: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"{self.label}:{self.line}" if self.line else self.label
        extract = " ".join(self.extract.split())
        return f"{where}: {self.message}" + (f"\n    {extract[:160]}" if extract else "")


def missing() -> str | None:
    """Why the checker cannot run here (None when it can)."""
    if shutil.which("java") is None:
        return "java is not installed (apt-get install default-jre-headless)"
    if not JAR.is_file():
        return f"the Nu HTML checker is not installed ({JAR.name} missing: run `npm ci`)"
    return None


def check(documents: dict[str, str]) -> list[Error]:
    """Every error the checker finds in `documents` (label → HTML), ALLOWED ones left out."""
    java = shutil.which("java")
    assert java is not None, missing()
    with tempfile.TemporaryDirectory(prefix="vnu-") as temporary:
        folder, labels = Path(temporary).resolve(), {}
        for number, (label, html) in enumerate(documents.items()):
            path = folder / f"{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            labels[path.as_uri()] = label
        options = ["--format", "json", "--errors-only", "--exit-zero-always"]
        done = subprocess.run(  # noqa: S603 — our own fixed command over our own files
            [java, "-jar", str(JAR), *options, *sorted(map(str, folder.iterdir()))],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    report = json.loads(done.stderr or done.stdout)  # the checker writes its report to stderr
    errors = []
    for message in report["messages"]:
        if message["type"] == "info":
            continue
        label = labels.get(_as_uri(message.get("url", "")), message.get("url", "?"))
        if any(allowed.covers(label, message["message"]) for allowed in ALLOWED):
            continue
        line = message.get("lastLine") or message.get("firstLine")
        errors.append(Error(label, line, message["message"], message.get("extract", "")))
    return errors


def _as_uri(url: str) -> str:
    # The checker names a file "file:/tmp/…"; Path.as_uri() says "file:///tmp/…".
    return re.sub(r"^file:/+", "file:///", url)


def describe(errors: list[Error]) -> str:
    """Each error once, with every page it is on (one template's error shows on many)."""
    pages: dict[tuple[str, str], list[Error]] = {}
    for error in errors:
        pages.setdefault((error.message, " ".join(error.extract.split())), []).append(error)
    lines = [f"the Nu HTML checker found {len(errors)} error(s):"]
    for same in pages.values():
        lines.append(str(same[0]))
        if len(same) > 1:
            others = ", ".join(error.label for error in same[1:6])
            more = f" and {len(same) - 6} more" if len(same) > 6 else ""
            lines.append(f"    also on {others}{more}")
    return "\n".join(lines)
