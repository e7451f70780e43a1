-- Sequelize migration 20261111-products-stock-bigint
ALTER TABLE "products" ALTER COLUMN "stock" TYPE BIGINT;
