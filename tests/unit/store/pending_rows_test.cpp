// PendingRows: rows kept in the table's columns until the table is built.
#include <catch2/catch.hpp>

#include "store/PendingRows.h"

using namespace mc;
using namespace mc::store;

namespace {

PendingEvent event(MemberIndex member, Days date, std::uint32_t line) {
  PendingEvent e{};
  e.member = member;
  e.date = date;
  e.endDate = date;
  e.startTime = kNoTime;
  e.endTime = kNoTime;
  e.principal = CodeDictionary::kNoCode;
  e.provider = kNoProvider;
  e.toProvider = kNoProvider;
  e.line = line;
  return e;
}

}  // namespace

// The loader reserves a file's rows and codes from its first chunk: rows
// within that room are written where the room is, never copied to a larger
// buffer (a copy touches fresh pages and holds both buffers at once).
TEST_CASE("rows and codes within the reserved room stay where they are", "[pending]") {
  PendingRows rows;
  rows.reserve(1000, 3000);
  const CodeId* codesBefore = rows.codes().data();
  for (std::uint32_t i = 0; i < 1000; ++i) {
    for (CodeId c = 0; c < 3; ++c) rows.codes().push_back(c);
    rows.append(event(i / 10, 19000 + static_cast<Days>(i % 10), i + 2));
  }
  CHECK(rows.size() == 1000);
  CHECK(rows.codeCount() == 3000);
  CHECK(rows.codes().data() == codesBefore);
  EventTable table;
  CHECK(rows.moveInto(100, table));  // in order: the columns moved
  CHECK(table.codes.data() == codesBefore);
  CHECK(table.codeStart.back() == 3000);
  CHECK(table.memberStart.back() == 1000);
  CHECK(rows.size() == 0);
}

// The order is noted as rows come (the row before is in cache): a run of
// one member whose rows are all in table order is not read again when the
// table is built, and one that is not is sorted.
TEST_CASE("rows note as they come whether each member's run is in table order", "[pending]") {
  PendingRows rows;
  rows.append(event(0, 19005, 2));
  rows.append(event(0, 19005, 3));  // the same day, a later line
  rows.append(event(1, 19001, 4));  // a new member: any date
  CHECK(rows.runsSorted());
  PendingEvent timed = event(1, 19001, 5);
  timed.startTime = 8 * 3600;
  rows.append(timed);  // a time after none on the same day
  CHECK(rows.runsSorted());
  rows.append(event(1, 19001, 6));  // no time after a time on the same day
  CHECK_FALSE(rows.runsSorted());
  rows.append(event(2, 19000, 7));
  rows.sortMemberRuns();
  CHECK(rows.runsSorted());
  EventTable table;
  CHECK(rows.moveInto(3, table));
  CHECK(table.line == std::vector<std::uint32_t>{2, 3, 4, 6, 5, 7});

  // Built, the rows start again: the next ones are noted afresh.
  rows.append(event(0, 19002, 2));
  rows.append(event(0, 19001, 3));
  CHECK_FALSE(rows.runsSorted());
  CHECK(rows.moveInto(1, table));
  CHECK(table.line == std::vector<std::uint32_t>{3, 2});
  rows.append(event(1, 19001, 2));
  rows.append(event(0, 19002, 3));  // not by member: gathered through the sort
  CHECK(rows.runsSorted());
  CHECK_FALSE(rows.moveInto(2, table));
  CHECK(table.line == std::vector<std::uint32_t>{3, 2});
}
