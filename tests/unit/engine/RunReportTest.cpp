// run.json: layout, key order and number formats.
#include <catch2/catch.hpp>

#include "output/RunReport.h"

using namespace mc;

TEST_CASE("run.json holds the run, its inputs and timings") {
  output::RunReport r;
  r.engine = "interp";
  r.program = "CBI2022";
  r.periodStart = "2022-01-01";
  r.periodEnd = "2022-12-31";
  r.version = "0.1.0";
  r.threads = 8;
  r.members = 1200;
  r.measures = {"BCS", "CCS"};
  r.files = {{"members.csv", true, 1201, 1200, 1}, {"referrals.csv", false, 0, 0, 0}};
  r.load = 0.25;
  r.compile = 0.0123456789;
  r.score = 1.5;
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
      "rows": 1201,
      "accepted": 1200,
      "rejected": 1
    },
    "referrals.csv": {
      "present": false,
      "rows": 0,
      "accepted": 0,
      "rejected": 0
    }
  },
  "timings": {
    "load": 0.250000,
    "compile": 0.012346,
    "score": 1.500000,
    "write": 0.000000
  },
  "version": "0.1.0"
}
)");
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
}
