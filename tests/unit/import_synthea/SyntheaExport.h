// A tiny Synthea CSV export as texts, one patient with one of each record,
// that a test edits before importing it.
#pragma once

#include <map>
#include <string>

#include "import/synthea/SyntheaImport.h"

namespace mc::import::synthea::test {

inline std::map<std::string, std::string> tinyExport() {
  return {
      {"payers.csv", "Id,NAME\nP-MCD,Medicaid\nP-NONE,NO_INSURANCE\n"},
      {"organizations.csv", "Id,NAME\nORG1,CAMBRIDGE HEALTH ALLIANCE\n"},
      {"providers.csv",
       "Id,ORGANIZATION,NAME,GENDER,SPECIALITY\n"
       "DR1,ORG1,Ann Gp,F,GENERAL PRACTICE\n"
       "DR2,ORG1,Bob Ed,M,EMERGENCY MEDICINE\n"},
      {"patients.csv",
       "Id,BIRTHDATE,DEATHDATE,RACE,ETHNICITY,GENDER,COUNTY\n"
       "PAT1,1960-03-04,,white,nonhispanic,F,Middlesex County\n"},
      {"encounters.csv",
       "Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,"
       "REASONCODE\n"
       "E1,2022-05-01T10:00:00Z,2022-05-01T10:15:00Z,PAT1,ORG1,DR1,P-MCD,wellness,162673000,"
       "General exam,\n"
       "E2,2022-07-01T10:00:00Z,2022-07-03T09:00:00Z,PAT1,ORG1,DR2,P-MCD,inpatient,32485007,"
       "Admission,195662009\n"},
      {"payer_transitions.csv",
       "PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER\n"
       "PAT1,M1,2020-01-01T00:00:00Z,2021-06-01T00:00:00Z,P-NONE\n"
       "PAT1,M1,2021-06-01T00:00:00Z,2023-01-01T00:00:00Z,P-MCD\n"},
      {"procedures.csv",
       "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n"
       "2022-07-02T08:00:00Z,2022-07-02T09:00:00Z,PAT1,E2,71651007,Mammography\n"},
      {"conditions.csv",
       "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n"
       "2022-07-01,,PAT1,E2,44054006,Diabetes\n"},
      {"observations.csv",
       "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE\n"
       "2022-05-01T10:00:00Z,PAT1,E1,vital-signs,8302-2,Body Height,162.5,cm,numeric\n"
       "2022-05-01T10:00:00Z,PAT1,E1,survey,72166-2,Tobacco,Never smoked,,text\n"
       "2022-05-01T10:00:00Z,PAT1,E1,survey,QALY,QALY,50.0,a,numeric\n"},
      {"immunizations.csv",
       "DATE,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n2022-05-01T10:00:00Z,PAT1,E1,140,Flu\n"},
      {"medications.csv",
       "START,STOP,PATIENT,PAYER,ENCOUNTER,CODE,DESCRIPTION,DISPENSES\n"
       "2022-05-01T10:00:00Z,2022-08-29T10:00:00Z,PAT1,P-MCD,E1,860975,Metformin,4\n"},
  };
}

// The rows of one written file, header excluded.
inline std::string rowsOf(const SyntheaImport& imported, const std::string& file) {
  for (const DataFileText& f : imported.files)
    if (f.name == file) return f.text.substr(f.text.find('\n') + 1);
  return "(no " + file + ")";
}

}  // namespace mc::import::synthea::test
