// One generated member while its rows are written: who the member is (birth,
// sex, enrollment, linked PCP, how engaged with care), its random stream, and
// the row writers for every data file. The care modules (CareModules.h) each
// add the events of one area of care to a sheet.
//
// One rule keeps the population the same whatever the compiler: make at most
// one random draw per function argument list. C++ leaves the order in which
// a call's arguments are evaluated to the compiler, so `visit(rng.day(..),
// .., usualPcp())` could draw in either order; draw into locals first.
//
// A plan's claims start with enrollment: the row writers drop an event dated
// outside the member's enrollment (or after death), so a module may place
// events freely around the year. Two kinds of rows are deliberate
// exceptions: a condition's onset (when the disease began, as a problem list
// records it, often before the member joined) and an immunization from the
// state registry (CAIR2 keeps the shots given before the member joined).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "gen/DataFiles.h"
#include "gen/MemberRandom.h"
#include "gen/ProviderNetwork.h"
#include "support/Date.h"

namespace mc::gen {

// The text of one chunk of members, one buffer per data file.
using ChunkText = std::array<std::string, kGenFileCount>;

// The measurement year and the dates the modules place events around.
struct GenPeriod {
  int year = 2022;
  Days start = 0;  // January 1
  Days end = 0;    // December 31
  explicit GenPeriod(int y)
      : year(y), start(daysFromCivil(y, 1, 1)), end(daysFromCivil(y, 12, 31)) {}
  // January 1 of `year + offset`.
  Days jan1(int offset) const { return daysFromCivil(year + offset, 1, 1); }
  Days on(int offset, int month, int day) const { return daysFromCivil(year + offset, month, day); }
};

struct GenContext {
  std::uint64_t seed = 1;
  std::uint64_t members = 0;
  GenPeriod period{2022};
  ProviderNetwork network{0};
  bool edge = false;  // the edge-heavy profile (PopulationOptions::edge)
};

// An enrollment span; end kOpenEnd when still enrolled.
struct Span {
  Days start = 0;
  Days end = kOpenEnd;
  ProviderRef pcp;
};

struct Member {
  std::uint64_t number = 0;  // 1-based; the id is M + 7 digits
  Days birth = 0;
  char sex = 'F';
  int age = 0;  // whole years on December 31 of the measurement year
  Days death = kNoDate;
  std::array<Span, 4> spans{};
  int spanCount = 0;
  ProviderRef pcp;  // linked PCP at the end of the year (may be invalid: none)
  ProviderRef pharmacy;
  // members.csv ethnicity: "hispanic", "not-hispanic" or "unknown".
  const char* ethnicity = "unknown";
  bool hispanic() const { return ethnicity[0] == 'h'; }
  // How reliably the member (or the family) gets recommended care, 0..1.
  double engagement = 0.5;
  // Set by chronicCare: the eCQM module adds a diabetic's glucose management
  // indicator and a hypertensive's kidney disease or pregnancy (no draw is
  // made to set them).
  bool diabetes = false;
  bool hypertension = false;

  bool enrolledOn(Days d) const {
    for (int i = 0; i < spanCount; ++i)
      if (spans[i].start <= d && d <= spans[i].end) return true;
    return false;
  }
  // Born and not yet dead on `d`.
  bool alive(Days d) const { return d >= birth && (death == kNoDate || d <= death); }
  Days firstEnrolled() const { return spans[0].start; }
  Days lastEnrolled() const {
    const Days e = spans[spanCount - 1].end;
    return death != kNoDate && death < e ? death : e;
  }
};

// The codes of one row: a few string literals, no allocation.
class CodeList {
 public:
  CodeList(std::initializer_list<std::string_view> codes) {
    for (const std::string_view c : codes) add(c);
  }
  void add(std::string_view code) {
    if (size_ < codes_.size()) codes_[size_++] = code;
  }
  const std::string_view* begin() const { return codes_.data(); }
  const std::string_view* end() const { return codes_.data() + size_; }

 private:
  std::array<std::string_view, 8> codes_{};
  size_t size_ = 0;
};
using Codes = const CodeList&;

// A date cell of an eCQM row: the day and, when `seconds` is not kNoTime,
// the time of day (`2022-03-10T09:30:00`). The day is written as is: a time
// never moves it.
inline constexpr int kNoTime = -1;
struct Stamp {
  Days day = kNoDate;
  int seconds = kNoTime;
};
// orders.csv end_date `unknown`: a medication order whose period has no end.
inline constexpr Days kUnknownEnd = kNoDate + 1;

// The cells of one eCQM row. Callers write them as a braced list, whose
// elements C++ evaluates in order (unlike a call's arguments): a row may
// draw several of its cells from the eCQM stream in one expression and
// still be the same bytes with any compiler (the rule above).
struct EcqmVisitRow {
  const char* status;
  Stamp start;
  Stamp end;  // {kNoDate}: ends when it starts
  const char* setting;
  ProviderRef provider;
  CodeList codes;
  std::string_view bodySite = "";
  std::string_view reason = "";
};
struct EcqmObservationRow {
  const char* status;
  Stamp start;
  Stamp end;  // {kNoDate}: a point in time
  std::string_view code;
  std::string_view value;  // written as given (a number, a code, text); empty: none
  const char* unit;
  ProviderRef provider;
  std::string_view category;
  const char* setting;
  std::string_view reason = "";
};
struct EcqmConditionRow {
  const char* status;
  Stamp onset;
  Stamp abatement;  // {kNoDate}: still active
  CodeList codes;
  ProviderRef provider;
  std::string_view category;
  std::string_view bodySite = "";
};
struct OrderRow {
  const char* status;
  Stamp date;
  std::string_view code;
  ProviderRef provider;
  Days end = kNoDate;       // kNoDate (the order's day), kUnknownEnd or a day
  const char* intent = "";  // a FHIR request intent; empty: an order (docs/data.md)
};

class MemberSheet {
 public:
  MemberSheet(const GenContext& ctx, std::uint64_t number, ChunkText& out)
      : ctx(ctx),
        period(ctx.period),
        rng(ctx.seed, number),
        ecqm(ctx.seed ^ kEcqmStream, number),
        out_(out) {
    member.number = number;
  }

  const GenContext& ctx;
  const GenPeriod& period;
  MemberRandom rng;
  // The eCQM side's own stream (EcqmCare.cpp, and the eCQM cells of the other
  // modules' rows): its draws never move `rng`, so the events every other
  // measure reads are the same bytes as before the eCQM side was written.
  MemberRandom ecqm;
  Member member;

  // --- providers ------------------------------------------------------------
  ProviderRef any(ProviderRole role) { return {role, rng.below(ctx.network.count(role)), true}; }
  // The linked PCP most of the time, else another office (a visit elsewhere).
  ProviderRef usualPcp(double share = 0.9) {
    return member.pcp.valid && rng.chance(share) ? member.pcp : any(ProviderRole::Pcp);
  }

  // Enrolled and alive on `d`: the plan has claims for that day.
  bool inPlan(Days d) const { return member.enrolledOn(d) && member.alive(d); }

  // --- statuses ---------------------------------------------------------------
  // Mostly empty (completed); a few percent cancelled, entered in error or not
  // done, which the default status convention does not count.
  const char* status();

  // --- rows -------------------------------------------------------------------
  void visit(Days date, const char* setting, ProviderRef provider, Codes codes, Days end = kNoDate,
             const char* dischargeStatus = "");
  // A visit whose status is fixed (e.g. always counted).
  void visitWithStatus(const char* status, Days date, const char* setting, ProviderRef provider,
                       Codes codes, Days end = kNoDate, const char* dischargeStatus = "");
  // `drug` is "RXNORM:123" or "NDC:12345-678-90".
  void fill(Days date, std::string_view drug, int daysSupply, int quantity, bool generic,
            ProviderRef prescriber);
  // `setting`: that of the encounter the reading was taken in (empty: unknown).
  void observation(Days date, std::string_view code, long long valueTenths, const char* unit,
                   ProviderRef provider, const char* setting = "");
  void observationText(Days date, std::string_view code, std::string_view value,
                       ProviderRef provider);
  void condition(Days onset, Days abatement, Codes codes, ProviderRef provider);
  void immunization(Days date, std::string_view code, ProviderRef provider);
  void supplemental(Days date, Codes codes, ProviderRef provider, std::string_view value = "");
  void referral(Days date, ProviderRef from, ProviderRef to, const char* specialty);

  // --- eCQM rows (MemberSheetEcqm.cpp) -----------------------------------------
  // Rows of the eCQM module: the status is the caller's (drawn from `ecqm`),
  // dates may carry times, and the eCQM columns are filled (EcqmRows below).
  // Visits take claim ids of their own (E...), so the other visits keep
  // theirs.
  void ecqmVisit(const EcqmVisitRow& row);
  void ecqmObservation(const EcqmObservationRow& row);
  // The onset may precede enrollment, as for condition().
  void ecqmCondition(const EcqmConditionRow& row);
  // orders.csv.
  void order(const OrderRow& row);
  // A blood pressure panel (LOINC 85354-9) beside the readings of a visit,
  // in the setting of the readings (readingSetting, from the eCQM stream).
  void bloodPressurePanel(Days date, ProviderRef provider, const char* setting);
  const char* readingSetting();

  // members.csv and enrollment.csv, from `member`.
  void writeMember(const char* race, const char* language, const char* county);

 private:
  // The pharmacy that dispenses a fill on `d`: mostly the member's own; if
  // that store is not open on `d`, the next open regular store.
  ProviderRef dispensingPharmacy(Days d);
  void memberId(class RowWriter& w) const;
  void claimId(class RowWriter& w, char prefix);

  std::string& file(DataFile f) { return out_[static_cast<int>(f)]; }
  // The category of a condition the other modules write (the eCQM stream).
  const char* conditionCategory();

  static constexpr std::uint64_t kEcqmStream = 0x6543514D2D736964ull;
  ChunkText& out_;
  std::uint32_t claims_ = 0;
  std::uint32_t ecqmClaims_ = 0;
};

}  // namespace mc::gen
