-- Sequelize: queryInterface.changeColumn('orders', 'coupon', { type: Sequelize.STRING(64), allowNull: true })
ALTER TABLE "orders" ALTER COLUMN "coupon" DROP NOT NULL;ALTER TABLE "orders" ALTER COLUMN "coupon" DROP DEFAULT;ALTER TABLE "orders" ALTER COLUMN "coupon" TYPE VARCHAR(64);
