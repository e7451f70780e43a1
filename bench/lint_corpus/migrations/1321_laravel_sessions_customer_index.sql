-- Laravel: $table->index('customer_id') on sessions.
create index "sessions_customer_id_index" on "sessions" ("customer_id");
