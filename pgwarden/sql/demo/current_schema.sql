-- The first schema of the search_path (s): where the seed's statistics views live.
SELECT current_schema() AS s;
