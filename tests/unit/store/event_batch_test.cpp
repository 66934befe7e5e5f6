// EventBatch and TextIndex: rows parsed apart from the store, in batches,
// give the store that adding them one by one gives: the same code,
// provider and unit ids, rows and lines.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/CellParsing.h"
#include "store/StoreBuilder.h"
#include "store/TextIndex.h"

using namespace mc;
using namespace mc::store;

namespace {

// The same codes under the same ids, in two stores built apart.
void checkSameCodeDictionary(const MemberStore& got, const MemberStore& expected) {
  REQUIRE(got.codes.size() == expected.codes.size());
  for (CodeId c = 0; c < got.codes.size(); ++c)
    CHECK(got.codes.qualified(c) == expected.codes.qualified(c));
}

// `provider` and `unit` are borrowed by the row: literals here.
EventRow row(MemberIndex member, int day, std::vector<std::pair<CodeSystem, std::string>> codes,
             const char* provider, const char* unit, std::uint32_t line) {
  EventRow r;
  r.kind = EventKind::Observation;
  r.member = member;
  r.date = 19000 + day;
  r.codes = std::move(codes);
  r.provider = provider;
  r.unit = unit;
  r.value = day;
  r.line = line;
  r.slotCodes.emplace_back(CodeSlot::Value, std::make_pair(CodeSystem::LOINC, "1234-5"));
  return r;
}

// Rows whose codes, providers and units first appear in varied orders.
std::vector<EventRow> rows() {
  return {
      row(1, 5, {{CodeSystem::CPT, "99213"}, {CodeSystem::ICD10CM, "E119"}}, "P2", "mg", 2),
      row(0, 3, {{CodeSystem::ICD10CM, "I10"}}, "", "", 3),
      row(1, 1, {{CodeSystem::CPT, "99214"}, {CodeSystem::CPT, "99213"}}, "P1", "mmol/L", 4),
      row(0, 3, {{CodeSystem::LOINC, "1234-5"}}, "P2", "mg", 5),
      row(2, 9, {{CodeSystem::CPT, "99215"}}, "P3", "", 6),
  };
}

// `p3`, when given, is set to P3's store id.
StoreBuilder withMembersAndProvider(ProviderId* p3 = nullptr) {
  StoreBuilder b;
  for (const char* id : {"M1", "M2", "M3", "M4"}) b.addMember(id, 10000, Sex::F);
  const ProviderId id = b.addProvider("P3", ProviderKind::Pcp);  // known before the events
  if (p3 != nullptr) *p3 = id;
  return b;
}

// Every column of two tables; ids compared as they are, since a batch's ids
// come out as those of rows added one by one.
void checkSameTable(const EventTable& g, const EventTable& e) {
  CHECK(g.memberStart == e.memberStart);
  CHECK(g.line == e.line);
  CHECK(g.date == e.date);
  CHECK(g.endDate == e.endDate);
  CHECK(g.startTime == e.startTime);
  CHECK(g.endTime == e.endTime);
  CHECK(g.codeStart == e.codeStart);
  CHECK(g.codes == e.codes);
  CHECK(g.principal == e.principal);
  CHECK(g.provider == e.provider);
  CHECK(g.toProvider == e.toProvider);
  CHECK(g.unit == e.unit);
  CHECK(g.value == e.value);
  for (int s = 0; s < kCodeSlotCount; ++s) {
    INFO("slot " << s);
    CHECK(g.slots[s].start == e.slots[s].start);
    CHECK(g.slots[s].codes == e.slots[s].codes);
  }
}

}  // namespace

TEST_CASE("a text index gives ids in the order first seen", "[textindex]") {
  TextIndex index;
  CHECK(index.find("a") == TextIndex::kAbsent);
  CHECK(index.intern("b") == 0);
  CHECK(index.intern("") == 1);
  CHECK(index.intern("b") == 0);
  CHECK(index.find("") == 1);
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) texts.push_back("M" + std::to_string(i * 7919));
  for (size_t i = 0; i < texts.size(); ++i) CHECK(index.intern(texts[i]) == i + 2);
  for (size_t i = 0; i < texts.size(); ++i) {
    CHECK(index.find(texts[i]) == i + 2);
    CHECK(index.text(static_cast<std::uint32_t>(i + 2)) == texts[i]);
  }
  CHECK(index.size() == texts.size() + 2);
  CHECK(index.find("M1") == TextIndex::kAbsent);
}

// The hash reads whole words, overlapping at the end: every byte of a text,
// and its length, must still count.
TEST_CASE("a text index's hash depends on every byte and on the length", "[textindex]") {
  std::string text;
  for (size_t n = 0; n <= 40; ++n) {
    INFO("length " << n);
    const std::uint64_t h = TextIndex::hash(text);
    CHECK(TextIndex::hash(std::string(text)) == h);
    std::string longer = text + '\0';
    CHECK(TextIndex::hash(longer) != h);
    for (size_t i = 0; i < n; ++i) {
      INFO("byte " << i);
      std::string changed = text;
      for (const unsigned char flip : {0x01, 0x10, 0x80}) {
        changed[i] = static_cast<char>(text[i] ^ flip);
        CHECK(TextIndex::hash(changed) != h);
      }
    }
    text += static_cast<char>('A' + (n * 7) % 26);
  }
}

// Ids of one shape (M0000001...) must spread over the home slots and tags,
// or lookups would probe long runs.
TEST_CASE("a text index's hash spreads ids of one shape", "[textindex]") {
  for (const char* prefix : {"M", "PCP", "ICD10CM:E11."}) {
    INFO(prefix);
    constexpr size_t kTexts = 100000, kSlots = size_t{1} << 18;
    std::vector<char> used(kSlots, 0);
    std::vector<std::uint32_t> tags;
    size_t homes = 0;
    for (size_t i = 0; i < kTexts; ++i) {
      std::string digits = std::to_string(i);
      const std::string id = prefix + std::string(7 - digits.size(), '0') + digits;
      const std::uint64_t h = TextIndex::hash(id);
      homes += !used[TextIndex::homeSlot(h, kSlots)];
      used[TextIndex::homeSlot(h, kSlots)] = 1;
      tags.push_back(static_cast<std::uint32_t>(h >> 32));
    }
    // Random homes would fill kSlots * (1 - e^(-kTexts / kSlots)): about 82,500.
    CHECK(homes > 80000);
    std::sort(tags.begin(), tags.end());
    CHECK(std::unique(tags.begin(), tags.end()) - tags.begin() > 99990);
  }
}

TEST_CASE("a text index compares an id's text by length and bytes", "[textindex]") {
  TextIndex index;
  index.intern("M0000001");
  index.intern("");
  index.intern("ICD10CM:E11.9");
  CHECK(index.textIs(0, "M0000001"));
  CHECK_FALSE(index.textIs(0, "M0000002"));
  CHECK_FALSE(index.textIs(0, "M000000"));
  CHECK_FALSE(index.textIs(0, "M00000011"));
  CHECK(index.textIs(1, ""));
  CHECK_FALSE(index.textIs(1, "M"));
  CHECK(index.textIs(2, "ICD10CM:E11.9"));
  CHECK_FALSE(index.textIs(2, "XCD10CM:E11.9"));
  CHECK_FALSE(index.textIs(2, "ICD10CM:E11.8"));
  CHECK_FALSE(index.textIs(2, "ICD10CM:X11.9"));
}

// With the store ids of the providers known before the events given too
// (the loader's listed ones, EventRow::providerId), the batches meet only
// the others by their text, and the store is the same.
TEST_CASE("batches give the store of rows added one by one", "[batch]") {
  StoreBuilder one = withMembersAndProvider();
  for (const EventRow& r : rows()) one.addEvent(r);
  const MemberStore expected = one.finish();

  for (const bool knownIds : {false, true})
    for (const size_t split : {size_t{0}, size_t{1}, size_t{2}, size_t{4}, size_t{5}}) {
      INFO("batches of rows [0, " << split << ") and [" << split << ", 5)"
                                  << (knownIds ? ", P3's store id given" : ""));
      ProviderId p3 = kNoProvider;
      StoreBuilder b = withMembersAndProvider(&p3);
      EventBatch first, second;
      const std::vector<EventRow> all = rows();
      for (size_t i = 0; i < all.size(); ++i) {
        EventRow r = all[i];
        r.line -= 2;  // lines from the batch's start: the builder adds the offset
        if (knownIds && r.provider == "P3") r.providerId = p3;
        (i < split ? first : second).add(r);
      }
      // Rows 0 and 3 name P2, row 2 P1 and row 4 P3 (row 1 none).
      const auto named = [&](size_t from, size_t to) {
        std::set<std::string_view> texts;
        for (size_t i = from; i < to; ++i)
          if (!all[i].provider.empty() && !(knownIds && all[i].provider == "P3"))
            texts.insert(all[i].provider);
        return texts.size();
      };
      CHECK(first.providerCount() == named(0, split));
      CHECK(second.providerCount() == named(split, all.size()));
      b.addBatch(EventKind::Observation, first, 2);
      CHECK(first.size() == 0);
      b.addBatch(EventKind::Observation, second, 2);
      const MemberStore got = b.finish(2);

      checkSameCodeDictionary(got, expected);
      CHECK(got.providers.id == expected.providers.id);
      REQUIRE(got.units.size() == expected.units.size());
      for (UnitId u = 0; u < got.units.size(); ++u)
        CHECK(got.units.text(u) == expected.units.text(u));
      checkSameTable(got.table(EventKind::Observation), expected.table(EventKind::Observation));
    }
}

namespace {

// A visit whose codes are those parseCodeList reads in `cell`.
EventRow visitWithCodes(MemberIndex member, int day, std::string_view cell, std::uint32_t line) {
  EventRow r;
  r.kind = EventKind::Visit;
  r.member = member;
  r.date = 19000 + day;
  r.line = line;
  RowProblem problem;
  REQUIRE(parseCodeList("codes", cell, r.codes, problem));
  return r;
}

// The visits' codes of a store built through batches are those of one built
// row by row: the same dictionary, the same code lists, the same lines.
void checkSameVisitCodes(const MemberStore& got, const MemberStore& expected) {
  checkSameCodeDictionary(got, expected);
  const EventTable& g = got.table(EventKind::Visit);
  const EventTable& e = expected.table(EventKind::Visit);
  CHECK(g.codeStart == e.codeStart);
  CHECK(g.codes == e.codes);
  CHECK(g.line == e.line);
}

}  // namespace

// The loader reads a row's code cell into code keys through the batch; only
// add() gives a key its id, so a row that turns out bad (read, never added)
// leaves no code behind, and the ids are those of adding the rows one by one.
// Rows 4-7 repeat the cells of rows 0-3 (read again whole, from the batch's
// cells).
TEST_CASE("code cells read into keys give the store of codes added as texts", "[batch]") {
  const char* cells[] = {"CPT:99213 ICD10CM:E11.9", "CPT:99213;LOINC:4548-4",
                         "ICD10CM:I10 ICD10CM:E11.9", "CPT:99214  CPT:99213"};
  const char* bad = "SNOMEDCT:73211009 CPT:99215";  // read, then the row is bad
  StoreBuilder one = withMembersAndProvider();
  for (int i = 0; i < 8; ++i)
    one.addEvent(visitWithCodes(static_cast<MemberIndex>(i % 3), i, cells[i % 4],
                                static_cast<std::uint32_t>(i + 2)));
  const MemberStore expected = one.finish();

  StoreBuilder b = withMembersAndProvider();
  EventBatch batch;
  std::vector<EventBatch::CodeKey> keys;
  RowProblem problem;
  for (int i = 0; i < 8; ++i) {
    if (i == 1 || i == 6) {
      keys.clear();
      REQUIRE(batch.readCodeList("codes", bad, keys, problem));
      CHECK(keys.size() == 2);
    }
    keys.clear();
    REQUIRE(batch.readCodeList("codes", cells[i % 4], keys, problem));
    EventRow r = visitWithCodes(static_cast<MemberIndex>(i % 3), i, cells[i % 4],
                                static_cast<std::uint32_t>(i + 2));
    r.codes.clear();
    batch.add(r, keys);
  }
  b.addBatch(EventKind::Visit, batch, 0);
  const MemberStore got = b.finish();
  checkSameVisitCodes(got, expected);
  CHECK(got.table(EventKind::Visit).principal == expected.table(EventKind::Visit).principal);
}

// A cell cache compares the cell found the call before first: cells of one
// length that differ in a byte, each met right after itself and later.
TEST_CASE("a code cell met again right after or later reads as the first time", "[batch]") {
  const char* cells[] = {"CPT:99213 ICD10CM:E11.9", "CPT:99213 ICD10CM:E11.9",
                         "CPT:99214 ICD10CM:E11.9", "CPT:99214 ICD10CM:E11.9",
                         "CPT:99213 ICD10CM:E11.9", "CPT:99213 ICD10CM:E11.8",
                         "CPT:99214 ICD10CM:E11.9", "CPT:99213 ICD10CM:E11.8"};
  StoreBuilder one = withMembersAndProvider();
  for (int i = 0; i < 8; ++i)
    one.addEvent(visitWithCodes(static_cast<MemberIndex>(i % 3), i, cells[i],
                                static_cast<std::uint32_t>(i + 2)));
  const MemberStore expected = one.finish();

  StoreBuilder b = withMembersAndProvider();
  EventBatch batch;
  std::vector<EventBatch::CodeKey> keys;
  RowProblem problem;
  for (int i = 0; i < 8; ++i) {
    keys.clear();
    REQUIRE(batch.readCodeList("codes", cells[i], keys, problem));
    EventRow r = visitWithCodes(static_cast<MemberIndex>(i % 3), i, cells[i],
                                static_cast<std::uint32_t>(i + 2));
    r.codes.clear();
    batch.add(r, keys);
  }
  b.addBatch(EventKind::Visit, batch, 0);
  const MemberStore got = b.finish();
  checkSameVisitCodes(got, expected);

  // A system code cell likewise.
  const char* ndcs[] = {"00002322730", "00002322730", "00002322731", "00002322730", "00002322731"};
  std::vector<EventBatch::CodeKey> ndcKeys;
  for (const char* ndc : ndcs)
    REQUIRE(batch.readSystemCode("ndc", ndc, CodeSystem::NDC, ndcKeys, problem));
  REQUIRE(ndcKeys.size() == 5);
  CHECK(ndcKeys[1] == ndcKeys[0]);
  CHECK(ndcKeys[2] != ndcKeys[0]);
  CHECK(ndcKeys[3] == ndcKeys[0]);
  CHECK(ndcKeys[4] == ndcKeys[2]);
}

// Reading through the batch (a token met before costs a lookup) checks and
// reports as parseCodeList and parseSystemCode do, each time a bad token
// comes back too.
TEST_CASE("code cells read into keys: the checks and messages of the cell parsers", "[batch]") {
  EventBatch batch;
  std::map<std::string, std::vector<EventBatch::CodeKey>> firstKeys;  // by cell, round 0
  for (int round = 0; round < 2; ++round) {
    for (const char* cell :
         {"CPT:99213", "CPT:99213 ICD10CM:E11.9", "", "  ", ";;", "CPT:8749", "CPT:99213,CPT:99214",
          "XYZ:1", "99213", "CPT:99213 BAD", "ICD10CM:E11.9;cpt:99213;"}) {
      INFO("round " << round << ", codes '" << cell << "'");
      CodeList codes;
      RowProblem want, got;
      std::vector<EventBatch::CodeKey> keys;
      const bool ok = parseCodeList("codes", cell, codes, want);
      CHECK(batch.readCodeList("codes", cell, keys, got) == ok);
      if (ok) CHECK(keys.size() == codes.size());
      if (round == 0) firstKeys[cell] = keys;
      CHECK(keys == firstKeys[cell]);  // the same keys when read again
      CHECK(got.column == want.column);
      CHECK(got.value == want.value);
      CHECK(got.message == want.message);
      CHECK(got.hint == want.hint);
    }
    for (const char* cell : {"00002322730", "NDC:00002322730", "", "  ", "RXNORM:123", "0000232273",
                             "1 2", "NDC:1;NDC:2", " 00002322730 "}) {
      INFO("round " << round << ", ndc '" << cell << "'");
      CodeList codes;
      RowProblem want, got;
      std::vector<EventBatch::CodeKey> keys;
      const bool ok = parseSystemCode("ndc", cell, CodeSystem::NDC, codes, want);
      CHECK(batch.readSystemCode("ndc", cell, CodeSystem::NDC, keys, got) == ok);
      if (ok) CHECK(keys.size() == codes.size());
      CHECK(got.message == want.message);
      CHECK(got.value == want.value);
      CHECK(got.hint == want.hint);
    }
  }
}

// A chunk's batch lays its rows out as columns on its parse thread, each
// run of one member's rows in table order (finishRows), and its buffers go
// on to the next chunk (takeBuffers): the store is still the one of rows
// added one by one, in any order and over reused buffers.
TEST_CASE("a batch sorts each member's rows and its buffers serve the next batch", "[batch]") {
  // Member 1's rows, then member 0's, each out of date order, then member
  // 1's again (a file out of member order).
  std::vector<EventRow> all = {
      row(1, 9, {{CodeSystem::CPT, "99213"}}, "P2", "mg", 2),
      row(1, 4, {{CodeSystem::ICD10CM, "E119"}}, "P1", "", 3),
      row(0, 8, {{CodeSystem::CPT, "99214"}, {CodeSystem::ICD10CM, "I10"}}, "", "", 4),
      row(0, 2, {{CodeSystem::LOINC, "1234-5"}}, "P3", "mmol/L", 5),
      row(0, 2, {{CodeSystem::CPT, "99215"}}, "P3", "", 6),
      row(1, 1, {{CodeSystem::CPT, "99213"}}, "P2", "mg", 7),
  };
  all[1].startTime = 8 * 3600;
  StoreBuilder one = withMembersAndProvider();
  for (const EventRow& r : all) one.addEvent(r);
  const MemberStore expected = one.finish();

  StoreBuilder b = withMembersAndProvider();
  EventBatch batch;
  for (size_t i = 0; i < 4; ++i) batch.add(all[i]);
  batch.finishRows();
  CHECK(batch.size() == 4);
  b.addBatch(EventKind::Observation, batch, 0);
  CHECK(batch.size() == 0);
  EventBatch next(batch.takeBuffers());
  for (size_t i = 4; i < all.size(); ++i) {
    EventRow r = all[i];
    r.line -= 4;  // from the second batch's start
    next.add(r);
  }
  b.addBatch(EventKind::Observation, next, 4);
  const MemberStore got = b.finish();

  REQUIRE(got.codes.size() == expected.codes.size());
  for (CodeId c = 0; c < got.codes.size(); ++c)
    CHECK(got.codes.qualified(c) == expected.codes.qualified(c));
  const EventTable& g = got.table(EventKind::Observation);
  const EventTable& e = expected.table(EventKind::Observation);
  CHECK(g.line == std::vector<std::uint32_t>{5, 6, 4, 7, 3, 2});
  CHECK(g.line == e.line);
  CHECK(g.memberStart == e.memberStart);
  CHECK(g.date == e.date);
  CHECK(g.startTime == e.startTime);
  CHECK(g.codeStart == e.codeStart);
  CHECK(g.codes == e.codes);
  CHECK(g.principal == e.principal);
  CHECK(g.provider == e.provider);
  CHECK(g.unit == e.unit);
  CHECK(g.value == e.value);
  CHECK(g.slots[static_cast<int>(CodeSlot::Value)].start ==
        e.slots[static_cast<int>(CodeSlot::Value)].start);
  CHECK(g.slots[static_cast<int>(CodeSlot::Value)].codes ==
        e.slots[static_cast<int>(CodeSlot::Value)].codes);
}

// A member's rows may run over a chunk's end, in or out of order across it:
// each batch knows its own runs' order, and the commit checks the first row
// of a batch against the last row before it. Times may start in any batch
// and stop in a later one; codes and slot codes keep their rows across
// batches.
TEST_CASE("a member's rows across batches give the table of rows added one by one", "[batch]") {
  std::vector<EventRow> all = {
      row(0, 2, {{CodeSystem::CPT, "99213"}}, "P2", "mg", 2),
      row(0, 5, {{CodeSystem::ICD10CM, "I10"}}, "", "", 3),
      row(1, 7, {{CodeSystem::CPT, "99214"}, {CodeSystem::ICD10CM, "E119"}}, "P1", "", 4),
      // The next batch: member 1 goes on with an earlier day.
      row(1, 3, {{CodeSystem::LOINC, "1234-5"}}, "P1", "mmol/L", 5),
      row(1, 8, {{CodeSystem::CPT, "99215"}}, "P3", "", 6),
      row(2, 1, {{CodeSystem::ICD10CM, "E119"}}, "", "mg", 7),
      // The next: member 2 goes on in order, with times, then a row before.
      row(2, 1, {{CodeSystem::CPT, "99213"}}, "P2", "", 8),
      row(2, 0, {{CodeSystem::CPT, "99214"}}, "P3", "", 9),
      // The last: no time again.
      row(2, 4, {{CodeSystem::CPT, "99215"}}, "P1", "", 10),
  };
  all[4].slotCodes.emplace_back(CodeSlot::Site, std::make_pair(CodeSystem::SNOMEDCT, "368209003"));
  all[6].startTime = 9 * 3600;
  all[7].startTime = 7 * 3600;
  all[8].slotCodes.emplace_back(CodeSlot::Site, std::make_pair(CodeSystem::SNOMEDCT, "1"));
  StoreBuilder one = withMembersAndProvider();
  for (const EventRow& r : all) one.addEvent(r);
  const MemberStore expected = one.finish();

  StoreBuilder b = withMembersAndProvider();
  EventBatch batch;
  const std::vector<size_t> firsts = {0, 3, 6, 8, all.size()};
  for (size_t k = 0; k + 1 < firsts.size(); ++k) {
    for (size_t i = firsts[k]; i < firsts[k + 1]; ++i) {
      EventRow r = all[i];
      r.line -= static_cast<std::uint32_t>(firsts[k]);  // from the batch's start
      batch.add(r);
    }
    b.addBatch(EventKind::Observation, batch, static_cast<std::int64_t>(firsts[k]));
  }
  CHECK(b.finishTable(EventKind::Observation));  // by member: the columns moved
  const MemberStore got = b.finish();

  REQUIRE(got.codes.size() == expected.codes.size());
  const EventTable& g = got.table(EventKind::Observation);
  CHECK(g.line == std::vector<std::uint32_t>{2, 3, 5, 4, 6, 9, 7, 8, 10});
  REQUIRE(g.hasTimes());
  CHECK(g.startTime == std::vector<Seconds>{kNoTime, kNoTime, kNoTime, kNoTime, kNoTime, 7 * 3600,
                                            kNoTime, 9 * 3600, kNoTime});
  CHECK(g.slots[static_cast<int>(CodeSlot::Site)].codes.size() == 2);
  checkSameTable(g, expected.table(EventKind::Observation));
}

// The coded fields' cells read through the batch (a cell met before costs a
// lookup) check and report as their parsers do, and give the same keys when
// read again. A value read as text, with no code, comes first: a cell kept
// with no key must still be found, and the cells kept after it keep theirs.
TEST_CASE("coded field cells read into keys: the checks and messages of the parsers", "[batch]") {
  EventBatch batch;
  std::map<std::string, std::vector<EventBatch::SlotKey>> firstKeys;  // by reader and cell
  const auto same = [&](const std::string& name, bool ok, bool gotOk, const RowProblem& want,
                        const RowProblem& got, size_t codes,
                        const std::vector<EventBatch::SlotKey>& keys, int round) {
    CHECK(gotOk == ok);
    if (ok) CHECK(keys.size() == codes);
    if (round == 0) firstKeys[name] = keys;
    CHECK(keys == firstKeys[name]);
    CHECK(got.column == want.column);
    CHECK(got.value == want.value);
    CHECK(got.message == want.message);
    CHECK(got.hint == want.hint);
  };
  for (int round = 0; round < 3; ++round) {
    for (const char* cell : {"negative", "negative", "SNOMEDCT:373066001", "positive", "12.5",
                             " 7 ", "LOINC:1234-5", "SNOMEDCT:bad", "12:30", "note: a text",
                             "XYZ:1", "", "Negative", "SNOMEDCT:373066001 "}) {
      INFO("round " << round << ", value '" << cell << "'");
      CodeList codes;
      RowProblem want, got;
      double wantNumber = 0, gotNumber = 0;
      bool wantResult = false, gotResult = false;
      std::vector<EventBatch::SlotKey> keys;
      const bool ok = parseValueCell("value", cell, wantNumber, codes, wantResult, want);
      const bool gotOk = batch.readValue("value", cell, gotNumber, gotResult, keys, got);
      same(std::string("value ") + cell, ok, gotOk, want, got, codes.size(), keys, round);
      if (ok) {
        CHECK(gotResult == wantResult);
        CHECK((std::isnan(gotNumber) ? std::isnan(wantNumber) : gotNumber == wantNumber));
        for (const auto& key : keys) CHECK(key.first == CodeSlot::Value);
      }
    }
    for (const char* cell : {"SNOMEDCT:24028007", "SNOMEDCT:24028007 SNOMEDCT:7771000", "  ", ";",
                             "SNOMEDCT:1,SNOMEDCT:2", "BAD"}) {
      INFO("round " << round << ", body_site '" << cell << "'");
      CodeList codes;
      RowProblem want, got;
      std::vector<EventBatch::SlotKey> keys;
      const bool ok = parseCodeList("body_site", cell, codes, want);
      const bool gotOk = batch.readSlotCodeList(CodeSlot::Site, "body_site", cell, keys, got);
      same(std::string("site ") + cell, ok, gotOk, want, got, codes.size(), keys, round);
      for (const auto& key : keys) CHECK(key.first == CodeSlot::Site);
    }
    for (const char* cell : {"01", " 50", "SNOMEDCT:428361000124107", "1", "XYZ:1", "ab"}) {
      INFO("round " << round << ", discharge_status '" << cell << "'");
      CodeList codes;
      RowProblem want, got;
      std::vector<EventBatch::SlotKey> keys;
      const bool ok = parseDischargeStatus("discharge_status", cell, codes, want);
      const bool gotOk = batch.readDischargeStatus("discharge_status", cell, keys, got);
      same(std::string("discharge ") + cell, ok, gotOk, want, got, codes.size(), keys, round);
      for (const auto& key : keys) CHECK(key.first == CodeSlot::Discharge);
    }
    for (const char* cell : {"order", "REQINTENT:plan", "  ", "wish", "LOINC:1234-5", "a b"}) {
      INFO("round " << round << ", intent '" << cell << "'");
      CodeList codes;
      RowProblem want, got;
      std::vector<EventBatch::SlotKey> keys;
      const bool ok = parseIntent("intent", cell, codes, want);
      const bool gotOk = batch.readIntent("intent", cell, keys, got);
      same(std::string("intent ") + cell, ok, gotOk, want, got, codes.size(), keys, round);
      for (const auto& key : keys) CHECK(key.first == CodeSlot::Intent);
    }
  }
}

// Rows whose coded fields were read into keys give the store of the same
// rows with their coded fields as texts, added one by one: the same ids in
// the same order (codes, then each field, then an order's default intent).
TEST_CASE("coded fields read into keys give the store of coded fields as texts", "[batch]") {
  struct Cells {
    const char* value;
    const char* site;
    const char* intent;
  };
  const std::vector<Cells> cells = {
      {"SNOMEDCT:373066001", "SNOMEDCT:24028007", ""},
      {"negative", "", "plan"},
      {"4.5", "SNOMEDCT:7771000 SNOMEDCT:24028007", ""},
      {"SNOMEDCT:373066001", "", "REQINTENT:order"},
      {"LOINC:4548-4", "SNOMEDCT:7771000", "plan"},
  };
  std::vector<EventRow> asTexts;
  for (size_t i = 0; i < cells.size() * 2; ++i) {
    const Cells& c = cells[i % cells.size()];
    EventRow r = visitWithCodes(static_cast<MemberIndex>(i % 3), static_cast<int>(i), "CPT:99213",
                                static_cast<std::uint32_t>(i + 2));
    r.kind = EventKind::Order;
    RowProblem problem;
    CodeList value, site, intent;
    double number = 0;
    REQUIRE(parseValueCell("value", c.value, number, value, r.hasResult, problem));
    r.value = static_cast<double>(i);  // NaN in a column compares unequal
    if (*c.site != 0) REQUIRE(parseCodeList("body_site", c.site, site, problem));
    REQUIRE(parseIntent("intent", c.intent, intent, problem));
    for (const auto& code : value) r.slotCodes.emplace_back(CodeSlot::Value, code);
    for (const auto& code : site) r.slotCodes.emplace_back(CodeSlot::Site, code);
    for (const auto& code : intent) r.slotCodes.emplace_back(CodeSlot::Intent, code);
    asTexts.push_back(r);
  }
  StoreBuilder one = withMembersAndProvider();
  for (const EventRow& r : asTexts) one.addEvent(r);
  const MemberStore expected = one.finish();

  StoreBuilder b = withMembersAndProvider();
  EventBatch batch;
  for (size_t i = 0; i < asTexts.size(); ++i) {
    const Cells& c = cells[i % cells.size()];
    EventRow r = asTexts[i];
    r.slotCodes.clear();
    RowProblem problem;
    double number = 0;
    bool result = false;
    REQUIRE(batch.readValue("value", c.value, number, result, r.slotKeys, problem));
    CHECK(result == r.hasResult);
    CHECK(std::isnan(number) == (c.value[0] != '4'));
    if (*c.site != 0)
      REQUIRE(batch.readSlotCodeList(CodeSlot::Site, "body_site", c.site, r.slotKeys, problem));
    if (*c.intent != 0) REQUIRE(batch.readIntent("intent", c.intent, r.slotKeys, problem));
    batch.add(r);
  }
  b.addBatch(EventKind::Order, batch, 0);
  const MemberStore got = b.finish();
  REQUIRE(got.codes.size() == expected.codes.size());
  for (CodeId c = 0; c < got.codes.size(); ++c)
    CHECK(got.codes.qualified(c) == expected.codes.qualified(c));
  checkSameTable(got.table(EventKind::Order), expected.table(EventKind::Order));
}

namespace {

// Rows of one member after another, each with its day, time and line.
struct Dated {
  MemberIndex member;
  int day;
  Seconds time;
};

EventRow datedRow(const Dated& d, std::uint32_t line) {
  EventRow r = row(d.member, d.day, {{CodeSystem::CPT, "99213"}}, "P1", "", line);
  r.startTime = d.time;
  return r;
}

// A builder given observations `all` as two batches, rows [0, split) and
// [split, all.size()), each batch's lines counted from its own start as a
// chunk's are. Whether the table's build moved the columns (the rows came
// by member) is checked where `moved`.
StoreBuilder inTwoBatches(const std::vector<EventRow>& all, size_t split, bool moved) {
  StoreBuilder b = withMembersAndProvider();
  EventBatch first, second;
  for (size_t i = 0; i < all.size(); ++i) {
    EventRow r = all[i];
    r.line -= i < split ? 0 : static_cast<std::uint32_t>(split);
    (i < split ? first : second).add(r);
  }
  b.addBatch(EventKind::Observation, first, 0);
  b.addBatch(EventKind::Observation, second, static_cast<std::int64_t>(split));
  if (moved) CHECK(b.finishTable(EventKind::Observation));
  return b;
}

}  // namespace

// A batch notes the runs of one member out of table order as rows come
// (only those are sorted): a run out of order only at its end, one that
// starts out of order and whose rows of one day are put in order by their
// times (not their lines), one in order, and a long run (sorted with
// std::stable_sort) with days repeated. The members come in order, so the table takes
// each run as the batch leaves it.
TEST_CASE("a batch sorts the runs found out of order and only those", "[batch]") {
  std::vector<Dated> dated = {
      {0, 1, kNoTime},  {0, 2, kNoTime}, {0, 5, kNoTime}, {0, 3, kNoTime},  // out of order
      {1, 4, kNoTime},  {1, 2, kNoTime}, {1, 6, kNoTime}, {1, 9, 10 * 3600},
      {1, 9, 9 * 3600}, {1, 9, kNoTime},                                    // the times decide
      {1, 3, kNoTime},  {2, 1, kNoTime}, {2, 1, kNoTime}, {2, 8, kNoTime},  // in order
  };
  for (int i = 0; i < 50; ++i)  // a long run, days out of order and repeated
    dated.push_back({3, (i * 37 + 5) % 23, i % 3 == 0 ? kNoTime : (i % 5) * 3600});
  std::vector<EventRow> all;
  for (size_t i = 0; i < dated.size(); ++i)
    all.push_back(datedRow(dated[i], static_cast<std::uint32_t>(i + 2)));
  StoreBuilder one = withMembersAndProvider();
  for (const EventRow& r : all) one.addEvent(r);
  const MemberStore expected = one.finish();

  for (const size_t split : {size_t{0}, size_t{3}, size_t{11}, all.size()}) {
    INFO("batches of rows [0, " << split << ") and [" << split << ", " << all.size() << ")");
    const MemberStore got = inTwoBatches(all, split, true).finish();
    checkSameTable(got.table(EventKind::Observation), expected.table(EventKind::Observation));
  }
}

namespace {

// The lines of a batch's rows, as they lie.
std::vector<std::uint32_t> linesOf(const EventBatch& batch) {
  std::vector<std::uint32_t> lines;
  for (const PendingEvent& e : batch.rows()) lines.push_back(e.line);
  return lines;
}

}  // namespace

// A batch sorts a member's run in place, in add, as soon as the next
// member's row ends it (finishRows sorts the last one): its rows are then in
// table order as they lie, each still with its own codes, provider and unit.
// Rows of one day and time keep their lines' order, in a short run and in a
// long one (over 32 rows, sorted another way); a run split over two batches
// (a chunk's end) is sorted in each and merged by the table.
TEST_CASE("a batch sorts each member's run in add and its rows keep their codes", "[batch]") {
  const char* providers[] = {"P1", "P2", "P3"};
  const char* units[] = {"", "mg", "mmol/L"};
  std::vector<EventRow> all;
  const auto add = [&](MemberIndex member, int day, Seconds time) {
    const auto i = static_cast<std::uint32_t>(all.size());
    // Providers and units repeated by the row after, or not.
    EventRow r = row(member, day, {{CodeSystem::CPT, std::to_string(99200 + i)}},
                     providers[(i / 3) % 3], units[(i / 2) % 3], i + 2);
    if (i % 4 == 0) r.codes.emplace_back(CodeSystem::ICD10CM, "E11" + std::to_string(i % 5));
    r.startTime = time;
    all.push_back(r);
  };
  // Member 0: out of order, three rows of one day and time (lines 3, 4, 7).
  add(0, 5, kNoTime);
  add(0, 3, 9 * 3600);
  add(0, 3, 9 * 3600);
  add(0, 3, kNoTime);
  add(0, 1, kNoTime);
  add(0, 3, 9 * 3600);
  // Member 1: in order, then a row before the others.
  add(1, 4, kNoTime);
  add(1, 6, kNoTime);
  add(1, 2, kNoTime);
  // Member 2: a long run of five days, each day's rows at one time.
  for (int i = 0; i < 40; ++i) add(2, (i * 3) % 5, 8 * 3600);
  add(3, 0, kNoTime);
  StoreBuilder one = withMembersAndProvider();
  for (const EventRow& r : all) one.addEvent(r);
  const MemberStore expected = one.finish();

  SECTION("one batch: each run in table order as soon as it ends") {
    EventBatch batch;
    for (size_t i = 0; i < 7; ++i) batch.add(all[i]);  // member 1's first row ends member 0's run
    CHECK(linesOf(batch) == std::vector<std::uint32_t>{6, 5, 3, 4, 7, 2, 8});
    for (size_t i = 7; i < all.size(); ++i) batch.add(all[i]);
    const std::vector<std::uint32_t> lines = linesOf(batch);
    CHECK(std::vector<std::uint32_t>(lines.begin() + 6, lines.begin() + 9) ==
          std::vector<std::uint32_t>{10, 8, 9});
    // Member 2's rows by day, each day's in line order.
    std::vector<std::uint32_t> long_(lines.begin() + 9, lines.end() - 1);
    std::vector<std::uint32_t> want;
    for (int day = 0; day < 5; ++day)
      for (std::uint32_t i = 0; i < 40; ++i)
        if (static_cast<int>((i * 3) % 5) == day) want.push_back(i + 11);
    CHECK(long_ == want);
    batch.finishRows();
    CHECK(linesOf(batch) == lines);  // the last run was in order already
    StoreBuilder b = withMembersAndProvider();
    b.addBatch(EventKind::Observation, batch, 0);
    CHECK(b.finishTable(EventKind::Observation));  // by member: the columns moved
    const MemberStore got = b.finish();
    checkSameCodeDictionary(got, expected);
    checkSameTable(got.table(EventKind::Observation), expected.table(EventKind::Observation));
  }
  SECTION("two batches, split within a run") {
    for (const size_t split : {size_t{2}, size_t{4}, size_t{8}, size_t{30}}) {
      INFO("batches of rows [0, " << split << ") and [" << split << ", " << all.size() << ")");
      const MemberStore got = inTwoBatches(all, split, false).finish();
      checkSameCodeDictionary(got, expected);
      checkSameTable(got.table(EventKind::Observation), expected.table(EventKind::Observation));
    }
  }
}
