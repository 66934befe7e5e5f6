// A file of a compilation: its source, what parsed of it and where it is.
// Private to compiler/driver (Compilation.cpp and the program checks).
#pragma once

#include <string>

#include "ast/Ast.h"
#include "driver/Compilation.h"

namespace mc {

struct Compilation::LoadedFile {
  SourceFilePtr source;
  ast::File ast;
  bool syntaxOk = true;
  std::string dir;
};

}  // namespace mc
