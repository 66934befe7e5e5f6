// Columns in which every row holds one value (store/ConstantColumn.h), and
// PendingRows' lazy columns, which stay empty until a row leaves the
// column's constant.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>

#include "store/ConstantColumn.h"
#include "store/PendingRows.h"

using namespace mc;
using namespace mc::store;

namespace {

template <typename T>
bool sameBits(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

// Every element of `c` is `value`, bit for bit.
template <typename T>
bool allAre(const Column<T>& c, const T& value) {
  for (size_t i = 0; i < c.size(); ++i)
    if (!sameBits(c[i], value)) return false;
  return true;
}

PendingEvent event(MemberIndex member, Days date, std::uint32_t line) {
  PendingEvent e{};
  e.member = member;
  e.date = date;
  e.endDate = date;
  e.startTime = kNoTime;
  e.endTime = kNoTime;
  e.principal = CodeDictionary::kNoCode;
  e.provider = 0;
  e.toProvider = kNoProvider;
  e.setting = Setting::None;
  e.source = EventSource::None;
  e.value = std::numeric_limits<double>::quiet_NaN();
  e.unit = UnitDictionary::kUnitless;
  e.line = line;
  return e;
}

}  // namespace

TEST_CASE("a constant column holds its value at every row, from repeated pages when large",
          "[constant]") {
  std::vector<std::shared_ptr<const void>> keep;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const size_t perWindow = kRepeatWindow / sizeof(double);
  for (const size_t count :
       {size_t{0}, size_t{1}, perWindow - 1, perWindow, perWindow + 1, 3 * perWindow + 7}) {
    const Column<double> c = constantColumn(nan, count, keep);
    CHECK(c.size() == count);
    CHECK(c.isView() == (count >= perWindow));
    CHECK(allAre(c, nan));
  }
  const Column<std::uint32_t> ones = constantColumn(kNoProvider, 2 * kRepeatWindow / 4 + 3, keep);
  CHECK(ones.isView());
  CHECK(allAre(ones, kNoProvider));
  const Column<std::uint8_t> zeros = constantColumn(std::uint8_t{0}, kRepeatWindow * 2 + 1, keep);
  CHECK(zeros.isView());
  CHECK(allAre(zeros, std::uint8_t{0}));
  // Two columns of one pattern read the same bytes (one file, mapped twice).
  const Column<std::uint32_t> more = constantColumn(kNoProvider, kRepeatWindow, keep);
  CHECK(allAre(more, kNoProvider));
  CHECK(more.data() != ones.data());
}

TEST_CASE("a constant column's pages live as long as a copy of its table", "[constant]") {
  EventTable copy;
  {
    EventTable table;
    table.value = constantColumn(2.5, kRepeatWindow, table.constantPages);
    REQUIRE(table.value.isView());
    copy = table;
  }
  CHECK(allAre(copy.value, 2.5));
  // A write copies the view into an owned column, as for a cache's columns.
  Column<double> written = copy.value;
  written[0] = 1.0;
  CHECK_FALSE(written.isView());
  CHECK(written[0] == 1.0);
  CHECK(written[1] == 2.5);
  CHECK(copy.value[0] == 2.5);
}

// A file without a column's cell never fills it: the table gets the
// constant for every row. Enough rows that the double column is a view.
TEST_CASE("columns no row sets become constant columns", "[constant][pending]") {
  PendingRows rows;
  const std::uint32_t n = static_cast<std::uint32_t>(kRepeatWindow / sizeof(double)) + 5;
  for (std::uint32_t i = 0; i < n; ++i) rows.append(event(i / 4, 19000 + (i % 4), i + 2));
  EventTable table;
  REQUIRE(rows.moveInto(n / 4 + 1, table));
  REQUIRE(table.size() == n);
  CHECK(table.value.isView());
  CHECK(allAre(table.value, std::numeric_limits<double>::quiet_NaN()));
  CHECK(allAre(table.toProvider, kNoProvider));
  CHECK(allAre(table.principal, CodeDictionary::kNoCode));
  CHECK(allAre(table.unit, UnitDictionary::kUnitless));
  CHECK(allAre(table.daysSupply, std::int32_t{0}));
  CHECK(allAre(table.generic, std::uint8_t{0}));
  CHECK(allAre(table.hasResult, std::uint8_t{0}));
  CHECK(allAre(table.setting, Setting::None));
  CHECK(allAre(table.status, Status{0}));
  CHECK(allAre(table.source, EventSource::None));
  CHECK(table.provider.size() == n);
  CHECK_FALSE(table.provider.isView());
}

// The first row off the constant makes the column dense: the rows before it
// hold the constant, it and the rows after hold their own values, whether
// the rows come one by one or in a chunk's batch, sorted or gathered.
TEST_CASE("a lazy column filled from the first row off its constant", "[constant][pending]") {
  const auto check = [](EventTable& table, size_t offAt) {
    for (size_t r = 0; r < table.size(); ++r) {
      // Row r came as the (line - 2)th.
      const bool off = table.line[r] - 2 >= offAt && table.line[r] % 3 == 0;
      INFO("row " << r << " line " << table.line[r]);
      if (off) {
        CHECK(table.value[r] == static_cast<double>(table.line[r]));
        CHECK(table.toProvider[r] == table.line[r]);
        CHECK(table.daysSupply[r] == static_cast<std::int32_t>(table.line[r]));
        CHECK(table.source[r] == EventSource::Claim);
      } else {
        CHECK(std::isnan(table.value[r]));
        CHECK(table.toProvider[r] == kNoProvider);
        CHECK(table.daysSupply[r] == 0);
        CHECK(table.source[r] == EventSource::None);
      }
      CHECK(table.generic[r] == 0);  // never left: constant
    }
  };
  const auto make = [](std::uint32_t i, size_t offAt) {
    PendingEvent e = event(i / 5, 19010 - static_cast<Days>(i % 5), i + 2);
    if (i >= offAt && e.line % 3 == 0) {
      e.value = e.line;
      e.toProvider = e.line;
      e.daysSupply = static_cast<std::int32_t>(e.line);
      e.source = EventSource::Claim;
    }
    return e;
  };
  const std::uint32_t n = 200;
  for (const size_t offAt : {size_t{0}, size_t{1}, size_t{57}, size_t{199}}) {
    INFO("first row off the constant: " << offAt);
    // One by one; each member's rows come newest first, so every run is
    // sorted in place when the table is built.
    PendingRows single;
    for (std::uint32_t i = 0; i < n; ++i) single.append(make(i, offAt));
    EventTable table;
    REQUIRE(single.moveInto(n / 5, table));
    // Sorted, each member's lines are reversed; the check reads each row's
    // line, so it follows them.
    check(table, offAt);

    // In batches of 30 rows, with identity id maps, each member's rows put
    // in table order (EventBatch::finishRows' part).
    PendingRows batched;
    const std::vector<CodeId> codeIds;
    std::vector<ProviderId> providerIds(300);
    for (size_t p = 0; p < providerIds.size(); ++p) providerIds[p] = static_cast<ProviderId>(p);
    const std::vector<UnitId> unitIds = {UnitDictionary::kUnitless};
    for (std::uint32_t first = 0; first < n; first += 30) {
      ColumnVector<PendingEvent> events;
      for (std::uint32_t i = first; i < std::min(n, first + 30); ++i)
        events.push_back(make(i, offAt));
      std::stable_sort(events.begin(), events.end(),
                       [&](const PendingEvent& a, const PendingEvent& b) {
                         if (a.member != b.member) return a.member < b.member;
                         return eventBefore(a, b);
                       });
      batched.appendBatch(events, false, {}, {}, codeIds, providerIds, unitIds, 0);
    }
    EventTable fromBatches;
    REQUIRE(batched.moveInto(n / 5, fromBatches));
    check(fromBatches, offAt);
    CHECK(fromBatches.line == table.line);

    // Members out of order: the table gathers through the sort.
    PendingRows shuffled;
    for (std::uint32_t i = n; i-- > 0;) shuffled.append(make(i, offAt));
    EventTable gathered;
    REQUIRE_FALSE(shuffled.moveInto(n / 5, gathered));
    check(gathered, offAt);
    CHECK(gathered.line == table.line);
  }
}
