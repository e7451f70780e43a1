-- CMS hot query: published workshops of one template theme and language, newest start first
-- (id, slug, title, start_date), one page.
SELECT id, slug, title, start_date
FROM workshops
WHERE status = 'published' AND deleted_at IS NULL AND template_theme = %(theme)s AND language = %(language)s
ORDER BY start_date DESC
LIMIT 20;
