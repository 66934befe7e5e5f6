// StoreBuilder: sorted event tables, per-member slices and filled columns.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/StoreBuilder.h"

using namespace mc;
using namespace mc::store;

namespace {

Days d(const char* iso) { return *parseIsoDate(iso); }

EventRow visit(MemberIndex member, const char* date, std::uint32_t line,
               const char* code = "99213") {
  EventRow row;
  row.kind = EventKind::Visit;
  row.member = member;
  row.date = d(date);
  row.codes = {{CodeSystem::CPT, code}};
  row.line = line;
  return row;
}

}  // namespace

TEST_CASE("members get dense indexes and an id lookup", "[builder]") {
  StoreBuilder b;
  CHECK(b.addMember("M1", d("2000-01-01"), Sex::F) == 0);
  CHECK(b.addMember("M2", d("1990-05-05"), Sex::M, d("2022-06-01"), "2106-3", "2186-5", 3) == 1);
  CHECK(b.hasMember("M2"));
  CHECK_FALSE(b.hasMember("M3"));
  CHECK(b.findMember("M3") == MemberStore::kNoMember);
  const MemberStore s = b.finish();
  REQUIRE(s.memberCount() == 2);
  CHECK(s.findMember("M2") == 1);
  CHECK(s.findMember("M9") == MemberStore::kNoMember);
  CHECK(s.members.deathDate[0] == kNoDate);
  CHECK(s.members.deathDate[1] == d("2022-06-01"));
  CHECK(s.members.sex[1] == Sex::M);
  CHECK(s.members.race[1] == "2106-3");
  CHECK(s.members.ethnicity[1] == "2186-5");
  CHECK(s.members.line[1] == 3);
}

// The member id index is the store's TextIndex, shared with the CSV loader
// through memberIds(): id i is member i, with no node per member, and a copy
// of the store looks members up as the original does.
TEST_CASE("the member id index is one TextIndex, member i at id i", "[builder]") {
  StoreBuilder b;
  CHECK(b.memberIds().empty());
  for (int i = 0; i < 1000; ++i)
    CHECK(b.addMember("M" + std::to_string(i * 7), d("2000-01-01"), Sex::F) ==
          static_cast<MemberIndex>(i));
  REQUIRE(b.memberIds().size() == 1000);
  CHECK(b.memberIds().text(3) == "M21");
  CHECK(b.memberIds().find("M700") == 100);
  CHECK(b.memberIds().find("M701") == TextIndex::kAbsent);
  const MemberStore s = b.finish();
  const MemberStore copy = s;  // NOLINT(performance-unnecessary-copy-initialization)
  for (const MemberStore* store : {&s, &copy}) {
    CHECK(store->memberIndex.size() == 1000);
    CHECK(store->findMember("M6993") == 999);
    CHECK(store->findMember("M0") == 0);
    CHECK(store->findMember("M1") == MemberStore::kNoMember);
  }
  CHECK(b.memberIds().empty());  // finish hands the index to the store
}

TEST_CASE("events are sorted by member, date, end date and line", "[builder]") {
  StoreBuilder b;
  b.addMember("A", d("2000-01-01"), Sex::F);
  b.addMember("B", d("2000-01-01"), Sex::M);
  b.addMember("C", d("2000-01-01"), Sex::U);
  b.addEvent(visit(2, "2022-03-01", 2, "99211"));
  b.addEvent(visit(0, "2022-05-01", 3, "99212"));
  EventRow longStay = visit(0, "2022-02-01", 4, "99221");
  longStay.endDate = d("2022-02-05");
  b.addEvent(longStay);
  b.addEvent(visit(0, "2022-02-01", 6, "99213"));
  b.addEvent(visit(0, "2022-02-01", 5, "99214"));
  const MemberStore s = b.finish();
  const EventTable& t = s.table(EventKind::Visit);

  REQUIRE(t.size() == 5);
  CHECK(t.memberStart == std::vector<std::uint32_t>{0, 4, 4, 5});
  // Member A: the same-day visits by line, then the stay (later end), then May.
  CHECK(t.line == std::vector<std::uint32_t>{5, 6, 4, 3, 2});
  CHECK(t.endDate[0] == t.date[0]);  // no end date: same day
  CHECK(t.endDate[2] == d("2022-02-05"));
  CHECK(t.begin(1) == t.end(1));  // member B has no visits
  CHECK(t.begin(2) == 4);
  CHECK(t.end(2) == 5);
  REQUIRE(t.codeStart.size() == 6);
  CHECK(s.codes.qualified(t.codes[t.codeStart[0]]) == "CPT:99214");
  CHECK(s.codes.qualified(t.codes[t.codeStart[4]]) == "CPT:99211");
}

TEST_CASE("rows with equal keys keep their insertion order", "[builder]") {
  StoreBuilder b;
  b.addMember("A", d("2000-01-01"), Sex::F);
  b.addEvent(visit(0, "2022-02-01", 0, "99213"));
  b.addEvent(visit(0, "2022-02-01", 0, "99214"));
  b.addEvent(visit(0, "2022-02-01", 0, "99215"));
  const MemberStore s = b.finish();
  const EventTable& t = s.table(EventKind::Visit);
  REQUIRE(t.size() == 3);
  CHECK(s.codes.code(t.codes[0]) == "99213");
  CHECK(s.codes.code(t.codes[1]) == "99214");
  CHECK(s.codes.code(t.codes[2]) == "99215");
}

TEST_CASE("every column is filled to the table size", "[builder]") {
  StoreBuilder b;
  b.addMember("A", d("2000-01-01"), Sex::F);
  b.addProvider("PH1", ProviderKind::Pharmacy, "Corner Pharmacy");
  EventRow fill;
  fill.kind = EventKind::Pharmacy;
  fill.member = 0;
  fill.date = d("2022-01-10");
  fill.codes = {{CodeSystem::NDC, "00002322730"}};
  fill.provider = "PH1";
  fill.daysSupply = 30;
  fill.generic = true;
  fill.value = 60;
  fill.line = 2;
  b.addEvent(fill);
  EventRow referral;
  referral.kind = EventKind::Referral;
  referral.member = 0;
  referral.date = d("2022-01-11");
  referral.provider = "PCP1";
  referral.toProvider = "SPEC1";
  referral.line = 2;
  b.addEvent(referral);
  EventRow plain = visit(0, "2022-01-12", 2);
  plain.codes.clear();
  b.addEvent(plain);
  const MemberStore s = b.finish();

  for (const EventTable& t : s.events) {
    const size_t n = t.size();
    CHECK(t.memberStart.size() == 2);
    CHECK(t.memberStart.back() == n);
    CHECK(t.endDate.size() == n);
    CHECK(t.codeStart.size() == n + 1);
    CHECK(t.provider.size() == n);
    CHECK(t.toProvider.size() == n);
    CHECK(t.setting.size() == n);
    CHECK(t.status.size() == n);
    CHECK(t.source.size() == n);
    CHECK(t.value.size() == n);
    CHECK(t.daysSupply.size() == n);
    CHECK(t.generic.size() == n);
    CHECK(t.line.size() == n);
  }
  const EventTable& rx = s.table(EventKind::Pharmacy);
  REQUIRE(rx.size() == 1);
  CHECK(rx.daysSupply[0] == 30);
  CHECK(rx.generic[0] == 1);
  CHECK(rx.value[0] == 60);
  CHECK(s.providers.id[rx.provider[0]] == "PH1");
  CHECK(s.providers.listed[rx.provider[0]] == 1);
  CHECK(rx.toProvider[0] == kNoProvider);

  const EventTable& ref = s.table(EventKind::Referral);
  REQUIRE(ref.size() == 1);
  CHECK(s.providers.id[ref.provider[0]] == "PCP1");
  CHECK(s.providers.id[ref.toProvider[0]] == "SPEC1");
  CHECK(s.providers.listed[ref.toProvider[0]] == 0);
  CHECK(ref.codeStart == std::vector<std::uint32_t>{0, 0});
  CHECK(std::isnan(ref.value[0]));

  const EventTable& visits = s.table(EventKind::Visit);
  REQUIRE(visits.size() == 1);
  CHECK(visits.provider[0] == kNoProvider);
  CHECK(visits.daysSupply[0] == 0);
  CHECK(visits.codeStart == std::vector<std::uint32_t>{0, 0});
  CHECK(s.table(EventKind::Immunization).memberStart == std::vector<std::uint32_t>{0, 0});
}

TEST_CASE("a store with no members still has CSR offsets", "[builder]") {
  StoreBuilder b;
  const MemberStore s = b.finish();
  for (const EventTable& t : s.events) {
    CHECK(t.memberStart == std::vector<std::uint32_t>{0});
    CHECK(t.codeStart == std::vector<std::uint32_t>{0});
  }
  CHECK(s.enrollment.memberStart == std::vector<std::uint32_t>{0});
}

TEST_CASE("enrollment spans are sorted by start then end per member", "[builder]") {
  StoreBuilder b;
  b.addMember("A", d("2000-01-01"), Sex::F);
  b.addMember("B", d("2000-01-01"), Sex::F);
  b.addEnrollment(1, d("2022-01-01"), kOpenEnd, "", 2);
  b.addEnrollment(0, d("2022-07-01"), kOpenEnd, "PCP2", 3);
  b.addEnrollment(0, d("2022-01-01"), d("2022-06-30"), "PCP1", 4);
  b.addEnrollment(0, d("2022-01-01"), d("2022-03-31"), "PCP1", 5);
  const MemberStore s = b.finish();
  const EnrollmentTable& e = s.enrollment;
  CHECK(e.memberStart == std::vector<std::uint32_t>{0, 3, 4});
  CHECK(e.line == std::vector<std::uint32_t>{5, 4, 3, 2});
  CHECK(e.end[0] == d("2022-03-31"));
  CHECK(e.end[2] == kOpenEnd);
  CHECK(s.providers.id[e.pcp[2]] == "PCP2");
  CHECK(e.pcp[3] == kNoProvider);
}

// The loader builds the enrollment table as soon as its file is read, while
// the event files parse (finishEnrollment): the same table as finish's, a
// span added later is refused, and so is a member added later (its
// enrollment offsets would be missing). The builder builds it anew after
// finish.
TEST_CASE("the enrollment table built before finish is the one finish builds", "[builder]") {
  const auto withSpans = [] {
    StoreBuilder b;
    b.addMember("A", d("2000-01-01"), Sex::F);
    b.addMember("B", d("2000-01-01"), Sex::F);
    b.addMember("C", d("2000-01-01"), Sex::F);
    b.addEnrollment(2, d("2022-01-01"), kOpenEnd, "PCP2", 2);
    b.addEnrollment(0, d("2022-07-01"), kOpenEnd, "PCP2", 3);
    b.addEnrollment(0, d("2022-01-01"), d("2022-06-30"), "PCP1", 4);
    return b;
  };
  StoreBuilder late = withSpans();
  const MemberStore expected = late.finish();
  StoreBuilder early = withSpans();
  early.finishEnrollment();
  CHECK_THROWS_AS(early.addEnrollment(1, d("2022-01-01"), kOpenEnd, "", 5), std::logic_error);
  early.addEvent(visit(1, "2022-03-01", 1));
  const MemberStore got = early.finish();
  CHECK(got.enrollment.memberStart == expected.enrollment.memberStart);
  CHECK(got.enrollment.memberStart == std::vector<std::uint32_t>{0, 2, 2, 3});
  CHECK(got.enrollment.start == expected.enrollment.start);
  CHECK(got.enrollment.end == expected.enrollment.end);
  CHECK(got.enrollment.pcp == expected.enrollment.pcp);
  CHECK(got.enrollment.line == expected.enrollment.line);

  // The builder, empty again, takes spans and builds their table at finish.
  early.addMember("D", d("2000-01-01"), Sex::M);
  early.addEnrollment(0, d("2022-01-01"), kOpenEnd, "", 1);
  CHECK(early.finish().enrollment.memberStart == std::vector<std::uint32_t>{0, 1});

  StoreBuilder grown = withSpans();
  grown.finishEnrollment();
  grown.addMember("D", d("2000-01-01"), Sex::M);
  CHECK_THROWS_AS(grown.finish(), std::logic_error);
}

TEST_CASE("a providers.csv row completes a provider met earlier", "[builder]") {
  StoreBuilder b;
  b.addMember("A", d("2000-01-01"), Sex::F);
  b.addEnrollment(0, d("2022-01-01"), kOpenEnd, "PCP1");
  CHECK_FALSE(b.hasListedProvider("PCP1"));
  b.addProvider("PCP1", ProviderKind::Pcp, "Dr One", "Kent", "pcmh_recognized=2022-05-01");
  CHECK(b.hasListedProvider("PCP1"));
  const MemberStore s = b.finish();
  REQUIRE(s.providers.size() == 1);
  CHECK(s.providers.kind[0] == ProviderKind::Pcp);
  CHECK(s.providers.name[0] == "Dr One");
  CHECK(s.providers.county[0] == "Kent");
  CHECK(s.providers.attributes[0] == "pcmh_recognized=2022-05-01");
  CHECK(s.enrollment.pcp[0] == 0);
}

TEST_CASE("finish leaves the builder empty", "[builder]") {
  StoreBuilder b;
  b.addMember("A", d("2000-01-01"), Sex::F);
  b.addEvent(visit(0, "2022-01-01", 1));
  const MemberStore first = b.finish();
  CHECK(first.table(EventKind::Visit).size() == 1);
  CHECK_FALSE(b.hasMember("A"));
  const MemberStore second = b.finish();
  CHECK(second.memberCount() == 0);
  CHECK(second.table(EventKind::Visit).size() == 0);
  CHECK(second.codes.size() == 0);
}

TEST_CASE("the principal diagnosis is the first ICD-10-CM code as written", "[builder]") {
  StoreBuilder b;
  b.addMember("A", d("2000-01-01"), Sex::F);
  EventRow first = visit(0, "2022-02-01", 1);
  first.codes = {
      {CodeSystem::CPT, "99213"}, {CodeSystem::ICD10CM, "J4540"}, {CodeSystem::ICD10CM, "E119"}};
  b.addEvent(first);
  // Written after E11.9 on another line: order within a line, not code ids, decides.
  EventRow second = visit(0, "2022-03-01", 2);
  second.codes = {{CodeSystem::ICD10CM, "E119"}, {CodeSystem::ICD10CM, "J4540"}};
  b.addEvent(second);
  b.addEvent(visit(0, "2022-04-01", 3));  // no ICD-10-CM code
  const MemberStore s = b.finish();
  const EventTable& t = s.table(EventKind::Visit);
  REQUIRE(t.principal.size() == 3);
  CHECK(s.codes.qualified(t.principal[0]) == "ICD10CM:J4540");
  CHECK(s.codes.qualified(t.principal[1]) == "ICD10CM:E119");
  CHECK(t.principal[2] == CodeDictionary::kNoCode);
}

// The loader builds a file's table as soon as its last chunk is in
// (finishTable), while other files still add rows: the table is the one
// finish() builds, finish() leaves it as it is, and a row of that kind after
// it is refused rather than silently dropped.
TEST_CASE("a table built early is the table finish builds", "[builder]") {
  const auto fill = [](StoreBuilder& b) {
    for (const char* id : {"M1", "M2", "M3"}) b.addMember(id, d("2000-01-01"), Sex::F);
    b.addEvent(visit(2, "2022-03-01", 2, "99214"));
    b.addEvent(visit(0, "2022-05-01", 3));
    b.addEvent(visit(0, "2022-01-01", 4, "99215"));
  };
  EventRow fill1;
  fill1.kind = EventKind::Pharmacy;
  fill1.member = 1;
  fill1.date = d("2022-02-02");
  fill1.codes = {{CodeSystem::NDC, "00002322730"}};
  fill1.daysSupply = 30;
  fill1.line = 2;

  StoreBuilder whole;
  fill(whole);
  whole.addEvent(fill1);
  const MemberStore expected = whole.finish();

  StoreBuilder early;
  fill(early);
  early.finishTable(EventKind::Visit);
  early.addEvent(fill1);  // another kind still comes in
  EventRow late = visit(1, "2022-06-01", 9);
  CHECK_THROWS_AS(early.addEvent(late), std::logic_error);
  const MemberStore got = early.finish(2);
  for (const EventKind kind : {EventKind::Visit, EventKind::Pharmacy}) {
    const EventTable& g = got.table(kind);
    const EventTable& e = expected.table(kind);
    CHECK(g.memberStart == e.memberStart);
    CHECK(g.date == e.date);
    CHECK(g.codeStart == e.codeStart);
    CHECK(g.codes == e.codes);
    CHECK(g.line == e.line);
    CHECK(g.daysSupply == e.daysSupply);
  }
  CHECK(got.table(EventKind::Visit).size() == 3);
  // The builder is empty again: a new load builds every table anew.
  fill(early);
  CHECK(early.finish().table(EventKind::Visit).size() == 3);
}

// Rows that arrive grouped by member in member order (a loader's file) become
// the table by moving their columns (PendingRows), each member's run sorted
// in place: no second copy of every row into fresh memory. Rows in any
// other order give the same table through the sort. Only one row carries a
// time, and not the first: the rows before it read as without one.
TEST_CASE("rows in table order become the table without a copy", "[builder]") {
  std::vector<EventRow> rows = {visit(0, "2022-01-01", 2, "99215"), visit(0, "2022-01-01", 3),
                                visit(0, "2022-05-01", 4),          visit(1, "2022-02-01", 5),
                                visit(2, "2022-03-01", 6),          visit(2, "2022-03-01", 7)};
  rows[1].startTime = 9 * 3600;  // after row 2's day without a time
  rows[3].slotCodes = {{CodeSlot::Site, {CodeSystem::SNOMEDCT, "368209003"}}};
  rows[4].codes.push_back({CodeSystem::ICD10CM, "E119"});
  rows[5].provider = "P1";
  const auto build = [&](const std::vector<size_t>& arrival, bool& moved) {
    StoreBuilder b;
    for (const char* id : {"M1", "M2", "M3"}) b.addMember(id, d("2000-01-01"), Sex::F);
    for (const size_t i : arrival) b.addEvent(rows[i]);
    moved = b.finishTable(EventKind::Visit);
    return b.finish();
  };
  bool inOrderMoved = false, groupedMoved = false, shuffledMoved = true;
  const MemberStore inOrder = build({0, 1, 2, 3, 4, 5}, inOrderMoved);
  // By member, but each member's rows out of date and line order.
  const MemberStore grouped = build({2, 1, 0, 3, 5, 4}, groupedMoved);
  const MemberStore shuffled = build({4, 2, 5, 0, 3, 1}, shuffledMoved);
  CHECK(inOrderMoved);
  CHECK(groupedMoved);
  CHECK_FALSE(shuffledMoved);
  for (const MemberStore* other : {&grouped, &shuffled}) {
    const EventTable& a = inOrder.table(EventKind::Visit);
    const EventTable& b = other->table(EventKind::Visit);
    CHECK(b.line == a.line);
    CHECK(b.memberStart == a.memberStart);
    CHECK(b.startTime == a.startTime);
    CHECK(b.endTime == a.endTime);
    CHECK(b.date == a.date);
    CHECK(b.endDate == a.endDate);
    CHECK(b.codeStart == a.codeStart);
    for (size_t c = 0; c < a.codes.size(); ++c)
      CHECK(other->codes.qualified(b.codes[c]) == inOrder.codes.qualified(a.codes[c]));
    CHECK(other->codes.qualified(b.principal[4]) == "ICD10CM:E119");
    const SlotCodes& site = b.slots[static_cast<int>(CodeSlot::Site)];
    CHECK(site.start == a.slots[static_cast<int>(CodeSlot::Site)].start);
    REQUIRE(site.codes.size() == 1);
    CHECK(other->codes.qualified(site.codes[0]) == "SNOMEDCT:368209003");
    CHECK(b.provider[5] != kNoProvider);
    CHECK(b.provider[4] == kNoProvider);
  }
  const EventTable& a = inOrder.table(EventKind::Visit);
  CHECK(a.line == std::vector<std::uint32_t>{2, 3, 4, 5, 6, 7});
  CHECK(a.memberStart == std::vector<std::uint32_t>{0, 3, 4, 6});
  REQUIRE(a.hasTimes());
  CHECK(a.startTime == std::vector<Seconds>{kNoTime, 9 * 3600, kNoTime, kNoTime, kNoTime, kNoTime});
  CHECK(a.codeStart == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 6, 7});
  CHECK(inOrder.codes.qualified(a.principal[4]) == "ICD10CM:E119");
  CHECK(a.slots[static_cast<int>(CodeSlot::Site)].start ==
        std::vector<std::uint32_t>{0, 0, 0, 0, 1, 1, 1});
  CHECK(a.provider[5] != kNoProvider);
  CHECK(a.provider[4] == kNoProvider);
}

// A file without a time of day in any row keeps no time columns.
TEST_CASE("rows without times give a table without time columns", "[builder]") {
  StoreBuilder b;
  b.addMember("M1", d("2000-01-01"), Sex::F);
  b.addMember("M2", d("2000-01-01"), Sex::F);
  b.addEvent(visit(1, "2022-01-01", 2));
  b.addEvent(visit(0, "2021-01-01", 3));
  CHECK_FALSE(b.finishTable(EventKind::Visit));  // not by member: sorted
  const MemberStore s = b.finish();
  CHECK_FALSE(s.table(EventKind::Visit).hasTimes());
  CHECK(s.table(EventKind::Visit).line == std::vector<std::uint32_t>{3, 2});
}

// The loader indexes a chunk of members, then adds their columns on
// another thread while enrollment and events come in: those take any
// indexed member, and only a table's build waits for the columns.
TEST_CASE("members indexed first: their rows come in before their columns", "[builder]") {
  StoreBuilder b;
  b.addMember("M0", d("1980-01-01"), Sex::F, kNoDate, "", "", 2);
  const std::vector<std::string> ids = {"M1", "M2", "M3"};
  const std::vector<std::string_view> views(ids.begin(), ids.end());
  std::vector<std::uint64_t> hashes;
  for (const std::string_view id : views) hashes.push_back(TextIndex::hash(id));
  std::vector<std::uint32_t> order;
  TextIndex::orderByHome(hashes, b.memberIds().slotCount(), order);
  REQUIRE(b.indexMembers(views, hashes, order));
  CHECK(b.findMember("M3") == 3);
  // A batch with an id already in is refused whole.
  const std::vector<std::string_view> again = {"M4", "M2"};
  CHECK_FALSE(b.indexMembers(again, {TextIndex::hash("M4"), TextIndex::hash("M2")}, {0, 1}));
  CHECK(b.findMember("M4") == MemberStore::kNoMember);

  b.addEnrollment(3, d("2022-01-01"), kOpenEnd, "P1");
  b.addEvent(visit(2, "2022-03-01", 7));
  CHECK_THROWS_AS(b.addEvent(visit(4, "2022-03-01", 8)), std::out_of_range);
  CHECK_THROWS_AS(b.finishTable(EventKind::Visit), std::logic_error);

  b.appendIndexedMembers(3, [&](size_t k) {
    IndexedMember m;
    m.id = views[k];
    m.race = k == 1 ? "2106-3" : "";
    m.county = "Kern";
    m.birthDate = d("1990-01-01") + static_cast<Days>(k);
    m.sex = Sex::M;
    m.line = static_cast<std::uint32_t>(3 + k);
    return m;
  });
  CHECK(b.finishTable(EventKind::Visit));
  const MemberStore s = b.finish();
  REQUIRE(s.memberCount() == 4);
  CHECK(s.members.id[3] == "M3");
  CHECK(s.members.race[2] == "2106-3");
  CHECK(s.members.race[3].empty());
  CHECK(s.members.county[1] == "Kern");
  CHECK(s.members.county[0].empty());
  CHECK(s.members.birthDate[3] == d("1990-01-03"));
  CHECK(s.members.sex[1] == Sex::M);
  CHECK(s.members.line[3] == 5);
  CHECK(s.enrollment.memberStart[3] == 0);
  CHECK(s.enrollment.memberStart[4] == 1);
  CHECK(s.events[static_cast<int>(EventKind::Visit)].memberStart[2] == 0);
  CHECK(s.events[static_cast<int>(EventKind::Visit)].memberStart[3] == 1);
}
