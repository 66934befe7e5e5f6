// `file "x.csv"` code-set terms: the file is found beside the file that
// declares the set, read once per compilation, and its codes checked like a
// written code list, with diagnostics at their place in the code file.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sema/Checker.h"

namespace mc::sema {

namespace fs = std::filesystem;

void Checker::checkCodeFile(const ast::CodesetTerm& term) {
  fs::path path(term.path);
  if (path.is_relative() && term.range.file) {
    path = fs::path(term.range.file->path()).parent_path() / path;
  }
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  const std::string key = (ec ? path : canonical).lexically_normal().string();
  if (auto it = model_.codeFiles.find(key); it != model_.codeFiles.end()) {
    model_.codeFileOf[&term] = it->second.get();
    return;  // read and checked on its first use
  }

  const std::string ext = fs::path(key).extension().string();
  if (!equalsIgnoreCase(ext, ".csv") && !equalsIgnoreCase(ext, ".json")) {
    diags_.error("E0117", term.range,
                 fmt::format("'{}' is neither a .csv nor a .json code file", term.path),
                 "code files are CSV (system,code) or FHIR ValueSet JSON, told apart by "
                 "their extension");
    model_.codeFiles[key] = nullptr;
    return;
  }
  std::ifstream in(key, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || fs::is_directory(key, ec)) {
    diags_.error("E0117", term.range, fmt::format("cannot read the code file '{}'", term.path),
                 fmt::format("looked for {}; a code file's path is relative to the file that "
                             "declares the set",
                             path.lexically_normal().string()));
    model_.codeFiles[key] = nullptr;
    return;
  }

  // Diagnostics name the file as the measure's path leads to it, not by its
  // canonical path (the same output on every machine).
  const std::string shown = path.lexically_normal().string();
  auto file = std::make_shared<codes::CodeFile>(
      codes::readCodeFile(std::make_shared<SourceFile>(shown, text.str()), diags_));
  model_.codeFiles[key] = file;
  if (!file->ok) return;
  // Each system's codes are checked like `SYSTEM{...}` written in the measure.
  for (const codes::SystemCodes& codes : file->systems) {
    ast::CodesetTerm list;
    list.kind = ast::CodesetTerm::Kind::List;
    list.system = codeSystemName(codes.system);
    list.range = term.range;
    list.items = codes.items;
    const size_t errorsBefore = diags_.errorCount();
    inValueSetFile_ = equalsIgnoreCase(ext, ".json");
    checkCodeList(list);
    inValueSetFile_ = false;
    if (diags_.errorCount() != errorsBefore) file->ok = false;
  }
  if (!file->skipped.empty()) {
    size_t total = 0;
    std::string which;
    for (const auto& [url, count] : file->skipped) {
      total += count;
      which += fmt::format("{}{} ({})", which.empty() ? "" : ", ", url, count);
    }
    diags_.warning("W0003", term.range,
                   fmt::format("{} code(s) of '{}' are in code systems measurec does not know "
                               "and are left out",
                               total, term.path),
                   fmt::format("left out: {}; known systems are {}", which, codeSystemNames()));
  }
  if (file->ok && file->codeCount == 0) {
    diags_.error("E0120", term.range, fmt::format("the code file '{}' holds no codes", term.path),
                 "a code set needs at least one code");
    file->ok = false;
  }
  if (file->ok) model_.codeFileOf[&term] = file.get();
}

}  // namespace mc::sema
