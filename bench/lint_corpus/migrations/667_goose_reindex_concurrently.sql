-- +goose NO TRANSACTION
-- +goose Up
-- orders_customer_idx is bloated after the big status cleanup.
REINDEX INDEX CONCURRENTLY orders_customer_idx;
