"""The hunspell conversion that gives the embedded server its Polish dictionary."""

from __future__ import annotations

from pathlib import Path

from pgwarden.dictionaries import aff_encoding, install_polish


def test_converts_the_declared_encoding_to_utf8(tmp_path: Path) -> None:
    src = tmp_path / "hunspell"
    src.mkdir()
    (src / "pl_PL.aff").write_bytes("SET ISO8859-2\nTRY ąęłżź\n".encode("iso8859-2"))
    (src / "pl_PL.dic").write_bytes("2\nżłobek/NT\nwarsztat/MN\n".encode("iso8859-2"))
    target = tmp_path / "tsearch_data"
    target.mkdir()
    assert install_polish(target, dirs=(src,)) == "installed"
    assert (target / "pl_pl.dict").read_text(encoding="utf-8") == "2\nżłobek/NT\nwarsztat/MN\n"
    assert "TRY ąęłżź" in (target / "pl_pl.affix").read_text(encoding="utf-8")
    assert install_polish(target, dirs=(src,)) == "present"


def test_missing_source_or_target_is_reported_not_raised(tmp_path: Path) -> None:
    assert "not installed" in install_polish(tmp_path, dirs=(tmp_path / "none",))
    assert install_polish(tmp_path / "absent", dirs=(tmp_path,)).startswith("no ")
    assert aff_encoding(b"PFX a\n") == "UTF-8"
