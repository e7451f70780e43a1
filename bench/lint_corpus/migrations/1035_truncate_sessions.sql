-- Force everybody to log in again after the token format change.
TRUNCATE sessions;
