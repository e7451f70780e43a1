-- Sessions can be lost on a crash; skip the WAL.
ALTER TABLE sessions SET UNLOGGED;
