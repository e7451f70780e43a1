"""The HTML report is self-contained and carries one bar per query and phase."""

from __future__ import annotations

import re

from pgwarden.demo.report import latency_chart_svg, render_html

ROWS = [
    {"query": "list_published", "before_p50_ms": 40.0, "before_p95_ms": 80.0,
     "after_p50_ms": 0.4, "after_p95_ms": 0.9, "speedup_p95": 88.9},
    {"query": "search <pl>", "before_p50_ms": 120.0, "before_p95_ms": 300.0,
     "after_p50_ms": 2.0, "after_p95_ms": 5.0, "speedup_p95": 60.0},
]


def test_chart_has_a_bar_per_query_and_phase() -> None:
    svg = latency_chart_svg(ROWS)
    assert len(re.findall(r'<rect class="bar before"', svg)) == 2
    assert len(re.findall(r'<rect class="bar after"', svg)) == 2
    # log scale: the slow bar is wider than the fast one
    pattern = (r'<rect class="bar (before|after)" data-query="list_published" '
               r'x="\d+" y="\d+" width="([\d.]+)"')
    widths = {m.group(1): float(m.group(2)) for m in re.finditer(pattern, svg)}
    assert widths["before"] > widths["after"]


def test_html_escapes_names_and_needs_no_network() -> None:
    page = render_html({"comparison": ROWS, "steps": [{"step": "seed", "message": "<b>x</b>",
                                                       "duration_s": 1.5}]})
    assert "search &lt;pl&gt;" in page
    assert "<b>x</b>" not in page
    assert "<script" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


REPORT = {
    "pgwarden_version": "0.1.0", "server_version": "15.20", "scale": 10.0,
    "started_at": "2026-12-07T10:55:12.345678+00:00", "duration_s": 61.27,
    "advice": [
        {"sql": "CREATE INDEX CONCURRENTLY a ON t (x)", "why": "equality on x; " + "long words " * 30,
         "cost": "100 → 1", "revision_0004_indexes": [],
         "revision_0004": "0004 has no index leading with the same column"},
        {"sql": "CREATE INDEX CONCURRENTLY b ON t (y)", "why": "short", "cost": "9 → 8",
         "revision_0004_indexes": ["t_y_idx"]},
    ],
    "migration": {"writers stalled beyond lock_timeout": False, "writes during migration": 1234},
    "steps": [],
}


def test_header_and_values_read_as_words_not_python() -> None:
    page = render_html(REPORT)
    assert "False" not in page and "True" not in page
    assert "<td>no</td>" in page  # writers stalled: no
    assert "1,234" in page
    assert "2026-12-07 10:55 UTC" in page and "T10:55:12" not in page
    assert "scale 10 " in page and "10.0" not in page


def test_advice_wording_is_the_terminals_and_long_reasons_fold() -> None:
    from pgwarden.demo.model import revision_note

    page = render_html(REPORT)
    assert revision_note([]) in page
    assert revision_note(["t_y_idx"]) in page
    assert "not in 0004" not in page
    # the long reason is folded behind its first words, the short one is not
    assert page.count("<details>") == 1
    assert "<summary>equality on x; long words" in page


def test_a_report_saved_with_the_old_wording_renders_the_new() -> None:
    old = {"advice": [{"sql": "CREATE INDEX x", "why": "w", "cost": "1 → 0",
                       "revision_0004": "not in 0004"},
                      {"sql": "CREATE INDEX y", "why": "w", "cost": "1 → 0",
                       "revision_0004": "a_idx, b_idx"}], "steps": []}
    page = render_html(old)
    assert "0004 has no index leading with the same column" in page
    assert "0004 has one leading with the same column: a_idx, b_idx" in page
