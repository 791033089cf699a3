-- title: Creating loans (1,000,000 rows)
-- weight: 20
-- Loans: 1,000,000 rows, in loaned_at order. Deliberately WITHOUT indexes on
-- book_id, member_id, branch_id, status_id and loaned_at (only the primary key),
-- so lookups by member, by book or by date are sequential scans until the course
-- adds the right index, and joins from the parents cannot use a nested loop.
SELECT setseed(0.33);

CREATE TABLE loans (
  id bigint NOT NULL,
  book_id int NOT NULL,
  member_id int NOT NULL,
  branch_id int NOT NULL,
  status_id smallint NOT NULL,
  loaned_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  returned_at timestamptz
);
INSERT INTO loans (id, book_id, member_id, branch_id, status_id, loaned_at, due_at, returned_at)
SELECT i, book_id, member_id, branch_id, status_id, loaned_at, loaned_at + interval '21 days',
       CASE WHEN status_id = 2 THEN loaned_at + (random() * 30) * interval '1 day' END
FROM (
  SELECT i,
         1 + (floor(power(random(), 3) * 50000))::int % 50000 AS book_id,   -- a few books are very popular
         1 + (random() * 99999)::int AS member_id,
         1 + (random() * 39)::int AS branch_id,
         CASE WHEN random() < 0.85 THEN 2 WHEN random() < 0.6 THEN 1 WHEN random() < 0.9 THEN 3 ELSE 4 END::smallint AS status_id,
         timestamptz '2021-01-01 00:00+00' + (i::float8 / 1000000) * interval '4 years' + random() * interval '12 hours' AS loaned_at
  FROM generate_series(1, 1000000) AS i
) AS g;

-- Keys after the load: a sorted index build and one validating scan per foreign
-- key instead of a trigger call per row.
ALTER TABLE loans
  ADD CONSTRAINT loans_pkey PRIMARY KEY (id),
  ADD CONSTRAINT loans_book_id_fkey FOREIGN KEY (book_id) REFERENCES books (id),
  ADD CONSTRAINT loans_member_id_fkey FOREIGN KEY (member_id) REFERENCES members (id),
  ADD CONSTRAINT loans_branch_id_fkey FOREIGN KEY (branch_id) REFERENCES branches (id),
  ADD CONSTRAINT loans_status_id_fkey FOREIGN KEY (status_id) REFERENCES loan_statuses (id);
COMMENT ON TABLE loans IS '1,000,000 loans. Deliberately no index on book_id, member_id, branch_id, status_id or loaned_at: only the primary key.';
