// One module of eight two-argument functions (and six with a date's parts), each the lowering of
// one calendar operation, compiled by an LLJIT of its own that lives as long as the process.
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
      {"add_months", [](auto& b, auto* d, auto* n) { return lowerAddMonths(b, d, n); }},
      {"year_of", [](auto& b, auto* d, auto*) { return lowerDatePart(b, d, 0); }},
      {"month_of", [](auto& b, auto* d, auto*) { return lowerDatePart(b, d, 1); }},
      {"day_of", [](auto& b, auto* d, auto*) { return lowerDatePart(b, d, 2); }},
      {"age_years", [](auto& b, auto* d, auto* at) { return lowerAgeYears(b, d, at); }},
      {"age_months", [](auto& b, auto* d, auto* at) { return lowerAgeMonths(b, d, at); }},
  };
  for (const auto& [name, body] : bodies) {
    auto* fn = llvm::Function::Create(llvm::FunctionType::get(i64, {i64, i64}, false),
                                      llvm::Function::ExternalLinkage, name, *module);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(*context, "entry", fn));
    b.CreateRet(body(b, fn->getArg(0), fn->getArg(1)));
  }
  using PartsBody =
      std::function<llvm::Value*(llvm::IRBuilderBase&, llvm::Value*, llvm::Value*, llvm::Value*)>;
  const std::vector<std::pair<const char*, PartsBody>> partsBodies = {
      {"add_months_parts",
       [](auto& b, auto* d, auto* p, auto* x) { return lowerAddMonths(b, d, x, p); }},
      {"year_of_parts", [](auto& b, auto* d, auto* p, auto*) { return lowerDatePart(b, d, 0, p); }},
      {"month_of_parts",
       [](auto& b, auto* d, auto* p, auto*) { return lowerDatePart(b, d, 1, p); }},
      {"day_of_parts", [](auto& b, auto* d, auto* p, auto*) { return lowerDatePart(b, d, 2, p); }},
      {"age_years_parts",
       [](auto& b, auto* d, auto* p, auto* x) { return lowerAgeYears(b, d, x, p); }},
      {"age_months_parts",
       [](auto& b, auto* d, auto* p, auto* x) { return lowerAgeMonths(b, d, x, p); }},
  };
  for (const auto& [name, body] : partsBodies) {
    auto* fn = llvm::Function::Create(llvm::FunctionType::get(i64, {i64, i64, i64}, false),
                                      llvm::Function::ExternalLinkage, name, *module);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(*context, "entry", fn));
    b.CreateRet(body(b, fn->getArg(0), fn->getArg(1), fn->getArg(2)));
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
  std::vector<CalendarPartsFn> parts;
  for (const auto& entry : partsBodies) {
    auto symbol = jit->lookup(entry.first);
    if (!symbol) {
      error = errorText(symbol.takeError());
      return {};
    }
    parts.push_back(
        reinterpret_cast<CalendarPartsFn>(static_cast<std::uintptr_t>(symbol->getAddress())));
  }
  return {found[0], found[1], found[2], found[3], found[4], found[5], found[6],
          found[7], parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]};
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
