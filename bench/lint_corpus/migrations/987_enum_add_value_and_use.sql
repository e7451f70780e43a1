BEGIN;
CREATE TYPE return_reason AS ENUM ('damaged', 'wrong_item');
CREATE TABLE returns (id bigserial PRIMARY KEY, order_id bigint NOT NULL, reason return_reason NOT NULL);
COMMIT;
BEGIN;
ALTER TYPE return_reason ADD VALUE 'changed_mind';
INSERT INTO returns (order_id, reason) VALUES (1, 'changed_mind');
COMMIT;
