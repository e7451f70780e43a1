-- new sign-ups start as pending until the e-mail is confirmed
ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'pending';
