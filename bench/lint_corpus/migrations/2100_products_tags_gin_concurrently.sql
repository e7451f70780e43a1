-- tag filter in the storefront search
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_tags_gin ON public.products USING gin (tags);
COMMENT ON INDEX products_tags_gin IS 'storefront tag filter';
