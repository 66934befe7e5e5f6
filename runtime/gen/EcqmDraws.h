// The draws of the eCQM side of gen (EcqmCare.cpp and its parts): every one
// from the member's eCQM stream (MemberSheet::ecqm), shaped by the profile
// (GenContext::edge), and the parts of the module, each one measure's
// events or one kind of exclusion.
#pragma once

#include <algorithm>

#include "gen/MemberSheet.h"

namespace mc::gen {

inline constexpr int kDay = 24 * 3600;

// The eCQM side's draws: times, days, statuses and categories, wider spread
// in the edge profile.
class EcqmDraws {
 public:
  explicit EcqmDraws(MemberSheet& s) : s_(s), r_(s.ecqm), edge_(s.ctx.edge) {}

  MemberRandom& rng() { return r_; }
  bool edge() const { return edge_; }
  // Providers as MemberSheet draws them, from this stream.
  ProviderRef any(ProviderRole role) { return {role, r_.below(s_.ctx.network.count(role)), true}; }
  // The member's PCP most of the time; in the edge profile now and then
  // none (an empty provider_id).
  ProviderRef pcp() {
    if (edge_ && r_.chance(0.1)) return {};
    return s_.member.pcp.valid && r_.chance(0.9) ? s_.member.pcp : any(ProviderRole::Pcp);
  }
  // A share of members: in the edge profile about three times as many.
  bool chance(double p) { return r_.chance(edge_ ? std::min(0.9, p * 3 + 0.05) : p); }

  // A time of day in office hours (seconds); in the edge profile often
  // midnight or the last second of the day, sometimes none.
  int clock() {
    const double u = r_.uniform();
    if (edge_) {
      if (u < 0.25) return 0;
      if (u < 0.50) return kDay - 1;
      if (u < 0.65) return kNoTime;
    } else if (u < 0.08) {
      return kNoTime;
    }
    return r_.between(7 * 60, 18 * 60) * 60 + (edge_ ? r_.between(0, 59) : 0);
  }
  // A day in [lo, hi]; in the edge profile half the time one of the ends,
  // the day after `lo` or the day after `hi`. Callers whose window starts on
  // a boundary give `lo` as the day before it: the edge profile then writes
  // the day before the window, its first day, its last and the day after.
  Days day(Days lo, Days hi) {
    if (edge_) {
      const double u = r_.uniform();
      if (u < 0.15) return lo;
      if (u < 0.30) return hi;
      if (u < 0.40) return lo + 1;
      if (u < 0.50) return hi + 1;
    }
    return r_.day(lo, hi);
  }
  // An encounter's status (QI-Core Encounter.status): mostly finished.
  const char* encounterStatus() {
    static constexpr const char* kOdd[] = {"in-progress", "arrived", "cancelled",
                                           "planned",     "",        "entered-in-error"};
    return r_.chance(edge_ ? 0.45 : 0.08) ? r_.pick(kOdd) : "finished";
  }
  // An observation's or procedure's status: mostly final.
  const char* resultStatus() {
    static constexpr const char* kOdd[] = {"amended", "preliminary", "cancelled",
                                           "",        "corrected",   "entered-in-error"};
    return r_.chance(edge_ ? 0.45 : 0.08) ? r_.pick(kOdd) : "final";
  }
  // A procedure's status (a visits.csv row with setting other, a vaccine
  // given): mostly completed.
  const char* procedureStatus() {
    static constexpr const char* kOdd[] = {"in-progress", "not-done",        "stopped", "",
                                           "on-hold",     "entered-in-error"};
    return r_.chance(edge_ ? 0.45 : 0.05) ? r_.pick(kOdd) : "completed";
  }
  // An order's status: mostly active.
  const char* orderStatus() {
    static constexpr const char* kOdd[] = {"completed", "on-hold",  "cancelled",
                                           "draft",     "not-done", ""};
    return r_.chance(edge_ ? 0.45 : 0.15) ? r_.pick(kOdd) : "active";
  }
  // An order's intent: mostly unstated (an order) or `order`; now and then a
  // plan or a proposal, which the Status functions' `intent = 'order'` (and
  // so `with intent REQINTENT{order}`) leave out but CMS2's referrals count.
  const char* orderIntent() {
    static constexpr const char* kOdd[] = {"plan", "proposal", "original-order",
                                           "REQINTENT:filler-order"};
    const double u = r_.uniform();
    if (u < (edge_ ? 0.3 : 0.1)) return r_.pick(kOdd);
    return u < 0.55 ? "" : "order";
  }
  // A condition's category: a problem-list entry most of the time.
  const char* conditionCategory() {
    const double u = r_.uniform();
    if (u < (edge_ ? 0.4 : 0.7)) return "CONDCAT:problem-list-item";
    if (u < (edge_ ? 0.6 : 0.85)) return "CONDCAT:encounter-diagnosis";
    if (u < (edge_ ? 0.8 : 0.95)) return "CONDCAT:problem-list-item;USCORECAT:health-concern";
    return "";
  }

 private:
  MemberSheet& s_;
  MemberRandom& r_;
  bool edge_;
};

// An end on the start's day some minutes later (a visit's length); in the
// edge profile often the start itself, none, or the last second of the day.
inline Stamp endOfVisit(EcqmDraws& d, Stamp start) {
  if (start.seconds == kNoTime) return {kNoDate, kNoTime};
  if (d.edge()) {
    const double u = d.rng().uniform();
    if (u < 0.2) return start;
    if (u < 0.35) return {kNoDate, kNoTime};
    if (u < 0.5) return {start.day, kDay - 1};
  }
  const int end = std::min(kDay - 1, start.seconds + d.rng().between(10, 60) * 60);
  return {start.day, end};
}

// CMS125, CMS124, CMS130, CMS122 (EcqmScreenings.cpp).
void breastCancerScreening(MemberSheet& s, EcqmDraws& d);
void cervicalScreeningExclusion(MemberSheet& s, EcqmDraws& d);
void colorectalScreening(MemberSheet& s, EcqmDraws& d);
void glucoseManagementIndicator(MemberSheet& s, EcqmDraws& d);
// CMS165's, the shared ones, CMS117's (EcqmExclusions.cpp).
void bloodPressureExclusions(MemberSheet& s, EcqmDraws& d);
void sharedExclusions(MemberSheet& s, EcqmDraws& d);
void childExclusions(MemberSheet& s, EcqmDraws& d);
// CMS117: the clinic's vaccine records (EcqmVaccines.cpp).
void vaccineRecords(MemberSheet& s, EcqmDraws& d);

}  // namespace mc::gen
