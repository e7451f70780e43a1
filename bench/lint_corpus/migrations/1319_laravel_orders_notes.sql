-- Laravel: $table->text('notes')->nullable() on orders.
alter table "orders" add column "notes" text null;
