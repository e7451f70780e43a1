create table if not exists public.events_2027
    partition of public.events for values from ('2027-01-01') to ('2028-01-01');
