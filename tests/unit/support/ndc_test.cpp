// NDCs in every published form (FDA NDC Directory): one 11-digit code.
#include <catch2/catch.hpp>

#include "support/CodeSystem.h"

using namespace mc;

namespace {

std::string elevenDigits(std::string_view written) {
  const Ndc ndc = readNdc(written);
  REQUIRE(ndc.reading == NdcReading::Ok);
  return std::string(ndc.text());
}

}  // namespace

TEST_CASE("every published NDC form reads as the one 11-digit code", "[codes][ndc]") {
  CHECK(elevenDigits("00002322730") == "00002322730");    // 11 digits, as billed
  CHECK(elevenDigits("00002-3227-30") == "00002322730");  // 5-4-2 with hyphens
  CHECK(elevenDigits("0002-3227-30") == "00002322730");   // 4-4-2: the labeler is padded
  CHECK(elevenDigits("00002-227-30") == "00002022730");   // 5-3-2: the product is padded
  CHECK(elevenDigits("00002-3227-3") == "00002322703");   // 5-4-1: the package is padded
  // The padding goes at the front of the short segment, whatever its digits.
  CHECK(elevenDigits("6586-2017-01") == "06586201701");
  CHECK(elevenDigits("65862-017-01") == "65862001701");
  CHECK(elevenDigits("65862-0170-1") == "65862017001");
}

TEST_CASE("normalizeCode gives an NDC its 11 digits in every form", "[codes][ndc]") {
  for (const char* form : {"00002322730", "00002-3227-30", "0002-3227-30"})
    CHECK(normalizeCode(CodeSystem::NDC, form) == "00002322730");
  CHECK(normalizeCode(CodeSystem::NDC, "00002-227-30") == "00002022730");
  CHECK(normalizeCode(CodeSystem::NDC, "00002-3227-3") == "00002322703");
  for (const char* form :
       {"00002322730", "00002-3227-30", "0002-3227-30", "00002-227-30", "00002-3227-3"})
    CHECK(checkCodeShape(CodeSystem::NDC, form).empty());
  // A code of the wrong shape keeps its text: it is reported, not matched.
  CHECK(normalizeCode(CodeSystem::NDC, "0002322730") == "0002322730");
}

TEST_CASE("a 10-digit NDC without hyphens is ambiguous", "[codes][ndc]") {
  CHECK(readNdc("0002322730").reading == NdcReading::AmbiguousTen);
  CHECK(isAmbiguousNdc(CodeSystem::NDC, "0002322730"));
  CHECK_FALSE(isAmbiguousNdc(CodeSystem::NDC, "0002-3227-30"));
  CHECK_FALSE(isAmbiguousNdc(CodeSystem::NDC, "00002322730"));
  CHECK_FALSE(isAmbiguousNdc(CodeSystem::RXNORM, "0002322730"));
  CHECK(ambiguousNdcMessage("0002322730").find("ambiguous") != std::string::npos);
  // The hint spells out all three readings and what each stands for.
  const std::string hint = checkCodeShape(CodeSystem::NDC, "0002322730");
  CHECK(hint == ambiguousNdcHint("0002322730"));
  CHECK(hint.find("0002-3227-30 is 00002322730") != std::string::npos);
  CHECK(hint.find("00023-227-30 is 00023022730") != std::string::npos);
  CHECK(hint.find("00023-2273-0 is 00023227300") != std::string::npos);
  CHECK(hint.find("FDA NDC Directory") != std::string::npos);
}

TEST_CASE("other NDC shapes are bad", "[codes][ndc]") {
  for (const char* bad : {"", "123", "000232273",  // 9 digits
                          "000023227300",          // 12 digits
                          "0002-3227",             // two segments
                          "0002-3227-30-1",        // four segments
                          "00002-32273-0",         // 5-5-1
                          "002-3227-30",           // 3-4-2: 9 digits
                          "000002-3227-30",        // 6-4-2
                          "0002-322-30",           // 4-3-2: two short segments
                          "00002--30", "-0002-3227-30", "00002-3227-30-", "0000A-3227-30",
                          "0000232273O", " 00002322730"}) {
    INFO(bad);
    CHECK(readNdc(bad).reading == NdcReading::BadShape);
    CHECK_FALSE(checkCodeShape(CodeSystem::NDC, bad).empty());
    CHECK_FALSE(isAmbiguousNdc(CodeSystem::NDC, bad));
  }
}

TEST_CASE("NDC ranges compare the 11-digit codes", "[codes][ndc]") {
  const std::string lo = normalizeCode(CodeSystem::NDC, "0002-3227-01");
  const std::string hi = normalizeCode(CodeSystem::NDC, "00002-3227-90");
  CHECK(codeInRange(CodeSystem::NDC, normalizeCode(CodeSystem::NDC, "00002-3227-3"), lo, hi));
  CHECK(codeInRange(CodeSystem::NDC, "00002322730", lo, hi));
  CHECK_FALSE(codeInRange(CodeSystem::NDC, normalizeCode(CodeSystem::NDC, "00002-227-30"), lo, hi));
}

TEST_CASE("an NDC written SYSTEM:CODE is normalised too", "[codes][ndc]") {
  const auto code = splitQualifiedCode("NDC:0002-3227-30");
  REQUIRE(code);
  CHECK(code->system == CodeSystem::NDC);
  CHECK(code->code == "00002322730");
}
