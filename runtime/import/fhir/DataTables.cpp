// Writing the imported data directory.
#include "import/fhir/DataTables.h"

#include <algorithm>
#include <fstream>

#include "support/CsvWriter.h"

namespace mc::import::fhir {

const DataTableLayout kDataTables[kDataTableCount] = {
    {"members.csv", "member_id,birth_date,sex,race,ethnicity,language,county,death_date", 8},
    {"enrollment.csv", "member_id,start_date,end_date,pcp_id,product,plan", 6},
    {"providers.csv", "provider_id,kind,name,county,attributes", 5},
    {"visits.csv",
     "member_id,claim_id,date,end_date,setting,provider_id,codes,discharge_status,status,"
     "other_codes,fhir_id,body_site",
     12},
    {"pharmacy.csv",
     "member_id,claim_id,fill_date,ndc,rxnorm,days_supply,quantity,generic,pharmacy_id,"
     "prescriber_id,status,other_codes,fhir_id",
     13},
    {"observations.csv",
     "member_id,date,code,value,unit,provider_id,status,other_codes,fhir_id,reason", 10},
    {"conditions.csv",
     "member_id,onset_date,abatement_date,codes,provider_id,status,other_codes,fhir_id,body_site",
     9},
    {"immunizations.csv", "member_id,date,code,provider_id,source,status,other_codes,fhir_id", 8},
    {"supplemental.csv", "member_id,date,codes,provider_id,value,status,other_codes,fhir_id", 8},
    {"referrals.csv", "member_id,referral_id,date,from_provider_id,to_provider_id,specialty,status",
     7},
    {"orders.csv", "member_id,date,codes,provider_id,status,other_codes,fhir_id", 7},
};

void ImportedRow::setFields(std::initializer_list<std::string_view> values) {
  fields.clear();
  bool first = true;
  for (const std::string_view v : values) {
    if (!first) fields += ',';
    first = false;
    csv::appendField(fields, v);
  }
}

void DataTables::add(DataTable table, ImportedRow row) {
  rows_[static_cast<int>(table)].push_back(std::move(row));
}

std::optional<std::string> DataTables::write(const std::filesystem::path& dir) const {
  for (int t = 0; t < kDataTableCount; ++t) {
    const DataTableLayout& layout = kDataTables[t];
    std::vector<const ImportedRow*> order;
    order.reserve(rows_[t].size());
    for (const ImportedRow& row : rows_[t]) order.push_back(&row);
    std::stable_sort(order.begin(), order.end(), [](const ImportedRow* a, const ImportedRow* b) {
      return a->member < b->member;
    });
    const std::filesystem::path path = dir / layout.name;
    std::ofstream file(path, std::ios::binary);
    if (!file) return path.string() + ": cannot be created";
    {
      std::string text = std::string(layout.header) + "\n";
      for (const ImportedRow* row : order) {
        csv::appendField(text, row->member);
        text += ',';
        text += row->fields;
        text += '\n';
        if (text.size() >= (1u << 20)) {
          file << text;
          text.clear();
        }
      }
      file << text;
    }
    file.flush();
    if (!file) return path.string() + ": could not be written completely (disk full?)";
  }
  return std::nullopt;
}

}  // namespace mc::import::fhir
