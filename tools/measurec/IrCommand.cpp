// `measurec ir FILE`: the IR of each measure in a file, as text, checked by
// ir::verify.
#include <iostream>

#include "Args.h"
#include "Commands.h"
#include "ir/Verify.h"

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
  int exit = kExitOk;
  for (const ast::Measure* m : c.measures()) {
    if (!first) std::cout << "\n";
    first = false;
    const ir::Measure lowered = c.lower(*m);
    std::cout << ir::print(lowered);
    // Lowering must produce a well-formed IR; a problem here is a compiler bug.
    for (const std::string& problem : ir::verify(lowered)) {
      std::cerr << "measurec ir: internal error: measure " << lowered.id << ": " << problem << "\n";
      exit = kExitInternal;
    }
  }
  return exit;
}

}  // namespace mc::cli
