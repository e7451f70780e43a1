-- atlas migrate diff: 20261106150000.sql
-- Modify "order_items" table
ALTER TABLE "public"."order_items" ALTER COLUMN "line_no" TYPE integer;
