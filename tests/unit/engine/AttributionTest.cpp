// Attribution: the linked PCP is the pcp_id of the span covering the date.
#include <catch2/catch.hpp>

#include "EngineFixtures.h"
#include "score/Attribution.h"

using namespace mc;
using mc::testing::day;

namespace {

struct Span {
  const char* start;
  const char* end;  // nullptr: open
  const char* pcp;
};

// One member with the given spans, added in the order given.
store::MemberStore memberWith(const std::vector<Span>& spans) {
  store::StoreBuilder b;
  const store::MemberIndex m = b.addMember("M1", day("1970-01-01"), store::Sex::F);
  for (const Span& s : spans) {
    b.addEnrollment(m, day(s.start), s.end ? day(s.end) : kOpenEnd, s.pcp);
  }
  return b.finish();
}

std::string pcpOn(const store::MemberStore& s, const char* date) {
  return std::string(score::providerIdText(s.providers, score::linkedPcp(s, 0, day(date))));
}

}  // namespace

TEST_CASE("the span covering the attribution date gives the PCP, ends inclusive") {
  const auto s = memberWith({{"2022-01-01", "2022-12-31", "P1"}});
  CHECK(pcpOn(s, "2022-12-31") == "P1");
  CHECK(pcpOn(s, "2022-01-01") == "P1");
  CHECK(pcpOn(s, "2023-01-01") == "UNLINKED");
  CHECK(pcpOn(s, "2021-12-31") == "UNLINKED");
}

TEST_CASE("where spans overlap, the latest start wins whatever the input order") {
  const auto s = memberWith({{"2022-06-01", "2022-12-31", "P2"}, {"2021-01-01", nullptr, "P1"}});
  CHECK(pcpOn(s, "2022-12-31") == "P2");
  CHECK(pcpOn(s, "2022-05-31") == "P1");
}

TEST_CASE("an open span covers every later date") {
  const auto s = memberWith({{"2021-01-01", "2021-12-31", "P1"}, {"2022-01-01", nullptr, "P3"}});
  CHECK(pcpOn(s, "2030-12-31") == "P3");
  CHECK(pcpOn(s, "2021-06-30") == "P1");
}

TEST_CASE("no covering span gives UNLINKED") {
  const auto s =
      memberWith({{"2022-01-01", "2022-03-31", "P1"}, {"2022-05-01", "2022-06-30", "P1"}});
  CHECK(score::linkedPcp(s, 0, day("2022-04-15")) == store::kNoProvider);
  CHECK(pcpOn(s, "2022-04-15") == "UNLINKED");

  const auto none = memberWith({});
  CHECK(score::linkedPcp(none, 0, day("2022-12-31")) == store::kNoProvider);
}

TEST_CASE("an empty pcp_id on the winning span gives UNLINKED") {
  const auto s = memberWith({{"2022-01-01", nullptr, "P1"}, {"2022-07-01", nullptr, ""}});
  CHECK(pcpOn(s, "2022-12-31") == "UNLINKED");
  CHECK(pcpOn(s, "2022-06-30") == "P1");
}
