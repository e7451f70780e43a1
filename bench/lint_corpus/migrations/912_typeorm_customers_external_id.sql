-- TypeORM migration AddCustomerExternalId1794312000000 (query log)
ALTER TABLE "customers" ADD "external_id" uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE "customers" ADD CONSTRAINT "UQ_customers_external_id" UNIQUE ("external_id");
