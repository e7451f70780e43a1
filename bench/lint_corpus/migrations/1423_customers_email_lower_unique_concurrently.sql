-- Emails must be unique case-insensitively; built online (alembic, autocommit_block).
CREATE UNIQUE INDEX CONCURRENTLY ix_customers_email_lower ON customers (lower(email));
