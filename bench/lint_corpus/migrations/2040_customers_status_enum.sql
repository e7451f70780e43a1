CREATE TYPE customer_status AS ENUM ('active', 'suspended', 'closed');

ALTER TABLE customers ALTER COLUMN status DROP DEFAULT;
ALTER TABLE customers
    ALTER COLUMN status TYPE customer_status USING status::customer_status;
ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'active';
