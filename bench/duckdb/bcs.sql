-- Breast Cancer Screening (measures/2022/cbi/bcs.measure) by hand in
-- DuckDB SQL; the measure file says where each rule comes from. The
-- measurement year is getvariable('mp_year'). Writes result_bcs:
-- (member_id, measure, eligible, excluded, numerator) per member in the
-- population.

-- population sex = F and age at MP.end in 50..74
CREATE OR REPLACE TEMP TABLE bcs_pop AS
SELECT member_id, death_date, age_at(birth_date, make_date(getvariable('mp_year'), 12, 31)) AS age,
       make_date(getvariable('mp_year') - 2, 10, 1) AS lo,  -- lookback: Oct 1 two years prior
       make_date(getvariable('mp_year'), 12, 31) AS hi,     -- MP.end
       make_date(getvariable('mp_year'), 12, 31) AS d       -- the anchor: enrolled on MP.end
FROM members
WHERE sex = 'F' AND age_at(birth_date, make_date(getvariable('mp_year'), 12, 31)) BETWEEN 50 AND 74;

-- eligible: enrolled continuously over [date(MP.start.year - 2, 10, 1), MP.end]
--   allowing 1 gap of 45 days in each 12 months, and enrolled on MP.end.
-- The 12-month segments back from December 31 are the two calendar years;
-- the leading October 1 .. December 31 two years prior allows no gap. A gap
-- across December 31 counts in each year, each part with its own length.
CREATE OR REPLACE TEMP TABLE bcs_eligible AS
WITH parts AS (
  SELECT g.member_id, y.year,
         least(g.gap_to, make_date(y.year, 12, 31)) - greatest(g.gap_from, make_date(y.year, 1, 1)) + 1 AS days
  FROM enrollment_gaps('bcs_pop') g,
       (SELECT unnest([getvariable('mp_year') - 2, getvariable('mp_year') - 1, getvariable('mp_year')]) AS year) y
  WHERE g.gap_from <= make_date(y.year, 12, 31) AND g.gap_to >= make_date(y.year, 1, 1)
),
failing AS (
  SELECT member_id FROM parts
  GROUP BY member_id
  HAVING bool_or(year = getvariable('mp_year') - 2)
      OR bool_or(days > 45)
      OR count(*) FILTER (WHERE year = getvariable('mp_year') - 1) > 1
      OR count(*) FILTER (WHERE year = getvariable('mp_year')) > 1
)
SELECT p.member_id FROM bcs_pop p
WHERE p.member_id NOT IN (SELECT member_id FROM failing)
  AND p.member_id IN (SELECT member_id FROM enrolled_on('bcs_pop'));

-- The eligible members' counted events up to MP.end, one row per code set
-- of the measure a code of the event is in.
CREATE OR REPLACE TEMP TABLE bcs_events AS
SELECT 'visit' AS kind, v.member_id, v.date, v.end_date, v.setting, c.set
FROM visits v JOIN bcs_eligible USING (member_id) JOIN visit_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'BCS' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
UNION ALL
SELECT 'condition', v.member_id, v.date, v.end_date, NULL, c.set
FROM conditions v JOIN bcs_eligible USING (member_id) JOIN condition_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'BCS' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
UNION ALL
SELECT 'supplemental', v.member_id, v.date, v.end_date, NULL, c.set
FROM supplemental v JOIN bcs_eligible USING (member_id) JOIN supplemental_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'BCS' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
UNION ALL
SELECT 'pharmacy', v.member_id, v.date, v.end_date, NULL, c.set
FROM pharmacy v JOIN bcs_eligible USING (member_id) JOIN pharmacy_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'BCS' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31);

CREATE OR REPLACE TEMP TABLE bcs_flags AS
WITH mp AS (
  SELECT make_date(getvariable('mp_year'), 1, 1) AS mp_start,
         make_date(getvariable('mp_year') - 1, 1, 1) AS prior_start,  -- MP.start - 1 year
         make_date(getvariable('mp_year') - 2, 10, 1) AS lookback
)
SELECT e.member_id,
  -- in_hospice(MP): a hospice code on a visit or supplemental row during MP
  -- (a visit in setting hospice: bcs_result below); palliative_care(MP)
  bool_or((set = 'Hospice' AND kind IN ('visit', 'supplemental')
           OR set = 'Palliative' AND kind IN ('visit', 'condition', 'supplemental'))
          AND end_date >= mp_start) AS hospice_or_palliative,
  -- frailty(MP)
  bool_or(set = 'Frailty' AND kind IN ('visit', 'condition', 'supplemental') AND end_date >= mp_start) AS frail,
  -- advanced_illness([MP.start - 1 year, MP.end]): two visits of one type
  -- on different dates, one inpatient stay, or a dementia medication fill
  count(DISTINCT date) FILTER (WHERE set = 'AdvancedIllness' AND kind = 'visit' AND end_date >= prior_start
                               AND setting IN ('outpatient', 'telehealth')) >= 2
  OR count(DISTINCT date) FILTER (WHERE set = 'AdvancedIllness' AND kind = 'visit' AND end_date >= prior_start
                                  AND setting = 'observation') >= 2
  OR count(DISTINCT date) FILTER (WHERE set = 'AdvancedIllness' AND kind = 'visit' AND end_date >= prior_start
                                  AND setting = 'ed') >= 2
  OR count(DISTINCT date) FILTER (WHERE set = 'AdvancedIllness' AND kind = 'visit' AND end_date >= prior_start
                                  AND setting = 'snf') >= 2
  OR bool_or(set = 'AdvancedIllness' AND kind = 'visit' AND end_date >= prior_start AND setting = 'inpatient')
  OR bool_or(set = 'DementiaMedications' AND kind = 'pharmacy' AND end_date >= prior_start) AS advanced_illness,
  -- bilateral_mastectomy
  bool_or(set = 'BilateralMastectomy' AND kind <> 'pharmacy') AS bilateral,
  -- two_unilateral_mastectomies: unilateral visits 14 days apart, or a left and a right
  coalesce(max(date) FILTER (WHERE set = 'UnilateralMastectomy' AND kind = 'visit')
           >= min(date) FILTER (WHERE set = 'UnilateralMastectomy' AND kind = 'visit') + 14, false)
  OR (bool_or(set = 'LeftMastectomy' AND kind <> 'pharmacy') AND bool_or(set = 'RightMastectomy' AND kind <> 'pharmacy'))
    AS two_unilateral,
  -- numerator: a mammogram during the lookback, on a visit or supplemental row
  bool_or(set = 'Mammography' AND kind IN ('visit', 'supplemental') AND end_date >= lookback) AS mammogram
FROM bcs_events e, mp
GROUP BY e.member_id;

CREATE OR REPLACE TEMP TABLE result_bcs AS
WITH hospice_stays AS (  -- `exists visit in setting hospice during MP`
  SELECT DISTINCT v.member_id FROM visits v JOIN bcs_eligible USING (member_id)
  WHERE v.setting = 'hospice' AND counted(v.status)
    AND v.date <= make_date(getvariable('mp_year'), 12, 31)
    AND v.end_date >= make_date(getvariable('mp_year'), 1, 1)
),
flags AS (
  SELECT p.member_id, el.member_id IS NOT NULL AS eligible,
    el.member_id IS NOT NULL AND (
      coalesce(p.death_date BETWEEN make_date(getvariable('mp_year'), 1, 1)
                                AND make_date(getvariable('mp_year'), 12, 31), false)  -- died_in_mp
      OR h.member_id IS NOT NULL
      OR coalesce(f.hospice_or_palliative, false)
      OR (p.age >= 66 AND coalesce(f.frail AND f.advanced_illness, false))
      OR coalesce(f.bilateral, false)
      OR coalesce(f.two_unilateral, false)) AS excluded,
    coalesce(f.mammogram, false) AS mammogram
  FROM bcs_pop p
  LEFT JOIN bcs_eligible el USING (member_id)
  LEFT JOIN hospice_stays h USING (member_id)
  LEFT JOIN bcs_flags f USING (member_id)
)
SELECT member_id, 'BCS' AS measure, eligible::INTEGER AS eligible, excluded::INTEGER AS excluded,
       (eligible AND NOT excluded AND mammogram)::INTEGER AS numerator
FROM flags;
