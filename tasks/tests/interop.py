"""Where the real export files of other tools live: `../shared/interop/` beside the repository
(one level further up from a worktree). They are read in place, never copied here."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def interop_dir() -> Path:
    for base in (REPO.parent, REPO.parent.parent):
        folder = base / "shared" / "interop"
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"no shared/interop/ beside {REPO}")


def interop_files() -> list[Path]:
    return sorted(path for path in interop_dir().iterdir() if path.is_file())
