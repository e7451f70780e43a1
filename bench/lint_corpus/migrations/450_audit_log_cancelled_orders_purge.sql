-- GDPR request batch: audit entries of cancelled orders are no longer needed.
DELETE FROM audit_log a
 USING orders o
 WHERE a.table_name = 'orders'
   AND a.row_id = o.id
   AND o.status = 'cancelled';
