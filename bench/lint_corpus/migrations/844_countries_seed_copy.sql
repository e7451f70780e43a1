CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    name text NOT NULL,
    vat_rate numeric(4,2) NOT NULL
);
COPY countries (code, name, vat_rate) FROM stdin WITH (FORMAT csv);
PL,Poland,23.00
DE,Germany,19.00
FR,France,20.00
GB,United Kingdom,20.00
CZ,Czechia,21.00
\.
