-- Log everybody out after the auth change.
DELETE FROM sessions;
