-- Force everyone to log in again after the session-signing key rotation.
TRUNCATE sessions;
