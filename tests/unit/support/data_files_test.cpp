// The one layout of a data directory's files, and the headers the writers
// derive from it.
#include <catch2/catch.hpp>

#include "support/DataFiles.h"

using namespace mc;

TEST_CASE("the layout: every input file of DATA.md, in DataFile order", "[support][data]") {
  CHECK(std::string(layoutOf(DataFile::Members).name) == "members.csv");
  CHECK(std::string(layoutOf(DataFile::Referrals).name) == "referrals.csv");
  CHECK(std::string(layoutOf(DataFile::Pharmacy).header) ==
        "member_id,claim_id,fill_date,ndc,rxnorm,days_supply,quantity,generic,pharmacy_id,"
        "prescriber_id,status");
  CHECK(isCodedEventFile(DataFile::Visits));
  CHECK(isCodedEventFile(DataFile::Supplemental));
  CHECK_FALSE(isCodedEventFile(DataFile::Providers));
  CHECK_FALSE(isCodedEventFile(DataFile::Referrals));
}

TEST_CASE("headerWithout: the layout's header without the columns a writer cannot fill",
          "[support][data]") {
  CHECK(
      headerWithout(DataFile::Pharmacy, {"ndc", "quantity", "generic", "pharmacy_id", "status"}) ==
      "member_id,claim_id,fill_date,rxnorm,days_supply,prescriber_id");
  CHECK(headerWithout(DataFile::Visits, {"status"}) ==
        "member_id,claim_id,date,end_date,setting,provider_id,codes,discharge_status");
  // A file without the omitted column is unchanged; nothing omitted: the header.
  CHECK(headerWithout(DataFile::Members, {"status"}) == layoutOf(DataFile::Members).header);
  CHECK(headerWithout(DataFile::Referrals, {}) == layoutOf(DataFile::Referrals).header);
}
