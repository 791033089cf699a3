-- title: Creating members, authors and books
-- weight: 4
-- Members (100,000), authors (5,000) and books (50,000, with a JSONB column).
-- Keys and foreign keys are added after each load: one validating pass instead
-- of a trigger call per inserted row.
SELECT setseed(0.22);

-- city and country_code are the correlated pair: a city belongs to exactly one
-- country, but the planner multiplies the two selectivities as if they were
-- independent, so `WHERE city = 'Paris' AND country_code = 'FR'` is estimated
-- at ~35 rows for ~820 real ones (fixed by CREATE STATISTICS … (dependencies)).
-- Deliberately no index on city, country_code or email.
CREATE TABLE members (
  id int NOT NULL,
  full_name text NOT NULL,
  email text NOT NULL,
  city text NOT NULL,
  country_code char(2) NOT NULL,
  joined_on date NOT NULL,
  birth_year int NOT NULL
);
-- Cities are skewed towards low city ids: some cities are busy, others quiet.
INSERT INTO members (id, full_name, email, city, country_code, joined_on, birth_year)
SELECT g.i,
       'Member ' || g.i,
       'member' || g.i || '@example.org',
       c.name,
       c.country_code,
       date '2015-01-01' + (random() * 3650)::int,
       1940 + (random() * 65)::int
FROM (SELECT i, 1 + (floor(power(random(), 2) * 100))::int % 100 AS city_id FROM generate_series(1, 100000) AS i) AS g
JOIN cities c ON c.id = g.city_id
ORDER BY g.i;
ALTER TABLE members
  ADD PRIMARY KEY (id),
  ADD FOREIGN KEY (country_code) REFERENCES countries (code);
COMMENT ON TABLE members IS '100,000 library members. city and country_code are strongly correlated (the planner misestimates filters on both); no index on city, country_code or email.';

CREATE TABLE authors (
  id int PRIMARY KEY,
  name text NOT NULL,
  country_code char(2) REFERENCES countries (code)
);
INSERT INTO authors (id, name, country_code)
SELECT i, 'Author ' || i, (ARRAY['FR','DE','ES','IT','GB','US','JP','BR','IN','SE'])[1 + i % 10]
FROM generate_series(1, 5000) AS i;

CREATE TABLE books (
  id int NOT NULL,
  title text NOT NULL,
  author_id int NOT NULL,
  genre_id smallint NOT NULL,
  published_year int NOT NULL,
  -- Free-form details: format, pages, language, tags. Good for JSONB operators and GIN indexes.
  attributes jsonb NOT NULL
);
INSERT INTO books (id, title, author_id, genre_id, published_year, attributes)
SELECT i,
       'Book ' || i,
       1 + (i * 7919) % 5000,
       1 + i % 12,
       1950 + (random() * 75)::int,
       jsonb_build_object(
         'format', (ARRAY['paperback','hardcover','ebook','audiobook'])[1 + (random() * 3)::int],
         'pages', 80 + (random() * 800)::int,
         'language', (ARRAY['en','fr','de','es','it','ja'])[1 + (random() * 5)::int],
         'tags', to_jsonb(ARRAY[(ARRAY['classic','award','new','series','illustrated','translated'])[1 + (random() * 5)::int]])
       )
FROM generate_series(1, 50000) AS i;
ALTER TABLE books
  ADD PRIMARY KEY (id),
  ADD FOREIGN KEY (author_id) REFERENCES authors (id),
  ADD FOREIGN KEY (genre_id) REFERENCES genres (id);
COMMENT ON TABLE books IS '50,000 books. attributes is JSONB (format, pages, language, tags) with no GIN index yet; no index on author_id or genre_id.';
