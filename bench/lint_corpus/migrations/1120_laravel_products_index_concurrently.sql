-- Schema::withoutTransaction / DB::statement for a concurrent build
create index concurrently if not exists "products_title_index" on "products" ("title");
