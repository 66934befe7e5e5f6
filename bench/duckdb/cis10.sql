-- Immunizations: Children, Combination 10 (measures/2022/cbi/cis10.measure)
-- by hand in DuckDB SQL; the measure file says where each rule comes from.
-- The measurement year is getvariable('mp_year'). Writes result_cis10:
-- (member_id, measure, eligible, excluded, numerator) per member in the
-- population.

-- population second_birthday in MP.start..MP.end; the window and anchor of
-- eligible: second_year = [birthday(1), second_birthday].
CREATE OR REPLACE TEMP TABLE cis10_pop AS
SELECT member_id, birth_date AS birth, death_date,
       add_years(birth_date, 1) AS lo, add_years(birth_date, 2) AS hi, add_years(birth_date, 2) AS d
FROM members
WHERE add_years(birth_date, 2) BETWEEN make_date(getvariable('mp_year'), 1, 1)
                                   AND make_date(getvariable('mp_year'), 12, 31);

-- eligible: enrolled continuously over second_year allowing 1 gap of 45
-- days, and enrolled on second_birthday.
CREATE OR REPLACE TEMP TABLE cis10_eligible AS
SELECT p.member_id FROM cis10_pop p
WHERE p.member_id NOT IN (SELECT member_id FROM enrollment_gaps('cis10_pop') GROUP BY member_id
                          HAVING count(*) > 1 OR max(gap_to - gap_from + 1) > 45)
  AND p.member_id IN (SELECT member_id FROM enrolled_on('cis10_pop'));

-- The eligible children's counted events up to MP.end, one row per code
-- set of the measure a code of the event is in.
CREATE OR REPLACE TEMP TABLE cis10_events AS
SELECT 'visit' AS kind, v.member_id, v.date, v.end_date, c.set
FROM visits v JOIN cis10_eligible USING (member_id) JOIN visit_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'CIS10' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
UNION ALL
SELECT 'condition', v.member_id, v.date, v.end_date, c.set
FROM conditions v JOIN cis10_eligible USING (member_id) JOIN condition_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'CIS10' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
UNION ALL
SELECT 'supplemental', v.member_id, v.date, v.end_date, c.set
FROM supplemental v JOIN cis10_eligible USING (member_id) JOIN supplemental_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'CIS10' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31)
UNION ALL
SELECT 'immunization', v.member_id, v.date, v.end_date, c.set
FROM immunizations v JOIN cis10_eligible USING (member_id) JOIN immunization_codes x ON x.id = v.id
JOIN codesets c ON c.measure = 'CIS10' AND c.system = x.system AND c.code = x.code
WHERE counted(v.status) AND v.date <= make_date(getvariable('mp_year'), 12, 31);

CREATE OR REPLACE TEMP TABLE result_cis10 AS
WITH ev AS (
  SELECT e.*, p.birth, p.hi AS second, p.lo AS first FROM cis10_events e JOIN cis10_pop p USING (member_id)
),
-- newborn_hepb_dose: a newborn HepB procedure (a visit) dated on one of the
-- eight days from birth with no HepB immunization during that day.
newborn AS (
  SELECT DISTINCT n.member_id FROM ev n
  WHERE n.kind = 'visit' AND n.set = 'NewbornHepB' AND n.date BETWEEN n.birth AND n.birth + 7
    AND NOT EXISTS (SELECT 1 FROM ev i WHERE i.member_id = n.member_id AND i.kind = 'immunization'
                    AND i.set = 'HepB' AND i.date <= n.date AND i.end_date >= n.date)
),
hospice_stays AS (  -- `exists visit in setting hospice during MP`
  SELECT DISTINCT v.member_id FROM visits v JOIN cis10_eligible USING (member_id)
  WHERE v.setting = 'hospice' AND counted(v.status)
    AND v.date <= make_date(getvariable('mp_year'), 12, 31)
    AND v.end_date >= make_date(getvariable('mp_year'), 1, 1)
),
flags AS (
  SELECT member_id,
    -- in_hospice(MP)
    bool_or(set = 'Hospice' AND kind IN ('visit', 'supplemental')
            AND end_date >= make_date(getvariable('mp_year'), 1, 1)) AS hospice,
    -- a contraindication on a visit or condition during by_second_birthday
    bool_or(set = 'Contraindication' AND kind IN ('visit', 'condition')
            AND date <= second AND end_date >= birth) AS contraindication,
    -- vaccine doses on distinct dates during from_42_days / from_180_days
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'DTaP' AND end_date >= birth + 42 AND date <= second) >= 4 AS dtap,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'IPV' AND end_date >= birth + 42 AND date <= second) >= 3 AS ipv,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'HiB' AND end_date >= birth + 42 AND date <= second) >= 3 AS hib,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'PCV' AND end_date >= birth + 42 AND date <= second) >= 4 AS pcv,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'Rotavirus2Dose' AND end_date >= birth + 42 AND date <= second) AS rv2,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'Rotavirus3Dose' AND end_date >= birth + 42 AND date <= second) AS rv3,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set IN ('Rotavirus2Dose', 'Rotavirus3Dose') AND end_date >= birth + 42 AND date <= second) AS rv_any,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'Influenza' AND end_date >= birth + 180 AND date <= second) AS flu,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'Influenza' AND end_date >= birth + 180 AND date <= second - 1) AS flu_before,
    bool_or(kind = 'immunization' AND set = 'InfluenzaLaiv' AND end_date >= second AND date <= second) AS laiv,
    count(DISTINCT date) FILTER (WHERE kind = 'immunization' AND set = 'HepB' AND end_date >= birth AND date <= second) AS hepb_doses,
    -- during second_year
    bool_or(kind = 'immunization' AND set = 'MMR' AND end_date >= first AND date <= second) AS mmr_vaccine,
    bool_or(kind = 'immunization' AND set = 'VZV' AND end_date >= first AND date <= second) AS vzv_vaccine,
    bool_or(kind = 'immunization' AND set = 'HepA' AND end_date >= first AND date <= second) AS hepa_vaccine,
    -- illness histories on visits and conditions during by_second_birthday
    bool_or(kind IN ('visit', 'condition') AND set = 'Measles' AND end_date >= birth AND date <= second) AS measles,
    bool_or(kind IN ('visit', 'condition') AND set = 'Mumps' AND end_date >= birth AND date <= second) AS mumps,
    bool_or(kind IN ('visit', 'condition') AND set = 'Rubella' AND end_date >= birth AND date <= second) AS rubella,
    bool_or(kind IN ('visit', 'condition') AND set = 'HepatitisB' AND end_date >= birth AND date <= second) AS hepatitis_b,
    bool_or(kind IN ('visit', 'condition') AND set = 'Varicella' AND end_date >= birth AND date <= second) AS varicella,
    bool_or(kind IN ('visit', 'condition') AND set = 'HepatitisA' AND end_date >= birth AND date <= second) AS hepatitis_a
  FROM ev GROUP BY member_id
),
outcome AS (
  SELECT p.member_id, el.member_id IS NOT NULL AS eligible,
    el.member_id IS NOT NULL AND (
      coalesce(p.death_date BETWEEN make_date(getvariable('mp_year'), 1, 1)
                                AND make_date(getvariable('mp_year'), 12, 31), false)  -- died_in_mp
      OR h.member_id IS NOT NULL OR coalesce(f.hospice OR f.contraindication, false)) AS excluded,
    coalesce(
      f.dtap AND f.ipv AND f.hib AND f.pcv
      AND (f.mmr_vaccine OR f.measles) AND (f.mmr_vaccine OR f.mumps) AND (f.mmr_vaccine OR f.rubella)
      AND (f.hepb_doses >= 3 OR (f.hepb_doses >= 2 AND nb.member_id IS NOT NULL) OR f.hepatitis_b)
      AND (f.vzv_vaccine OR f.varicella) AND (f.hepa_vaccine OR f.hepatitis_a)
      AND (f.rv2 >= 2 OR f.rv3 >= 3 OR (f.rv2 >= 1 AND f.rv3 >= 2 AND f.rv_any >= 3))
      AND (f.flu >= 2 OR (f.flu_before >= 1 AND f.laiv)), false) AS numerator
  FROM cis10_pop p
  LEFT JOIN cis10_eligible el USING (member_id)
  LEFT JOIN hospice_stays h USING (member_id)
  LEFT JOIN flags f USING (member_id)
  LEFT JOIN newborn nb USING (member_id)
)
SELECT member_id, 'CIS10' AS measure, eligible::INTEGER AS eligible, excluded::INTEGER AS excluded,
       (eligible AND NOT excluded AND numerator)::INTEGER AS numerator
FROM outcome;
