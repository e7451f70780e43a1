-- +goose Up
-- +goose StatementBegin
DELETE FROM sessions WHERE expires_at < now() - interval '30 days';
-- +goose StatementEnd

-- +goose Down
-- (nothing to undo)
