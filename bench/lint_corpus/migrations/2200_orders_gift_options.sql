-- Gift wrapping at checkout.
ALTER TABLE orders
    ADD COLUMN is_gift boolean NOT NULL DEFAULT false,
    ADD COLUMN gift_message text CONSTRAINT orders_gift_message_len CHECK (char_length(gift_message) <= 500);
