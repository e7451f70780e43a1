-- $table->renameColumn('title', 'name');
alter table "products" rename column "title" to "name";
