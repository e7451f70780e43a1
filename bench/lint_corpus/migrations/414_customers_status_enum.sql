-- Customer status as an enum so typos fail loudly.
CREATE TYPE customer_status AS ENUM ('active', 'suspended', 'closed');

BEGIN;
ALTER TABLE customers ALTER COLUMN status DROP DEFAULT;
ALTER TABLE customers
    ALTER COLUMN status TYPE customer_status USING status::customer_status;
ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'active';
COMMIT;
