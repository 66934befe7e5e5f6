// `measurec ir FILE`: the IR of each measure in a file, as text.
#include <iostream>

#include "Args.h"
#include "Commands.h"

namespace mc::cli {

int irCommand(const std::vector<std::string>& argv) {
  Args args(argv, {}, {});
  if (!args.ok()) return usageError("ir", args.error());
  if (args.positional().size() != 1) return usageError("ir", "give exactly one .measure file");
  Compilation c;
  c.addPath(args.positional()[0]);
  c.check();
  if (!reportDiagnostics(c, false)) return kExitUserError;
  bool first = true;
  for (const ast::Measure* m : c.measures()) {
    if (!first) std::cout << "\n";
    first = false;
    std::cout << ir::print(c.lower(*m));
  }
  return kExitOk;
}

}  // namespace mc::cli
