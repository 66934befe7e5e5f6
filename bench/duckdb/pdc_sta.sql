-- Proportion of Days Covered: Statins
-- (measures/2016/pharmacy-p4p/pdc_sta.measure) by hand in DuckDB SQL; the
-- measure file says where each rule comes from, runtime/interp/Pdc.h states
-- the PQA method. The measurement year is getvariable('mp_year'). Writes
-- result_pdc_sta: (member_id, measure, eligible, excluded, numerator) per
-- member in the population.

-- Every counted statin fill up to MP.end (earlier fills carry supply into
-- MP), with its drug: the code file's drug group (codes/statins-starter.csv
-- `drug`), else the code itself. A pharmacy row carries one RxNorm code, so
-- a fill has at most one statin code.
CREATE OR REPLACE TEMP TABLE pdc_fills AS
SELECT p.member_id, p.id, p.date, p.end_date, p.days_supply,
       min(coalesce(c.drug::VARCHAR, c.system || ':' || c.code)) AS drug
FROM pharmacy p JOIN pharmacy_codes x ON x.id = p.id
JOIN codesets c ON c.measure = 'PDC_STA' AND c.set = 'Statins' AND c.system = x.system AND c.code = x.code
WHERE counted(p.status) AND p.date <= make_date(getvariable('mp_year'), 12, 31)
GROUP BY ALL;

-- population age at MP.start >= 18 and fills >= 2, where
-- fills = count distinct dates of pharmacy with Statins during MP.
CREATE OR REPLACE TEMP TABLE pdc_pop AS
SELECT m.member_id, m.death_date FROM members m JOIN pdc_fills f USING (member_id)
WHERE age_at(m.birth_date, make_date(getvariable('mp_year'), 1, 1)) >= 18
  AND f.end_date >= make_date(getvariable('mp_year'), 1, 1)
GROUP BY m.member_id, m.death_date
HAVING count(DISTINCT f.date) >= 2;

-- exclude in_hospice(MP) or exists condition / visit with Esrd during MP.
CREATE OR REPLACE TEMP TABLE pdc_excluded AS
SELECT DISTINCT v.member_id FROM visits v JOIN pdc_pop USING (member_id)
LEFT JOIN visit_codes x ON x.id = v.id
LEFT JOIN codesets c ON c.measure = 'PDC_STA' AND c.set IN ('Hospice', 'Esrd') AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
  AND v.end_date >= make_date(getvariable('mp_year'), 1, 1)
  AND (c.set IS NOT NULL OR v.setting = 'hospice')
UNION
SELECT v.member_id FROM supplemental v JOIN pdc_pop USING (member_id)
JOIN supplemental_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'PDC_STA' AND c.set = 'Hospice' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
  AND v.end_date >= make_date(getvariable('mp_year'), 1, 1)
UNION
SELECT v.member_id FROM conditions v JOIN pdc_pop USING (member_id)
JOIN condition_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'PDC_STA' AND c.set = 'Esrd' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
  AND v.end_date >= make_date(getvariable('mp_year'), 1, 1);

-- numerator pdc of pharmacy with Statins during MP >= 0.80.
CREATE OR REPLACE TEMP TABLE result_pdc_sta AS
WITH fills AS (SELECT f.* FROM pdc_fills f JOIN pdc_pop USING (member_id)),
-- Index date: the first fill dated in MP.
idx AS (
  SELECT member_id, min(date) AS index_date FROM fills
  WHERE date >= make_date(getvariable('mp_year'), 1, 1) GROUP BY member_id
),
-- Enrollment runs: spans merged where they overlap or touch.
runs AS (
  SELECT member_id, min(start_date) AS run_start, max(end_date) AS run_end FROM (
    SELECT *, sum(new_run) OVER (PARTITION BY member_id ORDER BY start_date, end_date) AS run FROM (
      SELECT e.member_id, e.start_date, e.end_date,
             CASE WHEN e.start_date <= max(e.end_date) OVER (PARTITION BY e.member_id ORDER BY e.start_date, e.end_date
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                  THEN 0 ELSE 1 END AS new_run
      FROM enrollment e JOIN pdc_pop USING (member_id)))
  GROUP BY member_id, run
),
-- The treatment period: the index date to MP.end, death, or the end of the
-- enrollment run holding the index date, whichever comes first.
period AS (
  SELECT i.member_id, i.index_date,
         least(make_date(getvariable('mp_year'), 12, 31), coalesce(p.death_date, DATE '9999-12-31'),
               coalesce(r.run_end, DATE '9999-12-31')) AS last_date
  FROM idx i JOIN pdc_pop p USING (member_id)
  LEFT JOIN runs r ON r.member_id = i.member_id AND r.run_start <= i.index_date AND i.index_date <= r.run_end
),
-- One fill per drug and date, the largest supply; fills after the
-- treatment period and fills of no days are not read.
one_per_day AS (
  SELECT f.member_id, f.drug, f.date, max(f.days_supply) AS supply, t.index_date, t.last_date
  FROM fills f JOIN period t USING (member_id)
  WHERE f.date <= t.last_date
  GROUP BY ALL HAVING max(f.days_supply) > 0
),
-- An early refill of the same drug starts the day after the supply on
-- hand runs out: with S the running sum of supplies in date order, the day
-- after fill i's supply is S_i + max over j <= i of (date_j - S_(j-1)).
shifted AS (
  SELECT *, max(day - (s_i - supply)) OVER w AS reach
  FROM (SELECT *, date - DATE '1970-01-01' AS day, sum(supply) OVER w AS s_i FROM one_per_day
        WINDOW w AS (PARTITION BY member_id, drug ORDER BY date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
  WINDOW w AS (PARTITION BY member_id, drug ORDER BY date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
spans AS (
  SELECT member_id, index_date, last_date,
         greatest(s_i + reach - supply, index_date - DATE '1970-01-01') AS lo,
         least(s_i + reach - 1, last_date - DATE '1970-01-01') AS hi
  FROM shifted
),
-- The union of the covered days: each span adds the days after the
-- latest end of the spans sorted before it.
covered AS (
  SELECT member_id, sum(greatest(0, hi - greatest(lo, covered_to + 1) + 1)) AS days
  FROM (SELECT *, greatest(index_date - DATE '1970-01-01' - 1,
                           coalesce(max(hi) OVER (PARTITION BY member_id ORDER BY lo, hi
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                                    index_date - DATE '1970-01-01' - 1)) AS covered_to
        FROM spans WHERE lo <= hi)
  GROUP BY member_id
),
adherent AS (
  SELECT t.member_id FROM period t LEFT JOIN covered c USING (member_id)
  WHERE t.last_date >= t.index_date
    AND coalesce(c.days, 0)::DOUBLE / (t.last_date - t.index_date + 1)::DOUBLE >= 0.80
)
SELECT p.member_id, 'PDC_STA' AS measure, 1 AS eligible,  -- the measure has no eligible rule
       (x.member_id IS NOT NULL)::INTEGER AS excluded,
       (x.member_id IS NULL AND a.member_id IS NOT NULL)::INTEGER AS numerator
FROM pdc_pop p
LEFT JOIN pdc_excluded x USING (member_id)
LEFT JOIN adherent a USING (member_id);
