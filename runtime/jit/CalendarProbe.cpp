// One module of eight two-argument functions, each the lowering of one
// calendar operation, compiled by an LLJIT of its own that lives as long as
// the process.
#include "jit/CalendarProbe.h"

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "jit/CalendarLowering.h"

namespace mc::jit {

namespace {

using Body = std::function<llvm::Value*(llvm::IRBuilderBase&, llvm::Value*, llvm::Value*)>;

std::string errorText(llvm::Error e) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << e;
  return os.str();
}

CalendarFunctions compile(std::unique_ptr<llvm::orc::LLJIT>& jit, std::string& error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto built = llvm::orc::LLJITBuilder().create();
  if (!built) {
    error = errorText(built.takeError());
    return {};
  }
  jit = std::move(*built);
  auto context = std::make_unique<llvm::LLVMContext>();
  auto module = std::make_unique<llvm::Module>("calendar", *context);
  module->setDataLayout(jit->getDataLayout());
  llvm::Type* i64 = llvm::Type::getInt64Ty(*context);
  const std::vector<std::pair<const char*, Body>> bodies = {
      {"add_days", lowerAddDays},
      {"diff_days", lowerDiffDays},
      {"add_months", lowerAddMonths},
      {"year_of", [](auto& b, auto* d, auto*) { return lowerDatePart(b, d, 0); }},
      {"month_of", [](auto& b, auto* d, auto*) { return lowerDatePart(b, d, 1); }},
      {"day_of", [](auto& b, auto* d, auto*) { return lowerDatePart(b, d, 2); }},
      {"age_years", lowerAgeYears},
      {"age_months", lowerAgeMonths},
  };
  for (const auto& [name, body] : bodies) {
    auto* fn = llvm::Function::Create(llvm::FunctionType::get(i64, {i64, i64}, false),
                                      llvm::Function::ExternalLinkage, name, *module);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(*context, "entry", fn));
    b.CreateRet(body(b, fn->getArg(0), fn->getArg(1)));
  }
  if (llvm::Error e =
          jit->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(context)))) {
    error = errorText(std::move(e));
    return {};
  }
  std::vector<CalendarFn> found;
  for (const auto& entry : bodies) {
    auto symbol = jit->lookup(entry.first);
    if (!symbol) {
      error = errorText(symbol.takeError());
      return {};
    }
    found.push_back(
        reinterpret_cast<CalendarFn>(static_cast<std::uintptr_t>(symbol->getAddress())));
  }
  return {found[0], found[1], found[2], found[3], found[4], found[5], found[6], found[7]};
}

}  // namespace

CalendarFunctions compiledCalendarFunctions(std::string& error) {
  static std::unique_ptr<llvm::orc::LLJIT> jit;
  static std::string failure;
  static std::once_flag once;
  static CalendarFunctions fns;
  std::call_once(once, [] { fns = compile(jit, failure); });
  error = failure;
  return fns;
}

}  // namespace mc::jit
