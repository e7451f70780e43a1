-- The version of the server process answering (not of the binaries on disk).
SELECT current_setting('server_version') AS server_version
