// score::OutcomeTable: a measure's outcomes packed to 2 bytes a member plus
// the side columns its kind needs; every field read back as written; a
// value without a column aborts instead of being lost. score::ProviderColumn:
// one linked-PCP column shared by the measures attributed to it.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "EngineFixtures.h"
#include "score/Outcome.h"

namespace mc {
namespace {

using score::MemberOutcome;
using score::OutcomeTable;
using score::OutcomeView;

void checkSame(const OutcomeView& a, const MemberOutcome& b) {
  CHECK(a.population == b.population);
  CHECK(a.eligible == b.eligible);
  CHECK(a.excluded == b.excluded);
  CHECK(a.numerator == b.numerator);
  CHECK(a.exception == b.exception);
  CHECK(a.decidingUnknown == b.decidingUnknown);
  CHECK(a.decidingRule == b.decidingRule);
  CHECK(a.decidingTerm == b.decidingTerm);
  CHECK(a.earnedOn == b.earnedOn);
  CHECK(a.numeratorValue == b.numeratorValue);
  CHECK(a.exposure == b.exposure);
  REQUIRE(a.units.size() == b.units.size());
  for (size_t i = 0; i < a.units.size(); ++i) {
    CHECK(a.units.begin()[i].provider == b.units.begin()[i].provider);
    CHECK(a.units.begin()[i].units == b.units.begin()[i].units);
    CHECK(a.units.begin()[i].numerator == b.units.begin()[i].numerator);
  }
}

// Every flag on and off (as the cascade can set them), every rule, terms at
// both ends of the range.
std::vector<MemberOutcome> flagOutcomes() {
  std::vector<MemberOutcome> all;
  for (int bits = 0; bits < 64; ++bits) {
    MemberOutcome o;
    o.population = (bits & 1) != 0;
    o.eligible = (bits & 2) != 0;
    o.excluded = (bits & 4) != 0;
    o.numerator = (bits & 8) != 0;
    o.exception = (bits & 16) != 0;
    o.decidingUnknown = (bits & 32) != 0;
    // Outside the population the cascade sets nothing else (but unknown).
    if (!o.population && (bits & 30) != 0) continue;
    o.decidingRule = static_cast<ir::RuleKind>(bits % ir::kRuleKinds);
    const std::int32_t terms[] = {-1, 0, 1, 7, score::PackedOutcome::kMaxTerm};
    o.decidingTerm = terms[bits % 5];
    o.numeratorValue = o.numerator ? 1 : 0;
    all.push_back(o);
  }
  return all;
}

void checkRoundTrip(const ir::Measure& m, const std::vector<MemberOutcome>& written) {
  const OutcomeTable t(m, written);
  REQUIRE(t.size() == written.size());
  size_t i = 0;
  for (const OutcomeView v : t) {
    INFO("outcome " << i);
    checkSame(v, written[i]);
    ++i;
  }
  CHECK(i == written.size());
  // The same packed a block at a time, as scoring does (from member 1 on:
  // member 0 stays as made).
  std::vector<MemberOutcome> block = written;
  OutcomeTable blocks(m, written.size() + 1);
  blocks.set(1, block.data(), block.size());
  checkSame(blocks[0], MemberOutcome{});
  for (size_t k = 0; k < written.size(); ++k) {
    INFO("block outcome " << k);
    checkSame(blocks[k + 1], written[k]);
  }
}

// Runs `f` in a child process; true when it aborted and wrote `text` to
// standard error.
bool abortsSaying(const std::function<void()>& f, const std::string& text) {
  int pipeEnds[2];
  REQUIRE(pipe(pipeEnds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(pipeEnds[0]);
    dup2(pipeEnds[1], STDERR_FILENO);
    // The abort itself, not Catch's report of it.
    std::signal(SIGABRT, SIG_DFL);
    f();
    _exit(0);
  }
  close(pipeEnds[1]);
  std::string err;
  char buf[256];
  for (ssize_t n; (n = read(pipeEnds[0], buf, sizeof buf)) > 0;)
    err.append(buf, static_cast<size_t>(n));
  close(pipeEnds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  INFO("stderr: " << err);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && err.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("OutcomeTable: 2 bytes a member for a proportion measure", "[outcome]") {
  STATIC_REQUIRE(sizeof(score::PackedOutcome) == 2);
  const ir::Measure m = testing::labelledMeasure("BCS");
  const score::OutcomeColumns c = score::columnsOf(m);
  CHECK_FALSE(c.value);
  CHECK_FALSE(c.exposure);
  CHECK_FALSE(c.earnedOn);
  CHECK_FALSE(c.units);
  const OutcomeTable t(m, 1000);
  CHECK_FALSE(c.term);
  CHECK(t.bytes() == 2000);
  // A new table reads as MemberOutcome{}: not in the population.
  checkSame(t[999], MemberOutcome{});
}

TEST_CASE("OutcomeTable: every field round trips, for each measure kind", "[outcome]") {
  SECTION("proportion: flags, rule and term; the value follows the numerator") {
    checkRoundTrip(testing::labelledMeasure("BCS"), flagOutcomes());
  }
  SECTION("rate: the weighted count and the exposure have columns") {
    const ir::Measure m = testing::labelledMeasure("AMB", ir::MeasureKind::Rate);
    CHECK(score::columnsOf(m).value);
    CHECK(score::columnsOf(m).exposure);
    std::vector<MemberOutcome> all = flagOutcomes();
    for (size_t i = 0; i < all.size(); ++i) {
      all[i].numeratorValue = 0.25 * static_cast<double>(i);
      all[i].exposure = 1.0 / static_cast<double>(i + 1);
    }
    checkRoundTrip(m, all);
    const OutcomeTable t(m, 10);
    CHECK(t.bytes() == 10 * (2 + 8 + 8));
  }
  SECTION("reward: the date earned has a column") {
    ir::Measure m = testing::labelledMeasure("R");
    m.earnedOn = 0;
    CHECK(score::columnsOf(m).earnedOn);
    std::vector<MemberOutcome> all = flagOutcomes();
    for (size_t i = 0; i < all.size(); i += 2) all[i].earnedOn = testing::day("2022-03-01") + 1;
    checkRoundTrip(m, all);
  }
  SECTION("a rule of more terms than the packed word holds: the deciding term has a column") {
    ir::Measure m = testing::labelledMeasure("WIDE");
    m.rules[3].terms.resize(score::PackedOutcome::kMaxTerm + 1, m.rules[3].terms[0]);
    CHECK_FALSE(score::columnsOf(m).term);  // the last index, kMaxTerm, fits the word
    m.rules[3].terms.resize(200, m.rules[3].terms[0]);
    CHECK(score::columnsOf(m).term);
    CHECK_FALSE(score::columnsOf(m).value);
    std::vector<MemberOutcome> all = flagOutcomes();
    for (size_t i = 0; i < all.size(); ++i)
      all[i].decidingTerm = static_cast<std::int32_t>(i * 37 % 201) - 1;
    all.back().decidingTerm = 199;
    checkRoundTrip(m, all);
    OutcomeTable t(m, 10);
    CHECK(t.bytes() == 10 * (2 + 4));
    CHECK(t[3].decidingTerm == -1);  // as made: the default outcome's
    t.populate();
    CHECK(t[9].decidingTerm == -1);
  }
  SECTION("event unit: the event count and the units per provider have columns") {
    ir::Measure m = testing::labelledMeasure("PDC");
    m.unitQuery = 0;
    CHECK(score::columnsOf(m).value);
    CHECK_FALSE(score::columnsOf(m).exposure);
    CHECK(score::columnsOf(m).units);
    std::vector<MemberOutcome> all = flagOutcomes();
    for (size_t i = 0; i < all.size(); ++i) {
      all[i].numeratorValue = static_cast<double>(i % 4);
      for (size_t u = 0; u < i % 3; ++u) {
        score::UnitCount& c = all[i].units.of(static_cast<store::ProviderId>(u + 5));
        c.units = static_cast<std::uint32_t>(i);
        c.numerator = static_cast<std::uint32_t>(u);
      }
    }
    checkRoundTrip(m, all);
  }
}

TEST_CASE("OutcomeTable: a value without a column aborts, naming the measure", "[outcome]") {
  const ir::Measure proportion = testing::labelledMeasure("BCS");
  OutcomeTable t(proportion, 2);
  CHECK(abortsSaying([&] { t.set(0, testing::inNumerator(2)); },
                     "measure BCS: an outcome's "
                     "numerator value"));
  CHECK(abortsSaying(
      [&] {
        MemberOutcome o = testing::notInNumerator();
        o.numeratorValue = 1;  // 1 only with the numerator
        t.set(1, o);
      },
      "numerator value"));
  CHECK(abortsSaying(
      [&] {
        MemberOutcome o = testing::inNumerator();
        o.exposure = 0.5;
        t.set(0, o);
      },
      "measure BCS: an outcome's exposure"));
  CHECK(abortsSaying(
      [&] {
        MemberOutcome o = testing::inNumerator();
        o.earnedOn = testing::day("2022-01-01");
        t.set(0, o);
      },
      "earned-on date"));
  CHECK(abortsSaying(
      [&] {
        MemberOutcome o = testing::inNumerator();
        ++o.units.of(1).units;
        t.set(0, o);
      },
      "units"));
  CHECK(abortsSaying(
      [&] {
        MemberOutcome o = testing::notEligible();
        o.decidingTerm = score::PackedOutcome::kMaxTerm + 1;
        t.set(0, o);
      },
      "deciding term"));
  CHECK(abortsSaying(
      [&] {
        MemberOutcome o;
        o.eligible = true;  // eligible outside the population: the cascade never writes it
        t.set(0, o);
      },
      "flags outside the population"));
  // A block is checked as a whole: one outcome without a place is found.
  CHECK(abortsSaying(
      [&] {
        std::vector<MemberOutcome> block = {testing::inNumerator(), testing::notEligible()};
        block[1].exposure = 2;
        t.set(0, block.data(), block.size());
      },
      "measure BCS: an outcome's exposure"));
  // What fits is kept (the parent's table was never written by the children).
  t.set(1, testing::inNumerator());
  CHECK(t[1].numerator);
  CHECK(t[1].numeratorValue == 1);
  CHECK_FALSE(t[0].population);
}

// The population scan visits exactly the members whose word has the
// population bit, in order, whatever the length (whole masks of 64 and a
// tail) and whatever else the words hold (members outside the population
// carry the population rule's deciding term, as the engines write it).
TEST_CASE("forEachInPopulation visits the population's members in order, and only them",
          "[outcome]") {
  using P = score::PackedOutcome;
  const std::uint16_t outside = static_cast<std::uint16_t>(3u << P::kTermShift | P::kUnknown);
  const std::uint16_t inside = static_cast<std::uint16_t>(P::kPopulation | P::kEligible);
  std::uint32_t seed = 12345;
  const auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (const size_t n : {0, 1, 63, 64, 65, 127, 128, 129, 1000}) {
    for (int pattern = 0; pattern < 4; ++pattern) {
      std::vector<std::uint16_t> words(n);
      std::vector<size_t> expected;
      for (size_t m = 0; m < n; ++m) {
        const bool in = pattern == 0   ? false
                        : pattern == 1 ? true
                        : pattern == 2 ? m % 64 == 63 || m % 3 == 0
                                       : (next() >> 16) % 6 == 0;
        words[m] = in ? inside : outside;
        if (in) expected.push_back(m);
      }
      std::vector<size_t> visited;
      score::forEachInPopulation(words.data(), n, [&](size_t m) { visited.push_back(m); });
      INFO("n " << n << ", pattern " << pattern);
      CHECK(visited == expected);
    }
  }
}

TEST_CASE("ProviderColumn: one linked-PCP column shared; an own column on request", "[outcome]") {
  const auto pcp = std::make_shared<const std::vector<store::ProviderId>>(
      std::vector<store::ProviderId>{3, store::kNoProvider, 1});
  const score::ProviderColumn a(pcp), b(pcp);
  CHECK(pcp.use_count() == 3);  // one column, read by both measures
  CHECK(a.shared());
  REQUIRE(a.size() == 3);
  CHECK(a[0] == 3);
  CHECK(b[1] == store::kNoProvider);
  CHECK(b[2] == 1);
  score::ProviderColumn own(pcp);
  own.makeOwn(3);
  CHECK_FALSE(own.shared());
  CHECK(pcp.use_count() == 3);
  REQUIRE(own.size() == 3);
  CHECK(own[0] == store::kNoProvider);
  own.set(0, 7);
  CHECK(own[0] == 7);
  CHECK(a[0] == 3);  // the shared column is untouched
}

}  // namespace mc
