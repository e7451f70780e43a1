-- knex migration 20261108_rename_marketing_flag.js
alter table "customers" rename "marketing_opt_in" to "newsletter";
