create index events_occurred_at_kind_idx on events (occurred_at, kind);
