-- title: Creating lookup tables
-- weight: 1
-- Small lookup tables: countries, genres, loan statuses, branches.
SELECT setseed(0.11);

CREATE TABLE countries (
  code char(2) PRIMARY KEY,
  name text NOT NULL UNIQUE
);
INSERT INTO countries (code, name) VALUES
  ('FR', 'France'), ('DE', 'Germany'), ('ES', 'Spain'), ('IT', 'Italy'), ('GB', 'United Kingdom'),
  ('NL', 'Netherlands'), ('BE', 'Belgium'), ('PT', 'Portugal'), ('SE', 'Sweden'), ('PL', 'Poland'),
  ('US', 'United States'), ('CA', 'Canada'), ('BR', 'Brazil'), ('JP', 'Japan'), ('IN', 'India'),
  ('AU', 'Australia'), ('MX', 'Mexico'), ('AR', 'Argentina'), ('ZA', 'South Africa'), ('KR', 'South Korea');

-- Five cities per country. A city belongs to exactly one country, so city and
-- country_code are perfectly correlated: the planner, which multiplies the two
-- selectivities, underestimates `WHERE city = … AND country_code = …` ~20×.
CREATE TABLE cities (
  id int PRIMARY KEY,
  name text NOT NULL UNIQUE,
  country_code char(2) NOT NULL REFERENCES countries (code)
);
INSERT INTO cities (id, name, country_code)
SELECT row_number() OVER (ORDER BY c.code, n), c.name || ' City ' || n, c.code
FROM countries c CROSS JOIN generate_series(1, 5) AS n;
UPDATE cities SET name = v.name
FROM (VALUES ('FR', 1, 'Paris'), ('FR', 2, 'Lyon'), ('FR', 3, 'Marseille'), ('DE', 1, 'Berlin'), ('DE', 2, 'Munich'),
             ('ES', 1, 'Madrid'), ('IT', 1, 'Rome'), ('GB', 1, 'London'), ('NL', 1, 'Amsterdam'), ('JP', 1, 'Tokyo'),
             ('US', 1, 'New York'), ('US', 2, 'Chicago'), ('BR', 1, 'São Paulo'), ('IN', 1, 'Mumbai'), ('AU', 1, 'Sydney')) AS v(code, n, name)
WHERE cities.country_code = v.code AND cities.name = (SELECT name FROM countries WHERE code = v.code) || ' City ' || v.n;

CREATE TABLE genres (
  id smallint PRIMARY KEY,
  name text NOT NULL UNIQUE
);
INSERT INTO genres (id, name) VALUES
  (1, 'Fiction'), (2, 'Mystery'), (3, 'Science fiction'), (4, 'Fantasy'), (5, 'Romance'), (6, 'History'),
  (7, 'Biography'), (8, 'Science'), (9, 'Children'), (10, 'Poetry'), (11, 'Travel'), (12, 'Cooking');

CREATE TABLE loan_statuses (
  id smallint PRIMARY KEY,
  name text NOT NULL UNIQUE
);
INSERT INTO loan_statuses (id, name) VALUES (1, 'active'), (2, 'returned'), (3, 'overdue'), (4, 'lost');

CREATE TABLE branches (
  id int PRIMARY KEY,
  name text NOT NULL,
  city_id int NOT NULL REFERENCES cities (id)
);
INSERT INTO branches (id, name, city_id)
SELECT i, 'Branch ' || i, 1 + (i * 37) % 100 FROM generate_series(1, 40) AS i;
