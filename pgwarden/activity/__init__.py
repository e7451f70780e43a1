"""Live activity: the lock tree (``pgwarden locks``) and pg_activity (``pgwarden top``)."""
