// `run --prior DIR`: last year's provider_results.csv and run.json period,
// and every way they can be malformed (an error naming file:line, no result).
#include <catch2/catch.hpp>
#include <fstream>

#include "ScratchDir.h"
#include "score/PriorResults.h"

using namespace mc;

namespace {

const std::string kRunJson =
    "{\n  \"engine\": \"interp\",\n  \"program\": \"CBI2021\",\n  \"period\": {\n    \"start\": "
    "\"2021-01-01\",\n    \"end\": \"2021-12-31\"\n  },\n  \"as_of\": null\n}\n";

const std::string kHeader = "provider_id,measure,denominator,numerator,rate,qualifies\n";

std::string errorOf(const std::string& csv, const std::string& json = kRunJson) {
  const score::PriorRead read = score::parsePriorResults("last", csv, json);
  CHECK_FALSE(read.results.has_value());
  return read.error;
}

}  // namespace

TEST_CASE("prior results: rates, qualifies and the period of last year", "[prior]") {
  const score::PriorRead read = score::parsePriorResults(
      "last",
      kHeader +
          "P1,BCS,40,21,0.5250,1\nP1,CCS,0,0,,0\nP2,BCS,3,1,0.3333,0\nUNLINKED,BCS,5,5,1.0000,1\n",
      kRunJson);
  REQUIRE(read.results.has_value());
  const score::PriorResults& prior = *read.results;
  CHECK(formatIsoDate(prior.periodStart) == "2021-01-01");
  CHECK(formatIsoDate(prior.periodEnd) == "2021-12-31");
  REQUIRE(prior.rates.size() == 4);
  CHECK(prior.rates.at({"P1", "BCS"}).rate == 0.525);
  CHECK(prior.rates.at({"P1", "BCS"}).qualifies);
  CHECK_FALSE(prior.rates.at({"P1", "CCS"}).rate.has_value());
  CHECK_FALSE(prior.rates.at({"P2", "BCS"}).qualifies);

  // By this run's providers: P2 is not among them; UNLINKED keeps its line.
  store::ProviderTable providers;
  const store::ProviderId p1 = providers.intern("P1");
  providers.intern("P9");
  const score::PriorRates byId = score::priorRatesFor(prior, providers);
  CHECK(byId.size() == 3);
  CHECK(byId.at({p1, "BCS"}).rate == 0.525);
  CHECK(byId.count({store::kNoProvider, "BCS"}) == 1);
}

TEST_CASE("prior results: bad rows name the file and line", "[prior]") {
  CHECK(errorOf(kHeader + "P1,BCS,40,21,0.5250,1\nP1,CCS,40,21,abc,1\n") ==
        "last/provider_results.csv:3: rate 'abc' is not a number >= 0; fix the row or rerun "
        "last year's results");
  CHECK(errorOf(kHeader + "P1,BCS,40,21,-0.5,1\n").find(":2: rate '-0.5' is not a number") !=
        std::string::npos);
  CHECK(errorOf(kHeader + "P1,BCS,40,21,0.5,yes\n") ==
        "last/provider_results.csv:2: qualifies 'yes' is not 0 or 1; fix the row or rerun last "
        "year's results");
  CHECK(errorOf(kHeader + ",BCS,40,21,0.5,1\n").find(":2: empty provider_id") != std::string::npos);
  CHECK(errorOf(kHeader + "P1,,40,21,0.5,1\n").find(":2: empty measure") != std::string::npos);
  CHECK(errorOf(kHeader + "P1,BCS,40,21,0.5\n").find(":2: 5 fields, the header has 6") !=
        std::string::npos);
  CHECK(errorOf(kHeader + "P1,BCS,40,21,0.5,1\n\nP1,BCS,40,21,0.6,1\n") ==
        "last/provider_results.csv:4: provider P1 measure BCS is already on line 2; fix the row "
        "or rerun last year's results");
  CHECK(errorOf(kHeader + "P1,\"BCS,40,21,0.5,1\n").find("last/provider_results.csv:2: ") == 0);
}

TEST_CASE("prior results: a bad header or run.json is an error", "[prior]") {
  CHECK(errorOf("provider_id,measure,denominator,numerator,qualifies\nP1,BCS,1,1,1\n") ==
        "last/provider_results.csv:1: no column 'rate'; a provider_results.csv of measurec run "
        "has provider_id, measure, denominator, numerator, rate and qualifies");
  CHECK(errorOf("").find("last/provider_results.csv:1: no header row") == 0);
  // "period" as a value is not the period object.
  CHECK(errorOf(kHeader,
                "{\"program\": \"period\", \"x\": {\"start\": \"2021-01-01\", \"end\": "
                "\"2021-12-31\"}}\n")
            .find("last/run.json: no measurement period") == 0);
  CHECK(
      errorOf(kHeader, "{\"engine\": \"interp\"}\n").find("last/run.json: no measurement period") ==
      0);
  CHECK(errorOf(kHeader, "{\"period\": {\"start\": \"2021-01-01\", \"end\": \"soon\"}}")
            .find("last/run.json: no measurement period") == 0);
}

TEST_CASE("prior results: an interim run (--as-of) is no prior year", "[prior][interim]") {
  // Last year's run as of June 30: its rates are half a year's.
  std::string interim = kRunJson;
  interim.replace(interim.find("\"as_of\": null"), std::string("\"as_of\": null").size(),
                  "\"as_of\": \"2021-06-30\"");
  CHECK(errorOf(kHeader + "P1,BCS,10,5,0.5000,1\n", interim) ==
        "last/run.json: the prior results are an interim run (as of 2021-06-30): their rates are "
        "year to date, not last year's; give --prior the results directory of last year's "
        "full-year run (without --as-of)");
  // A program title that mentions the key is not the key.
  std::string titled = kRunJson;
  titled.insert(1, "\"program\": \"\\\"as_of\\\": \\\"2021-06-30\\\"\",\n");
  const score::PriorRead read =
      score::parsePriorResults("last", kHeader + "P1,BCS,10,5,0.5000,1\n", titled);
  INFO(read.error);
  CHECK(read.results.has_value());
}

TEST_CASE("prior results: a directory without the files", "[prior]") {
  mc::testing::ScratchDir dir("prior");
  score::PriorRead read = score::readPriorResults(dir.root.string());
  CHECK_FALSE(read.results.has_value());
  CHECK(read.error.find(dir.at("provider_results.csv") + ": cannot read it") == 0);
  std::ofstream(dir.at("provider_results.csv")) << kHeader << "P1,BCS,40,21,0.5250,1\n";
  read = score::readPriorResults(dir.root.string());
  CHECK(read.error.find(dir.at("run.json") + ": cannot read it") == 0);
  std::ofstream(dir.at("run.json")) << kRunJson;
  read = score::readPriorResults(dir.root.string());
  REQUIRE(read.results.has_value());
  CHECK(read.results->rates.size() == 1);
}

TEST_CASE("prior results: the measures last year's file has no line for", "[prior]") {
  const score::PriorRead read = score::parsePriorResults(
      "last", kHeader + "P1,BCS,40,21,0.5250,1\nP2,CCS,0,0,,0\n", kRunJson);
  REQUIRE(read.results.has_value());
  // A line of any provider, even one without a rate, is a line.
  CHECK(score::measuresWithoutPrior(*read.results, {"BCS", "CCS"}).empty());
  CHECK(score::measuresWithoutPrior(*read.results, {"CBP", "BCS", "HBD9"}) ==
        std::vector<std::string>{"CBP", "HBD9"});
  CHECK(score::measuresWithoutPrior(*read.results, {}).empty());
}
