"""``pgwarden locks``."""

from __future__ import annotations

import click

from pgwarden._cli.common import app, json_option


@click.command()
@json_option
def locks(as_json: bool) -> int:
    """Show the tree of who blocks whom (pid, user, application, wait time, lock mode,
    query): roots hold locks others wait for, each child waits on its parent.

    Exit 0 when nothing waits on a lock, 1 when some session is blocked."""
    from pgwarden.activity.locks import lock_tree
    from pgwarden.output import emit_json

    tree = lock_tree(app().dsn)
    if as_json:
        emit_json(tree.as_json())
        return 1 if tree.roots else 0
    from rich.markup import escape
    from rich.tree import Tree

    from pgwarden.output import console

    out = console()
    if not tree.roots:
        out.print(f"{escape(tree.target)}: no session is waiting on a lock")
        return 0
    top = Tree(f"[bold]{escape(tree.target)}[/bold]: {tree.blocked} "
               "session(s) blocked")

    def label(n: object) -> str:
        from pgwarden.activity.locks import LockNode

        assert isinstance(n, LockNode)
        s = n.session
        head = f"[bold]pid {s.pid}[/bold] {escape(s.user or '?')}@{escape(s.database or '?')} " \
               f"app={escape(s.application or '-')} state={escape(s.state or '?')}"
        if s.blocked_by:
            head += (f" [red]waits {s.wait_s or 0:.1f}s for {escape(s.waiting_mode or '?')} on "
                     f"{escape(s.waiting_on or '?')}[/red]")
        elif s.xact_age_s is not None:
            head += f" [yellow]holds, transaction open {s.xact_age_s:.1f}s[/yellow]"
        if n.cycle:
            head += " [magenta](cycle: deadlock)[/magenta]"
        query = " ".join((s.query or "").split())[:120]
        return head + (f"\n  {escape(query)}" if query else "")

    def add(parent: Tree, nodes: tuple[object, ...]) -> None:
        from pgwarden.activity.locks import LockNode

        for n in nodes:
            assert isinstance(n, LockNode)
            add(parent.add(label(n)), n.waiters)

    add(top, tree.roots)
    out.print(top)
    return 1
