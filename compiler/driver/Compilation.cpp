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

#include "driver/LoadedFile.h"
#include "ir/Lower.h"
#include "parse/Parser.h"
#include "sema/Checker.h"
#include "support/EventVocabulary.h"

#ifndef MEASUREC_STDLIB_DIR
#define MEASUREC_STDLIB_DIR "stdlib"
#endif

namespace fs = std::filesystem;

namespace mc {

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
