-- Sequelize: changeColumn('orders', 'currency', { type: DataTypes.CHAR(3), defaultValue: 'EUR' })
ALTER TABLE "orders" ALTER COLUMN "currency" DROP NOT NULL;ALTER TABLE "orders" ALTER COLUMN "currency" SET DEFAULT 'EUR';ALTER TABLE "orders" ALTER COLUMN "currency" TYPE CHAR(3);
