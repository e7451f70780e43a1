alter table "products" add column "weight_grams" integer null;
comment on column "products"."weight_grams" is 'shipping weight, grams';
