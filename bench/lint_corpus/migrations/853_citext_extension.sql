CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE coupon_codes (
    code citext PRIMARY KEY,
    percent_off smallint NOT NULL CHECK (percent_off BETWEEN 1 AND 90),
    valid_until date
);
