-- Log everyone out after the session signing key rotation.
TRUNCATE sessions;
