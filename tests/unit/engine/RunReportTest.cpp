// run.json: layout, key order and number formats.
#include <catch2/catch.hpp>

#include "output/RunReport.h"
#include "support/EventVocabulary.h"

using namespace mc;

namespace {

store::FileCounts fileCounts(std::string file, bool present, std::uint64_t lines,
                             std::uint64_t rows, std::uint64_t accepted, std::uint64_t rejected) {
  store::FileCounts f;
  f.file = std::move(file);
  f.present = present;
  f.lines = lines;
  f.rows = rows;
  f.accepted = accepted;
  f.rejected = rejected;
  return f;
}

}  // namespace

TEST_CASE("run.json holds the run, its inputs, its provenance and timings") {
  output::RunReport r;
  r.engine = "interp";
  r.program = "CBI2022";
  r.periodStart = "2022-01-01";
  r.periodEnd = "2022-12-31";
  r.version = "0.1.0";
  r.threads = 8;
  r.members = 1200;
  r.measures = {"BCS", "CCS"};
  store::FileCounts visits = fileCounts("visits.csv", true, 30, 28, 27, 1);
  visits.hasStatuses = true;
  visits.byStatus[0] = 14;                                // empty: completed, counted
  visits.byStatus[*statusIndex("final")] = 1;             // counted
  visits.byStatus[*statusIndex("cancelled")] = 10;        // not counted
  visits.byStatus[*statusIndex("entered-in-error")] = 2;  // not counted
  visits.unknownProviders = 3;
  store::FileCounts referrals = fileCounts("referrals.csv", true, 1, 0, 0, 0);
  referrals.hasStatuses = true;
  r.files = {fileCounts("members.csv", true, 1202, 1201, 1200, 1), visits, referrals};
  r.sources = {{"measures/cbi/cbi.measure", "fnv1a64:0123456789abcdef"},
               {"measures/cbi/bcs.measure", "fnv1a64:fedcba9876543210"}};
  r.dataGiven = "sample-data";
  r.dataAbsolute = "/home/a/sample-data";
  r.commandLine = {"measurec", "run", "--data", "sample-data"};
  r.load = 0.25;
  r.compile = 0.0123456789;
  r.score = 1.5;
  r.scoreEngine = 1.25;
  r.write = 0;
  CHECK(output::runJson(r) ==
        R"({
  "engine": "interp",
  "program": "CBI2022",
  "period": {
    "start": "2022-01-01",
    "end": "2022-12-31"
  },
  "as_of": null,
  "threads": 8,
  "members": 1200,
  "measures": [
    "BCS",
    "CCS"
  ],
  "inputs": {
    "members.csv": {
      "present": true,
      "lines": 1202,
      "rows": 1201,
      "accepted": 1200,
      "rejected": 1,
      "unknown_providers": 0
    },
    "visits.csv": {
      "present": true,
      "lines": 30,
      "rows": 28,
      "accepted": 27,
      "rejected": 1,
      "not_counted_by_status": 12,
      "statuses": {
        "cancelled": 10,
        "entered-in-error": 2
      },
      "unknown_providers": 3
    },
    "referrals.csv": {
      "present": true,
      "lines": 1,
      "rows": 0,
      "accepted": 0,
      "rejected": 0,
      "not_counted_by_status": 0,
      "statuses": {},
      "unknown_providers": 0
    }
  },
  "sources": [
    {"path": "measures/cbi/cbi.measure", "hash": "fnv1a64:0123456789abcdef"},
    {"path": "measures/cbi/bcs.measure", "hash": "fnv1a64:fedcba9876543210"}
  ],
  "data": {
    "given": "sample-data",
    "absolute": "/home/a/sample-data"
  },
  "reject_file": null,
  "prior": null,
  "command_line": [
    "measurec",
    "run",
    "--data",
    "sample-data"
  ],
  "timings": {
    "load": 0.250000,
    "compile": 0.012346,
    "score": 1.500000,
    "score_engine": 1.250000,
    "write": 0.000000
  },
  "version": "0.1.0"
}
)");
}

TEST_CASE("run.json counts a file's statuses against those the run's measures count") {
  // A measure with its own `count status` (an eCQM's `finished`
  // encounters) reads what the default convention would leave out.
  output::RunReport r;
  store::FileCounts visits = fileCounts("visits.csv", true, 6, 5, 5, 0);
  visits.hasStatuses = true;
  visits.byStatus[*statusIndex("finished")] = 4;
  visits.byStatus[*statusIndex("cancelled")] = 1;
  visits.counted = kDefaultCountedStatuses | (StatusMask{1} << *statusIndex("finished"));
  r.files.push_back(visits);
  const std::string json = output::runJson(r);
  CHECK(json.find("\"not_counted_by_status\": 1,\n") != std::string::npos);
  CHECK(json.find("\"cancelled\": 1\n") != std::string::npos);
  CHECK(json.find("\"finished\"") == std::string::npos);
}

TEST_CASE("run.json names the reject file when there is one") {
  output::RunReport r;
  r.rejectFile = "out/bad \"rows\".csv";
  CHECK(output::runJson(r).find("\"reject_file\": \"out/bad \\\"rows\\\".csv\",\n") !=
        std::string::npos);
}

TEST_CASE("run.json names last year's results directory when run with --prior") {
  output::RunReport r;
  r.rejectFile = "bad.csv";
  r.prior = "results/2021";
  CHECK(
      output::runJson(r).find("\"reject_file\": \"bad.csv\",\n  \"prior\": \"results/2021\",\n") !=
      std::string::npos);
}

TEST_CASE("run.json lists a program's parameters as the run used them") {
  output::RunReport r;
  r.sources = {{"p.measure", "fnv1a64:0000000000000001"}};
  CHECK(output::runJson(r).find("\"parameters\"") == std::string::npos);  // none: no key
  // bcs_goal overridden by --set (still an assumption: no printed figure),
  // pcmh_fee a sourced figure.
  r.parameters = {{"bcs_goal", 0.6, "", true, true}, {"pcmh_fee", 2500, "dollars", false, false}};
  CHECK(output::runJson(r).find(
            "  ],\n  \"parameters\": {\n"
            "    \"bcs_goal\": {\"value\": 0.6, \"unit\": \"\", \"assumption\": true, \"set\": "
            "true},\n"
            "    \"pcmh_fee\": {\"value\": 2500, \"unit\": \"dollars\", \"assumption\": false, "
            "\"set\": false}\n  },\n  \"data\": {") != std::string::npos);
}

TEST_CASE("as_of is a string when given; strings are escaped; empty lists stay valid") {
  output::RunReport r;
  r.program = "P4P \"interim\"";
  r.asOf = "2022-07-01";
  const std::string json = output::runJson(r);
  CHECK(json.find("\"as_of\": \"2022-07-01\",") != std::string::npos);
  CHECK(json.find("\"program\": \"P4P \\\"interim\\\"\",") != std::string::npos);
  CHECK(json.find("\"measures\": [],") != std::string::npos);
  CHECK(json.find("\"inputs\": {},") != std::string::npos);
  CHECK(json.find("\"sources\": [],") != std::string::npos);
  CHECK(json.find("\"command_line\": [],") != std::string::npos);
}

TEST_CASE("an --as-of run counts per file the rows after the date; other runs do not") {
  output::RunReport r;
  store::FileCounts visits = fileCounts("visits.csv", true, 5, 4, 4, 0);
  visits.afterAsOf = 3;
  r.files = {visits};
  CHECK(output::runJson(r).find("after_as_of") == std::string::npos);
  r.asOf = "2022-06-30";
  CHECK(output::runJson(r).find("      \"rejected\": 0,\n      \"after_as_of\": 3,\n") !=
        std::string::npos);
}
