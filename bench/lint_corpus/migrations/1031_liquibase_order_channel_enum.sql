--liquibase formatted sql

--changeset anna.nowak:order-channel-1
CREATE TYPE order_channel AS ENUM ('web', 'app');
ALTER TABLE orders ADD COLUMN channel order_channel;

--changeset anna.nowak:order-channel-2 runInTransaction:false
ALTER TYPE order_channel ADD VALUE IF NOT EXISTS 'pos';
