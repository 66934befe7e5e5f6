// latestEventDate: how far the data reaches, over every kind of event.
#include <catch2/catch.hpp>

#include "store/DataSpan.h"
#include "store/StoreBuilder.h"

using namespace mc;
using namespace mc::store;

namespace {

Days d(const char* iso) { return *parseIsoDate(iso); }

EventRow event(EventKind kind, MemberIndex member, const char* date) {
  EventRow row;
  row.kind = kind;
  row.member = member;
  row.date = d(date);
  row.codes = {{CodeSystem::RXNORM, "617310"}};
  return row;
}

}  // namespace

TEST_CASE("the latest event date is the latest of any kind and any member", "[span]") {
  StoreBuilder b;
  b.addMember("A", d("1960-01-01"), Sex::F);
  b.addMember("B", d("1970-01-01"), Sex::M);
  b.addEvent(event(EventKind::Pharmacy, 0, "2016-12-31"));
  b.addEvent(event(EventKind::Pharmacy, 1, "2016-03-01"));
  b.addEvent(event(EventKind::Visit, 0, "2017-02-10"));
  b.addEvent(event(EventKind::Condition, 1, "2015-01-01"));
  CHECK(latestEventDate(b.finish()) == d("2017-02-10"));
}

TEST_CASE("a store without events has no latest event date", "[span]") {
  StoreBuilder b;
  b.addMember("A", d("1960-01-01"), Sex::F);
  CHECK(latestEventDate(b.finish()) == kNoDate);
}
