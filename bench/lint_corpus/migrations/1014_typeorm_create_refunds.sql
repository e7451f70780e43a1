-- query: CreateRefunds1731070000000
CREATE TABLE "refunds" ("id" SERIAL NOT NULL, "order_id" bigint NOT NULL, "amount" numeric(12,2) NOT NULL, "reason" character varying, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_5106efb01eeda7e49a78b869738" PRIMARY KEY ("id"));
ALTER TABLE "refunds" ADD CONSTRAINT "FK_2bd6a3c5c5b4c1e8f2a6c3d2e11" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
