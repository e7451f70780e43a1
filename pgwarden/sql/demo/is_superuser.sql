-- Whether the current role is a superuser (rolsuper): the seed may then skip FK triggers.
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
