-- Add the 'suspended' value to the account status type
CREATE TYPE account_status AS ENUM ('active', 'closed');
ALTER TYPE account_status ADD VALUE IF NOT EXISTS 'suspended';
