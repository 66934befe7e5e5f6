// libFuzzer target: a whole compilation of one arbitrary .measure file, as
// `measurec check` and `measurec test` do it: parse, check, print every
// diagnostic, and lower each measure when the file is clean. Any crash,
// sanitizer report, leak or timeout is a bug: user text only ever becomes
// diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "driver/Compilation.h"
#include "support/Diagnostic.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mc::Compilation c(MEASUREC_SOURCE_DIR "/stdlib");
  c.addSource("fuzz.measure", std::string(reinterpret_cast<const char*>(data), size));
  c.check();
  for (const mc::Diagnostic& d : c.diagnostics().items()) (void)mc::formatDiagnostic(d);
  (void)mc::formatDiagnosticsJson(c.diagnostics().items());
  if (c.hasErrors()) return 0;
  for (const mc::ast::Measure* m : c.measures()) (void)c.lower(*m);
  for (const mc::ast::Program* p : c.programs()) (void)c.lower(*p);
  return 0;
}
