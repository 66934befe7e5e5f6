// A pseudo-random population and the comparison of both engines on it: the
// JIT must give every member the interpreter's outcome, field by field.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "driver/Compilation.h"
#include "interp/Scoring.h"
#include "jit/JitEngine.h"
#include "store/StoreBuilder.h"
#include "support/Date.h"

namespace mc::testing {

// `path`: where the text says it is (a code file is read relative to it).
inline ir::Measure lowerText(const std::string& text, const std::string& path = "t.measure") {
  Compilation c(std::string(MEASUREC_SOURCE_DIR) + "/stdlib");
  c.addSource(path, text);
  c.check();
  for (const Diagnostic& d : c.diagnostics().items()) INFO(d.message);
  REQUIRE_FALSE(c.hasErrors());
  return c.lower(*c.measures().at(0));
}

// A small linear congruential generator: the same members on every machine.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  std::uint32_t next(std::uint32_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((state_ >> 33) % n);
  }

 private:
  std::uint64_t state_;
};

// `members` members around 2022: births 1940..2019, some deaths, one to
// three enrollment spans with gaps, and visits, conditions and supplemental
// events with codes from a small pool, every setting and a few statuses.
inline store::MemberStore randomStore(int members, std::uint64_t seed) {
  Lcg r(seed);
  store::StoreBuilder b;
  const Days y2019 = daysFromCivil(2019, 1, 1);
  const std::vector<std::pair<CodeSystem, std::string>> pool = {
      {CodeSystem::CPT, "77067"},     {CodeSystem::CPT, "77063"},    {CodeSystem::CPT, "99213"},
      {CodeSystem::ICD10CM, "Z1231"}, {CodeSystem::ICD10CM, "E119"}, {CodeSystem::ICD10CM, "I10"},
  };
  for (int i = 0; i < members; ++i) {
    const Days born =
        daysFromCivil(1940 + static_cast<int>(r.next(80)), 1, 1) + static_cast<Days>(r.next(365));
    const Days died = r.next(10) == 0 ? y2019 + static_cast<Days>(r.next(1500)) : kNoDate;
    const auto sex = static_cast<store::Sex>(r.next(3));
    const store::MemberIndex m = b.addMember("M" + std::to_string(i), born, sex, died);
    Days start = y2019 + static_cast<Days>(r.next(400));
    for (std::uint32_t s = 0, spans = 1 + r.next(3); s < spans; ++s) {
      const Days end = r.next(6) == 0 ? kOpenEnd : start + static_cast<Days>(30 + r.next(900));
      b.addEnrollment(m, start, end, "");
      if (end == kOpenEnd) break;
      start = end + 1 + static_cast<Days>(r.next(4) == 0 ? r.next(90) : 0);
    }
    const store::EventKind kinds[] = {store::EventKind::Visit, store::EventKind::Condition,
                                      store::EventKind::Supplemental};
    for (std::uint32_t e = 0, events = r.next(12); e < events; ++e) {
      store::EventRow row;
      row.kind = kinds[r.next(3)];
      row.member = m;
      row.date = y2019 + static_cast<Days>(r.next(1600));
      if (r.next(4) == 0) row.endDate = row.date + static_cast<Days>(r.next(40));
      for (std::uint32_t c = 0, n = r.next(3); c < n; ++c) row.codes.push_back(pool[r.next(6)]);
      row.setting = static_cast<store::Setting>(r.next(store::kSettingCount));
      row.status = static_cast<store::Status>(r.next(6) == 0 ? 12 : r.next(3));  // cancelled
      b.addEvent(row);
    }
  }
  return b.finish();
}

// `members` members with pharmacy fills around 2022 (for `pdc of` and
// `unit each`): fills of atorvastatin (three strengths, one drug group in
// the statins code file), simvastatin and a drug of no class, some on one
// date, some before the year, early refills, cancelled fills, two
// pharmacies or none, generic or not; enrollment with gaps, some deaths.
inline store::MemberStore pharmacyStore(int members, std::uint64_t seed) {
  Lcg r(seed);
  store::StoreBuilder b;
  b.addProvider("PH1", store::ProviderKind::Pharmacy);
  b.addProvider("PH2", store::ProviderKind::Pharmacy);
  const Days y2021 = daysFromCivil(2021, 10, 1);
  const char* drugs[] = {"617310", "617311", "617318", "314231", "200345", "1049221"};
  const char* pharmacies[] = {"PH1", "PH2", ""};
  for (int i = 0; i < members; ++i) {
    const Days born = daysFromCivil(1940 + static_cast<int>(r.next(70)), 1, 1);
    const Days died = r.next(12) == 0 ? y2021 + 100 + static_cast<Days>(r.next(400)) : kNoDate;
    const store::MemberIndex m = b.addMember("P" + std::to_string(i), born, store::Sex::F, died);
    Days start = y2021 + static_cast<Days>(r.next(120));
    for (std::uint32_t s = 0, spans = 1 + r.next(2); s < spans; ++s) {
      const Days end = r.next(4) == 0 ? kOpenEnd : start + static_cast<Days>(60 + r.next(400));
      b.addEnrollment(m, start, end, "");
      if (end == kOpenEnd) break;
      start = end + 1 + static_cast<Days>(r.next(3) == 0 ? r.next(60) : 0);
    }
    Days day = y2021 + static_cast<Days>(r.next(150));
    for (std::uint32_t e = 0, fills = r.next(9); e < fills; ++e) {
      store::EventRow row;
      row.kind = store::EventKind::Pharmacy;
      row.member = m;
      row.date = day;
      row.codes.push_back({CodeSystem::RXNORM, drugs[r.next(6)]});
      row.daysSupply = static_cast<std::int32_t>(r.next(5) == 0 ? 0 : 30 * (1 + r.next(3)));
      row.provider = pharmacies[r.next(3)];
      row.generic = r.next(2) == 0;
      row.status = static_cast<store::Status>(r.next(8) == 0 ? 12 : 0);  // cancelled
      b.addEvent(row);
      if (r.next(4) != 0) day += static_cast<Days>(r.next(100));  // else: the same date
    }
  }
  return b.finish();
}

// How the outcomes spread, so that a test can say its members are not all
// alike (every outcome kind met, unknown terms among them).
struct Spread {
  int population = 0, eligible = 0, excluded = 0, numerator = 0, unknown = 0;
};

// Scores `m` over `s` with both engines and checks every member's outcome;
// returns whether the JIT compiled it (`why` otherwise).
inline bool enginesAgree(const ir::Measure& m, const store::MemberStore& s, int year, int threads,
                         std::string& why, Spread* spread = nullptr) {
  const interp::Period period = interp::calendarYear(year);
  const auto expected = interp::scoreMeasures({{&m, 0}}, s, period, threads);
  auto compiler = jit::makeJitCompiler();
  interp::EngineReport report;
  const auto actual = interp::scoreMeasures({{&m, 0}}, s, period, threads, compiler.get(), &report);
  REQUIRE(report.measures.size() == 1);
  why = report.measures[0].unsupported;
  for (size_t i = 0; i < s.memberCount(); ++i) {
    const score::OutcomeView a = expected[0].members[i];
    const score::OutcomeView b = actual[0].members[i];
    INFO("member " << s.members.id[i]);
    CHECK(a.population == b.population);
    CHECK(a.eligible == b.eligible);
    CHECK(a.excluded == b.excluded);
    CHECK(a.numerator == b.numerator);
    CHECK(a.exception == b.exception);
    CHECK(a.numeratorValue == b.numeratorValue);
    CHECK(a.exposure == b.exposure);
    CHECK(a.decidingRule == b.decidingRule);
    CHECK(a.decidingTerm == b.decidingTerm);
    CHECK(a.decidingUnknown == b.decidingUnknown);
    CHECK(a.earnedOn == b.earnedOn);
    REQUIRE(a.units.size() == b.units.size());
    for (size_t u = 0; u < a.units.size(); ++u) {
      CHECK(a.units.begin()[u].provider == b.units.begin()[u].provider);
      CHECK(a.units.begin()[u].units == b.units.begin()[u].units);
      CHECK(a.units.begin()[u].numerator == b.units.begin()[u].numerator);
    }
    if (spread != nullptr) {
      spread->population += a.population;
      spread->eligible += a.eligible;
      spread->excluded += a.excluded;
      spread->numerator += a.numerator;
      spread->unknown += a.decidingUnknown;
    }
  }
  return report.measures[0].compiled;
}

}  // namespace mc::testing
