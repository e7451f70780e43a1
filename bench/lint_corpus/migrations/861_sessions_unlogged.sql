-- Sessions can be lost on crash; save the WAL.
ALTER TABLE sessions SET UNLOGGED;
