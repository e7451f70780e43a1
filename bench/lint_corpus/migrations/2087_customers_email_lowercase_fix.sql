-- Data fix after the signup bug: e-mails must be stored in lower case.
UPDATE customers SET email = lower(email) WHERE email <> lower(email);
