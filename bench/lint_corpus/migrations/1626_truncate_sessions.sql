-- Force everyone to log in again after the auth provider switch
TRUNCATE sessions;
