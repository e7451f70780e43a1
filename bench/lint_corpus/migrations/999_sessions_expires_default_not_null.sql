ALTER TABLE sessions
    ALTER COLUMN expires_at SET DEFAULT now() + interval '30 days',
    ALTER COLUMN expires_at SET NOT NULL;
