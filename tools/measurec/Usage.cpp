// Usage texts. Each command's text gives its synopsis, every flag it takes
// and an example that runs from the repository root.
#include "Usage.h"

#include <utility>

namespace mc::cli {
namespace {

const char* kOverall = R"(measurec — a compiler and runtime for health-plan quality measures

usage:
  measurec check   [PATH...] [--format text|json] [--werror] [--explain CODE]
  measurec test    [PATH...] [--format text|json] [--verbose] [--engine interp|jit]
  measurec run     --program FILE|DIR | --measure FILE...  --data DIR --out DIR
                   [--period YYYY | --period-start DATE --period-end DATE]
                   [--as-of DATE] [--threads N] [--reject-file PATH]
                   [--engine interp|jit] [--set NAME=VALUE] [--prior DIR]
  measurec explain --member ID --measure ID --data DIR (--program FILE|DIR | PATH...)
                   [--period YYYY | --period-start DATE --period-end DATE]
  measurec ir      FILE
  measurec gen     --members N --seed S --out DIR [--threads N] [--period YYYY] [--edge]
  measurec diff    OLD NEW
  measurec import  fhir PATH... --out DIR
  measurec import  synthea CSV_DIR --out DIR
  measurec ingest  DATA_DIR --out FILE.mcache [--reject-file PATH] [--threads N]
  measurec version

PATH is a .measure file or a directory searched for them (default: .).
`measurec COMMAND --help` describes one command.
Exit codes: 0 success, 1 user error (bad spec, bad data), 2 usage, 3 internal error.
The language is described in docs/language.md, the data files in docs/data.md.
)";

const std::pair<const char*, const char*> kCommands[] = {
    {"check", R"(usage: measurec check [PATH...] [--format text|json] [--werror]
       measurec check --explain CODE

Checks measure, module and program files: syntax, names, types, code shapes,
windows, rules and test blocks. Prints every diagnostic as
file:line:column: severity CODE: message, with a note saying what to do.

  PATH            a .measure file, or a directory searched recursively (default: .)
  --format F      text (default) or json (one object per diagnostic, for CI)
  --werror        warnings count as errors (exit 1)
  --explain CODE  what a diagnostic code (E0105, W0001, ...) means

Exit: 0 no errors, 1 errors (or warnings with --werror), 2 usage.

example:
  measurec check measures stdlib
  measurec check --explain E0105
)"},
    {"test",
     R"(usage: measurec test [PATH...] [--format text|json] [--verbose] [--engine interp|jit]

Runs the test blocks written inside measure files: each builds one member
with its events, scores it and compares the outcome with its `expect` line.
A failure shows the member's age at the period's ends, each rule's deciding
term and the events that nearly matched (right code, wrong window, setting
or status).

  PATH        a .measure file, or a directory searched recursively (default: .)
  --format F  text (default) or json (for CI: one object per test, and the
              diagnostics of check; with errors, no test runs)
  --verbose   also list the tests that pass (--engine jit: and the measures
              interpreted, with the first op the JIT cannot compile yet)
  --engine E  interp (default) or jit: the same tests scored by the JIT; the
              last line says how many measures it compiled

Exit: 0 all passed, 1 a test failed or the files have errors, 2 usage.

example:
  measurec test measures/2022/cbi
)"},
    {"run", R"(usage: measurec run (--program FILE|DIR | --measure FILE...) --data DIR --out DIR
                    [--period YYYY | --period-start DATE --period-end DATE]
                    [--as-of DATE] [--threads N] [--reject-file PATH] [--engine interp|jit]
                    [--set NAME=VALUE ...] [--prior DIR]

Scores a member data directory (docs/data.md) with a program's measures, or
with measure files, and writes the results directory atomically:
member_results.csv, provider_results.csv, gaps.csv, run.json and report.html
(the results as one self-contained page); strata.csv
with a stratified measure; pharmacy_eligibility.csv with a pharmacy measure;
scorecard.csv with --program: stars, points and payment per provider and
measure, domain and program totals, and why (docs/data.md); participation.csv
with a program gate; interim.csv with --program and --as-of; a pharmacy
program also writes pharmacy_ranking.csv (composite, overall stars, Provider
of the Year) and pharmacy_home.csv (the 4- and 5-star pharmacies); a run
with member rewards writes rewards/<REWARD>.csv, the members who earned each
(a file per reward). A note
follows the summary when the period's last month has no event in the data:
the data ends before the period does.

  --program P       a program file, or a directory holding exactly one
  --measure FILE    a measure file (repeatable); instead of --program
  --data DIR        the member data directory (members.csv, enrollment.csv, ...),
                    or its binary cache (`measurec ingest`; not with --as-of or
                    --reject-file), refused when the directory changed since
  --out DIR         the results directory; an existing one is replaced only
                    when it holds nothing but a previous run's results
  --period YYYY     the measurement year (default: the program's or measure's)
  --period-start D  a measurement period that is not a calendar year, with
  --period-end D    both ends as YYYY-MM-DD
  --as-of DATE      the monthly interim report: only the data known on DATE
                    (inside the period) is read, rates are year to date, and
                    interim.csv says per provider and measure how many more
                    members reach the next benchmark tier, star or payment level
  --threads N       loading and scoring threads, 1..256 (default: all cores)
  --reject-file P   set bad rows aside in P (CSV with file, line, column,
                    value, reason) and go on; without it the run reports the
                    bad rows and stops having written nothing
  --engine E        interp (default): the interpreter; jit: measures compiled
                    to native code with LLVM (a measure the JIT cannot compile
                    yet is interpreted; the summary and run.json's
                    engine_measures say which, and why); the results are the
                    same bytes either way
  --set NAME=VALUE  override a program parameter (repeatable; `measurec check`
                    lists those still marked assumption)
  --prior DIR       last year's results directory (its provider_results.csv
                    and run.json, whose period must end before this run's;
                    not an --as-of run, whose rates are year to date):
                    the baseline of performance improvement; without it a
                    measure earns improvement points by its plan goal only

Exit: 0 success, 1 bad measures or bad data (nothing written), 2 usage.

example:
  measurec run --program measures/2022/cbi --data measures/2022/sample-data --out results
)"},
    {"explain", R"(usage: measurec explain --member ID --measure ID --data DIR
                        (--program FILE|DIR | PATH...)
                        [--period YYYY | --period-start DATE --period-end DATE]

Shows why one member has the outcome it has for one measure: the member's
age at the period's ends and linked PCP, every rule term's value, the events
behind each query, and the events with matching codes that a window,
setting, provider, value or status filter turned away (with the reason).

  --member ID     the member_id in members.csv
  --measure ID    the measure's ID (BCS, CCS, ...)
  --data DIR      the member data directory, or its cache (`measurec ingest`)
  --program P     a program file or directory; or give measure files as PATH
  --period ...    as for run

example:
  measurec explain --member M0000123 --measure BCS --data measures/2022/sample-data \
                   --program measures/2022/cbi
)"},
    {"ir", R"(usage: measurec ir FILE

Prints the IR of each measure in FILE: the typed nodes, queries, code sets
and rules that the interpreter runs.

example:
  measurec ir measures/2022/cbi/bcs.measure
)"},
    {"gen", R"(usage: measurec gen --members N --seed S --out DIR [--threads N] [--period YYYY]
                    [--edge]

Writes a synthetic member population as a data directory (docs/data.md):
every input file with every optional column, events placed around the
measurement year so that each CBI measure and each eCQM has members in and
out of its numerator (the eCQM side: orders.csv, times of day, categories,
reasons, settings, body sites, observation ends). The files depend only on
N, S, the period and --edge: the same bytes for any --threads. The directory
is written beside DIR and renamed into place.

  --members N     members to write, 1..9999999 (ids M0000001, M0000002, ...)
  --seed S        the random seed, a whole number
  --out DIR       the data directory; an existing one is replaced only when
                  it holds nothing but data files (members.csv, visits.csv, ...)
  --threads N     generating threads, 1..256 (default: the machine's cores)
  --period YYYY   the measurement year (default 2022)
  --edge          the edge-heavy profile: the eCQM events fall on the boundaries
                  (the period's first and last days, 00:00:00 and 23:59:59, an
                  end equal to its start, open and unknown ends, statuses other
                  than completed, empty optional cells) far more often; the
                  events the other programs read are the same as without it

Exit: 0 success, 1 a file could not be written (nothing left behind), 2 usage.

example:
  measurec gen --members 10000 --seed 1 --out build/gen-10k
)"},
    {"ingest",
     R"(usage: measurec ingest DATA_DIR --out FILE.mcache [--reject-file PATH] [--threads N]

Loads a member data directory with the rules of docs/data.md and writes its
binary cache: every column of the loaded store, the load's counts and
warnings, and what it was built from (each input file's size and
modification time). `run --data FILE.mcache` and `explain --data
FILE.mcache` then map the file instead of parsing the CSV again, with the
same results; they refuse a cache whose data directory changed since (a
file modified, added or removed: rebuild it), a damaged or truncated one, or
one written by another version of measurec. The cache is written to a
temporary sibling and renamed into place: a failed ingest leaves no file.

  DATA_DIR          the member data directory
  --out FILE        the cache file to write (FILE.mcache by convention; a
                    cache is known by its first bytes, not by its name)
  --reject-file P   set bad rows aside in P and go on, as run does; without
                    it bad rows are reported and nothing is written
  --threads N       threads that parse the event files (default: all cores);
                    the cache is the same for any N

Exit: 0 success, 1 bad data or the cache cannot be written, 2 usage.

example:
  measurec ingest measures/2022/sample-data --out build/sample.mcache
)"},
    {"import", R"(usage: measurec import fhir PATH... --out DIR
       measurec import synthea CSV_DIR --out DIR

import fhir

Imports FHIR R4 JSON into a data directory (docs/data.md, "Importing
FHIR"). PATH is a bundle (transaction, collection, searchset, ...), a single
resource, or a folder searched recursively for .json files (a folder of
loose resources per patient, as in the eCQM test decks). Patients are known
by Patient.id; each resource names its patient in its subject (or patient,
beneficiary) reference. Mapped: Patient, Coverage, Encounter, Procedure,
Condition, Observation (components as rows of their own), Immunization,
MedicationRequest, MedicationDispense, ServiceRequest, DeviceRequest.
Also Practitioner and Organization (providers.csv, named by the events'
provider columns), Medication (the code of the requests naming it), Claim
and ExplanationOfBenefit (only what no other resource of the import bills).
Rows are written as each file is read: memory holds one file's rows.
Prints, and writes to DIR/import.json, per resource type how many were read,
mapped and skipped and why; every skipped resource with its file and JSON
path. Codes in systems docs/data.md does not name are kept in the event
files' other_codes column and counted.

  --out DIR   the data directory, written beside DIR and renamed into place;
              an existing one is replaced only when it holds nothing but
              data files and import.json

Exit: 0 success, 1 a file that cannot be read or is not JSON (nothing is
written), 2 usage.

import synthea

Converts records exported by another system into a data directory
(docs/data.md, "Importing a Synthea export").

  CSV_DIR          a Synthea CSV export (patients.csv, payer_transitions.csv,
                   providers.csv, encounters.csv, conditions.csv,
                   observations.csv, procedures.csv, immunizations.csv,
                   medications.csv; payers.csv and organizations.csv when
                   present)
  --out DIR        the data directory, written beside DIR and renamed into
                   place; an existing one is replaced only when it holds
                   nothing but data files and import.json

Prints, per Synthea file, the rows read, mapped and skipped (and why), and
writes the same as DIR/import.json.

Exit: 0 imported, 1 bad input (a missing file or column, a bad date: file:line:column)
or a file could not be written (nothing left behind), 2 usage.

example:
  measurec import fhir tests/ecqm/cases --out build/ecqm-data
  measurec import synthea tests/synthea/csv --out build/synthea-data
)"},
    {"diff", R"(usage: measurec diff OLD NEW

The summary of changes between two program years. Compiles both programs,
each on its own, and prints one line per change: period and domains (with
performance improvement's), new measures and member rewards, retired ones,
moves (exploratory <-> programmatic, another domain), replacements
(`replaces`), points moved from measures to others, changed points,
minimums, stars, payment, tiers and plan goals, fee-for-service payments
(new, retired, dollars, qualifying attributes), participation gates, the
dollars of a point (point_value) and the pharmacy pool (p4p_pool), and
changed definitions (title, kind, code sets by name with the entries added
and removed, rule terms by label, queries by text, which holds their
windows, `define`s by text, a reward's `earned on`). Measures are matched
by ID.

  OLD  the earlier program: a program file, or a directory holding exactly one
  NEW  the later program, likewise

Exit: 0 compared (with or without changes), 1 a program has errors, 2 usage.

example:
  measurec diff measures/2021/cbi measures/2022/cbi
)"},
    {"version", R"(usage: measurec version

Prints the version of measurec.
)"},
};

}  // namespace

const char* overallUsage() { return kOverall; }

const char* commandUsage(const std::string& command) {
  for (const auto& [name, text] : kCommands)
    if (command == name) return text;
  return nullptr;
}

}  // namespace mc::cli
