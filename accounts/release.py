"""What this code is: a stamp that a deploy changes. Copies kept in the cache across requests
(a rendered page, the signed-in user) are keyed by it, so the first view after a deploy
reads afresh instead of a copy made by the code before."""

import hashlib
import os
from functools import cache

from django.conf import settings

SKIP = {".venv", "node_modules", "staticfiles", ".git", "test-results", "__pycache__"}


@cache
def release() -> str:
    """The size and time of each file of the code, its templates and translations, read
    once per process."""
    stamp = hashlib.blake2b(digest_size=8)
    for folder, folders, files in sorted(os.walk(settings.BASE_DIR)):
        folders[:] = sorted(name for name in folders if name not in SKIP)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".txt", ".mo")):
                info = os.stat(os.path.join(folder, name))
                stamp.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}".encode())
    return stamp.hexdigest()
