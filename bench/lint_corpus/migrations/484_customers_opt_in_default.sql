-- New signups are opted out unless they tick the box.
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET DEFAULT false;
