"""Print what the hardening suite tried: one summary line at the end of the pytest run."""

from __future__ import annotations

from tests.hardening.counts import COUNTS


def pytest_runtest_logreport(report):
    if report.when == "call" and report.failed and "hardening" in report.nodeid:
        COUNTS["errors"] += 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not any(COUNTS.values()) and not COUNTS.get("errors"):
        return
    terminalreporter.write_line(
        f"hardening: fuzzed {COUNTS['fuzzed']} cases, hostile inputs tried {COUNTS['hostile']}, "
        f"kills survived {COUNTS['kills']}, "
        + (f"sessions served {COUNTS['sessions']}, " if "sessions" in COUNTS else "")
        + f"errors {COUNTS['errors']}"
        + (f" (kill seed {COUNTS['seed']})" if "seed" in COUNTS else "")
    )
