"""``--html FILE``: one self-contained page (no script, no external resource) with the fleet
matrix — a cell per target and check (health) or per target (other commands), coloured by
status, each linking to its detail further down the page."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from pgwarden.fleet.model import Row, counts, exit_code, worst_first
from pgwarden.fleet.render import CELL, matrix

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}
th.check{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal}
td.cell a{display:block;color:inherit;text-decoration:none;text-align:center}
.s-ok,.s-OK{background:#c8e6c9}.s-findings,.s-WARNING,.s-partial{background:#fff59d}
.s-CRITICAL,.s-failed,.s-unreachable,.s-timeout{background:#ef9a9a}
.s-UNKNOWN,.s-locked{background:#e1bee7}.s-skipped-standby{background:#b3e5fc}
.s-not-reached,.s-none{background:#eee;color:#777}
section.detail{border-top:1px solid #ddd;margin-top:1em}section.detail:target{background:#fffde7}
code{white-space:pre-wrap}
"""


def _cls(status: str) -> str:
    return "s-" + (status.replace(": ", "-").replace(" ", "-") if status else "none")


def _anchor(i: int, j: int | None = None) -> str:
    return f"d{i}" if j is None else f"d{i}-{j}"


def render(rows: Sequence[Row], command: str, seconds: float) -> str:
    health = command == "health"
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    c = counts(rows)
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>pgwarden fleet: {escape(command)}</title><style>{_CSS}</style></head><body>",
        f"<h1>pgwarden fleet: {escape(command)}</h1>",
        f"<p>{len(rows)} target(s), {escape(now)}, {seconds:.1f}s; "
        + ", ".join(f'<span class="{_cls(s)}">{n} {escape(s)}</span>' for s, n in c.items())
        + f"; exit code {exit_code(rows)}</p>",
    ]
    details: list[str] = []
    if health:
        checks, lines = matrix(rows)
        parts.append('<table id="matrix"><thead><tr><th>target</th><th>status</th>'
                     + "".join(f'<th class="check">{escape(n)}</th>' for n in checks)
                     + "</tr></thead><tbody>")
        for i, (r, cells) in enumerate(lines):
            parts.append(f'<tr><th>{escape(r.target)}</th><td class="cell {_cls(r.status)}">'
                         f'<a href="#{_anchor(i)}">{escape(r.status)}</a></td>')
            details.append(_row_detail(i, r))
            for j, (name, st) in enumerate(zip(checks, cells, strict=True)):
                if not st:
                    parts.append(f'<td class="cell {_cls("")}"><a href="#{_anchor(i)}">-</a></td>')
                    continue
                parts.append(f'<td class="cell {_cls(st)}" title="{escape(name)}">'
                             f'<a href="#{_anchor(i, j)}">{CELL[st]}</a></td>')
                check = r.detail["checks"][name]
                fix = f"<p>fix: <code>{escape(check['fix'])}</code></p>" if check.get("fix") else ""
                details.append(f'<section class="detail" id="{_anchor(i, j)}"><h3>'
                               f'{escape(r.target)}: {escape(name)} <span class="{_cls(st)}">'
                               f'{escape(st)}</span></h3><p>{escape(check["summary"])}</p>{fix}'
                               "</section>")
            parts.append("</tr>")
    else:
        parts.append('<table id="matrix"><thead><tr><th>target</th><th>status</th>'
                     "<th>result</th></tr></thead><tbody>")
        for i, r in enumerate(worst_first(rows)):
            parts.append(f'<tr><th>{escape(r.target)}</th><td class="cell {_cls(r.status)}">'
                         f'<a href="#{_anchor(i)}">{escape(r.status)}</a></td>'
                         f"<td>{escape(r.message)}</td></tr>")
            details.append(_row_detail(i, r))
    parts.append("</tbody></table><h2>Details</h2>")
    parts.extend(details)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _row_detail(i: int, r: Row) -> str:
    labels = ", ".join(f"{escape(k)}={escape(v)}" for k, v in r.labels.items())
    extra = _extra(r.detail)
    return (f'<section class="detail" id="{_anchor(i)}"><h3>{escape(r.target)} '
            f'<span class="{_cls(r.status)}">{escape(r.status)}</span></h3>'
            f"<p>{escape(r.message)}</p><p>cluster {escape(r.cluster)}"
            f"{', database ' + escape(r.database) if r.database else ''}"
            f"{', labels ' + labels if labels else ''}; {r.seconds:.2f}s</p>{extra}</section>")


def _extra(detail: Any) -> str:
    items = []
    for key in ("suggested", "findings", "pending", "applied", "before", "after", "tasks"):
        value = detail.get(key) if hasattr(detail, "get") else None
        if value:
            from pgwarden.output import dumps

            items.append(f"<p>{escape(key)}:</p><code>{escape(dumps(value))}</code>")
    return "".join(items)


def write(path: str | os.PathLike[str], rows: Sequence[Row], command: str, seconds: float) -> Path:
    """Write the page next to its final name and rename it over (never half-written); 0600."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(render(rows, command, seconds))
    os.replace(tmp, target)
    return target
