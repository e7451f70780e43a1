alter table "products" alter column "title" drop not null;
