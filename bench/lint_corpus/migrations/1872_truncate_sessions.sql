-- force everyone to log in again after the cookie signing key rotation
TRUNCATE TABLE sessions;
