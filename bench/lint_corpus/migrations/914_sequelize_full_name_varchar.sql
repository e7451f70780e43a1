-- sequelize db:migrate, 20261106101010-customer-full-name.js (queryInterface.changeColumn)
ALTER TABLE "customers" ALTER COLUMN "full_name" DROP NOT NULL;ALTER TABLE "customers" ALTER COLUMN "full_name" DROP DEFAULT;ALTER TABLE "customers" ALTER COLUMN "full_name" TYPE VARCHAR(255);
