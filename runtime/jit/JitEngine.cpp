// The ORC LLJIT behind interp::MeasureCompiler: each measure is lowered into
// its own module, which is the key of its object in the object cache
// (ObjectCache.h); on a miss it is optimised and compiled to an object here,
// and stored. The object is added to one LLJIT and its function looked up;
// it then scores member ranges from any thread. An LLVM error makes that
// measure interpreted, with the error as the reason.
#include "jit/JitEngine.h"

#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Transforms/InstCombine/InstCombine.h>
#include <llvm/Transforms/Scalar/EarlyCSE.h>
#include <llvm/Transforms/Scalar/GVN.h>
#include <llvm/Transforms/Scalar/LICM.h>
#include <llvm/Transforms/Scalar/LoopPassManager.h>
#include <llvm/Transforms/Scalar/SROA.h>
#include <llvm/Transforms/Scalar/SimplifyCFG.h>

#include <algorithm>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "interp/Plan.h"
#include "jit/Coverage.h"
#include "jit/Helpers.h"
#include "jit/JitContext.h"
#include "jit/JitScratch.h"
#include "jit/Lowering.h"
#include "jit/MemberSummary.h"
#include "jit/ObjectCache.h"
#include "jit/PerfMap.h"
#include "score/ParallelWork.h"

namespace mc::jit {

namespace {

std::string errorText(llvm::Error e) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << e;
  return os.str();
}

JitEvents eventColumns(const store::EventTable& t) {
  JitEvents c = {t.memberStart.data(),
                 t.date.data(),
                 t.endDate.data(),
                 t.codeStart.data(),
                 t.codes.data(),
                 t.principal.data(),
                 reinterpret_cast<const std::uint8_t*>(t.setting.data()),
                 t.status.data(),
                 t.provider.data(),
                 t.toProvider.data(),
                 t.value.data(),
                 t.unit.data(),
                 t.daysSupply.data(),
                 t.generic.data(),
                 t.hasResult.data(),
                 t.startTime.empty() ? nullptr : t.startTime.data(),
                 t.endTime.empty() ? nullptr : t.endTime.data(),
                 {},
                 {}};
  for (int s = 0; s < kCodeSlotCount; ++s) {
    const store::SlotCodes& slot = t.slots[static_cast<size_t>(s)];
    c.slotStart[s] = slot.start.empty() ? nullptr : slot.start.data();
    c.slotCodes[s] = slot.start.empty() ? nullptr : slot.codes.data();
  }
  return c;
}

class Compiled : public interp::CompiledMeasure {
 public:
  Compiled(CompiledFn fn, const ir::Measure& measure, const store::MemberStore& store,
           const interp::CodeSetBinding& codes, const interp::Plan& plan,
           std::shared_ptr<MemberSummary> summary)
      : fn_(fn), measure_(measure), store_(store), codes_(codes), summary_(std::move(summary)) {
    const size_t sets = measure.codesets.size();
    for (size_t s = 0; s < sets; ++s) words_.push_back(codes.words(static_cast<std::int32_t>(s)));
    ctx_.birthDate = store.members.birthDate.data();
    ctx_.deathDate = store.members.deathDate.data();
    ctx_.sex = reinterpret_cast<const std::uint8_t*>(store.members.sex.data());
    ctx_.store = &store;
    ctx_.codeSets = words_.data();
    ctx_.planValues = plan.values.data();
    ctx_.providerKind = reinterpret_cast<const std::uint8_t*>(store.providers.kind.data());
    ctx_.providerListed = store.providers.listed.data();
    asOf_ = plan.period.asOf;
    ctx_.asOf = &asOf_;
    for (int k = 0; k < kJitEventKinds; ++k) ctx_.events[k] = eventColumns(store.events[k]);
    for (const Gate& g : measureGates(measure))
      gateIds_.push_back(summary_->add(g, codes.words(g.set)));
    for (const ir::NodeId n : memoNodes(measure, plan))
      memoIds_.push_back(summary_->addMemo(memoKey(measure, plan, n)));
    readsRows_ = readsRows(measure, plan);
    packs_ = packsOutcomes(measure);
    ctx_.memoIds = memoIds_.data();
    ctx_.memoFirst = summary_->memoFirst();
    ctx_.gateIds = gateIds_.data();
    ctx_.gatePositions = summary_->positions();
    ctx_.summaryWords = summary_->rowWords();
  }

  void score(store::MemberIndex begin, store::MemberIndex end,
             score::MemberOutcome* out) const override {
    // No member: nothing to write, and the code's entry block reads the
    // summary's bit positions, which exist once the first block froze it.
    if (begin >= end) return;
    if (packs_) {
      // Code that packs: records read back from a table of the range
      // (tests and callers that want records; scoring uses scoreInto).
      score::OutcomeTable table(measure_, end - begin);
      score::OutcomeSink sink = table.sink(0);
      if (const std::uint32_t lost = run(begin, end, &sink, nullptr)) table.lost(lost);
      for (size_t k = 0; k < table.size(); ++k) {
        const score::OutcomeView v = table[k];
        score::MemberOutcome& o = out[k];
        o.population = v.population;
        o.eligible = v.eligible;
        o.excluded = v.excluded;
        o.numerator = v.numerator;
        o.exception = v.exception;
        o.decidingUnknown = v.decidingUnknown;
        o.decidingRule = v.decidingRule;
        o.decidingTerm = v.decidingTerm;
        o.earnedOn = v.earnedOn;
        o.numeratorValue = v.numeratorValue;
        o.exposure = v.exposure;
        o.units = score::UnitCounts();
      }
      return;
    }
    // The unit helper adds to the outcomes' units: none from before.
    if (measure_.unitQuery >= 0)
      for (store::MemberIndex m = begin; m < end; ++m) out[m - begin].units = score::UnitCounts();
    run(begin, end, out, out);
  }

  bool scoreInto(store::MemberIndex begin, store::MemberIndex end,
                 score::OutcomeTable& table) const override {
    if (!packs_) return false;
    if (begin >= end) return true;
    score::OutcomeSink sink = table.sink(begin);
    if (const std::uint32_t lost = run(begin, end, &sink, nullptr)) table.lost(lost);
    return true;
  }

 private:
  // One call of the code over [begin, end): `out` is the sink or the
  // records (`records`, which the unit helper adds to); returns the
  // score::LostOutcome bits of what had no place in the table.
  std::uint32_t run(store::MemberIndex begin, store::MemberIndex end, void* out,
                    score::MemberOutcome* records) const {
    JitScratch scratch;
    scratch.measure = &measure_;
    scratch.store = &store_;
    scratch.codes = &codes_;
    scratch.asOf = static_cast<Days>(asOf_);
    scratch.outs = records;
    return fn_(&ctx_, begin, end, out, &scratch, readsRows_ ? summary_->rows(begin, end) : nullptr);
  }

  CompiledFn fn_;
  const ir::Measure& measure_;
  const store::MemberStore& store_;
  const interp::CodeSetBinding& codes_;
  // Shared with the measures compiled for the same store before any was
  // scored: one summary of the block for all of them.
  std::shared_ptr<MemberSummary> summary_;
  bool readsRows_ = false;
  // The code packs into the table (jit::packsOutcomes): scoreInto.
  bool packs_ = false;
  std::vector<std::uint32_t> gateIds_;
  std::vector<std::uint32_t> memoIds_;  // per memoised node, its memo id  // per gate of the
                                        // measure, its id in the summary
  std::vector<const std::uint64_t*> words_;
  std::int64_t asOf_ = kNoDate;
  JitContext ctx_{};
};

// A short function pipeline rather than O2 (whose loop passes cost more
// compile time than the scans win): slots to registers, redundancy and
// constant folding, loop-invariant loads (the columns, the plan's values)
// out of the member loop, and the control flow simplified.
void optimize(llvm::Module& module) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::FunctionPassManager fpm;
  fpm.addPass(llvm::SROAPass());
  fpm.addPass(llvm::EarlyCSEPass(true));
  fpm.addPass(llvm::InstCombinePass());
  fpm.addPass(llvm::SimplifyCFGPass());
  fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(), true));
  fpm.addPass(llvm::GVNPass());
  fpm.addPass(llvm::SimplifyCFGPass());
  llvm::ModulePassManager mpm;
  mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(fpm)));
  mpm.run(module, mam);
}

class JitCompiler : public interp::MeasureCompiler {
 public:
  JitCompiler() {
    static std::once_flag once;
    std::call_once(once, [] {
      llvm::InitializeNativeTarget();
      llvm::InitializeNativeTargetAsmPrinter();
    });
    auto host = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!host) {
      error_ = "jit: " + errorText(host.takeError());
      return;
    }
    // The backend's default optimisation (register allocation above all):
    // it doubles the compile time, which the object cache pays once.
    host->setCodeGenOptLevel(llvm::CodeGenOpt::Default);
    host_ = *host;
    auto machine = host->createTargetMachine();
    if (!machine) {
      error_ = "jit: " + errorText(machine.takeError());
      return;
    }
    // The target's description goes into every key; each emit makes a
    // TargetMachine of its own (emitObject).
    const llvm::TargetMachine& target = **machine;
    settings_ = std::string("measurec ") + MEASUREC_VERSION + ", LLVM " + LLVM_VERSION_STRING +
                ", " + target.getTargetTriple().str() + ", " + target.getTargetCPU().str() + ", " +
                target.getTargetFeatureString().str() + ", " + kPipeline;
    auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*host)).create();
    if (!jit) {
      error_ = "jit: " + errorText(jit.takeError());
      return;
    }
    jit_ = std::move(*jit);
    llvm::orc::SymbolMap symbols;
    for (const HelperSymbol& h : helperSymbols())
      symbols[jit_->mangleAndIntern(h.name)] = llvm::JITEvaluatedSymbol(
          llvm::pointerToJITTargetAddress(h.address), llvm::JITSymbolFlags::Exported);
    if (llvm::Error e = jit_->getMainJITDylib().define(llvm::orc::absoluteSymbols(symbols)))
      error_ = "jit: " + errorText(std::move(e));
  }

  std::unique_ptr<interp::CompiledMeasure> compile(const ir::Measure& measure,
                                                   const store::MemberStore& store,
                                                   const interp::CodeSetBinding& codes,
                                                   const interp::Plan& plan,
                                                   std::string& why) override {
    if (!error_.empty()) {
      why = error_;
      return nullptr;
    }
    // The code depends on the measure alone (the plan's values are read at
    // run time): compiled once, bound to each store and period.
    auto known = compiled_.find(&measure);
    if (known == compiled_.end()) known = compiled_.emplace(&measure, link(measure, plan)).first;
    why = known->second.why;
    if (known->second.fn == nullptr) return nullptr;
    // A summary for the store's measures; a new one once scoring began
    // (its gates are fixed then) or for another store.
    if (summary_ == nullptr || &summary_->store() != &store || summary_->frozen())
      summary_ = std::make_shared<MemberSummary>(store);
    return std::make_unique<Compiled>(known->second.fn, measure, store, codes, plan, summary_);
  }

  // The measures' objects, each lowered into a module (and a context) of
  // its own, its bitcode the key (and, on a miss, optimised and compiled)
  // on up to `threads` threads: 80 % of a cached measure's compile (the
  // bitcode half of it) needs nothing shared. compile() then links them in
  // its order. The modules are named in the order compile() meets them, as
  // it would name them, so that a key never depends on the threads.
  void prepare(const std::vector<const ir::Measure*>& measures,
               const std::vector<const interp::Plan*>& plans, int threads) override {
    if (!error_.empty()) return;
    std::vector<const ir::Measure*> todo;
    std::vector<const interp::Plan*> todoPlans;
    std::vector<Prepared> made;
    for (size_t i = 0; i < measures.size(); ++i) {
      const ir::Measure* m = measures[i];
      if (compiled_.count(m) != 0 || prepared_.count(m) != 0 ||
          std::find(todo.begin(), todo.end(), m) != todo.end())
        continue;
      todo.push_back(m);
      todoPlans.push_back(plans[i]);
      made.push_back(named(*m, *plans[i]));
    }
    score::forEachInParallel(todo.size(), threads, [&](size_t k) {
      Prepared& p = made[k];
      if (!p.why.empty()) return;
      // An exception (an allocation) is the measure's compile()'s to throw.
      try {
        p.object = objectOf(*todo[k], *todoPlans[k], p.name, p.why);
      } catch (...) {
        p.failure = std::current_exception();
      }
    });
    for (size_t k = 0; k < todo.size(); ++k) prepared_.emplace(todo[k], std::move(made[k]));
  }

 private:
  struct Result {
    CompiledFn fn = nullptr;
    std::string why;
  };
  // A measure's object before it is linked: its module's name, and its
  // object or why it has none.
  struct Prepared {
    std::string name;
    std::optional<std::string> object;
    std::string why;
    std::exception_ptr failure;
  };

  // The measure's name, the next one, or why the lowering does not take it.
  Prepared named(const ir::Measure& measure, const interp::Plan& plan) {
    Prepared p;
    p.why = firstUnsupported(measure, plan);
    if (p.why.empty()) p.name = "mc_measure_" + std::to_string(count_++);
    return p;
  }

  // The object of the measure's module, from the cache or compiled (and
  // stored); nothing, with `why`, when LLVM fails. Reads only what no
  // thread writes: it runs on any thread, several at once.
  std::optional<std::string> objectOf(const ir::Measure& measure, const interp::Plan& plan,
                                      const std::string& name, std::string& why) const {
    auto context = std::make_unique<llvm::LLVMContext>();
    auto module = std::make_unique<llvm::Module>(name, *context);
    module->setDataLayout(jit_->getDataLayout());
    module->setTargetTriple(jit_->getTargetTriple().str());
    lowerMeasure(*module, measure, plan, name);
    // The key is the module's bitcode: printing it as text took 0.18 s of
    // the 35 CBI measures' 0.25 s with every object cached (column
    // tracking, names), the bitcode a fraction of that.
    llvm::SmallVector<char, 0> bitcode;
    llvm::raw_svector_ostream bitcodeOs(bitcode);
    llvm::WriteBitcodeToFile(*module, bitcodeOs);
    const std::string key =
        ObjectCache::key(std::string_view(bitcode.data(), bitcode.size()), settings_);
    std::optional<std::string> object = cache_.load(key);
    if (object) return object;
    // Verified before its first compile: a cached object's module was.
    std::string broken;
    llvm::raw_string_ostream os(broken);
    if (llvm::verifyModule(*module, &os)) {
      why = "jit: invalid LLVM IR: " + os.str().substr(0, 200);
      return std::nullopt;
    }
    optimize(*module);
    object = emitObject(*module, why);
    if (object) cache_.store(key, *object);
    return object;
  }

  // The measure's function: its object (prepared, or made now) added to
  // the JIT and looked up.
  Result link(const ir::Measure& measure, const interp::Plan& plan) {
    Prepared p;
    if (auto ahead = prepared_.find(&measure); ahead != prepared_.end()) {
      p = std::move(ahead->second);
      prepared_.erase(ahead);
      if (p.failure) std::rethrow_exception(p.failure);
    } else {
      p = named(measure, plan);
      if (p.why.empty()) p.object = objectOf(measure, plan, p.name, p.why);
    }
    Result r;
    r.why = p.why;
    if (!p.object) return r;
    const std::string& name = p.name;
    const std::string& object = *p.object;
    if (llvm::Error e = jit_->addObjectFile(llvm::MemoryBuffer::getMemBufferCopy(object, name))) {
      r.why = "jit: " + errorText(std::move(e));
      return r;
    }
    auto symbol = jit_->lookup(name);
    if (!symbol) {
      r.why = "jit: " + errorText(symbol.takeError());
      return r;
    }
    r.fn = reinterpret_cast<CompiledFn>(static_cast<std::uintptr_t>(symbol->getAddress()));
    if (perfMapWanted()) appendPerfMap(object, name, symbol->getAddress(), measure.id);
    return r;
  }

  // The module as an object file, by the backend (what LLJIT's own compile
  // layer would do), so that the object can be cached.
  // A TargetMachine of its own for each module: the backend keeps state in
  // it while it emits, and modules are emitted on several threads at once.
  std::optional<std::string> emitObject(llvm::Module& module, std::string& why) const {
    llvm::orc::JITTargetMachineBuilder builder = host_;  // createTargetMachine is not const
    auto machine = builder.createTargetMachine();
    if (!machine) {
      why = "jit: " + errorText(machine.takeError());
      return std::nullopt;
    }
    llvm::SmallVector<char, 0> bytes;
    llvm::raw_svector_ostream os(bytes);
    llvm::legacy::PassManager pm;
    if ((*machine)->addPassesToEmitFile(pm, os, nullptr, llvm::CGFT_ObjectFile)) {
      why = "jit: the target cannot emit object files";
      return std::nullopt;
    }
    pm.run(module);
    return std::string(bytes.data(), bytes.size());
  }

  // The optimisation settings, for the cache key: change it with optimize().
  static constexpr const char* kPipeline = "sroa,early-cse,instcombine,simplifycfg,licm,gvn; O2";

  // By measure: its code, or why it has none.
  std::map<const ir::Measure*, Result> compiled_;
  std::map<const ir::Measure*, Prepared> prepared_;  // by prepare(), for compile()
  std::shared_ptr<MemberSummary> summary_;
  llvm::orc::JITTargetMachineBuilder host_{llvm::Triple()};  // a TargetMachine per emit
  std::string settings_;
  ObjectCache cache_{ObjectCache::defaultDir()};
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::string error_;
  int count_ = 0;
};

}  // namespace

std::unique_ptr<interp::MeasureCompiler> makeJitCompiler() {
  return std::make_unique<JitCompiler>();
}

}  // namespace mc::jit
