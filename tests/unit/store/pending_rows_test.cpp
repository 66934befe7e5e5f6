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
