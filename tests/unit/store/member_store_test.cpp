// Names of the store's enums, the code dictionary and id lookups.
#include <catch2/catch.hpp>
#include <cctype>
#include <optional>
#include <string>

#include "store/MemberStore.h"
#include "support/EventVocabulary.h"

using namespace mc;
using namespace mc::store;

TEST_CASE("event kinds name their files", "[store]") {
  CHECK(std::string(eventKindName(EventKind::Visit)) == "visit");
  CHECK(std::string(eventFileName(EventKind::Visit)) == "visits.csv");
  CHECK(std::string(eventFileName(EventKind::Pharmacy)) == "pharmacy.csv");
  CHECK(std::string(eventFileName(EventKind::Observation)) == "observations.csv");
  CHECK(std::string(eventFileName(EventKind::Condition)) == "conditions.csv");
  CHECK(std::string(eventFileName(EventKind::Immunization)) == "immunizations.csv");
  CHECK(std::string(eventFileName(EventKind::Supplemental)) == "supplemental.csv");
  CHECK(std::string(eventFileName(EventKind::Referral)) == "referrals.csv");
  CHECK(std::string(eventKindName(EventKind::Referral)) == "referral");
}

TEST_CASE("settings are the DATA.md names, in any case", "[store]") {
  Setting s = Setting::Other;
  REQUIRE(settingFromName("", s));
  CHECK(s == Setting::None);
  REQUIRE(settingFromName("ed", s));
  CHECK(s == Setting::Ed);
  REQUIRE(settingFromName("telehealth", s));
  CHECK(s == Setting::Telehealth);
  CHECK_FALSE(settingFromName("ER", s));
  CHECK(s == Setting::Telehealth);  // untouched on failure
  REQUIRE(settingFromName("Inpatient", s));
  CHECK(s == Setting::Inpatient);
  for (int i = 1; i < kSettingCount; ++i) {
    Setting back = Setting::None;
    REQUIRE(settingFromName(settingName(static_cast<Setting>(i)), back));
    CHECK(back == static_cast<Setting>(i));
  }
  CHECK(std::string(settingName(Setting::Snf)) == "snf");
}

// The loader's lookups (names measured once) answer as the vocabulary's own
// loops do, for every name in upper case too, and for near misses.
TEST_CASE("setting, status and source lookups agree with support/EventVocabulary.h", "[store]") {
  const auto upper = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
  };
  for (const char* name : kSettingNames) {
    for (const std::string& text : {std::string(name), upper(name), std::string(name) + "x"}) {
      Setting s = Setting::Other;
      const std::optional<int> index = settingIndex(text);
      CHECK(settingFromName(text, s) == index.has_value());
      if (index) CHECK(s == static_cast<Setting>(*index));
    }
  }
  for (const char* name : kStatusNames) {
    for (const std::string& text : {std::string(name), upper(name), std::string(name) + " "}) {
      const std::optional<int> index = statusIndex(text);
      const std::optional<Status> status = statusFromText(text);
      REQUIRE(status.has_value() == index.has_value());
      if (index) CHECK(*status == *index);
    }
  }
  CHECK(eventSourceFromName("") == EventSource::None);
  CHECK(eventSourceFromName("registry") == EventSource::Registry);
  CHECK(eventSourceFromName("CLAIM") == EventSource::Claim);
  CHECK(eventSourceFromName("Ehr") == EventSource::Ehr);
  CHECK_FALSE(eventSourceFromName("ehr ").has_value());
  CHECK_FALSE(eventSourceFromName("lab").has_value());
}

TEST_CASE("statuses: the FHIR vocabulary, case-insensitive; the convention counts five",
          "[store]") {
  auto counts = [](const char* text) {
    const auto status = statusFromText(text);
    REQUIRE(status.has_value());
    return ((kDefaultCountedStatuses >> *status) & 1u) != 0;
  };
  CHECK(counts(""));
  CHECK(counts("completed"));
  CHECK(counts("FINAL"));
  CHECK(counts("Amended"));
  CHECK(counts("corrected"));
  CHECK_FALSE(counts("cancelled"));
  CHECK_FALSE(counts("Entered-In-Error"));
  CHECK_FALSE(counts("not-done"));
  CHECK_FALSE(counts("preliminary"));
  CHECK_FALSE(counts("in-progress"));
  // Outside the vocabulary: the loader rejects the row.
  CHECK_FALSE(statusFromText("paid").has_value());
  CHECK_FALSE(statusFromText("COMPLETE").has_value());
}

TEST_CASE("the code dictionary interns (system, code) pairs densely", "[store]") {
  CodeDictionary codes;
  const CodeId a = codes.intern(CodeSystem::CPT, "77067");
  const CodeId b = codes.intern(CodeSystem::ICD10CM, "Z9013");
  const CodeId c = codes.intern(CodeSystem::HCPCS, "77067");  // same text, other system
  CHECK(a == 0);
  CHECK(b == 1);
  CHECK(c == 2);
  CHECK(codes.intern(CodeSystem::CPT, "77067") == a);
  CHECK(codes.size() == 3);
  CHECK(codes.find(CodeSystem::ICD10CM, "Z9013") == b);
  CHECK(codes.find(CodeSystem::ICD10CM, "Z90.13") == CodeDictionary::kNoCode);
  CHECK(codes.find(CodeSystem::LOINC, "77067") == CodeDictionary::kNoCode);
  CHECK(codes.system(b) == CodeSystem::ICD10CM);
  CHECK(codes.code(b) == "Z9013");
  CHECK(codes.qualified(a) == "CPT:77067");
}

TEST_CASE("providers met before their providers.csv row are unlisted", "[store]") {
  ProviderTable providers;
  const ProviderId p = providers.intern("P1");
  CHECK(p == 0);
  CHECK(providers.intern("P1") == p);
  CHECK(providers.intern("P2") == 1);
  CHECK(providers.size() == 2);
  CHECK(providers.find("P2") == 1);
  CHECK(providers.find("P3") == kNoProvider);
  CHECK(providers.listed[p] == 0);
  CHECK(providers.kind[p] == ProviderKind::Other);
  CHECK(providers.name.size() == 2);
  CHECK(providers.attributes.size() == 2);
}
