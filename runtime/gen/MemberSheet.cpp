// Rows of one generated member, in the column order of DataFiles.h.
#include "gen/MemberSheet.h"

#include "gen/RowWriter.h"
#include "gen/SheetCells.h"

namespace mc::gen {
namespace {

// The FHIR category of the observations the other modules write, from the
// code alone (no draw): the eCQMs read laboratory tests by it (QI-Core's
// Status.isLaboratoryTestPerformed); vital signs and survey instruments
// carry theirs as FHIR records them.
std::string_view observationCategory(std::string_view code) {
  if (code == "LOINC:8480-6" || code == "LOINC:8462-4") return "OBSCAT:vital-signs";
  if (code == "LOINC:75626-2" || code == "LOINC:75624-7" || code == "LOINC:88037-7" ||
      code == "LOINC:75889-6")
    return "OBSCAT:survey";
  return "OBSCAT:laboratory";  // HbA1c, cervical cytology, blood lead
}

}  // namespace

const char* MemberSheet::status() {
  const double r = rng.uniform();
  if (r < 0.020) return "cancelled";
  if (r < 0.027) return "entered-in-error";
  if (r < 0.032) return "not-done";
  if (r < 0.080) return "completed";
  if (r < 0.095) return "final";
  if (r < 0.100) return "amended";
  return "";
}

void MemberSheet::memberId(RowWriter& w) const { w.id("M", member.number, 7); }

void MemberSheet::claimId(RowWriter& w, char prefix) {
  std::string& out = w.open();
  out.push_back(prefix);
  RowWriter::appendId(out, "", member.number, 7);
  RowWriter::appendId(out, "-", ++claims_, 3);
}

void MemberSheet::visit(Days date, const char* setting, ProviderRef p, Codes codes, Days end,
                        const char* dischargeStatus) {
  if (!inPlan(date)) return;
  visitWithStatus(status(), date, setting, p, codes, end, dischargeStatus);
}

void MemberSheet::visitWithStatus(const char* st, Days date, const char* setting, ProviderRef p,
                                  Codes codes, Days end, const char* dischargeStatus) {
  if (!inPlan(date)) return;
  RowWriter w(file(DataFile::Visits));
  memberId(w);
  claimId(w, 'C');
  w.date(date).date(end).text(setting);
  provider(w, p);
  appendCodes(w.open(), codes);
  w.text(dischargeStatus).text(st);
  w.empty().empty().end();  // body_site, reason: the eCQM rows' (MemberSheetEcqm.cpp)
}

ProviderRef MemberSheet::dispensingPharmacy(Days d) {
  ProviderRef pharmacy = member.pharmacy;
  if (!pharmacy.valid || rng.chance(0.08)) pharmacy = any(ProviderRole::Pharmacy);
  const std::uint32_t count = ctx.network.count(ProviderRole::Pharmacy);
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint32_t i = (pharmacy.index + k) % count;
    if (ProviderNetwork::pharmacyOpen(i, period.year, d) &&
        (k == 0 || !ProviderNetwork::smallPharmacy(i)))
      return {ProviderRole::Pharmacy, i, true};
  }
  return pharmacy;
}

void MemberSheet::fill(Days date, std::string_view drug, int daysSupply, int quantity, bool generic,
                       ProviderRef prescriber) {
  if (!inPlan(date)) return;
  RowWriter w(file(DataFile::Pharmacy));
  memberId(w);
  claimId(w, 'P');
  w.date(date);
  const size_t colon = drug.find(':');
  const std::string_view system = drug.substr(0, colon);
  const std::string_view code = drug.substr(colon + 1);
  if (system == "NDC") {
    w.text(code).empty();
  } else {
    w.empty().text(code);
  }
  w.number(daysSupply).number(quantity).text(generic ? "Y" : "N");
  provider(w, dispensingPharmacy(date));
  provider(w, prescriber);
  w.text(status()).end();
}

void MemberSheet::observation(Days date, std::string_view code, long long valueTenths,
                              const char* unit, ProviderRef p, const char* setting) {
  if (!inPlan(date)) return;
  RowWriter w(file(DataFile::Observations));
  memberId(w);
  w.date(date).text(code).tenths(valueTenths).text(unit);
  provider(w, p);
  w.text(status());
  // end_date, reason (a point in time, done), category, setting
  w.empty().empty().text(observationCategory(code)).text(setting).end();
}

void MemberSheet::observationText(Days date, std::string_view code, std::string_view value,
                                  ProviderRef p) {
  if (!inPlan(date)) return;
  RowWriter w(file(DataFile::Observations));
  memberId(w);
  w.date(date).text(code).text(value).empty();
  provider(w, p);
  w.text(status());
  w.empty().empty().text(observationCategory(code)).empty().end();
}

// The onset of a condition may precede enrollment (MemberSheet.h).
void MemberSheet::condition(Days onset, Days abatement, Codes codes, ProviderRef p) {
  RowWriter w(file(DataFile::Conditions));
  memberId(w);
  w.date(onset).date(abatement);
  appendCodes(w.open(), codes);
  provider(w, p);
  w.text(status());
  w.empty().text(conditionCategory()).end();  // body_site, category
}

const char* MemberSheet::conditionCategory() {
  const double r = ecqm.uniform();
  if (r < 0.60) return "CONDCAT:problem-list-item";
  if (r < 0.85) return "CONDCAT:encounter-diagnosis";
  if (r < 0.90) return "CONDCAT:problem-list-item;USCORECAT:health-concern";
  return "";
}

void MemberSheet::immunization(Days date, std::string_view code, ProviderRef p) {
  const double r = rng.uniform();
  // A late registry joiner's shot before July 15 is a claim instead (and,
  // before the member joined the plan, no row at all); the draw is the same.
  const bool lateJoiner = p.valid && p.role == ProviderRole::Pcp &&
                          ProviderNetwork::registryFromJuly(p.index) && date < period.on(0, 7, 15);
  const bool registry = r < 0.70 && !lateJoiner;
  if (!registry && !inPlan(date)) return;  // the registry keeps shots from before enrollment
  if (!member.alive(date)) return;
  RowWriter w(file(DataFile::Immunizations));
  memberId(w);
  w.date(date).text(code);
  provider(w, p);
  w.text(registry ? "registry" : (r < 0.90 ? "claim" : "ehr"));
  w.text(status()).end();
}

void MemberSheet::supplemental(Days date, Codes codes, ProviderRef p, std::string_view value) {
  if (!inPlan(date)) return;
  RowWriter w(file(DataFile::Supplemental));
  memberId(w);
  w.date(date);
  appendCodes(w.open(), codes);
  provider(w, p);
  w.text(value).text(status()).end();
}

void MemberSheet::referral(Days date, ProviderRef from, ProviderRef to, const char* specialty) {
  if (!inPlan(date)) return;
  RowWriter w(file(DataFile::Referrals));
  memberId(w);
  claimId(w, 'R');
  w.date(date);
  provider(w, from);
  provider(w, to);
  w.text(specialty).text(status()).end();
}

void MemberSheet::writeMember(const char* race, const char* language, const char* county) {
  {
    RowWriter w(file(DataFile::Members));
    memberId(w);
    w.date(member.birth).text(std::string_view(&member.sex, 1)).text(race);
    w.text(member.ethnicity).text(language).text(county);
    w.date(member.death).end();
  }
  for (int i = 0; i < member.spanCount; ++i) {
    RowWriter w(file(DataFile::Enrollment));
    memberId(w);
    w.date(member.spans[i].start).date(member.spans[i].end);
    provider(w, member.spans[i].pcp);
    w.text("MEDI-CAL").text(member.age < 19 ? "MEDI-CAL-KIDS" : "MEDI-CAL-ADULT").end();
  }
}

}  // namespace mc::gen
