"""The demo's report as a self-contained HTML page (inline CSS and SVG; no scripts, no network).

``render_html(report)`` takes the JSON report ``pgwarden demo --json`` prints (and that every demo
run saves as ``.pgwarden/demo-report.json``) and returns one HTML document with the before/after
latency chart, the advisor's suggestions, the migration's write-latency figures, and every step.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from typing import Any

from pgwarden.demo.model import PERFORMANCE, revision_note

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;
color:#1d2733;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde3ea}
.muted{color:#5b6b7c}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eef1f4;vertical-align:top}
th{background:#f5f7fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
pre{background:#f5f7fa;padding:.6rem;overflow-x:auto}
.ok{color:#177245}.bad{color:#b42318}.chart{margin:1rem 0}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
details summary{cursor:pointer}td details{max-width:32rem}td code{word-break:break-all}
"""

BEFORE_COLOUR = "#d9822b"
AFTER_COLOUR = "#2b7bd9"


def _e(value: Any) -> str:
    """``value`` as escaped text, in words a reader expects: yes/no, not True/False; 10, not 10.0."""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif value is None:
        text = "–"
    elif isinstance(value, float):
        text = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = str(value)
    return html.escape(text, quote=True)


def _when(iso: Any) -> str:
    """An ISO timestamp from the report as ``2026-12-07 10:55 UTC`` (as it came when unreadable)."""
    try:
        t = dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso or "")
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC)
    return t.strftime("%Y-%m-%d %H:%M") + (" UTC" if t.tzinfo is not None else "")


class _Html(str):
    """A cell already rendered as HTML (``_table`` does not escape it)."""


def _folded(text: Any, length: int = 70) -> _Html:
    """A long explanation as its first words, the rest one click away (keeps table rows short)."""
    text = str(text or "")
    if len(text) <= length:
        return _Html(html.escape(text))
    cut = text.rfind(" ", 0, length)
    head = text[:cut if cut > length // 2 else length]
    return _Html(f"<details><summary>{html.escape(head)} …</summary>{html.escape(text)}</details>")


def _fmt_ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def latency_chart_svg(rows: list[dict[str, Any]], *, width: int = 1000) -> str:
    """A horizontal grouped bar chart (log scale) of P95 before/after per query, as inline SVG.

    ``rows``: ``[{"query": name, "before_p95_ms": x, "after_p95_ms": y}, …]``. Each bar is a
    ``<rect class="bar before|after" data-query=…>`` so tests (and browsers) can find them.
    """
    label_w, right_pad, bar_h, gap = 260, 90, 11, 10
    height = max(1, len(rows)) * (2 * bar_h + gap) + 40
    values = [v for r in rows for v in (r.get("before_p95_ms"), r.get("after_p95_ms")) if v]
    lo = min(values, default=0.01)
    hi = max(values, default=1.0)
    lo_log = math.floor(math.log10(max(lo, 0.001)))
    hi_log = math.ceil(math.log10(max(hi, lo * 10, 0.01)))
    span = max(hi_log - lo_log, 1)
    plot_w = width - label_w - right_pad

    def x_of(v: float) -> float:
        return plot_w * (math.log10(max(v, 10 ** lo_log)) - lo_log) / span

    parts = [f'<svg class="chart latency" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
             'aria-label="P95 latency per query, before and after, log scale">']
    for k in range(span + 1):
        x = label_w + plot_w * k / span
        parts.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 10}" stroke="#e3e8ee"/>')
        parts.append(f'<text x="{x:.1f}" y="14" font-size="10" text-anchor="middle" '
                     f'fill="#5b6b7c">{_e(_fmt_ms(10 ** (lo_log + k)))} ms</text>')
    y = 26
    for r in rows:
        name = str(r["query"])
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h + 3}" font-size="11" '
                     f'text-anchor="end">{_e(name)}</text>')
        for kind, colour in (("before", BEFORE_COLOUR), ("after", AFTER_COLOUR)):
            v = r.get(f"{kind}_p95_ms")
            if v:
                w = max(1.0, x_of(float(v)))
                parts.append(f'<rect class="bar {kind}" data-query="{_e(name)}" x="{label_w}" '
                             f'y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                             f'<title>{_e(name)} {kind}: P95 {_e(_fmt_ms(float(v)))} ms</title></rect>')
                parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 2}" font-size="10" '
                             f'fill="#5b6b7c">{_e(_fmt_ms(float(v)))} ms</text>')
            y += bar_h
        y += gap
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{_cell(c)}</td>' if i in numeric else f"<td>{_cell(c)}</td>"
                         for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    return str(value) if isinstance(value, _Html) else _e(value)


def _scale(value: Any) -> str:
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


def _revision_cell(advice: dict[str, Any]) -> str:
    if "revision_0004_indexes" in advice:
        return revision_note(list(advice["revision_0004_indexes"]))
    return revision_note(str(advice.get("revision_0004", "")))  # a report saved by an older pgwarden


def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML document."""
    comparison = report.get("comparison") or []
    took = round(float(report.get("duration_s", 0)), 1)
    out = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
           "<title>pgwarden demo report</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>pgwarden demo report</h1>",
           f'<p class="muted">pgwarden {_e(report.get("pgwarden_version", "?"))} · PostgreSQL '
           f'{_e(report.get("server_version", "?"))} · data set scale '
           f'{_e(_scale(report.get("scale", "?")))} · {_e(_when(report.get("started_at", "")))} · '
           f'took {_e(f"{took:.1f}")} s'
           "</p>"]
    summary = report.get("summary") or {}
    if summary:
        out.append("<h2>Summary</h2><ul>")
        for key, value in summary.items():
            out.append(f"<li><b>{_e(key)}</b>: {_e(value)}</li>")
        out.append("</ul>")
    if comparison:
        out.append("<h2>Workload latency before and after the performance revision</h2>")
        out.append(f'<p class="legend"><span style="background:{BEFORE_COLOUR}"></span>before'
                   f'<span style="background:{AFTER_COLOUR}"></span>after (P95, log scale)</p>')
        out.append(f'<div class="chart">{latency_chart_svg(comparison)}</div>')
        out.append(_table(["query", "P50 before ms", "P95 before ms", "P50 after ms", "P95 after ms",
                           "speed-up (P95)"],
                          [[r["query"], _fmt_ms(r.get("before_p50_ms")), _fmt_ms(r.get("before_p95_ms")),
                            _fmt_ms(r.get("after_p50_ms")), _fmt_ms(r.get("after_p95_ms")),
                            f'{r["speedup_p95"]:.1f}×' if r.get("speedup_p95") else "–"]
                           for r in comparison], numeric={1, 2, 3, 4, 5}))
    advice = report.get("advice") or []
    if advice:
        out.append("<h2>Indexes pgwarden suggested</h2>")
        out.append(_table(["index", "why", "cost before → after", f"revision {PERFORMANCE}"],
                          [[_Html(f"<code>{html.escape(str(a.get('sql', '')))}</code>"),
                            _folded(a.get("why", "")), a.get("cost", ""), _revision_cell(a)]
                           for a in advice]))
    migration = report.get("migration") or {}
    if migration:
        out.append("<h2>Migration under write load</h2>")
        out.append(_table(["measure", "value"], [[k, v] for k, v in migration.items()]))
    lint = report.get("lint") or {}
    if lint:
        out.append("<h2>Lint of the pending revisions</h2>")
        found = lint.get("findings") or []
        out.append(f"<p>revisions {_e(', '.join(lint.get('revisions', [])))}: "
                   f"{_e(lint.get('statements', 0))} statements, "
                   + (f'<span class="bad">{len(found)} finding(s)</span>' if found
                      else '<span class="ok">no lock hazards</span>') + "</p>")
        if found:
            out.append(_table(["file:line", "rule", "message"],
                              [[f"{f.get('file')}:{f.get('line')}", f.get("rule"), f.get("message")]
                               for f in found]))
    maintenance = report.get("maintenance") or {}
    if maintenance:
        out.append("<h2>maintain run</h2>")
        out.append(_table(["outcome", "task", "action", "object", "reason", "rows"],
                          [[o.get("outcome"), o.get("task"), o.get("action"), o.get("object"),
                            _folded(o.get("reason")), o.get("rows") or None]
                           for o in maintenance.get("outcomes", [])],
                          numeric={5}))
    health = report.get("health") or {}
    if health:
        out.append(f"<h2>health: {_e(health.get('status'))}</h2>")
        out.append(_table(["check", "status", "summary"],
                          [[c.get("name"), c.get("status"), c.get("summary")]
                           for c in health.get("checks", [])]))
    out.append("<h2>Steps</h2>")
    out.append(_table(["step", "what happened", "seconds"],
                      [[s.get("step"), s.get("message"), round(float(s.get("duration_s", 0)), 2)]
                       for s in report.get("steps", [])], numeric={2}))
    out.append("</body></html>")
    return "\n".join(out)
