-- TypeORM generated: Customer.notes length 500
ALTER TABLE "customers" DROP COLUMN "notes";
ALTER TABLE "customers" ADD "notes" character varying(500);
