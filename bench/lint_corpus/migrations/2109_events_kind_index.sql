-- Reports filter events by kind.
create index events_kind_idx on events (kind);
