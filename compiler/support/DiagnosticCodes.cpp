// The catalogue of diagnostic codes, for `measurec check --explain CODE`.
// Codes are stable: a code keeps its meaning once published.
#include <utility>

#include "support/Diagnostic.h"

namespace mc {
namespace {

const std::pair<const char*, const char*> kCodes[] = {
    {"E0001",
     "Syntax error: the text does not follow the grammar of the measure language. The "
     "message says what was expected where (\"expected the end of the range after '..'\", "
     "\"the test block opened at line 39 is not closed\") and suggests the keyword for a "
     "misspelt one. The item with the error (a rule, definition, code set or test block) is "
     "left out and the rest of the file is still checked. See docs/language.md."},
    {"E0002", "A character that the language does not use (e.g. '@' or a stray quote)."},
    {"E0003",
     "A date literal that is not a calendar date (e.g. 2022-02-30). Dates are "
     "YYYY-MM-DD."},
    {"E0004", "An integer literal too large for the language (more than 9 digits)."},
    {"E0005",
     "A file or directory given on the command line, imported or included, could not "
     "be read."},
    {"E0006",
     "A measure file that is not valid UTF-8 text: a byte that cannot start or continue a "
     "UTF-8 sequence, a truncated or overlong sequence, a UTF-16 surrogate (U+D800..U+DFFF) "
     "or a code point above U+10FFFF. The position is that of the first bad byte."},
    {"E0007",
     "Nesting deeper than 200 levels: parentheses, brackets, braces, code lists, `not` or "
     "unary minus inside one another; or queries nested deeper than 16 levels (`exists visit "
     "where value > latest value of observation where ...`). Deeper nesting would exhaust the "
     "compiler's stack or time; split the expression into named definitions. The item that "
     "nests too deeply is left out and the rest of the file is still checked."},
    {"E0008",
     "An ordinal that is not one: `2th date of` (write 2nd), or `0th` (the n-th date counts "
     "from 1st)."},
    {"E0101",
     "A name that is not a definition, a parameter or a built-in (MP, birth_date, "
     "death_date, F/M/U)."},
    {"E0102", "A code set name that is neither declared in the measure nor imported."},
    {"E0103", "The same name is defined twice in a measure, or clashes with an imported name."},
    {"E0104",
     "An unknown code system. Systems: CPT, HCPCS, CDT, ICD10CM, ICD10PCS, SNOMEDCT, "
     "LOINC, CVX, NDC, RXNORM, UBREV, POS, PLAN."},
    {"E0105",
     "A code whose shape is wrong for its system: a CPT code is 5 characters, an "
     "ICD-10-CM code a letter, a digit and up to 5 more characters, a LOINC code has a "
     "valid check digit, ..."},
    {"E0106",
     "An empty or inverted range: a code range, number range (50..40), interval or "
     "span whose start is after its end, or an empty code list."},
    {"E0107",
     "An unknown event kind in a query or test event. Kinds: visit, pharmacy, "
     "observation, condition, immunization, supplemental, referral."},
    {"E0108",
     "An unknown visit setting. Settings: outpatient, inpatient, ed, urgent, "
     "observation, telehealth, snf, hospice, home, other, nonacute, preadmission, "
     "shortstay."},
    {"E0109",
     "An import names a module that cannot be found: stdlib.X is stdlib/X.measure, "
     "a.b is a/b.measure beside the importing file."},
    {"E0110", "A definition or code set refers to itself, directly or through others."},
    {"E0111",
     "A call with the wrong number of arguments, or a parameterised definition used "
     "without arguments."},
    {"E0112", "A call of an unknown function."},
    {"E0113",
     "An unknown status in 'count status ...'. Statuses are the FHIR event statuses of "
     "docs/data.md: completed, final, amended, corrected, preliminary, registered, "
     "in-progress, cancelled, entered-in-error, not-done, ... (case does not matter)."},
    {"E0114",
     "A code family (Z30.*: the code and all its children) where there is none: in a code "
     "system whose codes are not hierarchical by prefix (families exist in ICD10CM and "
     "ICD10PCS only), or as the end of a range (a range end shorter than the codes already "
     "covers its children: Z30..Z31)."},
    {"E0115",
     "Calls of parameterised definitions that nest more than 100 deep (f100 calls f99, "
     "which calls f98, ...). Each call is inlined into its caller; shorten the chain."},
    {"E0116",
     "A module that imports itself. A module sees its own code sets and definitions; "
     "remove the import."},
    {"E0117",
     "A code file (`codeset S = file \"codes/x.csv\"`) that cannot be used: it does not "
     "exist or cannot be read, or its name ends in neither .csv nor .json. The path is "
     "relative to the file that declares the set (for the standard library, the stdlib "
     "folder)."},
    {"E0118",
     "A bad row in a CSV code file, reported at its line and column: no header with the "
     "columns system and code, an unknown code system, an empty code, a row with too few "
     "fields, an unreadable (badly quoted) row, or a code listed under two drugs in the "
     "optional drug column (in any of its written forms). Each row holds one code, family "
     "(R54.*) or range (G9473..G9479); more columns, such as display, are allowed and "
     "ignored."},
    {"E0119",
     "A FHIR ValueSet JSON code file that cannot be read completely: invalid JSON, not a "
     "ValueSet, no expansion and no compose.include concepts, or a compose that refers to "
     "another value set, selects codes by a filter or excludes codes. measurec does not "
     "expand value sets: download the expansion (VSAC $expand), which lists every code."},
    {"E0120",
     "A code file that holds no codes (or none of a code system measurec knows): the set "
     "would match nothing."},
    {"E0121",
     "`with principal SET` on an event kind other than visit. Only a visit has a principal "
     "diagnosis (the first ICD-10-CM code of its line); use `with SET` to match any code of "
     "other events."},
    {"E0122",
     "The code set after `with principal` holds codes of a system other than ICD-10-CM. The "
     "principal diagnosis is always an ICD-10-CM code, so those codes could never match: keep "
     "them out of the set, or match them with a separate `with` filter."},
    {"E0123",
     "A 10-digit NDC written without hyphens (0002322730). The FDA publishes NDCs as 10 digits "
     "in 4-4-2, 5-3-2 or 5-4-1 segments, and the 11-digit code claims carry pads the short "
     "segment with a zero, so without the hyphens it is unknown which segment to pad. The note "
     "lists the three readings and their 11-digit codes: write the one on the package label or "
     "in the FDA NDC Directory, with its hyphens, or the 11-digit code. In data such a code is "
     "a bad row."},
    {"E0130",
     "An alias (`exists visit as stay ...`) used alone: an alias names an event, and an "
     "expression reads one of its fields (`stay.date`, `stay.end`, `stay.provider`, ...). The "
     "note lists the fields of the event's kind. See docs/language.md, \"Event pairing\"."},
    {"E0131",
     "An alias used where no query binds it. An alias is bound in its own query's `where` "
     "filters and in every filter of the queries nested in them; anywhere else (another rule, "
     "a definition, the query's own `during` or `with`) it means nothing. The note says where "
     "the alias is bound."},
    {"E0132",
     "An alias that hides another name: a definition, a parameter, a built-in (MP, "
     "birth_date, death_date) or the alias of an enclosing query. Choose another name."},
    {"E0133",
     "A field that the bound event's kind does not have (`stay.value` on a visit). The note "
     "lists the kind's fields; the table is in docs/language.md, \"Event pairing\"."},
    {"E0140",
     "A coded field (docs/language.md, \"Coded fields\") asked of an event kind that does not "
     "have it: `with value` and `with any value` are for observation and supplemental events, "
     "`with discharge` for visits, `with site` for conditions and visits. The note lists the "
     "kinds that have the field; `with SET` alone matches any of the event's own codes."},
    {"E0155",
     "`with category S` or `with any category` on an event kind that has no FHIR category. "
     "Only observations (Observation.category: `laboratory`, `vital-signs`, `survey`, ...) and "
     "conditions (Condition.category: `problem-list-item`, `encounter-diagnosis`, "
     "`health-concern`) carry one, in the `category` column of observations.csv and "
     "conditions.csv (docs/data.md). Query one of them, or drop the filter."},
    {"E0156",
     "`with category S` whose set holds only categories of the other kind: condition "
     "categories (CONDCAT, USCORECAT) on an observation query, or observation categories "
     "(OBSCAT) on a condition query. FHIR binds Observation.category to HL7's "
     "observation-category and Condition.category to HL7's and US Core's condition-category, "
     "so the filter could never match. Use the kind's own category codes."},
    {"E0163",
     "`with intent S` whose set holds no REQINTENT code: an order's intent (orders.csv "
     "`intent`, FHIR's ServiceRequest/DeviceRequest/MedicationRequest.intent) is always a "
     "request-intent code (`order`, `original-order`, `plan`, `proposal`, ...), so the filter "
     "could never match. Write the intents as REQINTENT codes: codeset Order = REQINTENT{order}."},
    {"E0160",
     "An `exception` rule (an eCQM denominator exception) in a measure that has no member "
     "numerator to miss: a rate, an event-unit measure (`unit each`) or a reward. Only a "
     "proportion or inverse measure has denominator exceptions; use `exclude` otherwise."},
    {"E0161",
     "A test block that expects `exception` or `not exception` of a measure without an "
     "`exception` rule: nobody is an exception there, so the expectation could never pass "
     "(or never fail). Add the rule, or leave the outcome out of `expect`."},
    {"E0162",
     "`latest end of` a kind of event that has no end of its own: only visits "
     "(`end_date`), observations (`end_date`, an effective period's end) and conditions "
     "(`abatement_date`) end after their date; any other event's end is its date. Write "
     "`latest date of`."},
    {"E0201",
     "A type error: an operator or construct applied to values of the wrong types "
     "(e.g. a date compared with a number, sex compared with 50)."},
    {"E0202",
     "A rule (population, eligible, exclude, exception, numerator) that is not true/false."},
    {"E0203", "An unknown parameter type. Types: bool, int, number, date, interval."},
    {"E0204",
     "A part that a value does not have: intervals have start and end; dates have "
     "year, month and day."},
    {"E0205",
     "A gap allowance per period other than 12 months: 'enrolled continuously over W "
     "allowing N gap(s) of D days in each 12 months' (the HEDIS allowance per year)."},
    {"E0206",
     "'count distinct dates at least N days apart of q' with N below 1: every two distinct "
     "dates are at least 1 day apart; write 'count distinct dates of q'."},
    {"E0207",
     "'sum FIELD of q' with an event field that is not a number (a date, a provider, a "
     "setting, a code). Sums add pharmacy quantity and days_supply, observation and "
     "supplemental value; the note lists the kind's numbers. A field the kind lacks is E0133."},
    {"E0208",
     "Providers, settings and codes (event fields such as `stay.provider`, `v.setting`, "
     "`v.principal`, and `linked_pcp(d)`) are compared only with `=` and `!=`; they have no "
     "order, so `<`, `<=`, `>` and `>=` are errors."},
    {"E0215",
     "'pdc of q' over events that are not pharmacy fills: the proportion of days covered "
     "counts the days that fills' days_supply covers. Write `pdc of pharmacy with CLASS "
     "during MP`."},
    {"E0216",
     "'pdc of q' without exactly one `during` filter, or with another time filter (`before`, "
     "`after`, `on or before`, `on or after`): the treatment period runs from the first fill "
     "in the `during` window to its end (or death, or disenrollment), so the query needs that "
     "window and no other."},
    {"E0230",
     "A unit that is not UCUM text, in a quantity literal (`9 '%'`) or a test event's value "
     "(`value 9.5 '%'`): empty, with a blank or a quote, or with a bracket, brace or "
     "parenthesis not closed, or an operator ('.', '/') without a unit on each side. Write "
     "the UCUM code ('%', 'mm[Hg]', 'mg/dL'), or '1' for a number without a unit; 'mmHg' is "
     "accepted for 'mm[Hg]'. See docs/language.md \"Quantities\"."},
    {"E0231",
     "A quantity compared with something that is not a number or a quantity (a date, a "
     "bool, a sex, a provider): such a comparison can never hold. A quantity compares with a "
     "quantity (the units must be the same, else the comparison is unknown) or with a plain "
     "number (its number)."},
    {"E0232",
     "Arithmetic on a quantity literal (`9 '%' + 1`): the result would have no unit. Compare "
     "quantities, or write a plain number."},
    {"E0233",
     "`lowest value of q` or `highest value of q` over an event kind without values (visits, "
     "fills, conditions, ...): only observations and supplemental data have values."},
    {"E0240",
     "Arithmetic on a datetime (`e.start_time + 2 days`, `a.start_time - b.start_time`): a "
     "day with a time of day only compares (docs/language.md \"Times of day\"). Do day "
     "arithmetic on the event's day, `.date` or `.end`."},
    {"E0241",
     "A datetime (`e.start_time`, `e.end_time`) where a date is wanted: a time filter's "
     "bound, `age at`, a date part, a parameter of type date. Read the event's day with "
     "`.date` or `.end`, or declare the parameter `datetime`."},
    {"E0242",
     "A test event's time of day that is no time (`visit 2025-03-10T25:00`): hours are 00 "
     "to 23, minutes and seconds 00 to 59; seconds, a fraction and a `Z` or `+hh:mm` offset "
     "are optional (the offset is not applied)."},
    {"E0301", "A measure without a population or numerator rule."},
    {"E0302", "A measure with two rules of the same kind."},
    {"E0303",
     "An unknown measure kind. Kinds: proportion, inverse, rate per N member years, inverse "
     "rate per N member years ('per N member years' belongs to a rate only)."},
    {"E0304", "A measurement year outside 1900..2200."},
    {"E0306",
     "A rule, an 'attribute' or a 'unit' inside a module; modules hold code sets and "
     "definitions only."},
    {"E0307",
     "A measure or module with two 'count status' items; list every status that counts "
     "in one."},
    {"E0308",
     "A rate measure per N member years with N of 0 or less: the base of a rate is a positive "
     "number of member years (per 100, per 1000)."},
    {"E0309",
     "An 'exposure' that is not a number of member years, or an exposure in a measure that is "
     "not a rate measure."},
    {"E0310",
     "A numerator of the wrong kind: a rate measure's numerator is a number (the member's "
     "weighted event count), a proportion or inverse measure's numerator is true or false."},
    {"E0311",
     "'attribute to X of QUERY' with X other than pharmacy: a measure goes to the linked PCP "
     "unless it is attributed to pharmacies."},
    {"E0312",
     "A pharmacy attribution or an event unit ('unit each QUERY') whose query is not a pharmacy "
     "query: both count fills and their dispensing pharmacy."},
    {"E0313",
     "An event-unit measure ('unit each QUERY') of a kind other than proportion (it is a "
     "proportion of events, DATA.md), or stratified (strata count members)."},
    {"E0401",
     "A test block whose member line is missing or incomplete (sex and born are "
     "required)."},
    {"E0402",
     "A test block without a measurement period (give 'period YYYY' in the measure "
     "or the test)."},
    {"E0403",
     "A test block that expects nothing, or an unknown outcome. Outcomes: "
     "population, eligible, excluded, exception, numerator."},
    {"E0404",
     "A test event attribute that is unknown (did you mean setting, provider, status, "
     "value, days_supply, quantity or source?), given twice, with a bad value (a status "
     "outside the FHIR vocabulary, days_supply that is not a whole number of days, a "
     "source other than registry, claim or ehr), or that the event's kind does not have "
     "(days_supply and quantity are pharmacy's, source is immunization's)."},
    {"E0501", "A program includes a file that does not hold exactly one measure."},
    {"E0502", "A program includes the same measure twice."},
    {"E0503",
     "Two measures with one ID in one program, run or check. Results are keyed by "
     "measure ID, so their rows could not be told apart: give one another ID."},
    {"E0504",
     "A program's minimum denominator below 1. A provider qualifies only with at least "
     "one eligible member; leave 'minimum' out for 1."},
    {"E0505",
     "Points on an include that cannot earn them: outside any domain, in an "
     "exploratory block (never paid), or in a domain with 'points varies' (whose "
     "points are shared among the measures a provider qualifies for)."},
    {"E0506", "A program parameter given twice."},
    {"E0507",
     "Star or payment thresholds that cannot be scored: on a rate measure (per N member "
     "years, not a percent), not 4 thresholds (stars 2 to 5), "
     "a figure outside 0..100 percent, or thresholds that are not increasing (decreasing "
     "for a lower-is-better measure, kind inverse), so that two star levels would overlap."},
    {"E0508",
     "Benchmark tiers that cannot be scored: a share outside (0%, 100%], or tiers whose "
     "rates do not rise (fall, for a lower-is-better measure) or whose shares do not grow."},
    {"E0509",
     "A program gate that cannot be checked: only immunizations carry a source (registry, "
     "claim or ehr), so a gate names immunization and one of those sources."},
    {"E0510",
     "Two gates of one program with the same name: participation.csv and the scorecard name "
     "a gate by it, so each needs its own."},
    {"E0511",
     "A program figure (points, a star, payment or tier figure) names a parameter the program "
     "does not declare, or one in dollars. Declare it with 'parameter NAME = VALUE source "
     "\"...\"' (or 'assumption \"why\"'); 'run --set NAME=VALUE' overrides it."},
    {"E0512",
     "A performance improvement that cannot be scored: `improvement \"NAME\" points N over "
     "\"DOMAIN\", ... by P%` names a domain the program does not declare (or another "
     "improvement), has no points, or a `by` outside 0% (excluded) to 100%."},
    {"E0513",
     "A plan goal that is never used or cannot be met as written: `goal X` on an exploratory "
     "measure, on a measure whose domain no improvement covers, or a goal that is not a rate "
     "in the measure's unit (0 to 1 for a proportion, as provider_results.csv writes it; per "
     "N member years for a rate measure)."},
    {"E0514",
     "A domain covered twice by performance improvement (named by two improvements, or twice "
     "by one): its measures would earn improvement points twice."},
    {"E0515",
     "A fee-for-service payment whose ID is that of a measure of the program, or of another "
     "fee-for-service payment: scorecard.csv names each line by its ID."},
    {"E0516",
     "A fee-for-service payment that is not a positive number of dollars ('pays 2500 "
     "dollars')."},
    {"E0517",
     "A 'replaces' that cannot hold: a measure replacing itself, a replaced measure that the "
     "program also includes, or one measure replaced twice."},
    {"E0518",
     "A fee-for-service payment that names one qualifying attribute twice ('when provider has "
     "a or a'): the second was probably meant to be another."},
    {"E0519",
     "A fee-for-service payment whose figure names a parameter the program does not declare, "
     "or one not in dollars ('parameter pcmh_fee = 2500 dollars source \"...\"')."},
    {"E0520",
     "A program with a p4p_pool parameter (a pharmacy payout) includes a measure scored per "
     "PCP: the pool pays pharmacies only, so every measure is attributed to pharmacies "
     "('attribute to pharmacy of ...') or counted per fill ('unit each pharmacy ...')."},
    {"E0521",
     "A measure of a pharmacy payout program has points but neither 'payment at RATE' nor "
     "tiers: nothing says when it earns them, so no pharmacy's performance %, and no payout, "
     "can be computed."},
    {"E0522",
     "A program with a p4p_pool parameter has no points: the payout is performance % (points "
     "earned / the program's points) x the pool's value per claim. Put the measures in a "
     "'domain \"NAME\" points N { }'."},
    {"E0530",
     "A reward (kind reward) without 'earned on DATE': rewards/<REWARD>.csv writes the date "
     "each member earned it (the call, the 2nd flu dose, the 6th well visit), so the reward "
     "says which date of the data that is."},
    {"E0531",
     "A reward word outside a reward ('earned when', 'earned on', 'expect earned') or a "
     "measure word in a reward ('numerator', 'expect numerator'). A reward says who earns "
     "it with 'earned when' (its numerator) and when with 'earned on'; its tests expect "
     "'earned' or 'not earned'."},
    {"E0532",
     "'earned on' is not a date: it is the date a member earned the reward, e.g. 'first "
     "date of supplemental with NurseAdviceCall during MP' or '6th date of visit with "
     "WellChild during ...'."},
    {"E0533",
     "A reward with an item that belongs to provider measures ('stratify by', 'unit each', "
     "'attribute to', 'gap', 'exposure'), or based on a measure that is not a proportion of "
     "members (a rate, an event-unit measure, another reward). A reward is a list of "
     "members, paid to members, never to providers."},
    {"E0534",
     "A program includes a reward outside its 'rewards { }' block, or a measure that is not "
     "a reward inside it. Rewards are paid to members, never to providers: they are never in "
     "provider_results.csv, the scorecard or gaps.csv."},
    {"E0535",
     "A reward included with a provider scoring figure (minimum, points, stars, payment, "
     "tiers): rewards are not scored for providers."},
    {"E0536",
     "'expect not earned on DATE': a member who does not earn a reward has no date. Write "
     "'expect not earned', or 'expect earned on DATE'."},
    {"E0601",
     "A duration longer than 200 years (73050 days, 2400 months, 200 years). Measure "
     "windows are far shorter, and a date moved much further leaves the calendar "
     "(years 1..9999), where the result would be missing."},
    {"E0602",
     "birthday(N) with a constant N outside 0..150: N is an age in years. (A birthday "
     "computed at run time that leaves the calendar is missing.)"},
    {"E0603",
     "An int constant expression (arithmetic on literals) whose value overflows a 64-bit "
     "int. At run time such an overflow gives a missing value, never a wrapped one."},
    {"E0701",
     "An unknown stratifier in 'stratify by'. Stratifiers: ethnicity, race, sex, language, "
     "county (members.csv columns) and 'age band LO..HI, ...' (age at the end of the "
     "measurement period)."},
    {"E0702",
     "A measure stratified twice by the same stratifier: strata.csv would hold every line "
     "twice. Remove one."},
    {"E0703",
     "Bad age bands: 'stratify by age band' without bands, a band whose first age is above "
     "its last, bands that overlap (a member belongs to one band), or ranges after a "
     "stratifier other than 'age band'."},
    {"E0704",
     "'based on \"FILE\"' names a file that does not hold exactly one measure, the measure "
     "itself, or a measure that is itself based on another. Name the file of the measure "
     "whose rules are taken."},
    {"E0705",
     "A measure 'based on' another with an item that decides outcomes: rules, code sets, "
     "definitions, imports, kind, period, gap or 'count status' (or a second 'based on'). "
     "They all come from the base measure, so that the two cannot drift apart; a measure "
     "based on another holds its source, stratifiers and test blocks."},
    {"E0706", "'stratify by' or 'based on' in a module; they belong in a measure."},
    {"E0707",
     "A rate measure (kind rate per N member years) with 'stratify by', or based on one. "
     "strata.csv counts members in and out of a numerator; a rate's weighted counts per "
     "member-year do not fit it."},
    {"E0801",
     "measurec import fhir: an input path that does not exist or cannot be read, or a "
     "folder that holds no .json file. Give FHIR JSON files (bundles or single resources) "
     "or folders of them. Nothing is written."},
    {"E0802",
     "measurec import fhir: a file that is not valid JSON (truncated, or not JSON at all); "
     "the message names the file and simdjson's reason. Export the file again. Nothing is "
     "written. A resource that is valid JSON but cannot be mapped (no subject, a date "
     "without a day, an unknown resource type) is not an error: it is skipped and counted "
     "in import.json with its file and JSON path (docs/data.md, Importing FHIR)."},
    {"E0810",
     "measurec import synthea: a Synthea file the importer maps is missing (patients.csv, "
     "payer_transitions.csv, providers.csv, encounters.csv, conditions.csv, observations.csv, "
     "procedures.csv, immunizations.csv, medications.csv), or CSV_DIR is not a directory. "
     "Nothing is written."},
    {"E0811",
     "measurec import synthea: a Synthea file without its header row, or whose header lacks a "
     "column the importer reads (the message names it). Nothing is written."},
    {"E0812",
     "measurec import synthea: a date that is not one (Synthea writes YYYY-MM-DD or "
     "YYYY-MM-DDThh:mm:ssZ), or an empty date where Synthea always writes one (START, "
     "BIRTHDATE). The message gives file:line:column. Nothing is written."},
    {"E0813",
     "measurec import synthea: a record that is not CSV (an unterminated quote, text after a "
     "closing quote). Nothing is written."},
    {"E0814",
     "measurec import synthea: a count that is not a whole number of 0 or more (a "
     "medication's DISPENSES). Nothing is written."},
    {"E0815",
     "measurec import synthea: a file of the data directory could not be written (disk full, "
     "permissions). The staging directory is removed; --out is untouched."},
    {"E0816",
     "--data names a file that is not a usable measurec cache: not a cache at all (no cache "
     "header; a data directory or a file written by `measurec ingest` is expected), "
     "truncated, damaged (its header checksum or section table does not hold), or written "
     "by another version of measurec (cache format or store layout). Rebuild it with "
     "`measurec ingest DATA_DIR --out FILE.mcache` (docs/data.md, Binary cache)."},
    {"E0817",
     "A stale cache: a file of the data directory it was built from changed since (its size "
     "or modification time), was added or removed, or the directory is gone. The message "
     "names the first file that changed; rebuild the cache with the `measurec ingest` "
     "command the note gives, or give --data the directory itself."},
    {"E0818",
     "measurec ingest: the cache file cannot be written (its directory is missing or not "
     "writable, the disk is full). Nothing is written: the cache goes to a temporary "
     "sibling renamed into place only when complete."},
    {"E0819",
     "An option a cache cannot honour: --as-of (an interim run reads only the rows known on "
     "its date; a cache holds them all) or --reject-file (the bad rows were set aside, or "
     "refused, when the cache was built: give --reject-file to ingest). Give --data the "
     "data directory itself, or leave the option out."},
    {"W0001", "A code set that no rule, definition or other code set uses."},
    {"W0002",
     "An ICD-10-CM category of three characters (Z30, E11) written alone in a code list. "
     "A single code matches only itself, so Z30 matches none of Z30.011, Z30.9, ...; write "
     "Z30.* for the category and all its codes. For a category without codes under it "
     "(I10) Z30.* is the same code, so the family form is always safe; keep the bare code "
     "only if the data holds the bare category code and you mean nothing under it."},
    {"W0003",
     "A FHIR ValueSet code file holds codes of code systems measurec does not know (such as "
     "HSLOC or CDC race codes): they are left out of the set, counted by system in the "
     "message. The data's code systems are CPT, HCPCS, CDT, ICD10CM, ICD10PCS, SNOMEDCT, "
     "LOINC, CVX, NDC, RXNORM, UBREV, POS and PLAN."},
    {"W0501",
     "A domain whose points possible differ from the sum of its measures' points. The "
     "program documents print such figures (the 2022 CBI workbook does): the program keeps "
     "them as printed and check reports the difference rather than hide it."},
    {"N0502",
     "A note, not a problem: a domain written 'points N as printed' whose measures' points "
     "sum to another figure (W0501 acknowledged). check still names both figures on every "
     "run, so that the inconsistency of the document stays in sight."},
    {"N0501",
     "A note, not a problem: a program parameter still marked 'assumption' (a figure the "
     "program document does not print). check lists each one; 'run --set NAME=VALUE' "
     "overrides it."},
};

}  // namespace

std::string explainDiagnosticCode(const std::string& code) {
  for (const auto& [c, text] : kCodes)
    if (code == c) return text;
  return {};
}

std::vector<std::string> allDiagnosticCodes() {
  std::vector<std::string> out;
  for (const auto& [c, _] : kCodes) out.emplace_back(c);
  return out;
}

}  // namespace mc
