-- priv/repo/migrations/20261106090000_rename_orders_coupon.exs
-- rename table(:orders), :coupon, to: :coupon_code
ALTER TABLE "orders" RENAME "coupon" TO "coupon_code";
