-- migrate:up
CREATE TABLE carriers (
    code text PRIMARY KEY,
    name text NOT NULL,
    tracking_url_template text
);
INSERT INTO carriers VALUES ('dhl', 'DHL', 'https://example.invalid/dhl/{n}'),
                            ('inpost', 'InPost', 'https://example.invalid/inpost/{n}');
