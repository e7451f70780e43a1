-- TypeORM generated: CustomerFullNameLength1764930000000
ALTER TABLE "customers" DROP COLUMN "full_name";
ALTER TABLE "customers" ADD "full_name" character varying(300);
