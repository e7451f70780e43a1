-- Hibernate validate wants varchar(20) for the status enum mapping.
ALTER TABLE customers ALTER COLUMN status TYPE varchar(20);
