-- Laravel: $table->string('marketing_source')->nullable();
alter table "customers" add column "marketing_source" varchar(255) null;
