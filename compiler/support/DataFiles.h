// The input files of a data directory (docs/data.md, "Inputs"): each file's
// name and every column DATA.md defines for it (required and optional, and
// `status` on event files), in the order the writers write them. The one
// definition of the layout that the three writers share: `measurec gen`
// writes every column; `measurec import fhir` every column, and on event
// files two of its own (kImportedEventColumns); `measurec import synthea`
// every column but those Synthea cannot fill (headerWithout).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace mc {

enum class DataFile {
  Members,
  Enrollment,
  Providers,
  Visits,
  Pharmacy,
  Observations,
  Conditions,
  Immunizations,
  Supplemental,
  Referrals,
  // orders.csv (docs/data.md): only `measurec import fhir` writes it
  // (ServiceRequest, DeviceRequest), with its own header; it is not one of
  // the kDataFileCount files every writer writes, and has no entry in
  // kDataFiles.
  Orders,
};
inline constexpr int kDataFileCount = 10;  // the files every writer writes: Members..Referrals

struct DataFileLayout {
  const char* name;    // "visits.csv"
  const char* header;  // the header row, without the line break
};

// In DataFile order.
inline constexpr DataFileLayout kDataFiles[kDataFileCount] = {
    {"members.csv", "member_id,birth_date,sex,race,ethnicity,language,county,death_date"},
    {"enrollment.csv", "member_id,start_date,end_date,pcp_id,product,plan"},
    {"providers.csv", "provider_id,kind,name,county,attributes"},
    {"visits.csv",
     "member_id,claim_id,date,end_date,setting,provider_id,codes,discharge_status,status"},
    {"pharmacy.csv",
     "member_id,claim_id,fill_date,ndc,rxnorm,days_supply,quantity,generic,pharmacy_id,"
     "prescriber_id,status"},
    {"observations.csv", "member_id,date,code,value,unit,provider_id,status"},
    {"conditions.csv", "member_id,onset_date,abatement_date,codes,provider_id,status"},
    {"immunizations.csv", "member_id,date,code,provider_id,source,status"},
    {"supplemental.csv", "member_id,date,codes,provider_id,value,status"},
    {"referrals.csv",
     "member_id,referral_id,date,from_provider_id,to_provider_id,specialty,status"},
};

// Members..Referrals (not Orders: its header is the FHIR import's).
inline constexpr const DataFileLayout& layoutOf(DataFile file) {
  return kDataFiles[static_cast<int>(file)];
}

// The files of coded events (visits, pharmacy, observations, conditions,
// immunizations, supplemental data): where an importer adds the columns of
// kImportedEventColumns.
inline constexpr bool isCodedEventFile(DataFile file) {
  return file >= DataFile::Visits && file <= DataFile::Supplemental;
}

// The columns `import fhir` adds to coded event files (extra columns are
// allowed and ignored by the loader): codes it could not place, and the
// resource a row came from (docs/data.md, "Importing FHIR").
inline constexpr const char* kImportedEventColumns = "other_codes,fhir_id";

// The header of `file` without the columns `omitted` names (a writer that
// cannot fill them), the others in the layout's order.
std::string headerWithout(DataFile file, std::initializer_list<std::string_view> omitted);

}  // namespace mc
