"""What a lint rule is, and the one registry every rule module adds itself to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pgwarden.analyzers.lint.model import State, Stmt

# pg_locks.mode -> what it blocks, in words a DBA on call understands.
LOCK_BLOCKS: dict[str, str] = {
    "AccessExclusiveLock": "ACCESS EXCLUSIVE: blocks every read and write of the table",
    "ExclusiveLock": "EXCLUSIVE: blocks every write; reads go on",
    "ShareRowExclusiveLock": "SHARE ROW EXCLUSIVE: blocks INSERT/UPDATE/DELETE",
    "ShareLock": "SHARE: blocks INSERT/UPDATE/DELETE; reads go on",
    "ShareUpdateExclusiveLock": "SHARE UPDATE EXCLUSIVE: blocks DDL, VACUUM and other index builds; "
                                "reads and writes go on",
    "RowExclusiveLock": "ROW EXCLUSIVE: row locks on every row touched, held to COMMIT",
}


# Severity tiers. A hazard fails the check (exit 1): the statement blocks reads or writes while
# it works through the table, rewrites it, fails on a live database, or breaks running code.
# Advice is shown but fails the check only with --strict: re-run hygiene (what happens when a
# cancelled run is run again — pgwarden's own runner repairs it) and suppression bookkeeping.
HAZARD = "hazard"
ADVICE = "advice"


@dataclass(frozen=True)
class Hit:
    """One place a rule fires: the message and, when known, the relation it is about."""

    message: str
    relation: str | None = None


Check = Callable[["Stmt", "State"], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """A lint rule: id, one-line summary, the lock it is about, and the safe recipe."""

    id: str
    summary: str
    lock: str | None
    blocks: str
    recipe: str
    nodes: tuple[str, ...]
    check: Check
    family: str
    # Hits on a table created earlier in the same migration are dropped: nobody uses it yet.
    skip_new_tables: bool = True
    tier: str = HAZARD

    @property
    def lock_text(self) -> str:
        if self.lock is None:
            return self.blocks
        return self.blocks or LOCK_BLOCKS.get(self.lock, self.lock)


RULES: dict[str, Rule] = {}
# Rules that the engine itself raises (no node check).
META_RULES: dict[str, Rule] = {}


def rule(id: str, *, summary: str, lock: str | None, recipe: str, nodes: tuple[str, ...],
         blocks: str = "", skip_new_tables: bool = True, tier: str = HAZARD) -> Callable[[Check], Check]:
    """Register ``check`` as rule ``id``, run on statements whose node type is in ``nodes``."""

    def deco(check: Check) -> Check:
        if id in RULES:
            raise ValueError(f"lint rule {id} registered twice")
        family = check.__module__.rpartition(".")[2]
        RULES[id] = Rule(id, summary, lock, blocks, recipe, nodes, check, family, skip_new_tables,
                         tier)
        return check

    return deco


def meta_rule(id: str, *, summary: str, recipe: str, tier: str = HAZARD) -> Rule:
    def _never(stmt: Any, state: Any) -> Iterator[Hit]:
        return iter(())

    r = Rule(id, summary, None, "", recipe, (), _never, "meta", False, tier)
    META_RULES[id] = r
    return r
