-- Definitions the three measures share (run before them, with them).

-- The statuses a query counts when the measure names none
-- (support/EventVocabulary.h kDefaultCountedStatuses: the empty cell,
-- completed, final, amended, corrected).
CREATE OR REPLACE MACRO counted(status) AS status IN ('', 'completed', 'final', 'amended', 'corrected');

-- A date plus N years, the day clamped to the month's end (2020-02-29 + 1
-- year = 2021-02-28: support/Date.h addMonths).
CREATE OR REPLACE MACRO add_years(d, n) AS (d + to_years(n))::DATE;

-- Whole years from birth b to day d: the largest N with add_years(b, N) <= d.
CREATE OR REPLACE MACRO age_at(b, d) AS
  (year(d) - year(b)) - CASE WHEN add_years(b, year(d) - year(b)) > d THEN 1 ELSE 0 END;

-- The uncovered runs of days of each member's window [lo, hi] (MEASURES.md
-- continuous enrollment: spans merged): before each span, from the day after
-- the latest end of the spans that start before it; after the last one; the
-- whole window for a member without spans. `windows` is a table of
-- (member_id, lo, hi).
CREATE OR REPLACE MACRO enrollment_gaps(windows) AS TABLE
WITH spans AS (
  SELECT e.member_id, w.lo, w.hi, e.start_date, e.end_date,
         max(e.end_date) OVER (PARTITION BY e.member_id ORDER BY e.start_date, e.end_date
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end
  FROM enrollment e JOIN query_table(windows) w USING (member_id)
),
runs AS (
  SELECT member_id, greatest(coalesce(before_end + 1, lo), lo) AS gap_from,
         least(start_date - 1, hi) AS gap_to
  FROM spans
  UNION ALL
  SELECT member_id, greatest(max(end_date) + 1, lo), hi FROM spans GROUP BY member_id, lo, hi
  UNION ALL
  SELECT member_id, lo, hi FROM query_table(windows) w
  WHERE NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.member_id = w.member_id)
)
SELECT member_id, gap_from, gap_to FROM runs WHERE gap_from <= gap_to;

-- Members enrolled on their day d; `days` is a table of (member_id, d).
CREATE OR REPLACE MACRO enrolled_on(days) AS TABLE
SELECT DISTINCT x.member_id FROM query_table(days) x JOIN enrollment e USING (member_id)
WHERE e.start_date <= x.d AND x.d <= e.end_date;
