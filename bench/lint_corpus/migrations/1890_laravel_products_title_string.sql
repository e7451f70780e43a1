-- 2026_12_05_083000_change_title_to_string_on_products_table
alter table "products" alter column "title" type varchar(255);
