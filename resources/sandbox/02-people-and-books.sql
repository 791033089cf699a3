-- title: Creating members, authors and books
-- weight: 3
-- Members (100,000), authors (5,000) and books (50,000, with a JSONB column).
SELECT setseed(0.22);

CREATE TABLE members (
  id int PRIMARY KEY,
  full_name text NOT NULL,
  email text NOT NULL,
  city text NOT NULL,
  country_code char(2) NOT NULL REFERENCES countries (code),
  joined_on date NOT NULL,
  birth_year int NOT NULL
);
-- Cities are skewed towards the first ones of each country (some cities are busy).
INSERT INTO members (id, full_name, email, city, country_code, joined_on, birth_year)
SELECT g.i,
       'Member ' || g.i,
       'member' || g.i || '@example.org',
       c.name,
       c.country_code,
       date '2015-01-01' + (random() * 3650)::int,
       1940 + (random() * 65)::int
FROM (SELECT i, 1 + (floor(power(random(), 2) * 100))::int % 100 AS city_id FROM generate_series(1, 100000) AS i) AS g
JOIN cities c ON c.id = g.city_id;

CREATE TABLE authors (
  id int PRIMARY KEY,
  name text NOT NULL,
  country_code char(2) REFERENCES countries (code)
);
INSERT INTO authors (id, name, country_code)
SELECT i, 'Author ' || i, (ARRAY['FR','DE','ES','IT','GB','US','JP','BR','IN','SE'])[1 + i % 10]
FROM generate_series(1, 5000) AS i;

CREATE TABLE books (
  id int PRIMARY KEY,
  title text NOT NULL,
  author_id int NOT NULL REFERENCES authors (id),
  genre_id smallint NOT NULL REFERENCES genres (id),
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
