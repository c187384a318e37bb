"""The rule modules are plain Python: importing them must not import Django, so the rules can
be read, tested and reused without a project around them.

The list is the import-linter contract's ("The rule modules are plain Python" in
pyproject.toml), read from there, so `make lint` and this test guard the same modules; and
every module of the apps that could be in it (it imports nothing of Django, directly or
through the project's modules it imports) must be: a new pure module joins the guard."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "accounts",
    "tasks",
    "sops",
    "digest",
    "consultants",
    "dashboard",
    "privacy",
    "plan",
    "api",
    "mail",
    "outsourcing",
)


def _contract_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["type"] == "forbidden" and "django" in contract["forbidden_modules"]:
            return contract["source_modules"]
    raise AssertionError("pyproject.toml has no contract that keeps modules free of Django")


PURE_MODULES = _contract_modules()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


# Libraries that are plain Python too: a module using only these, the standard library and
# pure modules of ours could be a rule module. Anything else (Django, DRF, …) makes it impure.
PLAIN_LIBRARIES = {"babel", "markdown", "nh3", "icalendar", "recurring_ical_events"}


def _could_be_pure() -> set[str]:
    """The apps' modules (not tests, migrations or commands) that import only the standard
    library, plain libraries and the project's own pure modules."""
    paths = [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if not {"tests", "migrations", "management"} & set(path.parts)
    ]
    # A package's __init__ counts for what imports it (sops.models), not as a candidate.
    modules = {_module_name(path): _imports(path) for path in paths}
    packages = {_module_name(path) for path in paths if path.name == "__init__.py"}
    ours = set(APPS)

    def outside(imported: str) -> bool:
        top = imported.split(".")[0]
        return top not in ours and top not in sys.stdlib_module_names | PLAIN_LIBRARIES

    impure = {name for name, imports in modules.items() if any(map(outside, imports))}
    changed = True
    while changed:  # a module importing an impure one of ours is impure too
        changed = False
        for name, imports in modules.items():
            if name in impure:
                continue
            if any(i in impure or i.rsplit(".", 1)[0] in impure for i in imports):
                impure.add(name)
                changed = True
    candidates = set(modules) - packages - impure
    return {name for name in candidates if name.split(".")[0] != "outsourcing"}


@pytest.mark.parametrize("module", PURE_MODULES)
def test_a_rule_module_imports_no_django(module):
    code = f"import sys, {module}; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"{module} pulls in Django"


def test_every_module_that_imports_no_django_is_guarded():
    unguarded = _could_be_pure() - set(PURE_MODULES)
    assert not unguarded, f"add to the pure contract in pyproject.toml: {sorted(unguarded)}"
