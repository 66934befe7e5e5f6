// The generated provider network and providers.csv.
#include "gen/ProviderNetwork.h"

#include <algorithm>

#include "gen/DataFiles.h"
#include "gen/RowWriter.h"
#include "support/CsvWriter.h"

namespace mc::gen {
namespace {

struct RoleInfo {
  const char* prefix;
  int width;
  const char* kind;  // providers.csv kind (DATA.md)
  std::uint64_t membersEach;
  std::uint32_t minimum;
};

// In ProviderRole order.
constexpr RoleInfo kRoles[kProviderRoleCount] = {
    {"PCP", 4, "pcp", 900, 12},        {"OBG", 3, "specialist", 5000, 2},
    {"SPC", 4, "specialist", 1500, 8}, {"HOS", 3, "hospital", 20000, 2},
    {"LAB", 3, "lab", 50000, 2},       {"RX", 5, "pharmacy", 1250, 8},
    {"RAD", 3, "other", 40000, 1},     {"HSP", 3, "other", 100000, 1},
    {"DEN", 3, "other", 10000, 1},
};

// The pharmacy P4P program (seed 004) takes pharmacies in San Bernardino and
// Riverside counties; six in eight generated pharmacies are there (by index
// modulo 8: the two outside are a regular store and a small one).
constexpr const char* kPharmacyCounties[8] = {"San Bernardino", "Riverside", "San Bernardino",
                                              "Monterey",       "Riverside", "San Bernardino",
                                              "Riverside",      "Merced"};
constexpr const char* kPharmacyPlaces[8] = {"Ontario", "Corona",   "Fontana",  "Salinas",
                                            "Hemet",   "Redlands", "Temecula", "Merced"};
constexpr const char* kCounties[] = {"San Bernardino", "Riverside",  "San Bernardino", "Riverside",
                                     "Monterey",       "Santa Cruz", "Merced"};
constexpr const char* kSpecialties[] = {"cardiology",  "endocrinology",   "pulmonology",
                                        "orthopedics", "dermatology",     "psychiatry",
                                        "neurology",   "gastroenterology"};
constexpr const char* kPractices[] = {"Pediatrics", "Family Medicine", "Internal Medicine"};
constexpr const char* kPlaces[] = {"Seaside",     "Valley",   "Harbor",   "Salinas",
                                   "Watsonville", "Merced",   "Ontario",  "Fontana",
                                   "Corona",      "Temecula", "Redlands", "Hemet"};

// One office in seven is PCMH recognized, one in five TJC certified and one
// in eleven holds the NCQA Distinction in Behavioral Health (CBI
// fee-for-service measures, paid in the year of the date): some dates fall
// in the period, some in the years before.
std::string attributesOf(std::uint32_t pcp, int period) {
  std::string out;
  if (pcp % 7 == 3) {
    out += "pcmh_recognized=" + std::to_string(period - (pcp % 3)) + "-05-01";
  }
  if (pcp % 5 == 2) {
    if (!out.empty()) out += ';';
    out += "tjc_certified=" + std::to_string(period - (pcp % 2)) + "-03-15";
  }
  if (pcp % 11 == 5) {
    if (!out.empty()) out += ';';
    out += "bh_distinction=" + std::to_string(period) + "-09-01";
  }
  return out;
}

}  // namespace

ProviderNetwork::ProviderNetwork(std::uint64_t members) {
  for (int r = 0; r < kProviderRoleCount; ++r) {
    counts_[r] = static_cast<std::uint32_t>(
        std::max<std::uint64_t>(kRoles[r].minimum, members / kRoles[r].membersEach));
  }
}

const char* ProviderNetwork::pharmacyCounty(std::uint32_t pharmacy) {
  return kPharmacyCounties[pharmacy % 8];
}

const char* ProviderNetwork::specialty(std::uint32_t specialist) {
  return kSpecialties[specialist % (sizeof kSpecialties / sizeof *kSpecialties)];
}

void ProviderNetwork::appendId(std::string& out, ProviderRef p) {
  const RoleInfo& info = kRoles[static_cast<int>(p.role)];
  RowWriter::appendId(out, info.prefix, p.index + 1, info.width);
}

std::string ProviderNetwork::providersFile(int period) const {
  std::string out = kDataFiles[static_cast<int>(DataFile::Providers)].header;
  out += '\n';
  csv::CsvWriter csv(out);
  std::string id;
  for (int r = 0; r < kProviderRoleCount; ++r) {
    const auto role = static_cast<ProviderRole>(r);
    for (std::uint32_t i = 0; i < counts_[r]; ++i) {
      id.clear();
      appendId(id, {role, i, true});
      const char* place = kPlaces[i % (sizeof kPlaces / sizeof *kPlaces)];
      std::string name;
      switch (role) {
        case ProviderRole::Pcp:
          name = std::string(place) + " " + kPractices[static_cast<int>(practice(i))] + " " + id;
          break;
        case ProviderRole::ObGyn: name = std::string(place) + " Women's Health OB/GYN"; break;
        case ProviderRole::Specialist:
          name = std::string(place) + " " + specialty(i) + " group";
          break;
        case ProviderRole::Hospital: name = std::string(place) + " Community Hospital"; break;
        case ProviderRole::Lab: name = std::string(place) + " Reference Lab"; break;
        case ProviderRole::Pharmacy:
          name = std::string(kPharmacyPlaces[i % 8]) + " Pharmacy #" + id;
          break;
        case ProviderRole::Imaging: name = std::string(place) + " Imaging Center"; break;
        case ProviderRole::Hospice: name = std::string(place) + " Hospice"; break;
        case ProviderRole::Dental: name = std::string(place) + " Dental Group"; break;
      }
      const char* county = role == ProviderRole::Pharmacy
                               ? pharmacyCounty(i)
                               : kCounties[(i * 5 + static_cast<std::uint32_t>(r)) %
                                           (sizeof kCounties / sizeof *kCounties)];
      csv.row({id, kRoles[r].kind, name, county,
               role == ProviderRole::Pcp ? attributesOf(i, period) : ""});
    }
  }
  return out;
}

}  // namespace mc::gen
