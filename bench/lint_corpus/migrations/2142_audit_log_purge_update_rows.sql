-- GDPR review: 'update' audit rows carry no information we are allowed to keep.
DELETE FROM audit_log WHERE action = 'update';
