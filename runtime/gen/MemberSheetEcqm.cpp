// Rows of the eCQM module (EcqmCare.cpp), in the column order of
// gen/DataFiles.h: dates with times of day, the eCQM columns filled, the
// status the module drew. Every draw here is from the eCQM stream.
#include <algorithm>

#include "gen/EcqmCodes.h"
#include "gen/MemberSheet.h"
#include "gen/RowWriter.h"
#include "gen/SheetCells.h"

namespace mc::gen {
namespace {

// An end never before its start (DATA.md: that row would be bad): on the
// start's day with times, the end's time is at least the start's.
Stamp endNotBefore(Stamp start, Stamp end) {
  if (end.day == kNoDate || end.day == kOpenEnd) return end;
  if (end.day < start.day) return start;
  if (end.day == start.day && start.seconds != kNoTime && end.seconds != kNoTime &&
      end.seconds < start.seconds)
    end.seconds = start.seconds;
  return end;
}

}  // namespace

void MemberSheet::ecqmVisit(const EcqmVisitRow& r) {
  if (!inPlan(r.start.day)) return;
  const Stamp end = endNotBefore(r.start, r.end);
  RowWriter w(file(DataFile::Visits));
  memberId(w);
  std::string& claim = w.open();
  claim.push_back('E');
  RowWriter::appendId(claim, "", member.number, 7);
  RowWriter::appendId(claim, "-", ++ecqmClaims_, 3);
  w.dateTime(r.start.day, r.start.seconds).dateTime(end.day, end.seconds).text(r.setting);
  provider(w, r.provider);
  appendCodes(w.open(), r.codes);
  w.empty().text(r.status).text(r.bodySite).text(r.reason).end();
}

void MemberSheet::ecqmObservation(const EcqmObservationRow& r) {
  if (!inPlan(r.start.day)) return;
  const Stamp end = endNotBefore(r.start, r.end);
  RowWriter w(file(DataFile::Observations));
  memberId(w);
  w.dateTime(r.start.day, r.start.seconds).text(r.code).text(r.value).text(r.unit);
  provider(w, r.provider);
  w.text(r.status).dateTime(end.day, end.seconds).text(r.reason).text(r.category);
  w.text(r.setting).end();
}

// The onset may precede enrollment (MemberSheet.h).
void MemberSheet::ecqmCondition(const EcqmConditionRow& r) {
  const Stamp abatement = endNotBefore(r.onset, r.abatement);
  RowWriter w(file(DataFile::Conditions));
  memberId(w);
  w.dateTime(r.onset.day, r.onset.seconds).dateTime(abatement.day, abatement.seconds);
  appendCodes(w.open(), r.codes);
  provider(w, r.provider);
  w.text(r.status).text(r.bodySite).text(r.category).end();
}

void MemberSheet::order(const OrderRow& r) {
  if (!inPlan(r.date.day)) return;
  RowWriter w(out_[static_cast<int>(DataFile::Orders)]);
  memberId(w);
  w.dateTime(r.date.day, r.date.seconds).text(r.code);
  provider(w, r.provider);
  w.text(r.status);
  if (r.end == kUnknownEnd) {
    w.text("unknown");
  } else if (r.end == kNoDate) {
    w.empty();  // the order's day
  } else {
    w.date(std::max(r.end, r.date.day));
  }
  w.text(r.intent).end();
}

// The encounter a blood pressure was taken in: mostly the office, now and
// then an ED visit (which CMS165 leaves out), or unknown.
const char* MemberSheet::readingSetting() {
  const double r = ecqm.uniform();
  return r < 0.85 ? "outpatient" : (r < 0.93 ? "" : "ed");
}

// CMS165 reads the panel's day and, on it, the lowest systolic and diastolic
// readings; the panel carries no value of its own.
void MemberSheet::bloodPressurePanel(Days date, ProviderRef p, const char* setting) {
  ecqmObservation({"final",
                   {date, kNoTime},
                   {kNoDate, kNoTime},
                   ecqm::kBloodPressurePanel,
                   "",
                   "",
                   p,
                   "OBSCAT:vital-signs",
                   setting});
}

}  // namespace mc::gen
