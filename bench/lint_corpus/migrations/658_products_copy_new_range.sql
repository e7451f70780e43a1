-- Seed the spring collection (exported from the PIM).
COPY products (id, sku, title, price, stock, tags, attrs, discontinued) FROM stdin;
900001	SPR-001	Linen shirt	39.90	120	{spring,linen}	{"color": "white"}	f
900002	SPR-002	Linen trousers	49.90	80	{spring,linen}	{"color": "sand"}	f
900003	SPR-003	Straw hat	19.90	45	{spring}	{"color": "natural"}	f
900004	SPR-004	Canvas sneakers	59.00	60	{spring,shoes}	{"color": "navy"}	f
\.
