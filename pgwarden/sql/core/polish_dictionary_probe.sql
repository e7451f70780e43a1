-- Probe whether the server has the Polish hunspell dictionary files (tsearch_data/pl_pl.dict
-- and pl_pl.affix, as Debian's pg_updatedicts installs them from hunspell-pl): creating a
-- temporary ispell dictionary makes the server open and parse both files.
-- Run inside a transaction that is rolled back.
CREATE TEXT SEARCH DICTIONARY pg_temp.pgwarden_polish_probe (
    TEMPLATE = ispell, DictFile = pl_pl, AffFile = pl_pl
)
