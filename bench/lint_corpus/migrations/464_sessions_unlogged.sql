-- Sessions are throwaway; losing them on a crash just logs people out. Skip the WAL.
ALTER TABLE sessions SET UNLOGGED;
