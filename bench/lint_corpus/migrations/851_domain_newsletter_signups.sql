CREATE DOMAIN email_address AS text
    CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');

CREATE TABLE newsletter_signups (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email email_address NOT NULL UNIQUE,
    signed_up_at timestamptz NOT NULL DEFAULT now()
);
