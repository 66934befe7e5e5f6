// A compilation: the .measure files of one command, their imports and
// program includes, parsed and checked together. The front door for the
// command line: files in, diagnostics and IR out.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/Ast.h"
#include "ir/Ir.h"
#include "sema/Model.h"
#include "support/Diagnostic.h"

namespace mc {

class Compilation {
 public:
  // `stdlibDir` holds the stdlib modules; empty: $MEASUREC_STDLIB or the
  // source tree's stdlib/.
  explicit Compilation(std::string stdlibDir = {});
  ~Compilation();

  // Adds a .measure file, or every .measure file under a directory. A path
  // that cannot be read is reported as a diagnostic (E0005).
  void addPath(const std::string& path);
  void addSource(std::string path, std::string text);  // for tests

  // `run --set NAME=VALUE`: program parameters to override, before check().
  // A name no program declares is the command's usage error: see
  // unknownOverrides().
  void setParameterOverrides(std::map<std::string, double> overrides);
  // The overridden names that no program of the compilation declares.
  std::vector<std::string> unknownOverrides() const;

  // Semantic checks of everything added (and imported). Idempotent.
  void check();

  const Diagnostics& diagnostics() const { return diags_; }
  Diagnostics& diagnostics() { return diags_; }
  bool hasErrors() const { return diags_.hasErrors(); }

  // Measures (not modules) of the files added, in file order.
  std::vector<const ast::Measure*> measures() const;
  std::vector<const ast::Program*> programs() const;
  const std::string& fileOf(const ast::Measure* m) const;
  // Every file read (added, included and imported), in the order read, with
  // the text that was compiled (run.json provenance).
  std::vector<SourceFilePtr> sourceFiles() const;

  // What check() resolved: the typed hand-off that lowering reads.
  const sema::Model& model() const { return model_; }

  // Lowers a checked measure. Only valid when check() found no errors in it.
  ir::Measure lower(const ast::Measure& m) const;
  // Lowers a program and its included measures.
  ir::Program lower(const ast::Program& p) const;

 private:
  struct LoadedFile;
  LoadedFile* load(const std::string& path, SourceRange requestedAt);
  void addRoot(LoadedFile* file);
  void loadDependencies(LoadedFile& f);
  const ast::Measure* findModule(const std::string& id) const;
  std::string modulePath(const std::string& id, const std::string& importerDir) const;
  const ast::Measure* includedMeasure(const ast::Program& p, const ast::ProgramInclude& inc) const;
  // Applies the overrides to p's parameters and puts each parameter a figure
  // names into the figure (E0511: unknown name, or a dollar figure).
  void resolveParameters(ast::Program& p);
  void checkProgram(const LoadedFile& f, const ast::Program& p);
  // Domains, points and parameters of a program (W0501, E0505, E0506, N0501).
  void checkProgramScoring(const ast::Program& p);
  // Fee-for-service payments (E0515, E0516, E0518) and `replaces` (E0517).
  void checkFeeForService(const ast::Program& p);
  // Puts the value of the parameter a payment names (after --set) into its
  // dollars (E0519: not a parameter of the program, or not in dollars).
  void resolveFeeForService(ast::Program& p);
  void checkReplaces(const ast::Program& p);
  // A program with a `p4p_pool` (E0520, E0521, E0522; PharmacyPayoutCheck.cpp).
  void checkPharmacyPayout(const ast::Program& p);
  // Star and payment thresholds of an include (E0507).
  void checkStars(const ast::Measure& m, const ast::ProgramInclude& inc);
  // A reward is included in `rewards { }` and nothing else is (E0534),
  // without provider scoring figures (E0535).
  void checkRewardInclude(const ast::Measure& m, const ast::ProgramInclude& inc);
  void checkMeasureIds();
  void resolveBases();
  void dropCascades(const LoadedFile& f, size_t firstOfFile);

  std::string stdlibDir_;
  std::vector<std::unique_ptr<LoadedFile>> files_;
  std::map<std::string, LoadedFile*> byPath_;  // canonical path
  std::vector<LoadedFile*> roots_;             // files added directly
  std::unordered_map<const ast::Measure*, sema::UnitScope> scopes_;
  std::unordered_map<const ast::Measure*, const LoadedFile*> owner_;
  std::unordered_map<const ast::Program*, const LoadedFile*> programOwner_;
  sema::Model model_;
  Diagnostics diags_;
  std::map<std::string, double> overrides_;
  std::set<std::string> declaredParameters_;  // by the programs checked
  bool checked_ = false;
};

// The program file of `path`: the file itself, or the one file holding a
// `program` declaration in a directory. Empty with `error` set otherwise.
std::string findProgramFile(const std::string& path, std::string& error);

}  // namespace mc
