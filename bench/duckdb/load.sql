-- The data directory's CSVs loaded into DuckDB for the three baseline
-- measures (bench/README.md, "Baselines"). baseline.mjs replaces
-- ${...}: ${DATA} is the data directory and ${COLUMNS:F} file F's
-- columns with explicit types (read from its header; DATA.md types, text
-- for the rest). Loading does what measurec's loader does
-- (runtime/store): dates parsed, an empty end date resolved (a visit ends
-- the day it starts, a condition is open: 9999-12-31), status and setting
-- lower-cased (both are read case-insensitively), and each event's codes
-- split into one row per code in the comparable form of
-- support/CodeSystem.h normalizeCode (upper case; ICD-10 without its dot).
-- NDCs are not normalised: no code set these measures read on pharmacy
-- fills holds one (baseline.mjs checks).

CREATE TABLE members AS
SELECT member_id, birth_date, sex, death_date
FROM read_csv('${DATA}/members.csv', header = true, auto_detect = false, columns = ${COLUMNS:members.csv});

CREATE TABLE enrollment AS
SELECT member_id, start_date, coalesce(end_date, DATE '9999-12-31') AS end_date
FROM read_csv('${DATA}/enrollment.csv', header = true, auto_detect = false, columns = ${COLUMNS:enrollment.csv});

CREATE TABLE visits AS
SELECT row_number() OVER () AS id, member_id, date, coalesce(end_date, date) AS end_date,
       lower(coalesce(setting, '')) AS setting, lower(coalesce(status, '')) AS status, codes
FROM read_csv('${DATA}/visits.csv', header = true, auto_detect = false, columns = ${COLUMNS:visits.csv});

CREATE TABLE conditions AS
SELECT row_number() OVER () AS id, member_id, onset_date AS date,
       coalesce(abatement_date, DATE '9999-12-31') AS end_date,
       lower(coalesce(status, '')) AS status, codes
FROM read_csv('${DATA}/conditions.csv', header = true, auto_detect = false, columns = ${COLUMNS:conditions.csv});

CREATE TABLE supplemental AS
SELECT row_number() OVER () AS id, member_id, date, date AS end_date,
       lower(coalesce(status, '')) AS status, codes
FROM read_csv('${DATA}/supplemental.csv', header = true, auto_detect = false, columns = ${COLUMNS:supplemental.csv});

CREATE TABLE immunizations AS
SELECT row_number() OVER () AS id, member_id, date, date AS end_date,
       lower(coalesce(status, '')) AS status, code AS codes
FROM read_csv('${DATA}/immunizations.csv', header = true, auto_detect = false, columns = ${COLUMNS:immunizations.csv});

CREATE TABLE pharmacy AS
SELECT row_number() OVER () AS id, member_id, fill_date AS date, fill_date AS end_date,
       days_supply, lower(coalesce(status, '')) AS status,
       concat_ws(' ', CASE WHEN ndc <> '' THEN 'NDC:' || ndc END,
                      CASE WHEN rxnorm <> '' THEN 'RXNORM:' || rxnorm END) AS codes
FROM read_csv('${DATA}/pharmacy.csv', header = true, auto_detect = false, columns = ${COLUMNS:pharmacy.csv});

-- One row per (event, code): SYSTEM:CODE split at its first colon.
CREATE MACRO event_codes(t) AS TABLE
SELECT id, upper(split_part(c, ':', 1)) AS system,
       CASE WHEN upper(split_part(c, ':', 1)) IN ('ICD10CM', 'ICD10PCS')
            THEN replace(upper(c[strpos(c, ':') + 1:]), '.', '')
            ELSE upper(c[strpos(c, ':') + 1:]) END AS code
FROM (SELECT id, unnest(string_split(replace(codes, ';', ' '), ' ')) AS c
      FROM query_table(t) WHERE codes IS NOT NULL)
WHERE c <> '';

CREATE TABLE visit_codes AS FROM event_codes('visits');
CREATE TABLE condition_codes AS FROM event_codes('conditions');
CREATE TABLE supplemental_codes AS FROM event_codes('supplemental');
CREATE TABLE immunization_codes AS FROM event_codes('immunizations');
CREATE TABLE pharmacy_codes AS FROM event_codes('pharmacy');

-- The code sets, bound to this data directory's codes as `measurec run`
-- binds them (measurec_bench_handwritten --codes: the compiled measures'
-- sets through interp::CodeSetBinding).
CREATE TABLE codesets AS
FROM read_csv('${CODES}', header = true, auto_detect = false,
              columns = {'measure': 'VARCHAR', 'set': 'VARCHAR', 'system': 'VARCHAR',
                         'code': 'VARCHAR', 'drug': 'INTEGER'});
