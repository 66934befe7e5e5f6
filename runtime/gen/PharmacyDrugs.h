// The drugs `measurec gen` dispenses for the pharmacy quality measures (PQA
// classes, seed 004) and the chronic-care measures: one table, every row a
// real RxNorm clinical drug (SCD) or branded drug (SBD) that is a member of
// its class. Names and term types are NLM RxNorm's, as published in
// ssmithm/rxnorm-drug-lists (RxNorm-derived class lists, UF) and in the
// project's own code files (the asthma inhalers, montelukast). Measure
// writers put these codes in their code files so that generated fills count.
//
// The `generic` flag of a fill follows the term type: an SBD names a brand
// product (a brand fill, `generic` N), an SCD the clinical drug (a generic
// fill, Y), so GDR sees the same flag for a code on every row.
#pragma once

#include <cstdint>

#include "gen/MemberRandom.h"

namespace mc::gen {

enum class DrugClass : std::uint8_t {
  Biguanide,                   // PQA PDC diabetes roll-up, SUPD
  Sulfonylurea,                // "
  Thiazolidinedione,           // "
  Dpp4Inhibitor,               // "
  AceInhibitor,                // PQA PDC RAS antagonists
  AngiotensinReceptorBlocker,  // "
  DirectReninInhibitor,        // "
  Statin,                      // PQA PDC statins, SUPD
  ShortActingBeta2Agonist,     // PQA asthma (SAC, ACT), AMR relievers
  AsthmaController,            // PQA asthma controllers, AMR controllers
  OtherAntihypertensive,       // in no PQA class (a hypertensive not on a RAS antagonist)
};

struct PharmacyDrug {
  const char* code;  // "RXNORM:861007"
  DrugClass drugClass;
  bool generic;  // SCD: true; SBD: false
  // The `quantity` of a 30-day fill: tablets, or canisters for an inhaler
  // (MEASURES.md: one canister is one unit).
  int unitsPer30Days = 30;
};

// clang-format off
inline constexpr PharmacyDrug kPharmacyDrugs[] = {
    // Biguanides
    {"RXNORM:861007",  DrugClass::Biguanide, true},   // metformin hydrochloride 500 MG Oral Tablet (SCD)
    {"RXNORM:861004",  DrugClass::Biguanide, true},   // metformin hydrochloride 1000 MG Oral Tablet (SCD)
    {"RXNORM:860975",  DrugClass::Biguanide, true},   // 24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet (SCD)
    {"RXNORM:861008",  DrugClass::Biguanide, false},  // metformin hydrochloride 500 MG Oral Tablet [Glucophage] (SBD)
    // Sulfonylureas
    {"RXNORM:310490",  DrugClass::Sulfonylurea, true},   // glipizide 5 MG Oral Tablet (SCD)
    {"RXNORM:310488",  DrugClass::Sulfonylurea, true},   // glipizide 10 MG Oral Tablet (SCD)
    {"RXNORM:199246",  DrugClass::Sulfonylurea, true},   // glimepiride 2 MG Oral Tablet (SCD)
    {"RXNORM:153591",  DrugClass::Sulfonylurea, false},  // glimepiride 2 MG Oral Tablet [Amaryl] (SBD)
    {"RXNORM:205828",  DrugClass::Sulfonylurea, false},  // glipizide 5 MG Oral Tablet [Glucotrol] (SBD)
    // Thiazolidinediones
    {"RXNORM:312440",  DrugClass::Thiazolidinedione, true},   // pioglitazone 30 MG Oral Tablet (SCD)
    {"RXNORM:317573",  DrugClass::Thiazolidinedione, true},   // pioglitazone 15 MG Oral Tablet (SCD)
    {"RXNORM:261267",  DrugClass::Thiazolidinedione, false},  // pioglitazone 30 MG Oral Tablet [Actos] (SBD)
    // DPP-4 inhibitors
    {"RXNORM:665033",  DrugClass::Dpp4Inhibitor, true},   // sitagliptin 100 MG Oral Tablet (SCD)
    {"RXNORM:665036",  DrugClass::Dpp4Inhibitor, false},  // sitagliptin 100 MG Oral Tablet [Januvia] (SBD)
    {"RXNORM:1100706", DrugClass::Dpp4Inhibitor, false},  // linagliptin 5 MG Oral Tablet [Tradjenta] (SBD)
    // ACE inhibitors
    {"RXNORM:314076",  DrugClass::AceInhibitor, true},   // lisinopril 10 MG Oral Tablet (SCD)
    {"RXNORM:314077",  DrugClass::AceInhibitor, true},   // lisinopril 20 MG Oral Tablet (SCD)
    {"RXNORM:858817",  DrugClass::AceInhibitor, true},   // enalapril maleate 10 MG Oral Tablet (SCD)
    {"RXNORM:898687",  DrugClass::AceInhibitor, true},   // benazepril hydrochloride 10 MG Oral Tablet (SCD)
    {"RXNORM:317173",  DrugClass::AceInhibitor, true},   // captopril 25 MG Oral Tablet (SCD)
    {"RXNORM:104377",  DrugClass::AceInhibitor, false},  // lisinopril 10 MG Oral Tablet [Zestril] (SBD)
    // Angiotensin II receptor blockers
    {"RXNORM:979492",  DrugClass::AngiotensinReceptorBlocker, true},   // losartan potassium 50 MG Oral Tablet (SCD)
    {"RXNORM:979485",  DrugClass::AngiotensinReceptorBlocker, true},   // losartan potassium 25 MG Oral Tablet (SCD)
    {"RXNORM:349201",  DrugClass::AngiotensinReceptorBlocker, true},   // valsartan 160 MG Oral Tablet (SCD)
    {"RXNORM:349401",  DrugClass::AngiotensinReceptorBlocker, true},   // olmesartan medoxomil 20 MG Oral Tablet (SCD)
    {"RXNORM:979494",  DrugClass::AngiotensinReceptorBlocker, false},  // losartan potassium 50 MG Oral Tablet [Cozaar] (SBD)
    {"RXNORM:351762",  DrugClass::AngiotensinReceptorBlocker, false},  // valsartan 160 MG Oral Tablet [Diovan] (SBD)
    {"RXNORM:352200",  DrugClass::AngiotensinReceptorBlocker, false},  // olmesartan medoxomil 20 MG Oral Tablet [Benicar] (SBD)
    // Direct renin inhibitors
    {"RXNORM:1011736", DrugClass::DirectReninInhibitor, true},   // aliskiren 150 MG Oral Tablet (SCD)
    {"RXNORM:1011738", DrugClass::DirectReninInhibitor, false},  // aliskiren 150 MG Oral Tablet [Tekturna] (SBD)
    // Statins
    {"RXNORM:617310",  DrugClass::Statin, true},   // atorvastatin 20 MG Oral Tablet (SCD)
    {"RXNORM:617311",  DrugClass::Statin, true},   // atorvastatin 40 MG Oral Tablet (SCD)
    {"RXNORM:259255",  DrugClass::Statin, true},   // atorvastatin 80 MG Oral Tablet (SCD)
    {"RXNORM:314231",  DrugClass::Statin, true},   // simvastatin 10 MG Oral Tablet (SCD)
    {"RXNORM:312961",  DrugClass::Statin, true},   // simvastatin 20 MG Oral Tablet (SCD)
    {"RXNORM:198211",  DrugClass::Statin, true},   // simvastatin 40 MG Oral Tablet (SCD)
    {"RXNORM:859747",  DrugClass::Statin, true},   // rosuvastatin calcium 10 MG Oral Tablet (SCD)
    {"RXNORM:904475",  DrugClass::Statin, true},   // pravastatin sodium 40 MG Oral Tablet (SCD)
    {"RXNORM:617318",  DrugClass::Statin, false},  // atorvastatin 20 MG Oral Tablet [Lipitor] (SBD)
    {"RXNORM:859749",  DrugClass::Statin, false},  // rosuvastatin calcium 10 MG Oral Tablet [Crestor] (SBD)
    // Short-acting beta2 agonist inhalers (quantity = canisters)
    {"RXNORM:745679",  DrugClass::ShortActingBeta2Agonist, true, 1},  // 200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler (SCD)
    {"RXNORM:2123111", DrugClass::ShortActingBeta2Agonist, true, 1},  // NDA020503 200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler (SCD)
    // Asthma controllers: an inhaled corticosteroid (canisters), a leukotriene modifier (tablets)
    {"RXNORM:895994",  DrugClass::AsthmaController, true, 1},  // 120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler (SCD)
    {"RXNORM:200224",  DrugClass::AsthmaController, true},  // montelukast 10 MG Oral Tablet (SCD, as AMR lists it)
    // Other antihypertensives (no PQA class)
    {"RXNORM:197361",  DrugClass::OtherAntihypertensive, true},  // amlodipine 5 MG Oral Tablet (SCD)
    {"RXNORM:310798",  DrugClass::OtherAntihypertensive, true},  // hydrochlorothiazide 25 MG Oral Tablet (SCD)
};
// clang-format on

// True for the classes of the PQA diabetes roll-up (PDC_DR, SUPD).
constexpr bool isDiabetesClass(DrugClass c) {
  return c == DrugClass::Biguanide || c == DrugClass::Sulfonylurea ||
         c == DrugClass::Thiazolidinedione || c == DrugClass::Dpp4Inhibitor;
}
// True for the RAS antagonist classes (PDC_RASA).
constexpr bool isRasAntagonistClass(DrugClass c) {
  return c == DrugClass::AceInhibitor || c == DrugClass::AngiotensinReceptorBlocker ||
         c == DrugClass::DirectReninInhibitor;
}

// A drug of class `c`, brand (SBD) or generic (SCD) as asked when the class
// has one, else any drug of the class; one draw.
inline const PharmacyDrug& pickDrug(MemberRandom& rng, DrugClass c, bool brand) {
  auto fits = [&](const PharmacyDrug& d, bool strict) {
    return d.drugClass == c && (!strict || d.generic != brand);
  };
  std::uint32_t n = 0;
  for (const PharmacyDrug& d : kPharmacyDrugs) n += fits(d, true);
  const bool strict = n > 0;
  if (!strict)
    for (const PharmacyDrug& d : kPharmacyDrugs) n += fits(d, false);
  std::uint32_t k = rng.below(n);
  for (const PharmacyDrug& d : kPharmacyDrugs) {
    if (fits(d, strict) && k-- == 0) return d;
  }
  return kPharmacyDrugs[0];  // unreachable: every class has a drug
}

}  // namespace mc::gen
