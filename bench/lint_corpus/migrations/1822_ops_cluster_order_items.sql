-- ops ticket OPS-2291: order_items is badly bloated and scattered; recluster on the PK.
CLUSTER order_items USING order_items_pkey;
ANALYZE order_items;
