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
