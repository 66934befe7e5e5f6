// The files `measurec gen` writes (DATA.md inputs), each with every column
// DATA.md lists for it, required and optional, plus `status` on event files.
#pragma once

namespace mc::gen {

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
};
inline constexpr int kDataFileCount = 10;

struct DataFileLayout {
  const char* name;    // "visits.csv"
  const char* header;  // the header row, without the line break
};

// In DataFile order. The columns of each row written by the generator are in
// this order.
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

}  // namespace mc::gen
