// The other cells of an event row read on their usual forms without the
// general path (store/CellParsing.cpp, store/NameLookup.h): settings,
// statuses and sources, numbers, days' supply and Y/N, each against the
// general code it stands in front of, on every name in every case and on
// the near misses: the same answers, the same problems.
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "TempDataDir.h"
#include "store/CellParsing.h"
#include "store/DataDirectoryLoader.h"
#include "store/MemberStore.h"
#include "store/NameLookup.h"
#include "support/EventVocabulary.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

// Every way of writing `name`'s letters in upper or lower case (each of
// them when there are few, the all-lower, all-upper and alternating ones
// beside 200 others otherwise).
std::vector<std::string> caseVariants(const std::string& name) {
  std::vector<size_t> letters;
  for (size_t i = 0; i < name.size(); ++i)
    if (name[i] >= 'a' && name[i] <= 'z') letters.push_back(i);
  const auto variant = [&](std::uint64_t bits) {
    std::string text = name;
    for (size_t k = 0; k < letters.size(); ++k)
      if ((bits >> k) & 1u) text[letters[k]] = static_cast<char>(text[letters[k]] - 'a' + 'A');
    return text;
  };
  std::vector<std::string> out;
  if (letters.size() <= 12) {
    for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << letters.size()); ++bits)
      out.push_back(variant(bits));
    return out;
  }
  std::mt19937_64 random(7);
  out = {variant(0), variant(~std::uint64_t{0}), variant(0x5555555555555555u)};
  for (int i = 0; i < 200; ++i) out.push_back(variant(random()));
  return out;
}

// Names with each byte replaced by every other byte, cut short, one byte
// longer, with spaces, and the other vocabularies' names.
std::vector<std::string> nearMisses(const std::string& name) {
  std::vector<std::string> out = {name + " ", " " + name, name + "x", name + name,
                                  name.empty() ? "-" : name.substr(1)};
  if (!name.empty()) out.push_back(name.substr(0, name.size() - 1));
  for (size_t at = 0; at < name.size(); ++at) {
    for (int byte = 1; byte < 256; ++byte) {
      std::string text = name;
      text[at] = static_cast<char>(byte);
      out.push_back(text);
    }
  }
  return out;
}

template <size_t N>
std::vector<std::string> cellsFor(const char* const (&names)[N]) {
  std::vector<std::string> cells = {"", " ", "ER", "paid", "COMPLETE", "inpatient-", "\xc3\xa9"};
  for (const char* vocabulary : kSettingNames) cells.push_back(vocabulary);
  for (const char* vocabulary : kStatusNames) cells.push_back(vocabulary);
  for (const char* vocabulary : kSourceNames) cells.push_back(vocabulary);
  for (const char* name : names) {
    for (std::string& text : caseVariants(name)) cells.push_back(std::move(text));
    for (std::string& text : nearMisses(name)) cells.push_back(std::move(text));
  }
  return cells;
}

bool sameBits(double a, double b) {
  std::uint64_t x = 0, y = 0;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  return x == y;
}

// parseNumber as it was, from_chars alone: the general path.
bool generalNumber(std::string_view cell, double& out) {
  std::string_view text = cell;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() ||
      !((text.front() >= '0' && text.front() <= '9') || text.front() == '-' || text.front() == '.'))
    return false;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return false;
  out = value;
  return true;
}

}  // namespace

TEST_CASE(
    "settings, statuses and sources: every name in every case, and near misses, as the "
    "vocabulary's scans read them",
    "[cells]") {
  long checked = 0;
  for (const std::string& text : cellsFor(kSettingNames)) {
    INFO("setting '" << text << "'");
    const std::optional<int> want = settingIndex(text);
    Setting read = Setting::Other;
    RowProblem problem;
    const bool ok = parseSetting("setting", text, read, problem);
    REQUIRE(ok == want.has_value());
    if (ok) {
      REQUIRE(read == static_cast<Setting>(*want));
    } else {
      CHECK(read == Setting::Other);
      CHECK(problem.value == text);
      CHECK(problem.message == "unknown setting");
      CHECK(problem.hint == "settings are " + [] {
        std::string names;
        for (int i = 1; i < kSettingNameCount; ++i)
          names += std::string(i > 1 ? ", " : "") + kSettingNames[i];
        return names;
      }() + ", or empty when unknown");
    }
    ++checked;
  }
  for (const std::string& text : cellsFor(kStatusNames)) {
    INFO("status '" << text << "'");
    const std::optional<int> want = statusIndex(text);
    const std::optional<Status> read = statusFromText(text);
    REQUIRE(read.has_value() == want.has_value());
    if (read) REQUIRE(*read == *want);
    ++checked;
  }
  for (const std::string& text : cellsFor(kSourceNames)) {
    INFO("source '" << text << "'");
    // A source cell may have spaces around the name (parseEventSource).
    const size_t first = text.find_first_not_of(" \t");
    const std::string trimmed = first == std::string::npos
                                    ? ""
                                    : text.substr(first, text.find_last_not_of(" \t") - first + 1);
    const std::optional<int> want = sourceIndex(trimmed);
    EventSource read = EventSource::Claim;
    RowProblem problem;
    const bool ok = parseEventSource("source", text, read, problem);
    REQUIRE(ok == want.has_value());
    if (ok) {
      REQUIRE(read == static_cast<EventSource>(*want));
    } else {
      CHECK(problem.message == "unknown source");
      CHECK(problem.hint == "sources are registry, claim and ehr, or empty when not known");
    }
    ++checked;
  }
  CHECK(checked > 50000);
}

// Names of every length the lookup takes, with every letter and the bytes
// next to the letters ('@', '[', '`', '{'): the word compares at every
// length, and the folding at the edges of the alphabet.
constexpr const char* kTestNames[] = {"",
                                      "z",
                                      "az",
                                      "a@z",
                                      "b[`{",
                                      "abcde",
                                      "zyxwvu",
                                      "a-b-c-d",
                                      "qrstuvwx",
                                      "abcdefghi",
                                      "jklmnopqrs",
                                      "tuvwxyzabcd",
                                      "efghijklmnop",
                                      "qrstuvwxyz@[a",
                                      "bcdefghijklmno",
                                      "pqrstuvwxyzabcd",
                                      "efghijklmnopqrst",
                                      "uvwxyzabcdefghijk",
                                      "lmnopqrstuvwxyzabc",
                                      "defghijklmnopqrstuv",
                                      "wxyzabcdefghijklmnop",
                                      "qrstuvwxyzabcdefghijk",
                                      "lmnopqrstuvwxyzabcdefg",
                                      "hijklmnopqrstuvwxyzabcd",
                                      "efghijklmnopqrstuvwxyzab"};
constexpr NameLookup kTestLookup(kTestNames);

TEST_CASE("a vocabulary of every length to 24: every case and near miss as a scan reads it",
          "[cells]") {
  long wrong = 0, checked = 0;
  std::string first;
  for (const char* name : kTestNames) {
    std::vector<std::string> cells = caseVariants(name);
    for (std::string& text : nearMisses(name)) cells.push_back(std::move(text));
    for (const std::string& text : cells) {
      int want = NameLookup<1>::kAbsent;
      for (size_t i = 0; i < std::size(kTestNames); ++i)
        if (equalsIgnoreCase(text, kTestNames[i])) want = static_cast<int>(i);
      ++checked;
      if (kTestLookup.find(text) != want && wrong++ == 0) first = "'" + text + "'";
    }
  }
  INFO(first);
  CHECK(checked > 20000);
  CHECK(wrong == 0);
  CHECK(kTestLookup.find("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NameLookup<1>::kAbsent);
}

TEST_CASE("numbers: the usual decimals read to the bit as from_chars reads them", "[cells]") {
  std::vector<std::string> cells = {"0",
                                    "-0",
                                    "0.0",
                                    "-0.0",
                                    "+5",
                                    "+-5",
                                    "-+5",
                                    " 12.5 ",
                                    "\t7",
                                    "5.",
                                    ".5",
                                    "-.5",
                                    "1e3",
                                    "1E-2",
                                    "0x10",
                                    "inf",
                                    "-inf",
                                    "nan",
                                    "1.5.2",
                                    "1,5",
                                    "12a",
                                    "--1",
                                    "",
                                    " ",
                                    "-",
                                    "+",
                                    ".",
                                    "0.1",
                                    "0.2",
                                    "0.3",
                                    "1.1",
                                    "2.675",
                                    "9.95",
                                    "160.0",
                                    "91.0",
                                    "007.50",
                                    "999999999999999",
                                    "9999999999999999",
                                    "0.000000000000001",
                                    "123456789012345.6",
                                    "1234567890.12345",
                                    "9007199254740993",
                                    "4503599627370497.5",
                                    "0.1234567890123456789"};
  std::mt19937_64 random(15);
  for (int i = 0; i < 200000; ++i) {
    const int whole = static_cast<int>(random() % 12), fraction = static_cast<int>(random() % 12);
    std::string text = random() % 4 == 0 ? "-" : "";
    for (int d = 0; d < whole + 1; ++d) text += static_cast<char>('0' + random() % 10);
    if (fraction > 0 || random() % 3 == 0) text += '.';
    for (int d = 0; d < fraction; ++d) text += static_cast<char>('0' + random() % 10);
    cells.push_back(text);
  }
  long wrong = 0;
  std::string first;
  for (const std::string& text : cells) {
    double want = 1.25, read = 1.25;
    const bool wantOk = generalNumber(text, want);
    const bool ok = parseNumber(text, read);
    if ((ok != wantOk || !sameBits(read, want)) && wrong++ == 0)
      first = "'" + text + "': " + std::to_string(read) + " want " + std::to_string(want);
  }
  INFO(first);
  CHECK(wrong == 0);
}

TEST_CASE("days' supply: digits read at once, anything else with its message", "[cells]") {
  struct Case {
    const char* cell;
    std::int32_t days;    // when read
    const char* message;  // when not
  };
  const Case cases[] = {
      {"0", 0, nullptr},
      {"30", 30, nullptr},
      {"007", 7, nullptr},
      {"999999999", 999999999, nullptr},
      {"2147483647", 2147483647, nullptr},
      {" 30", 30, nullptr},
      {"30 ", 30, nullptr},
      {"0000000030", 30, nullptr},
      {"2147483648", 0, "days_supply is too large"},
      {"99999999999999999999", 0, "days_supply is too large"},
      {"-1", 0, "days_supply is negative"},
      {"+5", 0, "days_supply is not a whole number"},
      {"3a", 0, "days_supply is not a whole number"},
      {"3.0", 0, "days_supply is not a whole number"},
      {"", 0, "empty value in a required column"},
      {" ", 0, "empty value in a required column"},
  };
  for (const Case& c : cases) {
    INFO("'" << c.cell << "'");
    std::int32_t days = -7;
    RowProblem problem;
    const bool ok = parseDaysSupply("days_supply", c.cell, days, problem);
    REQUIRE(ok == (c.message == nullptr));
    if (ok) CHECK(days == c.days);
    if (!ok) CHECK(problem.message == c.message);
  }
}

TEST_CASE("Y/N cells: every one-byte cell and a few longer ones", "[cells]") {
  std::vector<std::string> cells = {"", "YY", "Yes", "no", " Y", "N ", "y\t"};
  for (int byte = 0; byte < 256; ++byte) cells.emplace_back(1, static_cast<char>(byte));
  for (const std::string& text : cells) {
    INFO("'" << text << "'");
    const bool yes = equalsIgnoreCase(text, "Y");
    const bool good = yes || equalsIgnoreCase(text, "N") || text.empty();
    bool read = !yes;
    RowProblem problem;
    REQUIRE(parseYesNo("generic", text, read, problem) == good);
    if (good) CHECK(read == yes);
    if (!good) CHECK(problem.message == "expected Y or N");
  }
}

TEST_CASE("an event row's setting, status, source and provider: the bad ones reported", "[cells]") {
  struct BadCell {
    const char* file;
    const char* text;
    const char* column;
    const char* value;
    const char* message;
  };
  const BadCell cases[] = {
      {"visits.csv", "member_id,date,codes,setting\nM1,2022-01-05,CPT:99213,ER\n", "setting", "ER",
       "unknown setting"},
      {"visits.csv", "member_id,date,codes,setting\nM1,2022-01-05,CPT:99213, \n", "setting", " ",
       "unknown setting"},
      {"visits.csv", "member_id,date,codes,status\nM1,2022-01-05,CPT:99213,paid\n", "status",
       "paid", "unknown status"},
      {"visits.csv", "member_id,date,codes,status\nM1,2022-01-05,CPT:99213,Completed \n", "status",
       "Completed ", "unknown status"},
      {"immunizations.csv", "member_id,date,code,source\nM1,2022-01-05,CVX:08,lab\n", "source",
       "lab", "unknown source"},
      {"visits.csv", "member_id,date,codes,provider_id\nM1,2022-01-05,CPT:99213,ALL\n",
       "provider_id", "ALL", "ALL is reserved for the plan-wide lines of strata.csv"},
      {"referrals.csv", "member_id,date,from_provider_id,to_provider_id\nM1,2022-03-01,ALL,P1\n",
       "from_provider_id", "ALL", "ALL is reserved"},
      {"visits.csv", "member_id,date,codes,provider_id\nM1,2022-01-05T25:00:00,CPT:99213,P1\n",
       "date", "2022-01-05T25:00:00", "not a date with a time of day: no such time of day"},
  };
  for (const BadCell& bad : cases) {
    INFO(bad.file << ": " << bad.text);
    TempDataDir dir;
    dir.write("members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\n");
    dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,P1\n");
    dir.write(bad.file, bad.text);
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->line == 2);
    CHECK(r.error->column == bad.column);
    CHECK(r.error->value == bad.value);
    CHECK(r.error->message.find(bad.message) != std::string::npos);
  }
  // The same files with good cells, in other cases and with spaces where a
  // source allows them, load.
  TempDataDir dir;
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,P1\n");
  dir.write("visits.csv",
            "member_id,date,codes,setting,status,provider_id\n"
            "M1,2022-01-05,CPT:99213,Outpatient,FINISHED,ALLX\n"
            "M1,2022-01-06T08:30:00,CPT:99213,,,UNLINKEDX\n");
  dir.write("immunizations.csv", "member_id,date,code,source\nM1,2022-01-05,CVX:08, Claim \n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const EventTable& visits = r.store->table(EventKind::Visit);
  REQUIRE(visits.size() == 2);
  CHECK(visits.setting[0] == Setting::Outpatient);
  CHECK(visits.status[0] == *statusIndex("finished"));
  CHECK(visits.setting[1] == Setting::None);
  CHECK(visits.status[1] == 0);
  CHECK(visits.startTime[1] == 8 * 3600 + 30 * 60);
  CHECK(r.store->table(EventKind::Immunization).source[0] == EventSource::Claim);
}

// What a value cell reads as: its number, codes and problem.
struct ValueReading {
  bool ok = false, result = false;
  double number = 0;
  CodeList code;
  std::string message;
  bool operator==(const ValueReading& o) const {
    return ok == o.ok && result == o.result && sameBits(number, o.number) && code == o.code &&
           message == o.message;
  }
};

ValueReading readValue(const std::string& cell) {
  ValueReading r;
  RowProblem problem;
  r.ok = parseValueCell("value", cell, r.number, r.code, r.result, problem);
  r.message = problem.message;
  return r;
}

TEST_CASE("value cells: a code read before reads as it did the first time", "[cells]") {
  const std::vector<std::string> cells = {"LOINC:2345-7",
                                          "SNOMEDCT:260385009",
                                          "snomedct:260385009",
                                          "SNOMEDCT:260385009 ",
                                          " LOINC:2345-7",
                                          "CPT:9921",
                                          "CPT:99213",
                                          "NDC:0002322730",
                                          "NDC:00002322730",
                                          "ICD10CM:Z00.121",
                                          "12:30",
                                          "note:abc",
                                          "SNOMEDCT:26038 x",
                                          "XYZ:123",
                                          "160.0",
                                          "-7",
                                          "",
                                          "positive",
                                          "LOINC:2345-7;",
                                          "SNOMEDCT:"};
  // Each cell on a thread of its own: nothing read before it.
  std::vector<ValueReading> fresh(cells.size());
  for (size_t i = 0; i < cells.size(); ++i)
    std::thread([&, i] { fresh[i] = readValue(cells[i]); }).join();
  // Then all of them on one thread, twice, after the same codes in code lists.
  CodeList listed;
  RowProblem problem;
  CHECK(parseCodeList("codes", "LOINC:2345-7 SNOMEDCT:260385009 CPT:99213", listed, problem));
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < cells.size(); ++i) {
      INFO("round " << round << " '" << cells[i] << "'");
      CHECK(readValue(cells[i]) == fresh[i]);
    }
  }
  CHECK(fresh[0].code.size() == 1);
  CHECK_FALSE(fresh[5].ok);
  CHECK(fresh[5].message == "'9921' is not a CPT code");
}
