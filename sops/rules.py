"""Rules of work instructions, as plain Python: template steps, version changes, review dates.

No Django imports: the views and templates turn these results into sentences.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

TEXT_FIELDS = ("title", "purpose", "done_definition", "tools", "estimated_minutes")
STEP_FIELDS = ("text", "url", "expected")


@dataclass(frozen=True)
class StepData:
    text: str
    url: str = ""
    expected: str = ""


@dataclass(frozen=True)
class Change:
    """One difference between two versions: a field or a step, with its old and new text."""

    kind: str  # "field", "step_added", "step_removed", "step_changed"
    name: str  # the field name, or the step's number in the newer version (1-based)
    old: str
    new: str


def parse_template_steps(text: str) -> list[StepData]:
    """One step per line; an optional expected result follows a " | " on the same line."""
    steps = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        body, _sep, expected = line.partition(" | ")
        steps.append(StepData(text=body.strip(), expected=expected.strip()))
    return steps


def _step_line(step: dict[str, Any]) -> str:
    return " · ".join(str(step.get(key) or "") for key in STEP_FIELDS).strip(" ·")


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What changed from one version's content to another's (fields, then steps)."""
    changes = [
        Change("field", name, str(old.get(name) or ""), str(new.get(name) or ""))
        for name in TEXT_FIELDS
        if str(old.get(name) or "") != str(new.get(name) or "")
    ]
    a = [_step_line(s) for s in old.get("steps", [])]
    b = [_step_line(s) for s in new.get("steps", [])]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = max(i2 - i1, j2 - j1)
        for k in range(pairs):
            old_line = a[i1 + k] if i1 + k < i2 else None
            new_line = b[j1 + k] if j1 + k < j2 else None
            if old_line is None:
                changes.append(Change("step_added", str(j1 + k + 1), "", new_line or ""))
            elif new_line is None:
                changes.append(Change("step_removed", str(i1 + k + 1), old_line, ""))
            else:
                changes.append(Change("step_changed", str(j1 + k + 1), old_line, new_line))
    return changes


def review_overdue(review_on: date | None, today: date) -> bool:
    return review_on is not None and review_on < today


def progress(checked: list[int], total: int) -> tuple[int, int]:
    """(steps done, steps in all), counting each valid step index once."""
    done = len({i for i in checked if 0 <= i < total})
    return done, total


# Videos that play embedded on the handover page (the CSP's frame-src allows only these).
VIDEO_FRAME_HOSTS = (
    "https://www.loom.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
)
_VIDEO_PATTERNS = (
    ("Loom", re.compile(r"^https://(?:www\.)?loom\.com/(?:share|embed)/([0-9a-f]{16,40})")),
    (
        "YouTube",
        re.compile(
            r"^https://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:.*&)?v=|youtu\.be/|"
            r"youtube\.com/shorts/)([A-Za-z0-9_-]{6,20})"
        ),
    ),
    ("Vimeo", re.compile(r"^https://(?:www\.)?vimeo\.com/(\d{5,12})(?:[/?#]|$)")),
)
_EMBED = {
    "Loom": "https://www.loom.com/embed/{id}",
    "YouTube": "https://www.youtube-nocookie.com/embed/{id}",
    "Vimeo": "https://player.vimeo.com/video/{id}?dnt=1",
}


@dataclass(frozen=True)
class Video:
    provider: str  # "Loom", "YouTube", "Vimeo"
    embed_url: str


def video_embed(url: str) -> Video | None:
    """The embeddable player for a Loom, YouTube or Vimeo link; None for any other link."""
    for provider, pattern in _VIDEO_PATTERNS:
        match = pattern.match((url or "").strip())
        if match:
            return Video(provider, _EMBED[provider].format(id=match.group(1)))
    return None
