// The Synthea CSV importer: reads the export file by file and writes the
// DATA.md files in memory. Order matters: providers and patients first (the
// events name them), encounters before the files that point at an encounter
// (its provider and setting) and before payer_transitions (a span's PCP is
// read from the wellness visits).
#include "import/synthea/SyntheaImport.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "import/synthea/MedicationFills.h"
#include "import/synthea/SyntheaTable.h"
#include "import/synthea/SyntheaVocabulary.h"
#include "support/CodeSystem.h"
#include "support/CsvWriter.h"
#include "support/DataFiles.h"

namespace mc::import::synthea {
namespace {

// DATA.md's input files in the layout every writer shares
// (support/DataFiles.h), each without the columns Synthea cannot fill. The
// status column is left out everywhere: Synthea records what happened
// (completed); a fill is known by its RxNorm code and prescriber only.
std::string outputHeader(DataFile file) {
  if (file == DataFile::Pharmacy)
    return headerWithout(file, {"ndc", "quantity", "generic", "pharmacy_id", "status"});
  // The FHIR category (docs/data.md), an optional column of these two files
  // that only the importers fill.
  // An observation's setting is that of the encounter it was taken in, as
  // a visit's (the eCQMs ask whether a reading was taken in a clinic).
  if (file == DataFile::Observations) return headerWithout(file, {"status"}) + ",setting,category";
  if (file == DataFile::Conditions) return headerWithout(file, {"status"}) + ",category";
  return headerWithout(file, {"status"});
}

// Synthea's observations.csv CATEGORY is the code of its FHIR export's
// Observation.category (observation-category: laboratory, vital-signs,
// survey, exam, procedure, ...): OBSCAT:<code>. Empty for the rows Synthea
// writes without one (QALY, DALY); a text that is no such code is left
// out and counted.
std::string observationCategory(std::string_view category, FileReport& report) {
  if (category.empty()) return {};
  if (!checkCodeShape(CodeSystem::OBSCAT, category).empty()) {
    ++report.notes["CATEGORY not an observation-category code: category left empty"];
    return {};
  }
  return std::string("OBSCAT:") + std::string(category);
}

// Synthea records every condition at an encounter, and its FHIR export
// writes each Condition with the category encounter-diagnosis (US Core):
// conditions.csv says the same.
constexpr std::string_view kConditionCategory = "CONDCAT:encounter-diagnosis";
enum Output {
  Members = static_cast<int>(DataFile::Members),
  Enrollment = static_cast<int>(DataFile::Enrollment),
  Providers = static_cast<int>(DataFile::Providers),
  Visits = static_cast<int>(DataFile::Visits),
  Pharmacy = static_cast<int>(DataFile::Pharmacy),
  Observations = static_cast<int>(DataFile::Observations),
  Conditions = static_cast<int>(DataFile::Conditions),
  Immunizations = static_cast<int>(DataFile::Immunizations),
};

struct Encounter {
  std::string provider;  // empty when providers.csv does not list it
  std::string_view setting;
};

struct WellnessVisit {
  Days date;
  std::string provider;
};

std::string dateText(Days d) { return d == kNoDate ? std::string() : formatIsoDate(d); }
// An event date cell with its time of day (docs/data.md "Times of day").
std::string whenText(const DayTime& w) {
  return w.day == kNoDate ? std::string() : formatIsoDayTime(w.day, w.time);
}
// Whether `stop` is before `start`: an earlier day, or the same day at an
// earlier time (both with one).
bool stopsBefore(const DayTime& stop, const DayTime& start) {
  if (stop.day != start.day) return stop.day < start.day;
  return stop.time != kNoTime && start.time != kNoTime && stop.time < start.time;
}
// A visit's end_date: STOP when it is after START, else empty (a point in
// time, or still going).
std::string visitEnd(const DayTime& start, const DayTime& stop) {
  if (stop.day == kNoDate || (stop.day == start.day && stop.time == start.time)) return {};
  if (stop.day == start.day && (stop.time == kNoTime || start.time == kNoTime)) return {};
  return whenText(stop);
}

class Importer {
 public:
  Importer(const SyntheaInput& input, SyntheaImport& out, const SyntheaOutput* writeTo)
      : input_(input), out_(out), writeTo_(writeTo) {
    for (int f = 0; f < kDataFileCount; ++f) {
      const auto file = static_cast<DataFile>(f);
      out_.files.push_back(DataFileText{layoutOf(file).name, outputHeader(file) + "\n", 0});
    }
  }

  std::optional<SyntheaError> run() {
    if (writeTo_) {  // each file starts as its header alone
      for (DataFileText& f : out_.files)
        if (!flush(f, std::ios::trunc)) return writeError_;
    }
    for (auto step : {&Importer::payers, &Importer::organizations, &Importer::providers,
                      &Importer::patients, &Importer::encounters, &Importer::payerTransitions,
                      &Importer::procedures, &Importer::conditions, &Importer::observations,
                      &Importer::immunizations, &Importer::medications}) {
      if (auto error = (this->*step)()) return error;
    }
    if (writeTo_) {
      for (DataFileText& f : out_.files)
        if (!flush(f, std::ios::app)) return writeError_;
    }
    for (const DataFileText& f : out_.files) out_.report.written.emplace_back(f.name, f.rows);
    return std::nullopt;
  }

 private:
  // Opens a Synthea file; `present` is false for an optional file that is
  // absent.
  std::optional<SyntheaError> open(SyntheaTable& table, const std::string& name,
                                   const std::vector<std::string>& columns, bool optional,
                                   bool& present) {
    present = true;
    if (input_.texts) {
      const auto it = input_.texts->find(name);
      if (it == input_.texts->end()) {
        present = false;
        if (optional) return std::nullopt;
        return SyntheaError{
            "E0810", name, 0, 0, "Synthea file missing", "the importer needs every file it maps"};
      }
      return table.openText(name, it->second, columns);
    }
    if (optional && !std::filesystem::exists(input_.dir / name)) {
      present = false;
      return std::nullopt;
    }
    return table.open(input_.dir, name, columns);
  }

  void row(Output o, std::initializer_list<std::string_view> fields) {
    DataFileText& f = out_.files[o];
    csv::CsvWriter w(f.text);
    w.row(fields);
    ++f.rows;
    if (writeTo_ && f.text.size() >= writeTo_->flushBytes && !writeError_) flush(f, std::ios::app);
  }

  // Appends the text of `f` held so far to its file in the output directory.
  bool flush(DataFileText& f, std::ios::openmode mode) {
    const std::filesystem::path path = writeTo_->dir / f.name;
    std::ofstream file(path, std::ios::binary | std::ios::out | mode);
    file.write(f.text.data(), static_cast<std::streamsize>(f.text.size()));
    file.close();
    if (!file) {
      writeError_ = SyntheaError{"E0815",
                                 path.string(),
                                 0,
                                 0,
                                 "cannot write the data file",
                                 "check free disk space and permissions"};
      return false;
    }
    f.text.clear();
    return true;
  }

  // Reads every row of `name` with `mapRow`, which returns the reason a row
  // is skipped (empty when mapped) or sets the table's error.
  template <typename MapRow>
  std::optional<SyntheaError> readAll(const std::string& name,
                                      const std::vector<std::string>& columns, bool optional,
                                      MapRow mapRow) {
    SyntheaTable table;
    bool present = true;
    if (auto error = open(table, name, columns, optional, present)) return error;
    if (!present) return std::nullopt;
    FileReport& report = out_.report.file(name);
    while (table.next()) {
      ++report.read;
      const std::string skip = mapRow(table, report);
      if (table.error()) return table.error();
      if (writeError_) return writeError_;
      if (skip.empty())
        ++report.mapped;
      else
        ++report.skipped[skip];
    }
    if (table.error()) return table.error();
    return std::nullopt;
  }

  // A code of `system` as `SYSTEM:code`; empty with `why` set when its shape
  // is wrong for the system.
  static std::string qualified(CodeSystem system, std::string_view code, std::string& why) {
    const std::string problem = checkCodeShape(system, code);
    if (!problem.empty()) {
      why = fmt::format("not a {} code ({})", codeSystemName(system), problem);
      return {};
    }
    return fmt::format("{}:{}", codeSystemName(system), code);
  }

  // The row's CODE in the system its SYSTEM column names (newer exports),
  // else in `usual` (the system Synthea writes that file's codes in); empty
  // with `why` set for an unknown system or a code of the wrong shape.
  static std::string rowCode(SyntheaTable& t, CodeSystem usual, std::string& why) {
    CodeSystem system = usual;
    if (t.hasColumn("SYSTEM") && !t.text("SYSTEM").empty()) {
      const auto named = codeSystemOfSyntheaSystem(t.text("SYSTEM"));
      if (!named) {
        why = fmt::format("SYSTEM '{}': a code system measurec does not read", t.text("SYSTEM"));
        return {};
      }
      system = *named;
    }
    std::string code = qualified(system, t.text("CODE"), why);
    if (code.empty()) why = "CODE " + why;
    return code;
  }

  std::optional<SyntheaError> payers() {
    return readAll("payers.csv", {"Id", "NAME"}, true, [&](SyntheaTable& t, FileReport&) {
      payerNames_[std::string(t.text("Id"))] = std::string(t.text("NAME"));
      return std::string();
    });
  }

  // Organizations are the sites providers work at: providers.csv rows of kind
  // `other`, so that a measure can name them; no event points at one.
  std::optional<SyntheaError> organizations() {
    return readAll("organizations.csv", {"Id", "NAME"}, true, [&](SyntheaTable& t, FileReport&) {
      if (t.text("Id").empty()) return std::string("empty Id");
      if (!providerIds_.insert(std::string(t.text("Id"))).second)
        return std::string("duplicate Id");
      row(Providers, {t.text("Id"), "other", t.text("NAME"), "", ""});
      return std::string();
    });
  }

  std::optional<SyntheaError> providers() {
    return readAll("providers.csv", {"Id", "NAME", "SPECIALITY"}, false,
                   [&](SyntheaTable& t, FileReport&) {
                     const std::string id(t.text("Id"));
                     if (id.empty()) return std::string("empty Id");
                     if (!providerIds_.insert(id).second) return std::string("duplicate Id");
                     const std::string_view kind = kindOfSpeciality(t.text("SPECIALITY"));
                     if (kind == "pcp") pcps_.insert(id);
                     row(Providers, {id, kind, t.text("NAME"), "", ""});
                     return std::string();
                   });
  }

  std::optional<SyntheaError> patients() {
    return readAll("patients.csv",
                   {"Id", "BIRTHDATE", "DEATHDATE", "GENDER", "RACE", "ETHNICITY", "COUNTY"}, false,
                   [&](SyntheaTable& t, FileReport& report) {
                     const auto birth = t.date("BIRTHDATE", false);
                     const auto death = birth ? t.date("DEATHDATE", true) : std::nullopt;
                     if (!death) return std::string();
                     const std::string id(t.text("Id"));
                     if (id.empty()) return std::string("empty Id");
                     if (!patients_.insert(id).second) return std::string("duplicate Id");
                     std::string_view sex = t.text("GENDER");
                     if (sex != "M" && sex != "F") {
                       ++report.notes["GENDER neither M nor F: sex U"];
                       sex = "U";
                     }
                     row(Members, {id, dateText(*birth), sex, t.text("RACE"), t.text("ETHNICITY"),
                                   "", t.text("COUNTY"), dateText(*death)});
                     return std::string();
                   });
  }

  // Empty when the row's PATIENT is a member; else the reason to skip it.
  std::string knownPatient(SyntheaTable& t) const {
    if (patients_.count(std::string(t.text("PATIENT"))) == 0)
      return "PATIENT absent from patients.csv";
    return {};
  }

  std::optional<SyntheaError> encounters() {
    return readAll(
        "encounters.csv",
        {"Id", "START", "STOP", "PATIENT", "PROVIDER", "ENCOUNTERCLASS", "CODE", "REASONCODE"},
        false, [&](SyntheaTable& t, FileReport& report) {
          std::string why;
          const auto span = startStop(t, why);
          if (!span) return why;
          const auto [start, stop] = *span;
          std::string codes = rowCode(t, CodeSystem::SNOMEDCT, why);
          if (codes.empty()) return why;
          if (!t.text("REASONCODE").empty()) {
            const std::string reason = qualified(CodeSystem::SNOMEDCT, t.text("REASONCODE"), why);
            if (reason.empty()) return "REASONCODE " + why;
            codes += " " + reason;
          }
          std::string_view setting = "other";
          if (const auto s = settingOfEncounterClass(t.text("ENCOUNTERCLASS")))
            setting = *s;
          else
            ++report.notes[fmt::format("ENCOUNTERCLASS '{}': setting other",
                                       t.text("ENCOUNTERCLASS"))];
          std::string provider(t.text("PROVIDER"));
          if (!provider.empty() && providerIds_.count(provider) == 0) {
            ++report.notes["PROVIDER absent from providers.csv: provider_id left empty"];
            provider.clear();
          }
          const std::string patient(t.text("PATIENT"));
          encounters_[std::string(t.text("Id"))] = Encounter{provider, setting};
          if (equalsWellness(t.text("ENCOUNTERCLASS")) && pcps_.count(provider) != 0)
            wellness_[patient].push_back(WellnessVisit{start.day, provider});
          row(Visits, {patient, t.text("Id"), whenText(start), visitEnd(start, stop), setting,
                       provider, codes, ""});
          return std::string();
        });
  }

  static bool equalsWellness(std::string_view cls) { return cls == "wellness"; }

  // The PCP linked to a span ending on `end` (kNoDate: open): the PCP of the
  // patient's latest wellness visit on or before it; none when there is none.
  std::string pcpAt(const std::string& patient, Days end) {
    auto it = wellness_.find(patient);
    if (it == wellness_.end()) return {};
    std::string pcp;
    Days latest = kNoDate;
    for (const WellnessVisit& v : it->second)  // in file order: not necessarily by date
      if ((end == kNoDate || v.date <= end) && v.date >= latest) {
        latest = v.date;
        pcp = v.provider;
      }
    return pcp;
  }

  // One enrollment span per insured payer transition; a NO_INSURANCE span is
  // no enrollment. Synthea's spans meet (one ends the moment the next
  // starts), so a span ends the day before its END.
  std::optional<SyntheaError> payerTransitions() {
    std::unordered_set<std::string> enrolled;
    auto error = readAll(
        "payer_transitions.csv", {"PATIENT", "START_YEAR", "END_YEAR", "PAYER"}, false,
        [&](SyntheaTable& t, FileReport&) {
          const auto start = t.date("START_YEAR", false);
          const auto end = start ? t.date("END_YEAR", true) : std::nullopt;
          if (!end) return std::string();
          if (std::string why = knownPatient(t); !why.empty()) return why;
          const std::string payer(t.text("PAYER"));
          const auto name = payerNames_.find(payer);
          const std::string product = name != payerNames_.end() ? name->second : payer;
          if (product == "NO_INSURANCE" || payer.empty())
            return std::string("uninsured span (NO_INSURANCE): no enrollment");
          Days last = *end == kNoDate ? kNoDate : std::max(*start, *end - 1);
          if (*end != kNoDate && *end < *start) return std::string("END_YEAR before START_YEAR");
          const std::string patient(t.text("PATIENT"));
          enrolled.insert(patient);
          row(Enrollment,
              {patient, dateText(*start), dateText(last), pcpAt(patient, last), product, ""});
          return std::string();
        });
    if (error) return error;
    for (const std::string& p : patients_)
      if (enrolled.count(p) == 0) ++out_.report.membersWithoutEnrollment;
    return std::nullopt;
  }

  // START and STOP (day kNoDate: still going), with their times of day, of
  // a row of a known patient. nullopt otherwise, with `why` the skip's
  // reason (empty when a bad date already stopped the import:
  // SyntheaTable::when reports it).
  std::optional<std::pair<DayTime, DayTime>> startStop(SyntheaTable& t, std::string& why) {
    const auto start = t.when("START", false);
    const auto stop = start ? t.when("STOP", true) : std::nullopt;
    if (!stop) return std::nullopt;
    why = knownPatient(t);
    if (!why.empty()) return std::nullopt;
    if (stop->day != kNoDate && stopsBefore(*stop, *start)) {
      why = "STOP before START";
      return std::nullopt;
    }
    return std::make_pair(*start, *stop);
  }

  // The encounter a row points at; nullptr (and a note) when unknown.
  const Encounter* encounterOf(SyntheaTable& t, FileReport& report) {
    const auto it = encounters_.find(std::string(t.text("ENCOUNTER")));
    if (it != encounters_.end()) return &it->second;
    ++report.notes["ENCOUNTER absent from encounters.csv: no provider, setting other"];
    return nullptr;
  }

  // Procedures are visits.csv lines of their encounter's claim (claim_id =
  // the encounter), in its setting, on their own date.
  std::optional<SyntheaError> procedures() {
    return readAll("procedures.csv", {"START", "STOP", "PATIENT", "ENCOUNTER", "CODE"}, false,
                   [&](SyntheaTable& t, FileReport& report) {
                     std::string why;
                     const auto span = startStop(t, why);
                     if (!span) return why;
                     const auto [start, stop] = *span;
                     std::string codes = rowCode(t, CodeSystem::SNOMEDCT, why);
                     if (codes.empty()) return why;
                     if (t.hasColumn("REASONCODE") && !t.text("REASONCODE").empty()) {
                       const std::string reason =
                           qualified(CodeSystem::SNOMEDCT, t.text("REASONCODE"), why);
                       if (reason.empty()) return "REASONCODE " + why;
                       codes += " " + reason;
                     }
                     const Encounter* e = encounterOf(t, report);
                     row(Visits, {t.text("PATIENT"), t.text("ENCOUNTER"), whenText(start),
                                  visitEnd(start, stop), e ? e->setting : "other",
                                  e ? std::string_view(e->provider) : "", codes, ""});
                     return std::string();
                   });
  }

  std::optional<SyntheaError> conditions() {
    return readAll("conditions.csv", {"START", "STOP", "PATIENT", "ENCOUNTER", "CODE"}, false,
                   [&](SyntheaTable& t, FileReport& report) {
                     std::string why;
                     const auto span = startStop(t, why);
                     if (!span) return why;
                     const auto [start, stop] = *span;
                     const std::string code = rowCode(t, CodeSystem::SNOMEDCT, why);
                     if (code.empty()) return why;
                     const Encounter* e = encounterOf(t, report);
                     row(Conditions, {t.text("PATIENT"), whenText(start), whenText(stop), code,
                                      e ? std::string_view(e->provider) : "", kConditionCategory});
                     return std::string();
                   });
  }

  std::optional<SyntheaError> observations() {
    return readAll(
        "observations.csv", {"DATE", "PATIENT", "ENCOUNTER", "CODE", "VALUE", "UNITS", "TYPE"},
        false, [&](SyntheaTable& t, FileReport& report) {
          const auto date = t.when("DATE", false);
          if (!date) return std::string();
          if (std::string why = knownPatient(t); !why.empty()) return why;
          std::string why;
          const std::string code = rowCode(t, CodeSystem::LOINC, why);
          if (code.empty()) return why;
          // A text value has no unit; a numeric one keeps Synthea's (UCUM).
          const bool numeric = t.text("TYPE") == "numeric";
          const Encounter* e = t.text("ENCOUNTER").empty() ? nullptr : encounterOf(t, report);
          row(Observations, {t.text("PATIENT"), whenText(*date), code, t.text("VALUE"),
                             numeric ? t.text("UNITS") : "", e ? std::string_view(e->provider) : "",
                             e                             ? e->setting
                             : t.text("ENCOUNTER").empty() ? std::string_view()
                                                           : std::string_view("other"),
                             observationCategory(t.text("CATEGORY"), report)});
          return std::string();
        });
  }

  std::optional<SyntheaError> immunizations() {
    return readAll("immunizations.csv", {"DATE", "PATIENT", "ENCOUNTER", "CODE"}, false,
                   [&](SyntheaTable& t, FileReport& report) {
                     const auto date = t.when("DATE", false);
                     if (!date) return std::string();
                     if (std::string why = knownPatient(t); !why.empty()) return why;
                     std::string why;
                     const std::string code = rowCode(t, CodeSystem::CVX, why);
                     if (code.empty()) return why;
                     const Encounter* e = encounterOf(t, report);
                     row(Immunizations, {t.text("PATIENT"), whenText(*date), code,
                                         e ? std::string_view(e->provider) : "", "ehr"});
                     return std::string();
                   });
  }

  // The fills of each prescription (MedicationFills.h); claim ids are the
  // encounter's, numbered: `<ENCOUNTER>-1`, `-2`, ...
  std::optional<SyntheaError> medications() {
    return readAll(
        "medications.csv", {"START", "STOP", "PATIENT", "ENCOUNTER", "CODE", "DISPENSES"}, false,
        [&](SyntheaTable& t, FileReport& report) {
          const auto start = t.date("START", false);
          const auto stop = start ? t.date("STOP", true) : std::nullopt;
          const auto dispenses = stop ? t.count("DISPENSES") : std::nullopt;
          if (!dispenses) return std::string();
          if (std::string why = knownPatient(t); !why.empty()) return why;
          if (*stop != kNoDate && *stop < *start) return std::string("STOP before START");
          std::string why;
          if (qualified(CodeSystem::RXNORM, t.text("CODE"), why).empty()) return "CODE " + why;
          const std::vector<Fill> fills = medicationFills(*start, *stop, *dispenses);
          if (fills.empty()) return std::string("DISPENSES 0: no fill");
          if (static_cast<long>(fills.size()) < *dispenses)
            report.notes["more DISPENSES than days between START and STOP: one fill a day"] += 1;
          const Encounter* e = encounterOf(t, report);
          for (size_t k = 0; k < fills.size(); ++k) {
            row(Pharmacy,
                {t.text("PATIENT"), fmt::format("{}-{}", t.text("ENCOUNTER"), k + 1),
                 dateText(fills[k].date), t.text("CODE"), std::to_string(fills[k].daysSupply),
                 e ? std::string_view(e->provider) : ""});
          }
          return std::string();
        });
  }

  const SyntheaInput& input_;
  SyntheaImport& out_;
  const SyntheaOutput* writeTo_;
  std::optional<SyntheaError> writeError_;
  std::unordered_map<std::string, std::string> payerNames_;
  std::unordered_set<std::string> providerIds_;
  std::unordered_set<std::string> pcps_;
  std::unordered_set<std::string> patients_;
  std::unordered_map<std::string, Encounter> encounters_;
  std::unordered_map<std::string, std::vector<WellnessVisit>> wellness_;
};

}  // namespace

const std::vector<std::string>& requiredSyntheaFiles() {
  static const std::vector<std::string> kFiles = {
      "patients.csv",   "payer_transitions.csv", "providers.csv",
      "encounters.csv", "conditions.csv",        "observations.csv",
      "procedures.csv", "immunizations.csv",     "medications.csv"};
  return kFiles;
}

std::vector<std::string> dataFileNames() {
  std::vector<std::string> names;
  for (const DataFileLayout& layout : kDataFiles) names.emplace_back(layout.name);
  return names;
}

std::optional<SyntheaError> importSynthea(const SyntheaInput& input, SyntheaImport& out,
                                          const SyntheaOutput* writeTo) {
  out = SyntheaImport{};
  // Every required file is checked before anything is read, so that a
  // missing one is reported first, whichever it is.
  for (const std::string& name : requiredSyntheaFiles()) {
    const bool present = input.texts ? input.texts->count(name) != 0
                                     : std::filesystem::is_regular_file(input.dir / name);
    if (!present) {
      return SyntheaError{
          "E0810",
          (input.texts ? std::filesystem::path(name) : input.dir / name).string(),
          0,
          0,
          "Synthea file missing",
          fmt::format("the importer reads {}", fmt::join(requiredSyntheaFiles(), ", "))};
    }
  }
  SyntheaImport result;
  result.report.source = input.texts ? std::string("(text)") : input.dir.string();
  Importer importer(input, result, writeTo);
  if (auto error = importer.run()) return error;
  out = std::move(result);
  return std::nullopt;
}

}  // namespace mc::import::synthea
