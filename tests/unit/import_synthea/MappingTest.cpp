// The Synthea importer maps each file of a tiny export into DATA.md rows.
#include <catch2/catch.hpp>

#include "SyntheaExport.h"
#include "import/synthea/MedicationFills.h"
#include "import/synthea/SyntheaVocabulary.h"

using namespace mc;
using namespace mc::import::synthea;
using mc::import::synthea::test::rowsOf;
using mc::import::synthea::test::tinyExport;

namespace {

SyntheaImport importTexts(std::map<std::string, std::string> texts) {
  SyntheaImport imported;
  const auto error = importSynthea(SyntheaInput{{}, std::move(texts)}, imported);
  INFO((error ? error->format() : std::string()));
  REQUIRE_FALSE(error);
  return imported;
}

}  // namespace

TEST_CASE("a patient becomes a member with birth, death, sex, race, ethnicity and county") {
  auto texts = tinyExport();
  texts["patients.csv"] +=
      "PAT2,1950-01-02,2022-09-30T01:00:00Z,black,hispanic,M,Suffolk County\n"
      "PAT3,2000-01-01,,asian,nonhispanic,X,\n";
  const SyntheaImport imported = importTexts(texts);
  CHECK(rowsOf(imported, "members.csv") ==
        "PAT1,1960-03-04,F,white,nonhispanic,,Middlesex County,\n"
        "PAT2,1950-01-02,M,black,hispanic,,Suffolk County,2022-09-30\n"
        "PAT3,2000-01-01,U,asian,nonhispanic,,,\n");
  CHECK(imported.report.find("patients.csv")->notes.at("GENDER neither M nor F: sex U") == 1);
}

TEST_CASE("encounter classes become visit settings") {
  CHECK(settingOfEncounterClass("ambulatory") == "outpatient");
  CHECK(settingOfEncounterClass("outpatient") == "outpatient");
  CHECK(settingOfEncounterClass("wellness") == "outpatient");
  CHECK(settingOfEncounterClass("emergency") == "ed");
  CHECK(settingOfEncounterClass("urgentcare") == "urgent");
  CHECK(settingOfEncounterClass("inpatient") == "inpatient");
  CHECK(settingOfEncounterClass("home") == "home");
  CHECK(settingOfEncounterClass("virtual") == "telehealth");
  CHECK_FALSE(settingOfEncounterClass("spaceship"));
  CHECK(kindOfSpeciality("GENERAL PRACTICE") == "pcp");
  CHECK(kindOfSpeciality("INTERNAL MEDICINE") == "pcp");
  CHECK(kindOfSpeciality("EMERGENCY MEDICINE") == "specialist");
}

TEST_CASE("encounters and procedures become visits; providers and organizations providers") {
  auto texts = tinyExport();
  texts["encounters.csv"] +=
      "E3,2022-08-01T10:00:00Z,2022-08-01T11:00:00Z,PAT1,ORG1,NOBODY,P-MCD,spaceship,"
      "185345009,Odd,\n";
  const SyntheaImport imported = importTexts(texts);
  // Encounters and procedures keep their START and STOP times (a same-day
  // encounter ends at its STOP time); an inpatient stay ends on its
  // discharge; the reason code joins the codes; a procedure is a line of its
  // encounter's claim, in its setting, with its provider.
  CHECK(rowsOf(imported, "visits.csv") ==
        "PAT1,E1,2022-05-01T10:00:00,2022-05-01T10:15:00,outpatient,DR1,SNOMEDCT:162673000,\n"
        "PAT1,E2,2022-07-01T10:00:00,2022-07-03T09:00:00,inpatient,DR2,SNOMEDCT:32485007 "
        "SNOMEDCT:195662009,\n"
        "PAT1,E3,2022-08-01T10:00:00,2022-08-01T11:00:00,other,,SNOMEDCT:185345009,\n"
        "PAT1,E2,2022-07-02T08:00:00,2022-07-02T09:00:00,inpatient,DR2,SNOMEDCT:71651007,\n");
  const FileReport* encounters = imported.report.find("encounters.csv");
  CHECK(encounters->notes.at("ENCOUNTERCLASS 'spaceship': setting other") == 1);
  CHECK(encounters->notes.at("PROVIDER absent from providers.csv: provider_id left empty") == 1);
  CHECK(rowsOf(imported, "providers.csv") ==
        "ORG1,other,CAMBRIDGE HEALTH ALLIANCE,,\nDR1,pcp,Ann Gp,,\nDR2,specialist,Bob Ed,,\n");
}

TEST_CASE("a STOP before its START the same day skips the row, counted") {
  auto texts = tinyExport();
  texts["encounters.csv"] +=
      "E3,2022-08-01T10:00:00Z,2022-08-01T09:59:00Z,PAT1,ORG1,DR1,P-MCD,ambulatory,"
      "185345009,Odd,\n";
  const SyntheaImport imported = importTexts(texts);
  CHECK(imported.report.find("encounters.csv")->skipped.at("STOP before START") == 1);
  CHECK(rowsOf(imported, "visits.csv").find(",E3,") == std::string::npos);
}

TEST_CASE("insured payer spans become enrollment with the PCP of the latest wellness visit") {
  const SyntheaImport imported = importTexts(tinyExport());
  // The NO_INSURANCE span is no enrollment; the Medicaid span ends the day
  // before the next one would start; DR1 saw PAT1 for a wellness visit.
  CHECK(rowsOf(imported, "enrollment.csv") == "PAT1,2021-06-01,2022-12-31,DR1,Medicaid,\n");
  const FileReport* spans = imported.report.find("payer_transitions.csv");
  CHECK(spans->read == 2);
  CHECK(spans->mapped == 1);
  CHECK(spans->skipped.at("uninsured span (NO_INSURANCE): no enrollment") == 1);
  CHECK(imported.report.membersWithoutEnrollment == 0);
}

TEST_CASE("a patient with no insured span is a member without enrollment, and counted") {
  auto texts = tinyExport();
  texts["payer_transitions.csv"] = "PATIENT,START_YEAR,END_YEAR,PAYER\n";
  const SyntheaImport imported = importTexts(texts);
  CHECK(rowsOf(imported, "enrollment.csv").empty());
  CHECK(imported.report.membersWithoutEnrollment == 1);
  CHECK(imported.report.json().find("\"members_without_enrollment\": 1") != std::string::npos);
}

TEST_CASE("conditions, observations and immunizations keep their codes, values and units") {
  const SyntheaImport imported = importTexts(tinyExport());
  CHECK(rowsOf(imported, "conditions.csv") ==
        "PAT1,2022-07-01,,SNOMEDCT:44054006,DR2,CONDCAT:encounter-diagnosis\n");
  CHECK(rowsOf(imported, "observations.csv") ==
        "PAT1,2022-05-01T10:00:00,LOINC:8302-2,162.5,cm,DR1,outpatient,OBSCAT:vital-signs\n"
        "PAT1,2022-05-01T10:00:00,LOINC:72166-2,Never smoked,,DR1,outpatient,OBSCAT:survey\n");
  const FileReport* observations = imported.report.find("observations.csv");
  CHECK(observations->read == 3);
  CHECK(observations->mapped == 2);
  CHECK(observations->skippedTotal() == 1);
  CHECK(observations->skipped.begin()->first.rfind("CODE not a LOINC code", 0) == 0);
  CHECK(rowsOf(imported, "immunizations.csv") == "PAT1,2022-05-01T10:00:00,CVX:140,DR1,ehr\n");
}

TEST_CASE("CATEGORY is the observation's FHIR category; conditions are encounter diagnoses") {
  auto texts = tinyExport();
  texts["observations.csv"] =
      "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE\n"
      "2022-05-01T10:00:00Z,PAT1,E1,laboratory,4548-4,HbA1c,6.1,%,numeric\n"
      "2022-05-01T10:00:00Z,PAT1,E1,,8302-2,Body Height,162.5,cm,numeric\n"
      "2022-05-01T10:00:00Z,PAT1,E1,lab results,4548-4,HbA1c,6.2,%,numeric\n"
      // No encounter: no provider, no setting; an unknown one: setting other.
      "2022-05-02T10:00:00Z,PAT1,,laboratory,4548-4,HbA1c,6.3,%,numeric\n"
      "2022-05-03T10:00:00Z,PAT1,E9,laboratory,4548-4,HbA1c,6.4,%,numeric\n";
  const SyntheaImport imported = importTexts(texts);
  CHECK(rowsOf(imported, "observations.csv") ==
        "PAT1,2022-05-01T10:00:00,LOINC:4548-4,6.1,%,DR1,outpatient,OBSCAT:laboratory\n"
        "PAT1,2022-05-01T10:00:00,LOINC:8302-2,162.5,cm,DR1,outpatient,\n"
        "PAT1,2022-05-01T10:00:00,LOINC:4548-4,6.2,%,DR1,outpatient,\n"
        "PAT1,2022-05-02T10:00:00,LOINC:4548-4,6.3,%,,,OBSCAT:laboratory\n"
        "PAT1,2022-05-03T10:00:00,LOINC:4548-4,6.4,%,,other,OBSCAT:laboratory\n");
  CHECK(imported.report.find("observations.csv")
            ->notes.at("ENCOUNTER absent from encounters.csv: no provider, setting other") == 1);
  CHECK(imported.report.find("observations.csv")
            ->notes.at("CATEGORY not an observation-category code: category left empty") == 1);
  const DataFileText* conditions = nullptr;
  for (const DataFileText& f : imported.files)
    if (f.name == "conditions.csv") conditions = &f;
  REQUIRE(conditions);
  CHECK(conditions->text.rfind("member_id,onset_date,abatement_date,codes,provider_id,category\n",
                               0) == 0);
  for (const DataFileText& f : imported.files)
    if (f.name == "observations.csv")
      CHECK(f.text.rfind("member_id,date,code,value,unit,provider_id,setting,category\n", 0) == 0);
}

TEST_CASE("a medication's dispenses become fills evenly spread over START..STOP") {
  const SyntheaImport imported = importTexts(tinyExport());
  // 120 days, 4 dispenses: a 30-day fill every 30 days.
  CHECK(rowsOf(imported, "pharmacy.csv") ==
        "PAT1,E1-1,2022-05-01,860975,30,DR1\n"
        "PAT1,E1-2,2022-05-31,860975,30,DR1\n"
        "PAT1,E1-3,2022-06-30,860975,30,DR1\n"
        "PAT1,E1-4,2022-07-30,860975,30,DR1\n");
}

TEST_CASE("medicationFills: open prescriptions monthly, short ones one a day, none for 0") {
  const Days start = *parseIsoDate("2022-01-01");
  const auto open = medicationFills(start, kNoDate, 3);
  REQUIRE(open.size() == 3);
  CHECK(open[2].date == start + 60);
  CHECK(open[2].daysSupply == 30);
  const auto shortOne = medicationFills(start, start + 3, 5);
  REQUIRE(shortOne.size() == 3);
  CHECK(shortOne[2].date == start + 2);
  CHECK(shortOne[0].daysSupply == 1);
  const auto tenDays = medicationFills(start, start + 10, 1);
  REQUIRE(tenDays.size() == 1);
  CHECK(tenDays[0].daysSupply == 10);
  CHECK(medicationFills(start, kNoDate, 0).empty());
}

TEST_CASE("every DATA.md input file is written with its header, in DATA.md order") {
  const SyntheaImport imported = importTexts(tinyExport());
  std::string names;
  for (const DataFileText& f : imported.files) names += f.name + " ";
  CHECK(names ==
        "members.csv enrollment.csv providers.csv visits.csv pharmacy.csv observations.csv "
        "conditions.csv immunizations.csv supplemental.csv referrals.csv ");
  for (const DataFileText& f : imported.files) {
    INFO(f.name);
    CHECK(f.text.rfind(f.name == "providers.csv" ? "provider_id,kind," : "member_id,", 0) == 0);
  }
  CHECK(rowsOf(imported, "referrals.csv").empty());
  CHECK(imported.report.json().rfind(
            "{\n  \"importer\": \"synthea-csv\",\n  \"source\": \"(text)\",\n", 0) == 0);
}

TEST_CASE("a SYSTEM column names the code system of CODE; an unknown one is skipped, counted") {
  auto texts = tinyExport();
  texts["conditions.csv"] =
      "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION\n"
      "2022-07-01,,PAT1,E2,http://hl7.org/fhir/sid/icd-10-cm,E11.9,Diabetes\n"
      "2022-07-01,,PAT1,E2,SNOMED-CT,44054006,Diabetes\n"
      "2022-07-01,,PAT1,E2,,44054006,Diabetes\n"
      "2022-07-01,,PAT1,E2,READ2,C10..,Diabetes\n";
  const SyntheaImport imported = importTexts(texts);
  CHECK(rowsOf(imported, "conditions.csv") ==
        "PAT1,2022-07-01,,ICD10CM:E11.9,DR2,CONDCAT:encounter-diagnosis\n"
        "PAT1,2022-07-01,,SNOMEDCT:44054006,DR2,CONDCAT:encounter-diagnosis\n"
        "PAT1,2022-07-01,,SNOMEDCT:44054006,DR2,CONDCAT:encounter-diagnosis\n");
  CHECK(imported.report.find("conditions.csv")
            ->skipped.at("SYSTEM 'READ2': a code system measurec does not read") == 1);
  CHECK(codeSystemOfSyntheaSystem("RxNorm") == CodeSystem::RXNORM);
  CHECK_FALSE(codeSystemOfSyntheaSystem("READ2"));
}

TEST_CASE("a patient or provider without an Id, or listed twice, is skipped and counted") {
  auto texts = tinyExport();
  texts["patients.csv"] +=
      ",1950-01-02,,black,hispanic,M,X\n"
      "PAT1,1960-03-04,,white,nonhispanic,F,Middlesex County\n";
  texts["providers.csv"] +=
      ",ORG1,Nobody,F,GENERAL PRACTICE\nDR1,ORG1,Ann Again,F,GENERAL PRACTICE\n";
  const SyntheaImport imported = importTexts(texts);
  const FileReport* patients = imported.report.find("patients.csv");
  CHECK(patients->mapped == 1);
  CHECK(patients->skipped.at("empty Id") == 1);
  CHECK(patients->skipped.at("duplicate Id") == 1);
  const FileReport* providers = imported.report.find("providers.csv");
  CHECK(providers->mapped == 2);
  CHECK(providers->skipped.at("empty Id") == 1);
  CHECK(providers->skipped.at("duplicate Id") == 1);
}
