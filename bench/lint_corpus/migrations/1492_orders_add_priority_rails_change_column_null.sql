-- Rails: add_column :orders, :priority, :integer, default: 0; change_column_null :orders, :priority, false
ALTER TABLE "orders" ADD "priority" integer DEFAULT 0;
ALTER TABLE "orders" ALTER COLUMN "priority" SET NOT NULL;
