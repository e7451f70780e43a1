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


# Severity tiers. A (lock) hazard fails the check (exit 1): the statement blocks reads or writes
# while it works through the table, or rewrites it. Breaking: the migration fails on a live
# database (ADD COLUMN NOT NULL without default, CONCURRENTLY in a transaction) or breaks the
# code still running against the old schema (drops, renames) — shown first, failing the check
# with --fail-on breaking or --strict. Advice is shown but fails the check only with --strict:
# re-run hygiene (what happens when a cancelled run is run again — pgwarden's own runner repairs
# it), instant strong locks that only hurt queued behind a long query, work on a table too small
# to matter (with --dsn), and suppression bookkeeping.
HAZARD = "hazard"
BREAKING = "breaking"
ADVICE = "advice"
TIERS = (HAZARD, BREAKING, ADVICE)
# --fail-on names -> tiers
FAIL_ON = {"lock": HAZARD, "breaking": BREAKING, "advice": ADVICE}


@dataclass(frozen=True)
class Hit:
    """One place a rule fires: the message and, when known, the relation it is about."""

    message: str
    relation: str | None = None
    # what the statement does to ``relation`` for as long as it holds its lock, when that lasts
    # as long as the table is big (a key of sizes.RATES; the rule's ``work`` when None), and
    # other tables whose size adds to it (a FOREIGN KEY's referenced table). ``rows``: rows the
    # statement touches when known (an UPDATE whose WHERE the statistics estimate), else all.
    work: str | None = None
    also: tuple[str, ...] = ()
    rows: float | None = None
    # a tier other than the rule's for this one hit (advice when the linter cannot tell)
    tier: str | None = None


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
    # the kind of work (sizes.RATES) whose length grows with the table: with --dsn a hazard on a
    # table small enough is downgraded to advice
    work: str | None = None

    @property
    def lock_text(self) -> str:
        if self.lock is None:
            return self.blocks
        return self.blocks or LOCK_BLOCKS.get(self.lock, self.lock)


RULES: dict[str, Rule] = {}
# Rules that the engine itself raises (no node check).
META_RULES: dict[str, Rule] = {}


def rule(id: str, *, summary: str, lock: str | None, recipe: str, nodes: tuple[str, ...],
         blocks: str = "", skip_new_tables: bool = True, tier: str = HAZARD,
         work: str | None = None) -> Callable[[Check], Check]:
    """Register ``check`` as rule ``id``, run on statements whose node type is in ``nodes``."""

    def deco(check: Check) -> Check:
        if id in RULES:
            raise ValueError(f"lint rule {id} registered twice")
        family = check.__module__.rpartition(".")[2]
        RULES[id] = Rule(id, summary, lock, blocks, recipe, nodes, check, family, skip_new_tables,
                         tier, work)
        return check

    return deco


def meta_rule(id: str, *, summary: str, recipe: str, tier: str = HAZARD) -> Rule:
    def _never(stmt: Any, state: Any) -> Iterator[Hit]:
        return iter(())

    r = Rule(id, summary, None, "", recipe, (), _never, "meta", False, tier)
    META_RULES[id] = r
    return r
