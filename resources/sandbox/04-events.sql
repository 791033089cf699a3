-- title: Creating partitioned events (300,000 rows)
-- weight: 7
-- Visit events, range-partitioned by month (2024, plus a default partition),
-- for partition pruning demos. Keys and indexes are added after the load.
SELECT setseed(0.44);

CREATE TABLE events (
  id bigint NOT NULL,
  member_id int NOT NULL,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL,
  details jsonb
) PARTITION BY RANGE (occurred_at);

DO $$
DECLARE
  month_start date;
BEGIN
  FOR m IN 0..11 LOOP
    month_start := date '2024-01-01' + make_interval(months => m);
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
      'events_' || to_char(month_start, 'YYYY_MM'), month_start, month_start + interval '1 month');
  END LOOP;
END $$;
CREATE TABLE events_default PARTITION OF events DEFAULT;

INSERT INTO events (id, member_id, kind, occurred_at, details)
SELECT i,
       1 + (random() * 99999)::int,
       (ARRAY['visit','search','reserve','renew','review'])[1 + (random() * 4)::int],
       timestamptz '2024-01-01 00:00+00' + random() * interval '366 days',
       CASE WHEN random() < 0.3 THEN jsonb_build_object('query', 'book ' || (random() * 1000)::int) END
FROM generate_series(1, 300000) AS i;

ALTER TABLE events
  ADD PRIMARY KEY (id, occurred_at),
  ADD FOREIGN KEY (member_id) REFERENCES members (id);
CREATE INDEX events_occurred_at_idx ON events (occurred_at);
COMMENT ON TABLE events IS '300,000 member events, range-partitioned by month of occurred_at (2024) with a default partition.';
