-- Store the carrier tracking number on orders (Rails: add_column :orders, :tracking_number, :string).
BEGIN;
ALTER TABLE "orders" ADD "tracking_number" character varying;
COMMIT;
