-- Remove order lines whose product was deleted by the old admin tool.
DELETE FROM order_items oi
USING (SELECT oi2.order_id, oi2.line_no
       FROM order_items oi2
       LEFT JOIN products p ON p.id = oi2.product_id
       WHERE p.id IS NULL) orphan
WHERE oi.order_id = orphan.order_id AND oi.line_no = orphan.line_no;
