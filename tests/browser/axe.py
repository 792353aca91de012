"""The accessibility check: axe-core's WCAG 2.1 A/AA rules run on the page in the browser."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

axe = Axe()
# Only the violations come back from the browser: the passes and the rules that did not apply are not read here.
RUN_AXE = "options => axe.run(document, options).then(results => results.violations)"


def describe(violation: dict) -> str:
    targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
    return f"- {violation['id']} ({violation['impact']}): {violation['help']} [{targets}]"


def assert_accessible(page) -> None:
    """Fail with one line per violated rule (id, impact, help, target selectors) when axe finds any."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # loaded once per document
        page.evaluate(axe.axe_script)
    violations = page.evaluate(RUN_AXE, OPTIONS)
    report = "\n".join(describe(violation) for violation in violations)
    assert not violations, f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n{report}"
