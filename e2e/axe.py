"""axe-core in a Playwright page: every rule axe enables by default (WCAG 2.0/2.1 A and AA and
its best practices), with the violations listed so a failing test says what to fix where.

axe-core comes bundled inside the axe-playwright-python wheel (axe.min.js); nothing is fetched
at run time. The page's Content-Security-Policy does not stop it: Playwright evaluates the
script through the DevTools protocol, not as a page script."""

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()
# Only the violations come back: passes and the rest would be most of the payload.
OPTIONS = {"resultTypes": ["violations"]}


# axe.run on the page's document (or `context`, as axe takes it), answering its violations
# alone; null when this document has no axe yet. axe.min.js is half a megabyte: it goes into
# each document once, not once per run (a walk runs axe at two widths on the same load).
RUN = """async ([context, options]) => {
  if (typeof window.axe === "undefined") return null;
  return (await window.axe.run(context ?? document, options)).violations;
}"""


def violations(page, *, context=None) -> list[dict]:
    """axe's violations on the page as it is now (an empty list when it is clean)."""
    found = page.evaluate(RUN, [context, OPTIONS])
    if found is None:
        page.evaluate(_AXE.axe_script)
        found = page.evaluate(RUN, [context, OPTIONS])
    return found


def describe(found: list[dict], *, where: str) -> str:
    """One readable block per violation: rule, impact, help, and each offending element."""
    lines = []
    for violation in found:
        lines.append(
            f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}"
            f" — {violation['helpUrl'].split('?')[0]}"
        )
        for node in violation["nodes"][:8]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page, *, where: str | None = None, context=None) -> None:
    """Fail with the list of violations axe finds on the page."""
    found = violations(page, context=context)
    assert not found, "axe-core found violations:\n" + describe(found, where=where or page.url)
