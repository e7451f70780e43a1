--liquibase formatted sql

--changeset marta:773-1
CREATE INDEX IX_ORDER_ITEMS_ORDER_PRODUCT ON public.order_items(order_id, product_id);
--rollback DROP INDEX IX_ORDER_ITEMS_ORDER_PRODUCT;
