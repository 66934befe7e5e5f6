// member_results.csv, provider_results.csv and gaps.csv: content and order.
#include <catch2/catch.hpp>
#include <sstream>

#include "EngineFixtures.h"
#include "output/ResultWriters.h"

using namespace mc;
using namespace mc::testing;

namespace {

// Five members over four providers; "a1" sorts after UNLINKED, "P10" before "P2".
struct Scenario {
  store::MemberStore s =
      storeOf({{"m2", "P2"}, {"m10", "P10"}, {"m3", ""}, {"m1", "P2"}, {"m4", "a1"}});
  ir::Measure bcs =
      labelledMeasure("BCS", ir::MeasureKind::Proportion, "mammogram in the\nlast 27 months");
  ir::Measure ccs = labelledMeasure("CCS");
  ir::Measure hbd9 = labelledMeasure("HBD9", ir::MeasureKind::Inverse);
  // Given out of id order on purpose.
  std::vector<score::MeasureOutcomes> outcomes = {
      outcomesOf(
          ccs, s,
          {notInNumerator(), notEligible(), notInPopulation(), inNumerator(), notInNumerator()}),
      outcomesOf(hbd9, s,
                 {notInNumerator(), inNumerator(), notInPopulation(), notInPopulation(),
                  notInPopulation()},
                 1),
      outcomesOf(bcs, s,
                 {inNumerator(), notInNumerator(), notInNumerator(), excluded(), notInPopulation()},
                 2),
  };
};

std::string memberResults(const store::MemberStore& s,
                          const std::vector<score::MeasureOutcomes>& o) {
  std::ostringstream os;
  output::writeMemberResults(os, s, o);
  return os.str();
}

std::string gaps(const store::MemberStore& s, const std::vector<score::MeasureOutcomes>& o) {
  std::ostringstream os;
  output::writeGaps(os, s, o);
  return os.str();
}

std::string providerResults(const store::MemberStore& s,
                            const std::vector<score::MeasureOutcomes>& o) {
  std::ostringstream os;
  output::writeProviderResults(os, s, score::providerRates(s, o));
  return os.str();
}

}  // namespace

TEST_CASE("member_results: population members only, sorted by provider, measure, member") {
  const Scenario sc;
  CHECK(memberResults(sc.s, sc.outcomes) ==
        "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n"
        "m10,BCS,P10,1,0,0,0,not met: exists visit with Mammography\n"
        "m10,CCS,P10,0,0,0,0,not eligible: enrolled throughout MP\n"
        "m10,HBD9,P10,1,0,0,1,numerator: exists visit with Mammography\n"
        "m1,BCS,P2,1,1,0,0,excluded: in_hospice(MP)\n"
        "m2,BCS,P2,1,0,0,1,met: exists visit with Mammography\n"
        "m1,CCS,P2,1,0,0,1,met: exists visit with Mammography\n"
        "m2,CCS,P2,1,0,0,0,not met: exists visit with Mammography\n"
        "m2,HBD9,P2,1,0,0,0,not in numerator: exists visit with Mammography\n"
        "m3,BCS,UNLINKED,1,0,0,0,not met: exists visit with Mammography\n"
        "m4,CCS,a1,1,0,0,0,not met: exists visit with Mammography\n");
}

TEST_CASE("gaps: eligible, not excluded, outside the numerator of proportion measures") {
  const Scenario sc;
  CHECK(gaps(sc.s, sc.outcomes) ==
        "provider_id,member_id,measure,what_is_missing\n"
        "P10,m10,BCS,mammogram in the last 27 months\n"
        "P2,m2,CCS,numerator: exists visit with Mammography\n"
        "UNLINKED,m3,BCS,mammogram in the last 27 months\n"
        "a1,m4,CCS,numerator: exists visit with Mammography\n");
}

TEST_CASE("provider_results: every provider with population members, rates with 4 decimals") {
  const Scenario sc;
  CHECK(providerResults(sc.s, sc.outcomes) ==
        "provider_id,measure,denominator,numerator,rate,qualifies\n"
        "P10,BCS,1,0,0.0000,0\n"
        "P10,CCS,0,0,,0\n"
        "P10,HBD9,1,1,1.0000,1\n"
        "P2,BCS,1,1,1.0000,0\n"
        "P2,CCS,2,1,0.5000,1\n"
        "P2,HBD9,1,0,0.0000,1\n"
        "UNLINKED,BCS,1,0,0.0000,0\n"
        "a1,CCS,1,0,0.0000,1\n");
}

TEST_CASE("the same outcomes in another order give byte-identical files") {
  const Scenario sc;
  std::vector<score::MeasureOutcomes> reversed(sc.outcomes.rbegin(), sc.outcomes.rend());
  CHECK(memberResults(sc.s, reversed) == memberResults(sc.s, sc.outcomes));
  CHECK(gaps(sc.s, reversed) == gaps(sc.s, sc.outcomes));
  CHECK(providerResults(sc.s, reversed) == providerResults(sc.s, sc.outcomes));
}

TEST_CASE("a member id that needs quotes is quoted among plain ones in both large files") {
  // The writers copy ids as they are only when no id of the store needs
  // quotes: one that does (a comma, a quote) must be quoted wherever the
  // ids around it are not.
  const store::MemberStore s = storeOf({{"m1", "P2"}, {"m,2", "P2"}, {"m\"3", "P2"}});
  const ir::Measure ccs = labelledMeasure("CCS");
  const std::vector<score::MeasureOutcomes> outcomes = {
      outcomesOf(ccs, s, {inNumerator(), notInNumerator(), notInNumerator()})};
  const std::string members =
      "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n"
      "\"m\"\"3\",CCS,P2,1,0,0,0,not met: exists visit with Mammography\n"
      "\"m,2\",CCS,P2,1,0,0,0,not met: exists visit with Mammography\n"
      "m1,CCS,P2,1,0,0,1,met: exists visit with Mammography\n";
  const std::string gapRows =
      "provider_id,member_id,measure,what_is_missing\n"
      "P2,\"m\"\"3\",CCS,numerator: exists visit with Mammography\n"
      "P2,\"m,2\",CCS,numerator: exists visit with Mammography\n";
  CHECK(memberResults(s, outcomes) == members);
  CHECK(gaps(s, outcomes) == gapRows);
  std::ostringstream membersOut, gapsOut;
  output::writeMemberResultsAndGaps(membersOut, gapsOut, s, outcomes,
                                    output::resultOrder(s, outcomes), 2, {});
  CHECK(membersOut.str() == members);
  CHECK(gapsOut.str() == gapRows);
}

TEST_CASE("rates have exactly 4 decimals; counts are integers when integral") {
  CHECK(output::formatRate(0.735) == "0.7350");
  CHECK(output::formatRate(2.0 / 3.0) == "0.6667");
  CHECK(output::formatRate(1) == "1.0000");
  CHECK(output::formatRate(0) == "0.0000");
  CHECK(output::formatCount(3) == "3");
  CHECK(output::formatCount(-0.0) == "0");
  CHECK(output::formatCount(2.5) == "2.5000");
  CHECK(output::formatCount(1.0 / 3.0) == "0.3333");
}

TEST_CASE("weighted numerators are written with 4 decimals; labels with commas are quoted") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P1"}});
  // Only a rate measure weighs its numerator (a proportion's is 0 or 1).
  ir::Measure pev = labelledMeasure("PEV", ir::MeasureKind::InverseRate);
  pev.ratePer = 1;
  pev.rules[3].terms[0].label = "count(ed, urgent)";
  score::MemberOutcome m1 = inNumerator(1.5), m2 = inNumerator(2);
  m1.exposure = m2.exposure = 1;
  const std::vector<score::MeasureOutcomes> o = {outcomesOf(pev, s, {m1, m2})};
  CHECK(memberResults(s, o) ==
        "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n"
        "m1,PEV,P1,1,0,0,1.5000,\"counted: count(ed, urgent)\"\n"
        "m2,PEV,P1,1,0,0,2,\"counted: count(ed, urgent)\"\n");
  CHECK(providerResults(s, o) ==
        "provider_id,measure,denominator,numerator,rate,qualifies\n"
        "P1,PEV,2,3.5000,1.7500,1\n");
  CHECK(gaps(s, o) == "provider_id,member_id,measure,what_is_missing\n");  // inverse: no gaps
}

TEST_CASE("what_is_missing falls back to the numerator rule") {
  ir::Measure m = labelledMeasure("X");
  CHECK(output::whatIsMissing(m) == "numerator: exists visit with Mammography");
  m.gap = "a BMI percentile";
  CHECK(output::whatIsMissing(m) == "a BMI percentile");
  m.gap.clear();
  m.rules[3].terms.clear();
  CHECK(output::whatIsMissing(m) ==
        std::string("numerator: ") + ir::ruleName(ir::RuleKind::Numerator));
}

TEST_CASE("a measure based on another writes no gaps beside its base, and writes them alone") {
  const store::MemberStore s = storeOf({{"m1", "P1"}, {"m2", "P1"}});
  const ir::Measure wcv = labelledMeasure("WCV", ir::MeasureKind::Proportion, "a well-care visit");
  ir::Measure hphd = labelledMeasure("HPHD", ir::MeasureKind::Proportion, "a well-care visit");
  hphd.basedOn = "WCV";
  const std::vector<score::MemberOutcome> members = {notInNumerator(), inNumerator()};
  // HPHD's gaps are WCV's: one row per gap, under the base.
  CHECK(gaps(s, {outcomesOf(hphd, s, members), outcomesOf(wcv, s, members)}) ==
        "provider_id,member_id,measure,what_is_missing\n"
        "P1,m1,WCV,a well-care visit\n");
  // Scored without its base, the derived measure lists them, so none is lost.
  CHECK(gaps(s, {outcomesOf(hphd, s, members)}) ==
        "provider_id,member_id,measure,what_is_missing\n"
        "P1,m1,HPHD,a well-care visit\n");
}
