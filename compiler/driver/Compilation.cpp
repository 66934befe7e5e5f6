// Loading, import resolution and checking of a set of .measure files.
#include "driver/Compilation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "driver/ImprovementChecks.h"
#include "ir/Lower.h"
#include "parse/Parser.h"
#include "sema/Checker.h"
#include "support/EventVocabulary.h"

#ifndef MEASUREC_STDLIB_DIR
#define MEASUREC_STDLIB_DIR "stdlib"
#endif

namespace fs = std::filesystem;

namespace mc {

struct Compilation::LoadedFile {
  SourceFilePtr source;
  ast::File ast;
  bool syntaxOk = true;
  std::string dir;
};

Compilation::Compilation(std::string stdlibDir) : stdlibDir_(std::move(stdlibDir)) {
  if (stdlibDir_.empty()) {
    const char* env = std::getenv("MEASUREC_STDLIB");
    stdlibDir_ = env != nullptr && *env != '\0' ? env : MEASUREC_STDLIB_DIR;
  }
}

Compilation::~Compilation() = default;

static std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

// Whether a file parsed completely. Sema checks every file (the parser drops
// the items with syntax errors and keeps the rest); a program does not
// include a measure whose file is incomplete, so it is not lowered or
// counted.
static bool parsedWithoutSyntaxErrors(const Diagnostics& diags, size_t before) {
  const auto& items = diags.items();
  for (size_t i = before; i < items.size(); ++i) {
    if (items[i].code == "E0001" || items[i].code == "E0002" || items[i].code == "E0006" ||
        items[i].code == "E0007")
      return false;
  }
  return true;
}

// Every .measure file under `root`, sorted. A subfolder that cannot be read
// is reported and skipped; the walk goes on. Links to folders are followed,
// each folder once: a link back up (`loop -> ..`) would otherwise be walked
// until the path is too long, reading every file again on each turn.
static std::vector<std::string> measureFilesUnder(const std::string& root, Diagnostics& diags) {
  std::vector<std::string> found;
  std::vector<fs::path> todo{root};
  std::set<fs::path> visited;
  while (!todo.empty()) {
    const fs::path dir = todo.back();
    todo.pop_back();
    std::error_code ec;
    const fs::path real = fs::canonical(dir, ec);
    if (!ec && !visited.insert(real).second) continue;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      diags.error("E0005", {},
                  fmt::format("cannot read the directory '{}': {}", dir.string(), ec.message()),
                  "check its permissions; the other directories are still checked");
      continue;
    }
    for (; it != end; it.increment(ec)) {
      std::error_code kindError;
      if (it->is_directory(kindError)) {
        todo.push_back(it->path());
      } else if (it->path().extension() == ".measure" && it->is_regular_file(kindError)) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      diags.error("E0005", {},
                  fmt::format("cannot list the directory '{}': {}", dir.string(), ec.message()),
                  "check its permissions; the other directories are still checked");
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

void Compilation::addPath(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    const size_t errorsBefore = diags_.errorCount();
    const std::vector<std::string> found = measureFilesUnder(path, diags_);
    if (found.empty() && diags_.errorCount() == errorsBefore) {
      diags_.error("E0005", {}, fmt::format("{}: no .measure files in this directory", path),
                   "give a .measure file or a directory that holds some");
    }
    for (const std::string& f : found) addRoot(load(f, {}));
    return;
  }
  addRoot(load(path, {}));
}

// A file named twice (`--measure m.measure --measure ./m.measure`, or a file
// and its directory) is one root: its measures would otherwise be scored
// twice, in rows no one can tell apart.
void Compilation::addRoot(LoadedFile* file) {
  if (file != nullptr && std::find(roots_.begin(), roots_.end(), file) == roots_.end())
    roots_.push_back(file);
}

void Compilation::addSource(std::string path, std::string text) {
  auto f = std::make_unique<LoadedFile>();
  f->source = std::make_shared<SourceFile>(path, std::move(text));
  f->dir = fs::path(path).parent_path().string();
  const size_t before = diags_.items().size();
  f->ast = parse::parseFile(f->source, diags_);
  f->syntaxOk = parsedWithoutSyntaxErrors(diags_, before);
  LoadedFile* raw = f.get();
  byPath_[path] = raw;
  files_.push_back(std::move(f));
  roots_.push_back(raw);
  loadDependencies(*raw);
}

std::vector<SourceFilePtr> Compilation::sourceFiles() const {
  std::vector<SourceFilePtr> out;
  for (const auto& f : files_) out.push_back(f->source);
  // Code files decide results as much as the measures: in the provenance too,
  // in path order so that the list does not depend on hashing.
  std::vector<SourceFilePtr> codeFiles;
  for (const auto& [path, file] : model_.codeFiles)
    if (file) codeFiles.push_back(file->source);
  std::sort(codeFiles.begin(), codeFiles.end(),
            [](const SourceFilePtr& a, const SourceFilePtr& b) { return a->path() < b->path(); });
  out.insert(out.end(), codeFiles.begin(), codeFiles.end());
  return out;
}

Compilation::LoadedFile* Compilation::load(const std::string& path, SourceRange requestedAt) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  const std::string key = ec ? path : canonical.string();
  if (auto it = byPath_.find(key); it != byPath_.end()) return it->second;
  const auto text = fs::is_regular_file(path, ec) ? readFile(path) : std::nullopt;
  if (!text) {
    diags_.error("E0005", requestedAt, fmt::format("cannot read '{}'", path),
                 "check the path; measure files end in .measure");
    return nullptr;
  }
  auto f = std::make_unique<LoadedFile>();
  f->source = std::make_shared<SourceFile>(path, *text);
  f->dir = fs::path(path).parent_path().string();
  const size_t before = diags_.items().size();
  f->ast = parse::parseFile(f->source, diags_);
  f->syntaxOk = parsedWithoutSyntaxErrors(diags_, before);
  LoadedFile* raw = f.get();
  byPath_[key] = raw;
  files_.push_back(std::move(f));
  loadDependencies(*raw);
  return raw;
}

std::string Compilation::modulePath(const std::string& id, const std::string& importerDir) const {
  std::string rest = id;
  std::string base = importerDir;
  if (id.rfind("stdlib.", 0) == 0) {
    rest = id.substr(7);
    base = stdlibDir_;
  }
  std::replace(rest.begin(), rest.end(), '.', '/');
  return (fs::path(base) / (rest + ".measure")).string();
}

const ast::Measure* Compilation::findModule(const std::string& id) const {
  for (const auto& f : files_) {
    for (const ast::Measure& m : f->ast.measures)
      if (m.isModule && m.id == id) return &m;
  }
  return nullptr;
}

void Compilation::loadDependencies(LoadedFile& f) {
  for (const ast::Measure& m : f.ast.measures) {
    for (const ast::ImportDecl& imp : m.imports) {
      if (findModule(imp.module) != nullptr) continue;
      const std::string path = modulePath(imp.module, f.dir);
      std::error_code ec;
      if (fs::exists(path, ec)) load(path, imp.range);
    }
  }
  for (const ast::Measure& m : f.ast.measures) {
    for (const ast::BasedOnDecl& b : m.basedOn) load((fs::path(f.dir) / b.path).string(), b.range);
  }
  for (const ast::Program& p : f.ast.programs) {
    for (const ast::ProgramInclude& inc : p.includes) {
      const std::string path = (fs::path(f.dir) / inc.path).string();
      load(path, inc.range);
    }
  }
}

void Compilation::check() {
  if (checked_) return;
  checked_ = true;
  for (const auto& f : files_) {
    for (const ast::Measure& m : f->ast.measures) {
      sema::UnitScope scope;
      scope.unit = &m;
      scope.file = f->source.get();
      for (const ast::ImportDecl& imp : m.imports) {
        const ast::Measure* mod = findModule(imp.module);
        if (mod == &m) {
          diags_.error("E0116", imp.range, fmt::format("module {} imports itself", imp.module),
                       "remove this import; a module sees its own names");
          continue;
        }
        if (mod == nullptr) {
          diags_.error("E0109", imp.range, fmt::format("cannot find module '{}'", imp.module),
                       fmt::format("expected a 'module {}' in {}", imp.module,
                                   modulePath(imp.module, f->dir)));
          continue;
        }
        scope.imports.push_back(mod);
        for (const ast::CodesetDecl& c : mod->codesets) scope.codesets.emplace(c.name, &c);
        for (const ast::DefineDecl& d : mod->defines) scope.defines.emplace(d.name, &d);
      }
      // Own names win over imported ones (a clash is reported by the checker).
      for (const ast::CodesetDecl& c : m.codesets) scope.codesets[c.name] = &c;
      for (const ast::DefineDecl& d : m.defines) scope.defines[d.name] = &d;
      scopes_[&m] = std::move(scope);
      owner_[&m] = f.get();
    }
  }
  checkMeasureIds();
  resolveBases();
  sema::Checker checker(model_, diags_, scopes_);
  for (const auto& f : files_) {
    const size_t before = diags_.items().size();
    for (const ast::Measure& m : f->ast.measures) checker.checkUnit(scopes_.at(&m));
    if (!f->syntaxOk) dropCascades(*f, before);
    for (ast::Program& p : f->ast.programs) {
      programOwner_[&p] = f.get();
      resolveParameters(p);
      resolveFeeForService(p);
      checkProgram(*f, p);
    }
  }
  diags_.sort();
}

// Results are keyed by measure ID: two measures with one ID in one
// compilation (a program, a run, a check of several files) cannot be told
// apart, so the second is an error naming the first.
void Compilation::checkMeasureIds() {
  std::map<std::string, const ast::Measure*> first;
  for (const auto& f : files_) {
    for (const ast::Measure& m : f->ast.measures) {
      if (m.isModule || m.id.empty()) continue;
      auto [it, fresh] = first.emplace(m.id, &m);
      if (fresh) continue;
      const SourceRange& other = it->second->idRange;
      diags_.error("E0503", m.idRange,
                   fmt::format("measure {} is defined twice: also at {}:{}:{}", m.id,
                               other.file != nullptr ? other.file->path() : std::string("?"),
                               other.line, other.column),
                   "results are keyed by measure ID; give one of them another ID or leave "
                   "one file out");
    }
  }
}

// A name whose definition was dropped for a syntax error is not unknown, and
// a rule dropped for one is not missing: leave out "unknown name 'x'",
// "no 'population' rule" and "never used" for them, the syntax error says it
// all.
void Compilation::dropCascades(const LoadedFile& f, size_t firstOfFile) {
  // A rule dropped for a syntax error may be the one that used a code set:
  // "never used" would be a guess, so it is not said.
  size_t position = 0;
  diags_.removeIf(
      [&](const Diagnostic& d) { return position++ >= firstOfFile && d.code == "W0001"; });
  std::vector<std::string> quoted;  // the ends of messages to drop
  for (const ast::Measure& m : f.ast.measures) {
    for (const std::string& n : m.droppedNames) {
      quoted.push_back("'" + n + "'");
      quoted.push_back("'" + n + "' rule");  // E0301: "measure X has no 'numerator' rule"
    }
  }
  if (quoted.empty()) return;
  size_t index = 0;
  diags_.removeIf([&](const Diagnostic& d) {
    if (index++ < firstOfFile) return false;
    if (d.code != "E0101" && d.code != "E0102" && d.code != "E0110" && d.code != "E0301")
      return false;
    for (const std::string& q : quoted) {
      if (d.message.size() >= q.size() &&
          d.message.compare(d.message.size() - q.size(), q.size(), q) == 0)
        return true;
    }
    return false;
  });
}

// `based on "file"`: the one measure of that file, itself not based on
// another (one level keeps the rules one file away from the measure).
void Compilation::resolveBases() {
  for (const auto& f : files_) {
    for (const ast::Measure& m : f->ast.measures) {
      if (m.isModule || m.basedOn.empty()) continue;
      const ast::BasedOnDecl& b = m.basedOn.front();
      std::error_code ec;
      const fs::path path = fs::weakly_canonical(fs::path(f->dir) / b.path, ec);
      auto it = byPath_.find(path.string());
      if (it == byPath_.end() || !it->second->syntaxOk) continue;  // reported already
      std::vector<const ast::Measure*> found;
      for (const ast::Measure& x : it->second->ast.measures)
        if (!x.isModule) found.push_back(&x);
      if (found.size() != 1) {
        diags_.error("E0704", b.range,
                     fmt::format("'{}' holds {} measures; 'based on' names a file of exactly one",
                                 b.path, found.size()),
                     "split the file, one measure per file");
      } else if (found.front() == &m) {
        diags_.error("E0704", b.range, fmt::format("measure {} is based on itself", m.id),
                     "name the file of the measure whose rules it takes");
      } else if (!found.front()->basedOn.empty()) {
        diags_.error(
            "E0704", b.range,
            fmt::format("measure {} is itself based on another measure", found.front()->id),
            fmt::format("name the file of the measure it is based on, '{}'",
                        found.front()->basedOn.front().path));
      } else if (!m.stratifiers.empty() && ast::isRateKind(found.front()->kind)) {
        diags_.error(
            "E0707", m.stratifiers.front().range,
            fmt::format("measure {} is a rate measure and cannot be stratified", found.front()->id),
            "strata.csv counts members; stratify a proportion or inverse measure");
      } else {
        model_.bases[&m] = found.front();
      }
    }
  }
}

const ast::Measure* Compilation::includedMeasure(const ast::Program& p,
                                                 const ast::ProgramInclude& inc) const {
  const LoadedFile* owner = programOwner_.at(&p);
  std::error_code ec;
  const fs::path path = fs::weakly_canonical(fs::path(owner->dir) / inc.path, ec);
  auto it = byPath_.find(path.string());
  if (it == byPath_.end() || !it->second->syntaxOk) return nullptr;
  for (const ast::Measure& m : it->second->ast.measures)
    if (!m.isModule) return &m;
  return nullptr;
}

void Compilation::checkProgram(const LoadedFile& f, const ast::Program& p) {
  std::map<const ast::Measure*, SourceRange> ids;
  for (const ast::ProgramInclude& inc : p.includes) {
    std::error_code ec;
    const fs::path path = fs::weakly_canonical(fs::path(f.dir) / inc.path, ec);
    auto it = byPath_.find(path.string());
    if (it == byPath_.end()) continue;  // already reported as unreadable
    if (!it->second->syntaxOk) continue;
    const auto& ms = it->second->ast.measures;
    const long count =
        std::count_if(ms.begin(), ms.end(), [](const ast::Measure& m) { return !m.isModule; });
    if (count != 1) {
      diags_.error("E0501", inc.range,
                   fmt::format("'{}' holds {} measures; a program includes files of exactly one",
                               inc.path, count),
                   "split the file, one measure per file");
      continue;
    }
    const ast::Measure* m = includedMeasure(p, inc);
    // Two files with one ID are E0503 (checkMeasureIds); here: one file twice.
    auto [prev, fresh] = ids.emplace(m, inc.range);
    if (!fresh) {
      diags_.error("E0502", inc.range, fmt::format("measure {} is included twice", m->id),
                   fmt::format("it is already included at line {}", prev->second.line));
    }
    if (m != nullptr) checkStars(*m, inc);
    if (m != nullptr) checkRewardInclude(*m, inc);
    if (inc.hasMinimum && inc.minimum < 1) {
      diags_.error("E0504", inc.minimumRange,
                   fmt::format("a minimum denominator of {} lets a provider with no eligible "
                               "member qualify",
                               inc.minimum),
                   "the minimum is at least 1; leave it out for 1");
    }
  }
  checkProgramScoring(p);
  checkFeeForService(p);
  checkReplaces(p);
  checkImprovement(
      p, [&](const ast::ProgramInclude& inc) { return includedMeasure(p, inc); }, diags_);
  checkPharmacyPayout(p);
  if (p.period != 0 && (p.period < 1900 || p.period > 2200)) {
    diags_.error("E0304", p.idRange, fmt::format("{} is not a measurement year", p.period),
                 "write e.g. 'period 2022'");
  }
}

// A point figure as the seeds print it: 18, 10.5.
static std::string points(double v) { return fmt::format("{:g}", v); }

void Compilation::checkStars(const ast::Measure& m, const ast::ProgramInclude& inc) {
  // Lower-is-better measures print decreasing bounds (ASM_ACT: 54.3 for two
  // stars down to 32 for five); the others increasing lower bounds.
  const bool inverse = m.kind.rfind("inverse", 0) == 0;
  // Stars and payment levels are percents; a rate per N member years has none.
  if ((!inc.stars.empty() || inc.payment) && ast::isRateKind(m.kind)) {
    diags_.error("E0507", inc.stars.empty() ? inc.paymentRange : inc.starsRange,
                 fmt::format("{} is a rate per {} member years, not a percent: it has no stars or "
                             "payment threshold",
                             m.id, m.ratePer),
                 "score a rate measure with 'tiers RATE -> SHARE%'");
    return;
  }
  if (!inc.stars.empty() && inc.stars.size() != 4) {
    diags_.error(
        "E0507", inc.starsRange,
        fmt::format("{} has {} star thresholds; stars 2 to 5 need 4", m.id, inc.stars.size()),
        "write the threshold of each of stars 2, 3, 4 and 5, as printed");
    return;
  }
  for (size_t i = 0; i < inc.stars.size(); ++i) {
    const double v = inc.stars[i];
    if (v < 0 || v > 100) {
      diags_.error("E0507", inc.starsRange,
                   fmt::format("star threshold {} of {} is not a percent", points(v), m.id),
                   "thresholds are rates in percent as printed, 0 to 100");
      return;
    }
    if (i == 0) continue;
    const double prev = inc.stars[i - 1];
    if (inverse ? v >= prev : v <= prev) {
      diags_.error(
          "E0507", inc.starsRange,
          fmt::format("the star thresholds of {} are not {}: {} stars at {}, {} stars at {}", m.id,
                      inverse ? "decreasing" : "increasing", i + 1, points(prev), i + 2, points(v)),
          inverse ? fmt::format("{} is lower-is-better (kind {}): each star level needs a lower "
                                "rate than the one before",
                                m.id, m.kind)
                  : "each star level needs a higher rate than the one before; for a "
                    "lower-is-better measure give it 'kind inverse'");
      return;
    }
  }
  for (size_t i = 0; i < inc.tiers.size(); ++i) {
    const auto [rate, share] = inc.tiers[i];
    if (share <= 0 || share > 100) {
      diags_.error("E0508", inc.tiersRange,
                   fmt::format("tier {} of {} pays {}% of the points", i + 1, m.id, points(share)),
                   "a tier's share is above 0% and at most 100%");
      return;
    }
    if (i == 0) continue;
    const auto [prevRate, prevShare] = inc.tiers[i - 1];
    if ((inverse ? rate >= prevRate : rate <= prevRate) || share <= prevShare) {
      diags_.error(
          "E0508", inc.tiersRange,
          fmt::format("the tiers of {} do not rise: {} -> {}% then {} -> {}%", m.id,
                      points(prevRate), points(prevShare), points(rate), points(share)),
          inverse ? "each tier needs a lower rate (the measure is lower-is-better) and a larger "
                    "share than the one before"
                  : "each tier needs a higher rate and a larger share than the one before");
      return;
    }
  }
  if (inc.payment && (*inc.payment < 0 || *inc.payment > 100)) {
    diags_.error(
        "E0507", inc.paymentRange,
        fmt::format("payment threshold {} of {} is not a percent", points(*inc.payment), m.id),
        "thresholds are rates in percent as printed, 0 to 100");
  }
}

void Compilation::checkRewardInclude(const ast::Measure& m, const ast::ProgramInclude& inc) {
  const bool reward = ast::isRewardKind(m.kind);
  if (reward != inc.reward) {
    diags_.error(
        "E0534", inc.range,
        reward ? fmt::format("{} is a reward: include it in the program's 'rewards {{ }}'", m.id)
               : fmt::format("{} is not a reward ('kind reward'), but is included in "
                             "'rewards {{ }}'",
                             m.id),
        "rewards are paid to members, never to providers: they go in 'rewards { }', "
        "measures scored for providers outside it");
    return;
  }
  if (!reward) return;
  const SourceRange figure = inc.hasMinimum            ? inc.minimumRange
                             : inc.hasPoints           ? inc.pointsRange
                             : !inc.stars.empty()      ? inc.starsRange
                             : inc.payment.has_value() ? inc.paymentRange
                             : !inc.tiers.empty()      ? inc.tiersRange
                                                       : SourceRange{};
  if (inc.hasMinimum || inc.hasPoints || !inc.stars.empty() || inc.payment || !inc.tiers.empty()) {
    diags_.error("E0535", figure,
                 fmt::format("reward {} is not scored for providers: it has no minimum, points, "
                             "stars, payment or tiers",
                             m.id),
                 "write 'include \"" + inc.path + "\"' alone in 'rewards { }'");
  }
}

void Compilation::checkProgramScoring(const ast::Program& p) {
  for (size_t d = 0; d < p.domains.size(); ++d) {
    const ast::ProgramDomain& domain = p.domains[d];
    // An improvement's points go to other domains' measures (ImprovementChecks).
    if (domain.improvement) continue;
    double sum = 0;
    for (const ast::ProgramInclude& inc : p.includes) {
      if (inc.domain != static_cast<int>(d)) continue;
      if (domain.varies && inc.hasPoints) {
        diags_.error("E0505", inc.pointsRange,
                     fmt::format("'{}' has its own points in domain \"{}\", whose points vary",
                                 inc.path, domain.name),
                     "leave 'points' out: the domain's points are shared among the measures "
                     "a provider qualifies for");
      }
      sum += inc.points;
    }
    // The seed is itself inconsistent here (MEASURES.md): report it, never
    // correct it, so that the analyst sees which figure the program pays.
    if (!domain.varies && std::abs(sum - domain.points) > 1e-9) {
      const std::string what =
          fmt::format("domain \"{}\" has {} points possible, but its measures' points sum to {}",
                      domain.name, points(domain.points), points(sum));
      if (domain.asPrinted) {
        diags_.add({"N0502", Severity::Note, domain.pointsRange, what + " (as printed)",
                    "scoring pays each measure's points; the domain total is the document's"});
      } else {
        diags_.warning("W0501", domain.pointsRange, what,
                       "check the figures against the program document; if it prints them so, "
                       "write 'points " +
                           points(domain.points) + " as printed'");
      }
    }
  }
  for (const ast::ProgramInclude& inc : p.includes) {
    if (inc.hasPoints && inc.domain < 0 && !inc.reward) {  // a reward's is E0535
      diags_.error("E0505", inc.pointsRange,
                   fmt::format("'{}' has points outside a domain", inc.path),
                   inc.exploratory ? "an exploratory measure is never paid: leave 'points' out"
                                   : "put the include inside a 'domain \"NAME\" points N { }'");
    }
  }
  // Only immunizations say where their record came from (DATA.md).
  std::map<std::string, SourceRange> gateNames;
  for (const ast::ProgramGate& g : p.gates) {
    // participation.csv names each gate's rows by the gate's name.
    if (auto [prev, fresh] = gateNames.emplace(g.name, g.range); !fresh) {
      diags_.error("E0510", g.range, fmt::format("gate {} is given twice", g.name),
                   fmt::format("it is already given at line {}; give each gate its own name",
                               prev->second.line));
    }
    if (!equalsIgnoreCase(g.kind, "immunization")) {
      diags_.error(
          "E0509", g.kindRange,
          fmt::format("gate {}: only immunizations have a source, not '{}'", g.name, g.kind),
          "write 'provider has immunization from registry on or before DATE'");
    }
    if (!sourceIndex(g.source) || g.source.empty()) {
      diags_.error("E0509", g.sourceRange,
                   fmt::format("gate {}: unknown immunization source '{}'", g.name, g.source),
                   "sources are registry, claim and ehr");
    }
  }
  std::map<std::string, SourceRange> seen;
  for (const ast::ProgramParameter& par : p.parameters) {
    auto [prev, fresh] = seen.emplace(par.name, par.range);
    if (!fresh) {
      diags_.error("E0506", par.range, fmt::format("parameter {} is given twice", par.name),
                   fmt::format("it is already given at line {}", prev->second.line));
      continue;
    }
    // Listed by every check, so that no placeholder figure goes unnoticed.
    if (par.assumption) {
      diags_.add(
          {"N0501", Severity::Note, par.range,
           fmt::format("parameter {} = {}{} is an assumption: {}", par.name, points(par.value),
                       par.unit.empty() ? "" : " " + par.unit, par.provenance),
           "replace it with a printed figure and its source, or override it with "
           "'run --set " +
               par.name + "=VALUE'"});
    }
  }
}

std::vector<const ast::Measure*> Compilation::measures() const {
  std::vector<const ast::Measure*> out;
  for (const LoadedFile* f : roots_) {
    for (const ast::Measure& m : f->ast.measures)
      if (!m.isModule) out.push_back(&m);
  }
  return out;
}

std::vector<const ast::Program*> Compilation::programs() const {
  std::vector<const ast::Program*> out;
  for (const LoadedFile* f : roots_)
    for (const ast::Program& p : f->ast.programs) out.push_back(&p);
  return out;
}

const std::string& Compilation::fileOf(const ast::Measure* m) const {
  return owner_.at(m)->source->path();
}

ir::Measure Compilation::lower(const ast::Measure& m) const {
  if (auto base = model_.bases.find(&m); base != model_.bases.end())
    return ir::lowerMeasure(m, *base->second, model_, fileOf(&m));
  return ir::lowerMeasure(m, model_, fileOf(&m));
}

ir::Program Compilation::lower(const ast::Program& p) const {
  ir::Program out;
  out.id = p.id;
  out.title = p.title;
  out.file = programOwner_.at(&p)->source->path();
  out.period = p.period;
  for (const ast::ProgramInclude& inc : p.includes) {
    const ast::Measure* m = includedMeasure(p, inc);
    if (m == nullptr) continue;
    out.measures.push_back({lower(*m), inc.minimum, inc.domain, inc.points, inc.exploratory,
                            inc.stars, inc.payment, inc.tiers, inc.goal, inc.replaces});
  }
  for (const ast::ProgramDomain& d : p.domains) {
    ir::ProgramDomain domain{d.name, d.points, d.varies};
    domain.improvement = d.improvement;
    domain.byPercent = d.byPercent;
    // The names were checked (E0512); an unknown one covers nothing.
    for (const auto& over : d.over) {
      for (size_t i = 0; i < p.domains.size(); ++i)
        if (p.domains[i].name == over.first && !p.domains[i].improvement)
          domain.over.push_back(static_cast<int>(i));
    }
    out.domains.push_back(std::move(domain));
  }
  for (const ast::ProgramParameter& par : p.parameters)
    out.parameters.push_back({par.name, par.value, par.unit, par.provenance, par.assumption});
  for (const ast::ProgramGate& g : p.gates)
    out.gates.push_back({g.name, sourceIndex(g.source).value_or(0), g.onOrBefore});
  for (const ast::ProgramFeeForService& f : p.feeForService)
    out.feeForService.push_back({f.id, f.title, f.dollars, f.attributes});
  return out;
}

std::string findProgramFile(const std::string& path, std::string& error) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    if (!fs::exists(path, ec)) error = fmt::format("'{}' does not exist", path);
    return error.empty() ? path : std::string();
  }
  std::vector<std::string> programs;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.path().extension() != ".measure") continue;
    const auto text = readFile(entry.path().string());
    if (text && text->find("program ") != std::string::npos) {
      Diagnostics ignored;
      auto src = std::make_shared<SourceFile>(entry.path().string(), *text);
      if (!parse::parseFile(src, ignored).programs.empty())
        programs.push_back(entry.path().string());
    }
  }
  if (programs.size() != 1) {
    error = programs.empty()
                ? fmt::format("no program file in '{}'", path)
                : fmt::format("'{}' holds {} program files; name one with --program FILE", path,
                              programs.size());
    return {};
  }
  return programs.front();
}

}  // namespace mc
