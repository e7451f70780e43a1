-- Orders now come from the web shop, the mobile app and the marketplace feed.
-- Every existing order came through the web shop.
ALTER TABLE orders
    ADD COLUMN fulfillment_channel text NOT NULL DEFAULT 'web';
