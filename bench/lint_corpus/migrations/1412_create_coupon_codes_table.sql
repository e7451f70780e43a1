-- Coupon codes become a table of their own (TypeORM migration CreateCouponCodes1762500000000).
CREATE TABLE "coupon_codes" (
    "id" SERIAL NOT NULL,
    "code" character varying(40) NOT NULL,
    "percent_off" integer NOT NULL,
    "valid_until" TIMESTAMP WITH TIME ZONE,
    "created_at" TIMESTAMP NOT NULL DEFAULT now(),
    CONSTRAINT "UQ_coupon_codes_code" UNIQUE ("code"),
    CONSTRAINT "PK_coupon_codes_id" PRIMARY KEY ("id")
);
INSERT INTO "coupon_codes" ("code", "percent_off") VALUES ('spring', 10);
