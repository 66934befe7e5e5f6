// Code sets of the shipped measures, bound as the run binds them.
#include "MeasureCodes.h"

#include <cstdio>
#include <cstdlib>

#include "driver/Compilation.h"

namespace mc::bench {

bool lowerMeasures(const std::vector<std::string>& files, std::vector<ir::Measure>& out,
                   std::string& error) {
  Compilation c;
  for (const std::string& f : files) c.addPath(f);
  c.check();
  if (c.hasErrors()) {
    for (const Diagnostic& d : c.diagnostics().items()) error += formatDiagnostic(d) + "\n";
    return false;
  }
  for (const ast::Measure* m : c.measures()) out.push_back(c.lower(*m));
  return true;
}

[[noreturn]] static void mismatch(const ir::Measure& m, const std::string& what) {
  std::fprintf(stderr,
               "measurec_bench_handwritten: measure %s: %s; the hand-written code no "
               "longer matches the measure file\n",
               m.id.c_str(), what.c_str());
  std::exit(2);
}

CodeMasks::CodeMasks(const ir::Measure& measure, const store::MemberStore& store,
                     const std::vector<std::string>& sets)
    : binding_(std::make_unique<interp::CodeSetBinding>(measure, store.codes)),
      mask_(store.codes.size(), 0) {
  if (sets.size() > 32) mismatch(measure, "more than 32 code sets asked for");
  for (size_t i = 0; i < sets.size(); ++i) {
    std::int32_t found = -1;
    for (size_t s = 0; s < measure.codesets.size(); ++s)
      if (measure.codesets[s].name == sets[i]) found = static_cast<std::int32_t>(s);
    if (found < 0) mismatch(measure, "no code set '" + sets[i] + "'");
    index_.push_back(found);
    for (store::CodeId c = 0; c < store.codes.size(); ++c)
      if (binding_->contains(found, c)) mask_[c] |= std::uint32_t{1} << i;
  }
}

void requireDefaultStatuses(const ir::Measure& measure) {
  for (const ir::Query& q : measure.queries)
    if (q.statuses() != kDefaultCountedStatuses)
      mismatch(measure, "query '" + q.text + "' counts other statuses than the default");
}

}  // namespace mc::bench
