// The fast path of member_results.csv and gaps.csv (output/ResultOrder.h,
// output/MemberResultCells.h) against the rule it implements, written out
// plainly here: one CsvWriter row per (member, measure), sorted by the
// provider, measure and member id strings.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "EngineFixtures.h"
#include "output/CareGaps.h"
#include "output/MemberResultCells.h"
#include "output/ResultOrder.h"
#include "output/ResultWriters.h"
#include "output/RowRanges.h"
#include "score/ProviderRates.h"
#include "support/CsvWriter.h"

using namespace mc;
using namespace mc::testing;

namespace {

using Line = std::tuple<std::string, std::string, std::string, std::string>;  // sort keys, text

// The files as the rule states them: each row formatted on its own, then a
// sort on the strings.
std::string plainFile(const char* header, std::vector<Line> lines) {
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
           std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
  });
  std::string out = std::string(header) + "\n";
  for (const Line& l : lines) out += std::get<3>(l);
  return out;
}

std::string plainMemberResults(const store::MemberStore& s,
                               const std::vector<score::MeasureOutcomes>& outcomes) {
  std::vector<Line> lines;
  for (const score::MeasureOutcomes& mo : outcomes) {
    if (mo.measure->unitQuery >= 0) continue;
    for (store::MemberIndex m = 0; m < s.memberCount(); ++m) {
      const score::OutcomeView o = mo.members[m];
      if (!o.population) continue;
      const std::string provider(score::providerIdText(s.providers, mo.provider[m]));
      std::string text;
      csv::CsvWriter w(text);
      w.row({s.members.id[m], mo.measure->id, provider, o.eligible ? "1" : "0",
             o.eligible && o.excluded ? "1" : "0", o.eligible && o.exception ? "1" : "0",
             output::formatCount(score::countedNumerator(o)), score::reasonText(*mo.measure, o)});
      lines.emplace_back(provider, mo.measure->id, s.members.id[m], text);
    }
  }
  return plainFile("member_id,measure,provider_id,eligible,excluded,exception,numerator,reason",
                   lines);
}

std::string plainGaps(const store::MemberStore& s,
                      const std::vector<score::MeasureOutcomes>& outcomes) {
  const std::vector<bool> withGaps = output::measuresWithGaps(outcomes);
  std::vector<Line> lines;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const score::MeasureOutcomes& mo = outcomes[i];
    for (store::MemberIndex m = 0; m < s.memberCount(); ++m) {
      if (!withGaps[i] || !output::isCareGap(mo.members[m])) continue;
      const std::string provider(score::providerIdText(s.providers, mo.provider[m]));
      std::string text;
      csv::CsvWriter w(text);
      w.row({provider, s.members.id[m], mo.measure->id, output::whatIsMissing(*mo.measure)});
      lines.emplace_back(provider, mo.measure->id, s.members.id[m], text);
    }
  }
  return plainFile("provider_id,member_id,measure,what_is_missing", lines);
}

// Every kind of outcome the writers tell apart (a weighted numerator only
// where the measure has one: a rate or an event-unit measure).
score::MemberOutcome someOutcome(std::mt19937& random, const ir::Measure& m) {
  switch (random() % 9) {
    case 0: return notInPopulation();
    case 1: return notEligible();
    case 2: return excluded(static_cast<int>(random() % 2));
    case 3: return inNumerator(1);
    case 4: {
      const double weight = 0.5 * static_cast<double>(random() % 7);
      return inNumerator(score::columnsOf(m).value ? weight : 1);
    }
    case 5: {
      score::MemberOutcome o = notInNumerator();
      o.decidingUnknown = true;
      return o;
    }
    case 6: {
      score::MemberOutcome o = notInNumerator();
      o.exception = true;
      o.decidingRule = ir::RuleKind::Exception;
      return o;
    }
    case 7: {
      score::MemberOutcome o = notEligible();
      o.decidingTerm = -1;  // the rule as a whole
      return o;
    }
    default: return notInNumerator();
  }
}

// 3,000 members (or `count`) listed out of id order, over providers whose ids sort
// unlike their input order ("P10" < "P2" < "UNLINKED" < "a1"), one of them
// named UNLINKED like the members without a PCP; members with ids that
// need quoting; measures out of id order, one of each kind.
struct Population {
  store::MemberStore s;
  ir::Measure bcs =
      labelledMeasure("BCS", ir::MeasureKind::Proportion, "a mammogram, in 27 months");
  ir::Measure hbd9 = labelledMeasure("HBD9", ir::MeasureKind::Inverse);
  ir::Measure acs = labelledMeasure("ACS", ir::MeasureKind::Proportion);
  ir::Measure pev = labelledMeasure("PEV", ir::MeasureKind::InverseRate);
  ir::Measure gdr = labelledMeasure("GDR");
  std::vector<score::MeasureOutcomes> outcomes;

  // inIdOrder: the members listed in id order instead (gen's files, and
  // the writers' pass that reads no member index).
  explicit Population(int count = 3000, bool inIdOrder = false) {
    std::mt19937 random(15);
    const char* const pcps[] = {"P2", "", "a1", "P10", "UNLINKED", "P2"};
    std::vector<std::pair<std::string, std::string>> members;
    for (int i = 0; i < count; ++i) {
      std::string id = "m" + std::to_string(random() % 100000) + "-" + std::to_string(i);
      if (inIdOrder) id = "m" + std::to_string(100000 + i) + "-" + std::to_string(random() % 10);
      if (i % 500 == 7) id += ",x";  // quoted in the files
      members.emplace_back(id, pcps[random() % 6]);
    }
    s = storeOf(members);
    gdr.unitQuery = 0;  // an event-unit measure: no member rows
    for (const ir::Measure* m : {&hbd9, &bcs, &pev, &gdr, &acs}) {
      std::vector<score::MemberOutcome> o;
      for (size_t i = 0; i < members.size(); ++i) o.push_back(someOutcome(random, *m));
      outcomes.push_back(outcomesOf(*m, s, o));
    }
  }
};

}  // namespace

TEST_CASE("member_results and gaps of a large mixed population are the plainly written files") {
  const Population p;
  std::ostringstream members, gaps;
  output::writeMemberResults(members, p.s, p.outcomes);
  output::writeGaps(gaps, p.s, p.outcomes);
  const std::string expectedMembers = plainMemberResults(p.s, p.outcomes);
  REQUIRE(expectedMembers.size() > 100000);  // the population gave many rows
  CHECK(members.str() == expectedMembers);
  CHECK(gaps.str() == plainGaps(p.s, p.outcomes));
}

TEST_CASE("member_results and gaps of members listed in id order are the plainly written files") {
  const Population p(3000, true);
  const output::ResultOrder order = output::resultOrder(p.s, p.outcomes);
  REQUIRE(order.membersInIndexOrder);
  REQUIRE_FALSE(output::resultOrder(Population().s, p.outcomes).membersInIndexOrder);
  for (const int threads : {1, 2}) {
    std::ostringstream members, gaps;
    output::writeMemberResults(members, p.s, p.outcomes, order, threads);
    output::writeGaps(gaps, p.s, p.outcomes, order, threads);
    CHECK(members.str() == plainMemberResults(p.s, p.outcomes));
    CHECK(gaps.str() == plainGaps(p.s, p.outcomes));
  }
}

TEST_CASE("member_results and gaps on several threads are the files of one") {
  // More member_results rows than one range holds (output/RowRanges.h), so
  // that ranges begin inside a provider's rows.
  const Population p(12000);
  const output::ResultOrder order = output::resultOrder(p.s, p.outcomes);
  const std::string expectedMembers = plainMemberResults(p.s, p.outcomes);
  const std::string expectedGaps = plainGaps(p.s, p.outcomes);
  REQUIRE(std::count(expectedMembers.begin(), expectedMembers.end(), '\n') >
          static_cast<std::ptrdiff_t>(output::kRowsPerRange));
  for (const int threads : {1, 2, 3}) {
    INFO(threads << " threads");
    std::ostringstream members, gaps;
    output::writeMemberResults(members, p.s, p.outcomes, order, threads);
    output::writeGaps(gaps, p.s, p.outcomes, order, threads);
    CHECK(members.str() == expectedMembers);
    CHECK(gaps.str() == expectedGaps);
  }
}

TEST_CASE("member_results and gaps made in one pass are the plainly written files") {
  // Members out of id order and in it; more rows than one range holds, so
  // that ranges begin inside a provider's rows and some ranges have no gap.
  for (const bool inIdOrder : {false, true}) {
    const Population p(12000, inIdOrder);
    const output::ResultOrder order = output::resultOrder(p.s, p.outcomes);
    const std::string expectedMembers = plainMemberResults(p.s, p.outcomes);
    const std::string expectedGaps = plainGaps(p.s, p.outcomes);
    REQUIRE(std::count(expectedGaps.begin(), expectedGaps.end(), '\n') > 1000);
    for (const int threads : {1, 2, 3}) {
      INFO(threads << " threads, members in id order: " << inIdOrder);
      std::ostringstream members, gaps;
      output::writeMemberResultsAndGaps(members, gaps, p.s, p.outcomes, order, threads);
      CHECK(members.str() == expectedMembers);
      CHECK(gaps.str() == expectedGaps);
    }
  }
}

TEST_CASE("member_results cells: read from a table by packed word are those of the outcomes") {
  // Every kind of outcome, in a measure without a value column (found by
  // the packed word) and in one with (a rate: read whole), and more
  // distinct words than the by-word cache holds.
  const Population p(6000);
  output::MemberResultCells byTable(p.outcomes.size(), p.s.memberCount());
  output::MemberResultCells byView(p.outcomes.size(), p.s.memberCount());
  for (int round = 0; round < 2; ++round) {
    for (std::uint32_t i = 0; i < p.outcomes.size(); ++i) {
      const score::MeasureOutcomes& mo = p.outcomes[i];
      for (std::uint32_t m = 0; m < p.s.memberCount(); ++m) {
        const std::uint32_t a = byTable.cellOf(i, *mo.measure, mo.members, m);
        const std::uint32_t b = byView.cellOf(i, *mo.measure, mo.members[m]);
        if (a != b || byTable.text(a) != byView.text(b)) {
          FAIL_CHECK("measure " << mo.measure->id << " member " << m << ": " << byTable.text(a)
                                << " against " << byView.text(b));
          return;
        }
      }
    }
  }
  CHECK(p.outcomes[2].members.columns().value);  // PEV, a rate: the whole-outcome path too
  CHECK_FALSE(p.outcomes[1].members.columns().value);

  // A measure with 120 exclusions: 120 distinct words, many of which share
  // a place in the by-word cache and must not be taken for each other; one
  // with 300, more than a word's term bits hold: its deciding terms are a
  // column of the table, and its cells are found from the whole outcome.
  for (const int terms : {score::PackedOutcome::kMaxTerm - 6, 300}) {
    ir::Measure many = labelledMeasure("MANY");
    for (int t = 2; t < terms; ++t)
      many.rules[2].terms.push_back({"exclusion " + std::to_string(t)});
    std::vector<score::MemberOutcome> excludedBy;
    for (std::uint32_t m = 0; m < p.s.memberCount(); ++m)
      excludedBy.push_back(excluded(static_cast<int>((m * 7919) % terms)));
    const score::MeasureOutcomes mo = outcomesOf(many, p.s, excludedBy);
    CHECK(mo.members.columns().term == (terms > score::PackedOutcome::kMaxTerm + 1));
    output::MemberResultCells cells(1, p.s.memberCount());
    for (std::uint32_t m = 0; m < p.s.memberCount(); ++m) {
      const std::string_view text = cells.text(cells.cellOf(0, many, mo.members, m));
      const std::string expected =
          "1,1,0,0,excluded: " + many.rules[2].terms[(m * 7919) % terms].label;
      if (text != expected) {
        FAIL_CHECK(terms << " terms, member " << m << ": " << text << " against " << expected);
        return;
      }
    }
  }
}

TEST_CASE("member_results cells: a cell is a care gap only of a measure that writes gaps") {
  const ir::Measure m = labelledMeasure("M");
  output::MemberResultCells cells(2, 100, {true, false});
  CHECK(cells.isGap(cells.cellOf(0, m, notInNumerator())));
  CHECK_FALSE(cells.isGap(cells.cellOf(0, m, inNumerator())));
  CHECK_FALSE(cells.isGap(cells.cellOf(0, m, excluded(1))));
  CHECK_FALSE(cells.isGap(cells.cellOf(0, m, notEligible())));
  score::MemberOutcome exception = notInNumerator();
  exception.exception = true;
  CHECK_FALSE(cells.isGap(cells.cellOf(0, m, exception)));
  CHECK_FALSE(cells.isGap(cells.cellOf(1, m, notInNumerator())));  // a measure without gaps
  // The same outcome again, after others: the same answer from its cell.
  CHECK(cells.isGap(cells.cellOf(0, m, notInNumerator())));
  output::MemberResultCells noGaps(2, 100);
  CHECK_FALSE(noGaps.isGap(noGaps.cellOf(0, m, notInNumerator())));
}

TEST_CASE("result order: ranks follow the id strings, equal provider ids share a rank") {
  const store::MemberStore s =
      storeOf({{"m2", "P2"}, {"m10", "UNLINKED"}, {"m1", ""}, {"m3", "P10"}});
  const ir::Measure b = labelledMeasure("B"), a1 = labelledMeasure("A"), a2 = labelledMeasure("A");
  const std::vector<score::MeasureOutcomes> outcomes = {outcomesOf(b, s, {{}, {}, {}, {}}),
                                                        outcomesOf(a1, s, {{}, {}, {}, {}}),
                                                        outcomesOf(a2, s, {{}, {}, {}, {}})};
  const output::ResultOrder order = output::resultOrder(s, outcomes);
  CHECK(order.providerText == std::vector<std::string_view>{"P10", "P2", "UNLINKED"});
  const store::ProviderId unlinkedProvider = s.providers.find("UNLINKED");
  CHECK(order.providerRank[unlinkedProvider] == 2);
  CHECK(order.providerRank[s.providers.size()] == 2);  // the slot of members without a PCP
  CHECK(order.providerRank[s.providers.find("P10")] == 0);
  CHECK(order.members == std::vector<std::uint32_t>{2, 1, 0, 3});  // m1 m10 m2 m3
  CHECK(order.measures == std::vector<std::uint32_t>{1, 2, 0});    // A (first), A, B
}

TEST_CASE("member_results cells: one per distinct outcome, whatever the members between") {
  const ir::Measure m = labelledMeasure("M");
  output::MemberResultCells cells(2, 100);
  const std::uint32_t met = cells.cellOf(0, m, inNumerator());
  const std::uint32_t half = cells.cellOf(0, m, inNumerator(0.5));
  CHECK(half != met);
  CHECK(cells.cellOf(0, m, inNumerator()) == met);
  const std::uint32_t otherMeasure = cells.cellOf(1, m, inNumerator());
  CHECK(otherMeasure != met);  // another measure of the run
  CHECK(cells.measureOf(met) == 0);
  CHECK(cells.measureOf(otherMeasure) == 1);
  CHECK(cells.text(otherMeasure) == cells.text(met));
  CHECK(cells.text(met) == "1,0,0,1,met: exists visit with Mammography");
  CHECK(cells.text(half) == "1,0,0,0.5000,met: exists visit with Mammography");
  score::MemberOutcome unknown = notInNumerator();
  unknown.decidingUnknown = true;
  CHECK(cells.text(cells.cellOf(0, m, unknown)) ==
        "1,0,0,0,not met: exists visit with Mammography (unknown)");
  CHECK(cells.text(cells.cellOf(0, m, excluded(1))) == "1,1,0,0,excluded: mastectomy");
}

TEST_CASE("member_results cells: a measure with many distinct values keeps one cell each") {
  // More distinct outcomes than a measure's short list holds (a rate's
  // values): the later ones are found again all the same.
  const ir::Measure m = labelledMeasure("M"), other = labelledMeasure("N");
  output::MemberResultCells cells(35, 1000);
  std::vector<std::uint32_t> first;
  for (int v = 1; v <= 40; ++v) first.push_back(cells.cellOf(0, m, inNumerator(v / 4.0)));
  CHECK(std::set<std::uint32_t>(first.begin(), first.end()).size() == 40);
  const std::uint32_t elsewhere = cells.cellOf(34, other, inNumerator(1));
  CHECK(elsewhere != first[3]);  // the same value in another measure
  CHECK(cells.measureOf(elsewhere) == 34);
  for (int round = 0; round < 2; ++round) {
    for (int v = 40; v >= 1; --v) {
      INFO("value " << v / 4.0);
      const std::uint32_t cell = cells.cellOf(0, m, inNumerator(v / 4.0));
      CHECK(cell == first[v - 1]);
      CHECK(cells.measureOf(cell) == 0);
      CHECK(cells.text(cell) ==
            "1,0,0," + output::formatCount(v / 4.0) + ",met: exists visit with Mammography");
    }
  }
  CHECK(cells.cellOf(34, other, inNumerator(1)) == elsewhere);
}
