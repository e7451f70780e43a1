-- CMS hot query: the public listing, workshops of a status starting from a day relative to today, soonest first
-- (id, slug, title, start_date, seats), one page.
SELECT id, slug, title ->> 'pl' AS title_pl, title ->> 'en' AS title_en, start_date, seat_limit, seat_reserved
FROM workshops
WHERE status = %(status)s AND deleted_at IS NULL AND start_date >= now() + make_interval(days => %(from_days)s)
ORDER BY start_date
LIMIT 20;
