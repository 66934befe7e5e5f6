// The eCQM side's exclusions (EcqmCare.cpp): CMS165's kidney disease and
// pregnancy, the shared ones (hospice, palliative care, frailty with advanced
// illness or dementia medications, a nursing home) and CMS117's.
#include <string>

#include "gen/EcqmCodes.h"
#include "gen/EcqmDraws.h"

namespace mc::gen {

using namespace ecqm;

// CMS165: kidney disease, dialysis and pregnancy among hypertensive members.
void bloodPressureExclusions(MemberSheet& s, EcqmDraws& d) {
  const Member& m = s.member;
  const GenPeriod& p = s.period;
  if (!m.hypertension) return;
  const ProviderRef pcp = d.pcp();
  if (d.chance(0.02)) {
    const Stamp onset{d.day(p.jan1(-5), p.end), kNoTime};
    s.ecqmCondition({"",
                     onset,
                     {kNoDate, kNoTime},
                     {d.rng().pick(kEndStageRenalDisease)},
                     pcp,
                     d.conditionCategory()});
    if (d.rng().chance(0.5)) {
      const Stamp at{d.day(p.start - 1, p.end), d.clock()};
      s.ecqmVisit({d.encounterStatus(),
                   at,
                   endOfVisit(d, at),
                   "outpatient",
                   d.any(ProviderRole::Hospital),
                   {d.rng().pick(kDialysis)}});
    }
  }
  if (m.sex == 'F' && m.age < 45 && d.chance(0.04)) {
    const Stamp onset{d.day(p.on(-1, 6, 1), p.end), kNoTime};
    s.ecqmCondition({"",
                     onset,
                     {onset.day + 270, kNoTime},
                     {d.rng().pick(kPregnancy)},
                     pcp,
                     d.conditionCategory()});
  }
}

// The exclusions the eCQMs share: hospice and palliative care (any age),
// frailty with advanced illness or dementia medications, a nursing home
// (66 and older).
void sharedExclusions(MemberSheet& s, EcqmDraws& d) {
  const Member& m = s.member;
  const GenPeriod& p = s.period;
  const ProviderRef pcp = d.pcp();
  const double older = m.age >= 66 ? 1.0 : 0.25;
  if (d.chance(0.012 * older)) {
    const Stamp at{d.day(p.start - 1, p.end), d.clock()};
    switch (d.rng().below(4)) {
      case 0:
        // Not setting hospice: the HEDIS exclusions read that setting.
        s.ecqmVisit({d.encounterStatus(),
                     at,
                     endOfVisit(d, at),
                     "outpatient",
                     pcp,
                     {d.rng().pick(kHospiceEncounter)}});
        break;
      case 1:
        s.order({d.orderStatus(), at, d.rng().pick(kHospiceCareAmbulatory), pcp, kNoDate,
                 d.orderIntent()});
        break;
      case 2:
        s.ecqmObservation({d.resultStatus(),
                           at,
                           {kNoDate, kNoTime},
                           kHospiceCareMds,
                           kYes,
                           "",
                           pcp,
                           "OBSCAT:survey",
                           ""});
        break;
      default:
        s.ecqmCondition({"",
                         at,
                         {kNoDate, kNoTime},
                         {d.rng().pick(kHospiceDiagnosis)},
                         pcp,
                         d.conditionCategory()});
    }
  }
  if (d.chance(0.015 * older)) {
    const Stamp at{d.day(p.start - 1, p.end), d.clock()};
    switch (d.rng().below(4)) {
      case 0:
        s.ecqmObservation({d.resultStatus(),
                           at,
                           {kNoDate, kNoTime},
                           kFacitPal,
                           "",
                           "",
                           pcp,
                           "OBSCAT:survey",
                           ""});
        break;
      case 1:
        s.ecqmCondition({"",
                         at,
                         {kNoDate, kNoTime},
                         {d.rng().pick(kPalliativeDiagnosis)},
                         pcp,
                         d.conditionCategory()});
        break;
      case 2:
        s.ecqmVisit({d.encounterStatus(),
                     at,
                     endOfVisit(d, at),
                     "outpatient",
                     pcp,
                     {d.rng().pick(kPalliativeEncounter)}});
        break;
      default:
        s.ecqmVisit(
            {d.procedureStatus(), at, at, "other", pcp, {d.rng().pick(kPalliativeIntervention)}});
    }
  }
  if (m.age < 66) return;
  if (d.chance(0.25)) {
    const Stamp at{d.day(p.start - 1, p.end), d.clock()};
    switch (d.rng().below(4)) {
      case 0:
        s.order({d.orderStatus(), at, d.rng().pick(kFrailtyDevice), pcp, kNoDate, d.orderIntent()});
        break;
      case 1:
        s.ecqmObservation({d.resultStatus(),
                           at,
                           {kNoDate, kNoTime},
                           kMedicalEquipmentUsed,
                           d.rng().pick(kFrailtyDevice),
                           "",
                           pcp,
                           "OBSCAT:survey",
                           ""});
        break;
      case 2:
        s.ecqmCondition({"",
                         at,
                         {kNoDate, kNoTime},
                         {d.rng().pick(kFrailtyDiagnosis)},
                         pcp,
                         d.conditionCategory()});
        break;
      default:
        s.ecqmObservation({d.resultStatus(),
                           at,
                           {kNoDate, kNoTime},
                           d.rng().pick(kFrailtySymptom),
                           "",
                           "",
                           pcp,
                           "",
                           ""});
    }
    if (d.rng().chance(0.45)) {
      const Stamp onset{d.day(p.jan1(-1) - 1, p.end), kNoTime};
      s.ecqmCondition({"",
                       onset,
                       {kNoDate, kNoTime},
                       {d.rng().pick(kAdvancedIllness)},
                       pcp,
                       d.conditionCategory()});
    } else if (d.rng().chance(0.3)) {
      // A dementia medication order: its period 90 days, or no known end.
      const Stamp ordered{d.day(p.jan1(-1) - 60, p.end), d.clock()};
      const Days until = d.rng().chance(0.25) ? kUnknownEnd : ordered.day + 89;
      s.order({d.orderStatus(), ordered, d.rng().pick(kDementiaMedication), pcp, until,
               d.orderIntent()});
    }
  }
  if (d.chance(0.04)) {
    // Living in a nursing home, unless a later housing answer says otherwise.
    const Days day = d.day(p.jan1(-2), p.end);
    s.ecqmObservation({d.resultStatus(),
                       {day, d.clock()},
                       {kNoDate, kNoTime},
                       kHousingStatus,
                       kLivesInNursingHome,
                       "",
                       pcp,
                       "OBSCAT:survey",
                       ""});
    if (d.rng().chance(0.25) && day < p.end) {
      const Days later = d.day(day + 1, p.end);
      s.ecqmObservation({d.resultStatus(),
                         {later, d.clock()},
                         {kNoDate, kNoTime},
                         kHousingStatus,
                         "home",
                         "",
                         pcp,
                         "OBSCAT:survey",
                         ""});
    }
  }
}

// CMS117: a two-year-old's immunodeficiency, HIV or intussusception.
void childExclusions(MemberSheet& s, EcqmDraws& d) {
  const Member& m = s.member;
  if (m.age != 2 || !d.chance(0.015)) return;
  const Stamp onset{d.day(m.birth, m.birth + 700), kNoTime};
  const CodeList codes{
      d.rng().pick({kSevereCombinedImmunodeficiency[0], kHiv[0], kIntussusception[0]})};
  s.ecqmCondition({"", onset, {kNoDate, kNoTime}, codes, d.pcp(), d.conditionCategory()});
}

}  // namespace mc::gen
