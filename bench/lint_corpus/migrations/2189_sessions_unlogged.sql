-- Sessions are disposable; no need to WAL-log them or ship them to replicas.
ALTER TABLE sessions SET UNLOGGED;
