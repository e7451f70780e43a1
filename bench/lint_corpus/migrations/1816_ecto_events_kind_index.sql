-- priv/repo/migrations/20261204120000_add_events_kind_index.exs
CREATE INDEX "events_kind_index" ON "events" ("kind");
