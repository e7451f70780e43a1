-- Orders reference the status lookup table
CREATE TABLE order_statuses (code varchar(20) PRIMARY KEY, label text NOT NULL);
INSERT INTO order_statuses VALUES ('new', 'New'), ('paid', 'Paid'), ('shipped', 'Shipped'), ('cancelled', 'Cancelled');
ALTER TABLE orders ADD CONSTRAINT orders_status_fkey FOREIGN KEY (status) REFERENCES order_statuses (code);
