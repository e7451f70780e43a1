-- knex migration 20261112_audit_log_at_index (run inside knex's migration transaction).
BEGIN;
CREATE INDEX CONCURRENTLY audit_log_at_index ON audit_log (at);
insert into knex_migrations (name, batch, migration_time) values ('20261112_audit_log_at_index.js', 12, now());
COMMIT;
