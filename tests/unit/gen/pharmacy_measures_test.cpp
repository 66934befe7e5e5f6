// A generated population of 10,000 members gives every pharmacy P4P measure
// (seed 004, MEASURES.md) non-trivial figures per pharmacy: the test scores
// the seven measures itself, by the PQA rules in short (MEASURES.md), so
// that it does not depend on the measure files; and it checks the fill
// patterns the PQA edges need and the pharmacies the eligibility rules sort.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "GenTable.h"
#include "GenTestDir.h"
#include "gen/PharmacyDrugs.h"
#include "support/Date.h"

using namespace mc;
using mc::gen::DrugClass;
using mc::gen::kPharmacyDrugs;
using mc::gen::PharmacyDrug;
using mc::gen::test::GeneratedDir;
using mc::gen::test::GenTable;

namespace {

constexpr int kYear = 2022;

Days day(const std::string& iso) { return *parseIsoDate(iso); }

const PharmacyDrug* drugOf(const std::string& rxnorm) {
  for (const PharmacyDrug& d : kPharmacyDrugs)
    if (std::string(d.code) == "RXNORM:" + rxnorm) return &d;
  return nullptr;
}

struct Fill {
  Days date;
  std::string code;
  int supply;
  int quantity;
  bool generic;
  std::string pharmacy;
  const PharmacyDrug* drug;  // null: no PQA or chronic-care class
};

struct Person {
  Days birth = 0;
  Days death = kOpenEnd;
  Days enrolledUntil = 0;   // the end of the last enrollment span (kOpenEnd: open)
  std::vector<Fill> fills;  // counted statuses, in file order (by date per therapy)
  int ageAtYearEnd() const {
    const Days end = daysFromCivil(kYear, 12, 31);
    int age = 0;
    while (addYears(birth, age + 1) <= end) ++age;
    return age;
  }
};

struct Population {
  GeneratedDir dir{10000, 12, 2};
  std::map<std::string, Person> people;
  std::map<std::string, std::string> pharmacyCounty;
  std::vector<Fill> allFills;  // every counted fill of the year
  Days start = daysFromCivil(kYear, 1, 1);
  Days end = daysFromCivil(kYear, 12, 31);

  Population() {
    const GenTable members(dir.read("members.csv"));
    for (size_t i = 0; i < members.size(); ++i) {
      Person& p = people[members.at(i, "member_id")];
      p.birth = day(members.at(i, "birth_date"));
      if (!members.at(i, "death_date").empty()) p.death = day(members.at(i, "death_date"));
    }
    const GenTable enrollment(dir.read("enrollment.csv"));
    for (size_t i = 0; i < enrollment.size(); ++i) {
      const std::string& e = enrollment.at(i, "end_date");
      Days& until = people[enrollment.at(i, "member_id")].enrolledUntil;
      until = std::max(until, e.empty() ? kOpenEnd : day(e));
    }
    const GenTable providers(dir.read("providers.csv"));
    for (size_t i = 0; i < providers.size(); ++i)
      if (providers.at(i, "kind") == "pharmacy")
        pharmacyCounty[providers.at(i, "provider_id")] = providers.at(i, "county");
    const GenTable fills(dir.read("pharmacy.csv"));
    static const std::set<std::string> kCounted = {"", "completed", "final", "amended",
                                                   "corrected"};
    for (size_t i = 0; i < fills.size(); ++i) {
      if (kCounted.count(fills.at(i, "status")) == 0) continue;
      const std::string& rx = fills.at(i, "rxnorm");
      Fill f{day(fills.at(i, "fill_date")),
             rx.empty() ? "NDC:" + fills.at(i, "ndc") : "RXNORM:" + rx,
             std::stoi(fills.at(i, "days_supply")),
             std::stoi(fills.at(i, "quantity")),
             fills.at(i, "generic") == "Y",
             fills.at(i, "pharmacy_id"),
             rx.empty() ? nullptr : drugOf(rx)};
      people[fills.at(i, "member_id")].fills.push_back(f);
      if (f.date >= start && f.date <= end) allFills.push_back(f);
    }
  }
};

const Population& population() {
  static const Population p;
  return p;
}

// Per pharmacy: denominator and numerator of one measure.
using Figures = std::map<std::string, std::pair<int, int>>;

// The pharmacy that dispensed most of `fills`; ties go to the latest fill.
std::string attributed(const std::vector<const Fill*>& fills) {
  std::map<std::string, std::pair<int, Days>> count;
  for (const Fill* f : fills) {
    auto& c = count[f->pharmacy];
    ++c.first;
    c.second = std::max(c.second, f->date);
  }
  std::string best;
  std::pair<int, Days> top{-1, 0};
  for (const auto& [pharmacy, c] : count)
    if (c > top) top = c, best = pharmacy;
  return best;
}

// PQA PDC in short: two fills on different dates in the year; the treatment
// period from the first to December 31 or death; a fill of the same drug
// that starts while an earlier one covers shifts to the day after; a day is
// covered when any fill of the classes covers it; adherent at 0.80.
template <typename InClass>
Figures pdc(InClass inClass) {
  const Population& pop = population();
  Figures out;
  for (const auto& [id, person] : pop.people) {
    if (person.ageAtYearEnd() < 18) continue;
    std::vector<const Fill*> fills;
    std::set<Days> dates;
    for (const Fill& f : person.fills) {
      if (f.drug && inClass(f.drug->drugClass) && f.date >= pop.start && f.date <= pop.end) {
        fills.push_back(&f);
        dates.insert(f.date);
      }
    }
    if (dates.size() < 2) continue;
    const Days first = *dates.begin();
    const Days last = std::min(pop.end, person.death);
    std::vector<char> covered(static_cast<size_t>(last - first + 1), 0);
    std::map<std::string, Days> coveredUntil;  // per drug
    std::set<std::pair<std::string, Days>> seen;
    for (const Fill* f : fills) {
      if (!seen.insert({f->code, f->date}).second) continue;  // same drug, same date: one
      auto it = coveredUntil.find(f->code);
      Days from = f->date;
      if (it != coveredUntil.end() && it->second >= from) from = it->second + 1;
      const Days to = from + f->supply - 1;
      coveredUntil[f->code] = to;
      for (Days d = std::max(from, first); d <= std::min(to, last); ++d) covered[d - first] = 1;
    }
    const double share = static_cast<double>(std::count(covered.begin(), covered.end(), 1)) /
                         static_cast<double>(covered.size());
    auto& figures = out[attributed(fills)];
    ++figures.first;
    figures.second += share >= 0.80;
  }
  return out;
}

Figures supd() {
  const Population& pop = population();
  Figures out;
  for (const auto& [id, person] : pop.people) {
    const int age = person.ageAtYearEnd();
    if (age < 40 || age > 75) continue;
    std::vector<const Fill*> fills;
    std::set<Days> diabetesDates;
    bool statin = false;
    for (const Fill& f : person.fills) {
      if (!f.drug || f.date < pop.start || f.date > pop.end) continue;
      if (isDiabetesClass(f.drug->drugClass)) {
        diabetesDates.insert(f.date);
        fills.push_back(&f);
      } else if (f.drug->drugClass == DrugClass::Statin) {
        statin = true;
        fills.push_back(&f);
      }
    }
    if (diabetesDates.size() < 2) continue;
    auto& figures = out[attributed(fills)];
    ++figures.first;
    figures.second += statin;
  }
  return out;
}

// ASM_SOC (members with asthma fills; more than 3 SABA canisters within 90
// days) and ASM_ACT (of those, no controller within such a window).
std::pair<Figures, Figures> asthma() {
  const Population& pop = population();
  Figures soc, act;
  for (const auto& [id, person] : pop.people) {
    const int age = person.ageAtYearEnd();
    if (age < 5 || age > 64) continue;
    std::vector<const Fill*> fills;
    for (const Fill& f : person.fills) {
      if (f.drug && f.date >= pop.start && f.date <= pop.end &&
          (f.drug->drugClass == DrugClass::ShortActingBeta2Agonist ||
           f.drug->drugClass == DrugClass::AsthmaController))
        fills.push_back(&f);
    }
    if (fills.empty()) continue;
    bool overuse = false, withoutController = false;
    for (const Fill* a : fills) {
      if (a->drug->drugClass != DrugClass::ShortActingBeta2Agonist) continue;
      int canisters = 0;
      bool controller = false;
      for (const Fill* b : fills) {
        if (b->date < a->date || b->date > a->date + 89) continue;
        if (b->drug->drugClass == DrugClass::ShortActingBeta2Agonist) canisters += b->quantity;
        if (b->drug->drugClass == DrugClass::AsthmaController) controller = true;
      }
      if (canisters > 3) {
        overuse = true;
        withoutController = withoutController || !controller;
      }
    }
    const std::string pharmacy = attributed(fills);
    ++soc[pharmacy].first;
    soc[pharmacy].second += overuse;
    if (overuse) {
      ++act[pharmacy].first;
      act[pharmacy].second += withoutController;
    }
  }
  return {soc, act};
}

Figures gdr() {
  Figures out;
  for (const Fill& f : population().allFills) {
    ++out[f.pharmacy].first;
    out[f.pharmacy].second += f.generic;
  }
  return out;
}

void checkNonTrivial(const std::string& measure, const Figures& figures) {
  INFO(measure);
  const size_t pharmacies = population().pharmacyCounty.size();
  size_t above10 = 0;
  int denominator = 0, numerator = 0;
  for (const auto& [pharmacy, f] : figures) {
    INFO(pharmacy << " " << f.second << "/" << f.first);
    denominator += f.first;
    numerator += f.second;
    if (f.first <= 10) continue;
    ++above10;
    CHECK(f.second > 0);
    CHECK(f.second < f.first);
  }
  CHECK(above10 * 2 > pharmacies);  // most pharmacies
  CHECK(numerator > 0);
  CHECK(numerator < denominator);
}

}  // namespace

TEST_CASE("at 10,000 members every pharmacy measure is non-trivial at most pharmacies",
          "[gen][pharmacy]") {
  checkNonTrivial("PDC_DR", pdc(gen::isDiabetesClass));
  checkNonTrivial("PDC_RASA", pdc(gen::isRasAntagonistClass));
  checkNonTrivial("PDC_STA", pdc([](DrugClass c) { return c == DrugClass::Statin; }));
  checkNonTrivial("SUPD", supd());
  const auto [soc, act] = asthma();
  checkNonTrivial("ASM_SOC", soc);
  checkNonTrivial("ASM_ACT", act);
  const Figures generic = gdr();
  checkNonTrivial("GDR", generic);
  // Pharmacies substitute generics to different degrees.
  double lowest = 1, highest = 0;
  for (const auto& [pharmacy, f] : generic) {
    if (f.first < 200) continue;
    const double rate = static_cast<double>(f.second) / f.first;
    lowest = std::min(lowest, rate);
    highest = std::max(highest, rate);
  }
  CHECK(highest - lowest > 0.03);
}

TEST_CASE("each PQA drug is dispensed with the generic flag of its term type", "[gen][pharmacy]") {
  std::set<std::string> dispensed;
  for (const Fill& f : population().allFills) {
    if (!f.drug) continue;
    dispensed.insert(f.code);
    INFO(f.code);
    CHECK(f.generic == f.drug->generic);
  }
  for (const PharmacyDrug& d : kPharmacyDrugs) {
    INFO(d.code);
    CHECK(dispensed.count(d.code) == 1);
  }
}

TEST_CASE("pharmacies: in and outside the two counties, small ones, one opening and one closing",
          "[gen][pharmacy]") {
  const Population& pop = population();
  std::map<std::string, std::pair<Days, Days>> span;  // first and last fill
  std::map<std::string, int> volume;
  for (const Fill& f : pop.allFills) {
    auto [it, added] = span.insert({f.pharmacy, {f.date, f.date}});
    it->second.first = std::min(it->second.first, f.date);
    it->second.second = std::max(it->second.second, f.date);
    ++volume[f.pharmacy];
  }
  int inCounties = 0, outside = 0, opening = 0, closing = 0, small = 0, large = 0;
  for (const auto& [pharmacy, county] : pop.pharmacyCounty) {
    (county == "San Bernardino" || county == "Riverside" ? inCounties : outside) += 1;
    INFO(pharmacy);
    REQUIRE(span.count(pharmacy) == 1);
    opening += span[pharmacy].first > daysFromCivil(kYear, 3, 1);
    closing += span[pharmacy].second < daysFromCivil(kYear, 11, 1);
    // Seed 004: annual plan prescription volume over 1,000.
    (volume[pharmacy] > 1000 ? large : small) += 1;
  }
  CHECK(inCounties > outside);
  CHECK(outside > 0);
  CHECK(opening > 0);
  CHECK(closing > 0);
  CHECK(small > 0);
  CHECK(large > small);
}

TEST_CASE(
    "fills: early and late refills, switches, same-date pairs, supply from before the year, "
    "deaths and disenrollment",
    "[gen][pharmacy]") {
  const Population& pop = population();
  int early = 0, late = 0, switches = 0, sameDate = 0, fromBefore = 0, died = 0, left = 0;
  for (const auto& [id, person] : pop.people) {
    // Members on chronic therapy whose treatment period ends early: death or
    // disenrollment during the year (PQA: the treatment period ends there).
    std::set<Days> therapyDates;
    for (const Fill& f : person.fills)
      if (f.drug && f.drug->drugClass != DrugClass::ShortActingBeta2Agonist &&
          f.date >= pop.start && f.date <= pop.end)
        therapyDates.insert(f.date);
    if (therapyDates.size() >= 2) {
      died += person.death >= pop.start && person.death < pop.end;
      left += person.enrolledUntil >= pop.start && person.enrolledUntil < pop.end;
    }
    std::map<DrugClass, std::vector<const Fill*>> byClass;
    for (const Fill& f : person.fills)
      if (f.drug) byClass[f.drug->drugClass].push_back(&f);
    for (const auto& [c, fills] : byClass) {
      std::set<std::string> drugs;
      for (size_t i = 0; i < fills.size(); ++i) {
        drugs.insert(fills[i]->code);
        if (fills[i]->date < pop.start && fills[i]->date + fills[i]->supply > pop.start)
          ++fromBefore;
        if (i == 0) continue;
        const Days gap = fills[i]->date - fills[i - 1]->date;
        if (gap == 0 && fills[i]->code == fills[i - 1]->code) ++sameDate;
        if (gap > 0 && gap < fills[i - 1]->supply) ++early;
        if (gap > fills[i - 1]->supply + 4) ++late;
      }
      if (c != DrugClass::ShortActingBeta2Agonist && c != DrugClass::AsthmaController &&
          drugs.size() > 1)
        ++switches;
    }
  }
  CHECK(early > 100);
  CHECK(late > 100);
  CHECK(switches > 20);
  CHECK(sameDate > 20);
  CHECK(fromBefore > 50);
  CHECK(died > 5);
  CHECK(left > 5);
}
