"""Every SQL text pgwarden runs, as ``.sql`` files loaded by name.

``load("health/connections")`` returns the text of ``sql/health/connections.sql``.
Where the catalog changed between server versions, variants live side by side as
``name.pgNN.sql`` and ``load_for(name, server_version_num)`` picks the newest variant whose
``NN`` is not above the server's major version (the plain file is the oldest variant).
Python composes identifiers with ``psycopg.sql``; it never splices SQL text.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_VARIANT = re.compile(r"^(?P<base>.+)\.pg(?P<major>\d+)\.sql$")


@functools.cache
def load(name: str) -> str:
    """Text of ``sql/<name>.sql``; raises FileNotFoundError naming the file when absent."""
    ref = resources.files(__package__).joinpath(f"{name}.sql")
    if not ref.is_file():
        raise FileNotFoundError(f"pgwarden/sql/{name}.sql is not part of the package")
    return ref.read_text(encoding="utf-8")


@functools.cache
def _variants(name: str) -> tuple[tuple[int, str], ...]:
    area, _, base = name.rpartition("/")
    folder = resources.files(__package__)
    if area:
        folder = folder.joinpath(area)
    found: list[tuple[int, str]] = []
    for entry in folder.iterdir():
        m = _VARIANT.match(entry.name)
        if m and m.group("base") == base:
            found.append((int(m.group("major")), f"{name}.pg{m.group('major')}"))
    return tuple(sorted(found))


def load_for(name: str, server_version_num: int) -> str:
    """Text of the variant of ``name`` written for this server version (e.g. 150004)."""
    major = server_version_num // 10000
    chosen = name
    for variant_major, variant_name in _variants(name):
        if variant_major <= major:
            chosen = variant_name
    return load(chosen)
