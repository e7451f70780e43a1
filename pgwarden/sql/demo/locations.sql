-- Locations (returns nothing): %(locations)s venues in Polish cities, the first one "Online".
INSERT INTO locations (id, name, city, address, capacity, is_online, created_at, updated_at)
SELECT pg_temp.uid(%(seed)s, 'l', i),
       CASE WHEN i = 0 THEN 'Online' ELSE c.venue || ' nr ' || i END,
       CASE WHEN i = 0 THEN NULL ELSE c.city END,
       CASE WHEN i = 0 THEN NULL ELSE 'ul. ' || (ARRAY['Kwiatowa', 'Szkolna', 'Ogrodowa', 'Lipowa', 'Leśna',
            'Słoneczna', 'Mickiewicza', 'Kościuszki', 'Żeromskiego', 'Piłsudskiego'])[
            pg_temp.pick(%(seed)s, 21, i, 10)] || ' ' || pg_temp.pick(%(seed)s, 22, i, 120) END,
       CASE WHEN i = 0 THEN NULL ELSE 10 * pg_temp.pick(%(seed)s, 23, i, 20) END,
       i = 0,
       %(anchor)s::timestamptz - interval '3 years', %(anchor)s::timestamptz - interval '3 years'
FROM generate_series(0, %(locations)s - 1) AS i
JOIN seed_cities c ON c.n = pg_temp.pick(%(seed)s, 20, i, (SELECT count(*)::int FROM seed_cities));
