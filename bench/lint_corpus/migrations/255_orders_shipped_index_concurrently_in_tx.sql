-- alembic wraps every migration in a transaction; this one was generated with postgresql_concurrently=True.
BEGIN;
CREATE INDEX CONCURRENTLY ix_orders_shipped_at ON orders (shipped_at);
COMMIT;
