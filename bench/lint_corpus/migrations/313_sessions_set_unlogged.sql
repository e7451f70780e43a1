-- Sessions are disposable; skip WAL for them.
ALTER TABLE sessions SET UNLOGGED;
