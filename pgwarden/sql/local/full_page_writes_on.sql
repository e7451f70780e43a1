-- Standbys need full-page images in the WAL (see pgwarden.local.standbys).
ALTER SYSTEM SET full_page_writes = on
