-- Laravel: $table->string('coupon')->nullable()->change() on orders.
ALTER TABLE orders ALTER coupon TYPE VARCHAR(255);
ALTER TABLE orders ALTER coupon DROP NOT NULL;
ALTER TABLE orders ALTER coupon SET DEFAULT NULL;
