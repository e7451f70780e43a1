-- Filter products by tag.
CREATE INDEX products_tags_gin ON products USING gin (tags);
