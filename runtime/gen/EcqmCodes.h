// The codes of the eCQM events gen writes (EcqmCare.cpp), each list taken
// from one value set of measures/ecqm/2025/valuesets (the comment above it
// names the file: `valueset OID`) or from a code a measure names inline
// (`measure FILE`). tests/e2e/run.sh section 58 checks every code against the
// file its comment names.
//
// Where a value set offers SNOMED CT codes they are preferred: no measure of
// the CBI, pharmacy or GQ programs reads SNOMED CT (but IMA's vaccine
// reactions, which are not used here), so the eCQM events leave those
// programs' results as they were. LOINC codes are those no other program
// reads (the HEDIS measures read mammography and colonoscopy as procedure
// claims, and the HbA1c, cytology and blood pressure results the other
// modules already write).
#pragma once

namespace mc::gen::ecqm {

// --- encounters ---------------------------------------------------------------
// valueset 2.16.840.1.113883.3.464.1003.101.12.1001 Office Visit
constexpr const char* kOfficeVisit[] = {"SNOMEDCT:185463005", "SNOMEDCT:185464004",
                                        "SNOMEDCT:185465003", "SNOMEDCT:439740005"};
// valueset 2.16.840.1.113883.3.464.1003.101.12.1080 Telephone Visits
constexpr const char* kTelephoneVisit[] = {"SNOMEDCT:185317003", "SNOMEDCT:314849005"};
// valueset 2.16.840.1.113883.3.464.1003.101.12.1016 Home Healthcare Services
constexpr const char* kHomeVisit[] = {"SNOMEDCT:185460008", "SNOMEDCT:185462000"};
// valueset 2.16.840.1.113883.3.600.1916 Encounter to Screen for Depression
constexpr const char* kDepressionScreenEncounter[] = {"SNOMEDCT:108220007", "SNOMEDCT:108221006",
                                                      "SNOMEDCT:108224003"};
// valueset 2.16.840.1.113883.3.526.3.1568 Follow Up for Adult Depression
constexpr const char* kAdultDepressionFollowUp[] = {"SNOMEDCT:108313002", "SNOMEDCT:1555005"};
// valueset 2.16.840.1.113883.3.526.3.1569 Follow Up for Adolescent Depression
constexpr const char* kAdolescentDepressionFollowUp[] = {"SNOMEDCT:108313002", "SNOMEDCT:15558000"};
// valueset 2.16.840.1.113883.3.464.1003.1003 Hospice Encounter
constexpr const char* kHospiceEncounter[] = {"SNOMEDCT:183919006", "SNOMEDCT:385765002"};
// valueset 2.16.840.1.113883.3.526.3.1584 Hospice Care Ambulatory
constexpr const char* kHospiceCareAmbulatory[] = {"SNOMEDCT:385763009"};
// valueset 2.16.840.1.113883.3.464.1003.101.12.1090 Palliative Care Encounter
constexpr const char* kPalliativeEncounter[] = {"SNOMEDCT:305284002", "SNOMEDCT:305381007"};
// valueset 2.16.840.1.113883.3.464.1003.198.12.1135 Palliative Care Intervention
constexpr const char* kPalliativeIntervention[] = {"SNOMEDCT:103735009", "SNOMEDCT:105402000"};

// --- procedures (visits.csv, setting other) ------------------------------------
// valueset 2.16.840.1.113883.3.464.1003.108.12.1020 Colonoscopy
constexpr const char* kColonoscopy[] = {"SNOMEDCT:174185007", "SNOMEDCT:25732003",
                                        "SNOMEDCT:275251008"};
// valueset 2.16.840.1.113883.3.464.1003.198.12.1010 Flexible Sigmoidoscopy
constexpr const char* kFlexibleSigmoidoscopy[] = {"SNOMEDCT:396226005", "SNOMEDCT:44441009"};
// valueset 2.16.840.1.113883.3.464.1003.198.12.1019 Total Colectomy
constexpr const char* kTotalColectomy[] = {"SNOMEDCT:26390003", "SNOMEDCT:303401008"};
// valueset 2.16.840.1.113883.3.464.1003.109.12.1013 Dialysis Services
constexpr const char* kDialysis[] = {"SNOMEDCT:108241001", "SNOMEDCT:11932001"};

// --- observations -------------------------------------------------------------
// valueset 2.16.840.1.113883.3.464.1003.108.12.1018 Mammography
constexpr const char* kMammography[] = {"LOINC:24606-6", "LOINC:26175-0", "LOINC:24605-8"};
// valueset 2.16.840.1.113883.3.464.1003.198.12.1011 Fecal Occult Blood Test (FOBT)
constexpr const char* kFecalOccultBlood[] = {"LOINC:12503-9", "LOINC:14563-1", "LOINC:14564-9"};
// valueset 2.16.840.1.113883.3.464.1003.108.12.1039 sDNA FIT Test
constexpr const char* kStoolDnaFit[] = {"LOINC:77353-1", "LOINC:77354-9"};
// valueset 2.16.840.1.113883.3.464.1003.108.12.1038 CT Colonography
constexpr const char* kCtColonography[] = {"LOINC:60515-4", "LOINC:79069-1"};
// valueset 2.16.840.1.113883.3.464.1003.113.12.1075 Frailty Symptom
constexpr const char* kFrailtySymptom[] = {"SNOMEDCT:102492002", "SNOMEDCT:105503008"};
// measure libraries/advanced_illness_and_frailty.measure MedicalEquipmentUsed
constexpr const char* kMedicalEquipmentUsed = "LOINC:98181-1";
// measure libraries/advanced_illness_and_frailty.measure HousingStatus
constexpr const char* kHousingStatus = "LOINC:71802-3";
// measure libraries/advanced_illness_and_frailty.measure LivesInNursingHome
constexpr const char* kLivesInNursingHome = "SNOMEDCT:160734000";
// measure libraries/hospice.measure HospiceCareMDS
constexpr const char* kHospiceCareMds = "LOINC:45755-6";
// measure libraries/hospice.measure YesQualifier
constexpr const char* kYes = "SNOMEDCT:373066001";
// measure libraries/palliative_care.measure FacitPal
constexpr const char* kFacitPal = "LOINC:71007-9";
// measure cms2/screening_not_done.measure AdultDepressionScreening
constexpr const char* kAdultDepressionScreening = "LOINC:73832-8";
// measure cms2/screening_not_done.measure AdolescentDepressionScreening
constexpr const char* kAdolescentDepressionScreening = "LOINC:73831-0";
// measure cms2.measure DepressionScreeningNegative
constexpr const char* kScreeningNegative = "SNOMEDCT:428171000124102";
// measure cms2.measure DepressionScreeningPositive
constexpr const char* kScreeningPositive = "SNOMEDCT:428181000124104";
// measure cms2/screening_not_done.measure DepressionScreeningDeclined
constexpr const char* kScreeningDeclined = "SNOMEDCT:720834000";
// valueset 2.16.840.1.113883.3.526.3.1007 Medical Reason
constexpr const char* kMedicalReason[] = {"SNOMEDCT:183932001", "SNOMEDCT:183964008"};
// measure cms122.measure GlucoseManagementIndicator
constexpr const char* kGlucoseManagementIndicator = "LOINC:97506-0";
// measure cms165.measure BloodPressurePanel
constexpr const char* kBloodPressurePanel = "LOINC:85354-9";

// --- conditions ---------------------------------------------------------------
// valueset 2.16.840.1.113883.3.67.1.101.1.128 Bipolar Disorder
constexpr const char* kBipolar[] = {"SNOMEDCT:111485001", "SNOMEDCT:1196001"};
// valueset 2.16.840.1.113883.3.464.1003.198.12.1068 History of bilateral mastectomy
constexpr const char* kHistoryOfBilateralMastectomy[] = {"SNOMEDCT:428529004"};
// valueset 2.16.840.1.113883.3.464.1003.198.12.1071 Unilateral Mastectomy, Unspecified Laterality
constexpr const char* kUnilateralMastectomy[] = {"SNOMEDCT:22964006", "SNOMEDCT:73359007"};
// measure cms125.measure LeftQualifier
constexpr const char* kLeft = "SNOMEDCT:7771000";
// measure cms125.measure RightQualifier
constexpr const char* kRight = "SNOMEDCT:24028007";
// valueset 2.16.840.1.113883.3.464.1003.198.12.1069 Status Post Left Mastectomy
constexpr const char* kStatusPostLeftMastectomy[] = {"SNOMEDCT:429009003"};
// valueset 2.16.840.1.113883.3.464.1003.198.12.1133 Unilateral Mastectomy Left
constexpr const char* kMastectomyLeft = "SNOMEDCT:428571003";
// valueset 2.16.840.1.113883.3.464.1003.198.12.1134 Unilateral Mastectomy Right
constexpr const char* kMastectomyRight = "SNOMEDCT:429400009";
// valueset 2.16.840.1.113883.3.464.1003.111.12.1016 Congenital or Acquired Absence of Cervix
constexpr const char* kAbsenceOfCervix[] = {"SNOMEDCT:248911005", "SNOMEDCT:37687000"};
// valueset 2.16.840.1.113883.3.464.1003.108.12.1001 Malignant Neoplasm of Colon
constexpr const char* kMalignantNeoplasmOfColon[] = {"SNOMEDCT:187757001"};
// valueset 2.16.840.1.113883.3.526.3.353 End Stage Renal Disease
constexpr const char* kEndStageRenalDisease[] = {"SNOMEDCT:236434000", "SNOMEDCT:46177005"};
// valueset 2.16.840.1.113883.3.526.3.378 Pregnancy
constexpr const char* kPregnancy[] = {"SNOMEDCT:127364007"};
// valueset 2.16.840.1.113883.3.464.1003.110.12.1082 Advanced Illness
constexpr const char* kAdvancedIllness[] = {"SNOMEDCT:314988008", "SNOMEDCT:314990009"};
// valueset 2.16.840.1.113883.3.464.1003.113.12.1074 Frailty Diagnosis
constexpr const char* kFrailtyDiagnosis[] = {"SNOMEDCT:129588001"};
// valueset 2.16.840.1.113883.3.464.1003.1165 Hospice Diagnosis
constexpr const char* kHospiceDiagnosis[] = {"SNOMEDCT:170935008"};
// valueset 2.16.840.1.113883.3.464.1003.1167 Palliative Care Diagnosis
constexpr const char* kPalliativeDiagnosis[] = {"SNOMEDCT:305686008"};
// valueset 2.16.840.1.113883.3.464.1003.120.12.1007 Severe Combined Immunodeficiency
constexpr const char* kSevereCombinedImmunodeficiency[] = {"SNOMEDCT:190993005"};
// valueset 2.16.840.1.113883.3.464.1003.120.12.1003 HIV
constexpr const char* kHiv[] = {"SNOMEDCT:91923005"};
// valueset 2.16.840.1.113883.3.464.1003.199.12.1056 Intussusception
constexpr const char* kIntussusception[] = {"SNOMEDCT:17186003"};

// --- vaccine administrations (visits.csv: the clinic's procedure records) -----
// valueset 2.16.840.1.113883.3.464.1003.110.12.1022 DTaP Vaccine Administered
constexpr const char* kDtapGiven = "SNOMEDCT:16298561000119108";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1045 Inactivated Polio Vaccine (IPV) Administered
constexpr const char* kIpvGiven = "SNOMEDCT:310306005";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1031 Measles, Mumps and Rubella (MMR) Vaccine
// Administered
constexpr const char* kMmrGiven = "SNOMEDCT:170431005";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1084 Hib Vaccine (3 dose schedule) Administered
constexpr const char* kHibGiven = "SNOMEDCT:127787002";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1042 Hepatitis B Vaccine Administered
constexpr const char* kHepBGiven = "SNOMEDCT:16584000";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1040 Varicella Zoster Vaccine (VZV) Administered
constexpr const char* kVzvGiven = "SNOMEDCT:425897001";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1046 Pneumococcal Conjugate Vaccine Administered
constexpr const char* kPcvGiven = "SNOMEDCT:1119366009";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1041 Hepatitis A Vaccine Administered
constexpr const char* kHepAGiven = "SNOMEDCT:170378007";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1048 Rotavirus Vaccine (2 dose schedule)
// Administered
constexpr const char* kRotavirusGiven = "SNOMEDCT:434741000124104";
// valueset 2.16.840.1.113883.3.464.1003.110.12.1044 Child Influenza Vaccine Administered
constexpr const char* kInfluenzaGiven = "SNOMEDCT:86198006";

// --- orders -------------------------------------------------------------------
// valueset 2.16.840.1.113883.3.526.3.1566 Adult Depression Medications
constexpr const char* kAdultDepressionMedication[] = {"RXNORM:1000048", "RXNORM:1000058"};
// valueset 2.16.840.1.113883.3.526.3.1567 Adolescent Depression Medications
constexpr const char* kAdolescentDepressionMedication[] = {"RXNORM:248642", "RXNORM:200371"};
// valueset 2.16.840.1.113883.3.526.3.1571 Referral for Adult Depression
constexpr const char* kAdultDepressionReferral[] = {"SNOMEDCT:183524004", "SNOMEDCT:183528001"};
// valueset 2.16.840.1.113883.3.526.3.1570 Referral for Adolescent Depression
constexpr const char* kAdolescentDepressionReferral[] = {"SNOMEDCT:183524004",
                                                         "SNOMEDCT:306136006"};
// valueset 2.16.840.1.113883.3.464.1003.196.12.1510 Dementia Medications
constexpr const char* kDementiaMedication[] = {"RXNORM:1100184", "RXNORM:1308569"};
// valueset 2.16.840.1.113883.3.464.1003.118.12.1300 Frailty Device
constexpr const char* kFrailtyDevice[] = {"SNOMEDCT:1255320005", "SNOMEDCT:466986006"};

}  // namespace mc::gen::ecqm
