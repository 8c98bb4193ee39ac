from .corpus import CORPUS, breakdown


def pytest_terminal_summary(terminalreporter):
    """The corpus size at the end of a run that sent it."""
    sent = [
        report
        for report in terminalreporter.stats.get("passed", [])
        + terminalreporter.stats.get("failed", [])
        if "test_hostile_request_is_answered_safely" in report.nodeid
    ]
    if sent:
        kinds = ", ".join(f"{kind} {count}" for kind, count in breakdown().items())
        terminalreporter.write_line(
            f"hostile corpus: {len(sent)} of {len(CORPUS)} requests sent ({kinds})"
        )
