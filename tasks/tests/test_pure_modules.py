"""The rule modules are plain Python: importing them must not import Django, so the rules can
be read, tested and reused without a project around them."""

import subprocess
import sys

import pytest

PURE_MODULES = [
    "tasks.classifier",
    "tasks.buyback",
    "tasks.csv_rows",
    "tasks.how_often",
    "tasks.time_audit",
    "tasks.tracker_export",
    "tasks.calendar_audit",
    "tasks.similar_titles",
    "digest.schedule",
    "sops.rules",
]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_a_rule_module_imports_no_django(module):
    code = f"import sys, {module}; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"{module} pulls in Django"
