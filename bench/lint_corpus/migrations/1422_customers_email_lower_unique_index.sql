-- Emails must be unique case-insensitively (alembic revision 4c1e9a2b7d10).
CREATE UNIQUE INDEX ix_customers_email_lower ON customers (lower(email));
