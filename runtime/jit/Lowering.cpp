// IR -> LLVM IR, one function per measure. Every value is an (i64, double)
// pair as interp::Value is: bools, ints, dates, sexes and ids in the i64,
// numbers in the double, a quantity in both (unit id, number). What each op
// does with a missing value is ir/Missing.h's, written here in LLVM IR.
#include "jit/Lowering.h"

#include <llvm/IR/BasicBlock.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ir/Missing.h"
#include "jit/CalendarLowering.h"
#include "jit/Helpers.h"
#include "jit/JitContext.h"
#include "jit/MemberSummary.h"
#include "score/Outcome.h"
#include "score/OutcomeTable.h"
#include "store/MemberStore.h"

namespace mc::jit {

namespace {

struct V {
  llvm::Value* i = nullptr;
  llvm::Value* n = nullptr;
};

// Where score::MemberOutcome keeps each field compiled code writes in place
// (no copy out of a buffer: that copy was a tenth of the compiled run's
// instructions), measured on an object, since offsetof is not defined on a
// type that is not standard layout. The offsets are constants of the IR,
// so a change of the layout changes the object cache's key too.
struct OutcomeLayout {
  unsigned size, population, eligible, excluded, numerator, exception, unknown, rule, term,
      earnedOn, value, exposure;
};
static_assert(sizeof(bool) == 1 && sizeof(ir::RuleKind) == 1, "flags and the rule are bytes");
static_assert(std::is_same_v<decltype(score::MemberOutcome::decidingTerm), std::int32_t> &&
                  std::is_same_v<decltype(score::MemberOutcome::earnedOn), std::int32_t> &&
                  std::is_same_v<decltype(score::MemberOutcome::numeratorValue), double> &&
                  std::is_same_v<decltype(score::MemberOutcome::exposure), double>,
              "the types the lowering stores");
const OutcomeLayout& outcomeLayout() {
  static const OutcomeLayout layout = [] {
    const score::MemberOutcome o;
    auto at = [&](const void* field) {
      return static_cast<unsigned>(static_cast<const char*>(field) -
                                   reinterpret_cast<const char*>(&o));
    };
    return OutcomeLayout{sizeof o,
                         at(&o.population),
                         at(&o.eligible),
                         at(&o.excluded),
                         at(&o.numerator),
                         at(&o.exception),
                         at(&o.decidingUnknown),
                         at(&o.decidingRule),
                         at(&o.decidingTerm),
                         at(&o.earnedOn),
                         at(&o.numeratorValue),
                         at(&o.exposure)};
  }();
  return layout;
}

// How many times each node is used (operands, query filters, rules, the
// cascade): a node used more than once is memoised per member.
std::vector<int> useCounts(const ir::Measure& m) {
  std::vector<int> uses(m.nodes.size(), 0);
  auto use = [&](ir::NodeId id) {
    if (id != ir::kNoNode) ++uses[static_cast<size_t>(id)];
  };
  for (const ir::Node& n : m.nodes) {
    use(n.a);
    use(n.b);
    use(n.c);
  }
  for (const ir::Query& q : m.queries)
    for (const ir::Filter& f : q.filters) use(f.node);
  for (const ir::Rule& r : m.rules)
    for (const ir::Term& t : r.terms) use(t.node);
  use(m.cascade.numeratorValue);
  use(m.cascade.exposure);
  use(m.earnedOn);
  return uses;
}

class Lowerer {
 public:
  Lowerer(llvm::Module& module, const ir::Measure& measure, const interp::Plan& plan)
      : c_(module.getContext()),
        module_(module),
        m_(measure),
        plan_(plan),
        b_(c_),
        entry_(c_),
        i1_(llvm::Type::getInt1Ty(c_)),
        i8_(llvm::Type::getInt8Ty(c_)),
        i32_(llvm::Type::getInt32Ty(c_)),
        i64_(llvm::Type::getInt64Ty(c_)),
        f64_(llvm::Type::getDoubleTy(c_)),
        ptr_(llvm::Type::getInt8PtrTy(c_)) {}

  void lower(const std::string& name);

 private:
  // --- constants and types
  llvm::Constant* i64(std::int64_t v) { return llvm::ConstantInt::get(i64_, v, true); }
  llvm::Constant* i32(std::int64_t v) { return llvm::ConstantInt::get(i32_, v, true); }
  llvm::Constant* i8(std::int64_t v) { return llvm::ConstantInt::get(i8_, v, true); }
  llvm::Constant* f64(double v) { return llvm::ConstantFP::get(f64_, v); }
  llvm::Constant* nan() { return f64(ir::kMissingNum); }
  llvm::BasicBlock* block(const char* name) { return llvm::BasicBlock::Create(c_, name, fn_); }
  // A stack slot in the entry block (promoted to a register by mem2reg).
  llvm::AllocaInst* slotVar(llvm::Type* t, const char* name) {
    return entry_.CreateAlloca(t, nullptr, name);
  }

  // --- the context's columns, loaded once in the entry block
  llvm::Value* column(int slot, llvm::Type* elem);
  llvm::Value* eventColumn(ir::EventKind k, int col, llvm::Type* elem) {
    return column(eventSlot(static_cast<int>(k), col), elem);
  }
  llvm::Value* load(llvm::Type* elem, llvm::Value* base, llvm::Value* index) {
    return b_.CreateLoad(elem, b_.CreateInBoundsGEP(elem, base, index));
  }
  llvm::Value* setWords(std::int32_t set);
  V planValue(size_t node);
  llvm::Value* inSet(std::int32_t set, llvm::Value* code32);

  // --- nodes
  V gen(ir::NodeId id);
  // A memoised enrollment node (jit/MemberSummary.h memoNodes): its word
  // of the member's row, computed by the first measure that asks.
  V fromRow(size_t node);
  llvm::Value* entryIdAt(int slot, size_t j);
  V compute(const ir::Node& n);
  V logic(const ir::Node& n);
  V arithmetic(const ir::Node& n);
  V comparison(const ir::Node& n);
  llvm::Value* missing(ir::Type t, const V& v);
  llvm::Value* finite(llvm::Value* x);  // ir::finiteOrMissing
  V intV(llvm::Value* i) { return {i, f64(0)}; }
  V numV(llvm::Value* n) { return {i64(0), finite(n)}; }
  V truthOf(llvm::Value* b1) { return intV(b_.CreateZExt(b1, i64_)); }
  V call(const char* helper, std::vector<llvm::Value*> args);
  // `reads`: the helper reads the store and writes nothing (loads may move
  // across it); the PDC and unit helpers write the call's scratch.
  llvm::Value* callWith(llvm::Type* result, const char* helper, std::vector<llvm::Value*> args,
                        bool reads = true);
  llvm::Value* memberBirth() {
    return b_.CreateSExt(load(i32_, column(kSlotBirthDate, i32_), member_), i64_);
  }
  // The birth date's parts from the member's row (jit/MemberSummary.h word
  // 0) when node `date` is the birth date; null otherwise.
  llvm::Value* birthParts(ir::NodeId date) {
    if (m_.nodes[static_cast<size_t>(date)].op != ir::Op::BirthDate) return nullptr;
    return load(i64_, row_, i64(0));
  }
  llvm::Value* storeArg() { return b_.CreatePtrToInt(column(kSlotStore, i8_), i64_); }

  // --- queries
  V query(std::int32_t qi);
  // `pdc of` (interp::Interpreter::pdc): the fills by a compiled scan, the
  // drug groups and day arithmetic by helpers (jit/JitScratch.h).
  V pdc(std::int32_t qi);
  // The window and `by provider` values of query q's filters, computed
  // before its scan; `noEvent` when a window bound is missing or the
  // member's code summary rules every event of q out (gateClosed).
  std::vector<llvm::Value*> filterValues(const ir::Query& q, llvm::Value*& noEvent);
  // Branches to `fail` unless cond holds; continues in a new block.
  void require(llvm::Value* cond, llvm::BasicBlock* fail);
  // Calls onMatch(e) for each event e in [first, last) of query qi's kind
  // that every filter (with `windows` false, every filter but the windows)
  // keeps, with the event bound to the query while its filters and onMatch
  // are lowered.
  void scanMatches(std::int32_t qi, const std::vector<llvm::Value*>& values, llvm::Value* first,
                   llvm::Value* last, bool windows,
                   const std::function<void(llvm::Value*)>& onMatch);
  llvm::Value* firstAfter(ir::EventKind k, llvm::Value* lo, llvm::Value* hi, llvm::Value* day);
  // Whether the member's code summary rules every event of query q out
  // (a gate of q whose bit is 0; jit/MemberSummary.h): false when q has none.
  llvm::Value* gateClosed(const ir::Query& q);
  // The member's events of kind k, [first, last); none when `noEvent`.
  std::pair<llvm::Value*, llvm::Value*> memberEvents(ir::EventKind k, llvm::Value* noEvent);
  // `first` moved past query q's `starts after` bounds (binary searches).
  llvm::Value* afterStartBounds(const ir::Query& q, const std::vector<llvm::Value*>& values,
                                llvm::Value* first, llvm::Value* last);
  V eventField(const ir::Node& n);
  // An event's time of day (seconds, kNoTime when none) from a time column
  // that is null when the file has no times; sign-extended to i64.
  llvm::Value* timeOf(ir::EventKind k, int col, llvm::Value* e);
  // support/DateTime.h packDayTime of an i64 day and an i64 time.
  llvm::Value* packedDayTime(llvm::Value* day, llvm::Value* time) {
    return b_.CreateAdd(b_.CreateMul(day, i64(kTimeMask + 1)), b_.CreateAdd(time, i64(1)));
  }
  llvm::Value* filterHolds(const ir::Query& q, const ir::Filter& f, llvm::Value* bound,
                           llvm::Value* e);
  llvm::Value* anyCodeIn(const ir::Query& q, int startCol, int codesCol, std::int32_t set,
                         llvm::Value* e);

  // --- the outcome cascade
  void decide(const ir::Rule& rule, llvm::Value*& term, llvm::Value*& unknown);
  // The member's outcome field at `offset` (OutcomeLayout), of type t.
  llvm::Value* outAt(unsigned offset, llvm::Type* t) {
    return b_.CreateBitCast(b_.CreateConstInBoundsGEP1_64(i8_, out_, offset), t->getPointerTo());
  }
  void store(unsigned offset, llvm::Value* v) { b_.CreateStore(v, outAt(offset, v->getType())); }
  void storeByte(unsigned offset, llvm::Value* b1) { store(offset, b_.CreateZExt(b1, i8_)); }
  // The flag at `offset` becomes true when `when` holds (never false again).
  void setFlag(unsigned offset, llvm::Value* when);
  void cascade(llvm::BasicBlock* next);
  void askException();
  // `unit each` (Interpreter::countUnits), for a member past every stage.
  void countUnits();
  // The member's record (in a stack slot when packing) as its packed word
  // and side columns in the table's sink, and what has no column there
  // or-ed into lost_ (packsOutcomes).
  void packOutcome();
  // The member's outcome is decided: packed where the code packs, then on
  // to `next`. Packed on each way out of the cascade rather than once after
  // it: there most of the record's fields are constants of that way (the
  // stage, its rule), so the packing folds to a few instructions.
  void memberDone(llvm::BasicBlock* next) {
    if (packs_) packOutcome();
    b_.CreateBr(next);
  }

  llvm::LLVMContext& c_;
  llvm::Module& module_;
  const ir::Measure& m_;
  const interp::Plan& plan_;
  llvm::IRBuilder<> b_;
  llvm::IRBuilder<> entry_;  // inserts before the entry block's branch
  llvm::Type *i1_, *i8_, *i32_, *i64_, *f64_, *ptr_;
  const OutcomeLayout& layout_ = outcomeLayout();
  llvm::Function* fn_ = nullptr;
  llvm::Value* ctx_ = nullptr;                      // i8**: the JitContext as pointer slots
  llvm::Value* member_ = nullptr;                   // i32
  llvm::Value* begin_ = nullptr;                    // i32: the first member of the call
  llvm::Value* scratch_ = nullptr;                  // i64: the call's JitScratch, for helpers
  llvm::Value* out_ = nullptr;                      // i8*: the member's score::MemberOutcome
  llvm::Value* summary_ = nullptr;                  // i64*: the block's code summary rows
  bool packs_ = false;                              // packsOutcomes(m_)
  llvm::Value* sink_[4] = {};                       // the OutcomeSink's columns, when packing
  llvm::AllocaInst* lost_ = nullptr;                // i32: LostOutcome bits, when packing
  llvm::Value* row_ = nullptr;                      // i64*: the member's row
  std::vector<Gate> gates_;                         // measureGates(m_)
  std::vector<llvm::Value*> gateWord_, gateShift_;  // per gate, from the entry block
  std::vector<int> rowMemo_;                        // per node: its memoNodes index, or -1
  std::vector<llvm::Value*> memoWord_;              // per memoised node, from the entry block
  std::map<int, llvm::Value*> columns_;
  std::map<std::int32_t, llvm::Value*> sets_;
  std::map<size_t, V> planValues_;
  std::vector<int> uses_;
  // Per query: the event its scan has bound while its filters are lowered.
  std::vector<llvm::Value*> bound_;
  // Per memoised node: computed-this-member flag and its value.
  std::vector<llvm::AllocaInst*> memoFlag_, memoI_, memoN_;
};

llvm::Value* Lowerer::column(int slot, llvm::Type* elem) {
  auto it = columns_.find(slot);
  if (it == columns_.end()) {
    llvm::Value* p = entry_.CreateLoad(ptr_, entry_.CreateConstInBoundsGEP1_64(ptr_, ctx_, slot));
    it = columns_.emplace(slot, p).first;
  }
  return b_.CreateBitCast(it->second, elem->getPointerTo());
}

llvm::Value* Lowerer::setWords(std::int32_t set) {
  auto it = sets_.find(set);
  if (it == sets_.end()) {
    llvm::Value* sets = entry_.CreateBitCast(
        entry_.CreateLoad(ptr_, entry_.CreateConstInBoundsGEP1_64(ptr_, ctx_, kSlotCodeSets)),
        i64_->getPointerTo()->getPointerTo());
    llvm::Value* words = entry_.CreateLoad(
        i64_->getPointerTo(), entry_.CreateConstInBoundsGEP1_64(i64_->getPointerTo(), sets, set));
    it = sets_.emplace(set, words).first;
  }
  return it->second;
}

// A member-independent node: the plan's value, loaded once per call in the
// entry block (interp::Value is {int64 i; double n}).
V Lowerer::planValue(size_t node) {
  auto it = planValues_.find(node);
  if (it == planValues_.end()) {
    llvm::Value* base =
        entry_.CreateLoad(ptr_, entry_.CreateConstInBoundsGEP1_64(ptr_, ctx_, kSlotPlanValues));
    llvm::Value* ints = entry_.CreateBitCast(base, i64_->getPointerTo());
    llvm::Value* nums = entry_.CreateBitCast(base, f64_->getPointerTo());
    const auto at = static_cast<std::uint64_t>(node) * 2;
    V v{entry_.CreateLoad(i64_, entry_.CreateConstInBoundsGEP1_64(i64_, ints, at)),
        entry_.CreateLoad(f64_, entry_.CreateConstInBoundsGEP1_64(f64_, nums, at + 1))};
    it = planValues_.emplace(node, v).first;
  }
  return it->second;
}

// Bit `code` of the set's bitset (CodeSetBinding::contains).
llvm::Value* Lowerer::inSet(std::int32_t set, llvm::Value* code32) {
  llvm::Value* code = b_.CreateZExt(code32, i64_);
  llvm::Value* word = load(i64_, setWords(set), b_.CreateLShr(code, 6));
  llvm::Value* bit = b_.CreateLShr(word, b_.CreateAnd(code, 63));
  return b_.CreateTrunc(bit, i1_);
}

llvm::Value* Lowerer::finite(llvm::Value* x) {
  llvm::Value* ok = b_.CreateFCmpOEQ(b_.CreateFSub(x, x), f64(0));
  return b_.CreateSelect(ok, x, nan());
}

llvm::Value* Lowerer::missing(ir::Type t, const V& v) {
  switch (t) {
    case ir::Type::Bool: return b_.CreateICmpEQ(v.i, i64(ir::kUnknown));
    case ir::Type::Int: return b_.CreateICmpEQ(v.i, i64(ir::kMissingInt));
    case ir::Type::Num:
    case ir::Type::Quantity: return b_.CreateFCmpUNO(v.n, v.n);
    case ir::Type::Date: return b_.CreateICmpEQ(v.i, i64(ir::kMissingDate));
    case ir::Type::Datetime: return b_.CreateICmpEQ(v.i, i64(kMissingDayTime));
    case ir::Type::Sex: return llvm::ConstantInt::getFalse(c_);
    case ir::Type::Provider:
    case ir::Type::Setting:
    case ir::Type::Code: return b_.CreateICmpEQ(v.i, i64(ir::kMissingId));
    default: break;  // jit::firstUnsupported keeps the others away
  }
  return llvm::ConstantInt::getFalse(c_);
}

V Lowerer::call(const char* helper, std::vector<llvm::Value*> args) {
  return intV(callWith(i64_, helper, std::move(args)));
}

llvm::Value* Lowerer::callWith(llvm::Type* result, const char* helper,
                               std::vector<llvm::Value*> args, bool reads) {
  std::vector<llvm::Type*> params(args.size(), i64_);
  llvm::FunctionCallee f =
      module_.getOrInsertFunction(helper, llvm::FunctionType::get(result, params, false));
  if (auto* decl = llvm::dyn_cast<llvm::Function>(f.getCallee())) {
    if (reads) decl->addFnAttr(llvm::Attribute::ReadOnly);
    decl->addFnAttr(llvm::Attribute::NoUnwind);
    decl->addFnAttr(llvm::Attribute::WillReturn);
  }
  return b_.CreateCall(f, args);
}

// Element j of the i32 array the context's slot `slot` points at, loaded
// once in the entry block (the measure's memo and gate ids: loop-invariant).
llvm::Value* Lowerer::entryIdAt(int slot, size_t j) {
  llvm::Value* ids = entry_.CreateBitCast(
      entry_.CreateLoad(
          ptr_, entry_.CreateConstInBoundsGEP1_64(ptr_, ctx_, static_cast<std::uint64_t>(slot))),
      i32_->getPointerTo());
  return entry_.CreateLoad(
      i32_, entry_.CreateConstInBoundsGEP1_64(i32_, ids, static_cast<std::uint64_t>(j)));
}

V Lowerer::fromRow(size_t node) {
  const auto j = static_cast<size_t>(rowMemo_[node]);
  if (memoWord_[j] == nullptr) {  // the node's word in the row: loop-invariant
    llvm::Value* id = entryIdAt(kSlotMemoIds, j);
    llvm::Value* first = entry_.CreateLoad(
        i64_, entry_.CreateBitCast(entry_.CreateLoad(ptr_, entry_.CreateConstInBoundsGEP1_64(
                                                               ptr_, ctx_, kSlotMemoFirst)),
                                   i64_->getPointerTo()));
    memoWord_[j] = entry_.CreateAdd(first, entry_.CreateZExt(id, i64_));
  }
  const bool number = m_.nodes[node].op == ir::Op::MemberYears;
  llvm::Value* slot = b_.CreateInBoundsGEP(i64_, row_, memoWord_[j]);
  llvm::Value* cached = b_.CreateLoad(i64_, slot);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* fresh = block("row.compute");
  llvm::BasicBlock* done = block("row.done");
  b_.CreateCondBr(b_.CreateICmpNE(cached, llvm::ConstantInt::get(i64_, kNotYet)), done, fresh);
  b_.SetInsertPoint(fresh);
  const V v = compute(m_.nodes[node]);
  llvm::Value* bits = number ? b_.CreateBitCast(v.n, i64_) : v.i;
  b_.CreateStore(bits, slot);
  llvm::BasicBlock* freshEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* word = b_.CreatePHI(i64_, 2);
  word->addIncoming(cached, from);
  word->addIncoming(bits, freshEnd);
  if (number) return numV(b_.CreateBitCast(word, f64_));
  return intV(word);
}

V Lowerer::gen(ir::NodeId id) {
  const auto i = static_cast<size_t>(id);
  if (plan_.independent[i]) return planValue(i);
  if (rowMemo_[i] >= 0) return fromRow(i);
  if (memoFlag_[i] == nullptr) return compute(m_.nodes[i]);
  llvm::BasicBlock* fresh = block("memo.compute");
  llvm::BasicBlock* done = block("memo.done");
  b_.CreateCondBr(b_.CreateLoad(i1_, memoFlag_[i]), done, fresh);
  b_.SetInsertPoint(fresh);
  const V v = compute(m_.nodes[i]);
  b_.CreateStore(v.i, memoI_[i]);
  b_.CreateStore(v.n, memoN_[i]);
  b_.CreateStore(llvm::ConstantInt::getTrue(c_), memoFlag_[i]);
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  return {b_.CreateLoad(i64_, memoI_[i]), b_.CreateLoad(f64_, memoN_[i])};
}

// `and` / `or`: the second operand only when the first does not decide.
V Lowerer::logic(const ir::Node& n) {
  const bool isAnd = n.op == ir::Op::And;
  llvm::Value* a = gen(n.a).i;
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* second = block(isAnd ? "and.b" : "or.b");
  llvm::BasicBlock* merge = block(isAnd ? "and.done" : "or.done");
  b_.CreateCondBr(b_.CreateICmpEQ(a, i64(isAnd ? ir::kFalse : ir::kTrue)), merge, second);
  b_.SetInsertPoint(second);
  llvm::Value* bv = gen(n.b).i;
  llvm::Value* r = nullptr;
  if (isAnd) {  // a is true or unknown
    llvm::Value* bothTrue =
        b_.CreateAnd(b_.CreateICmpEQ(a, i64(ir::kTrue)), b_.CreateICmpEQ(bv, i64(ir::kTrue)));
    r = b_.CreateSelect(b_.CreateICmpEQ(bv, i64(ir::kFalse)), i64(ir::kFalse),
                        b_.CreateSelect(bothTrue, i64(ir::kTrue), i64(ir::kUnknown)));
  } else {  // a is false or unknown
    llvm::Value* bothFalse =
        b_.CreateAnd(b_.CreateICmpEQ(a, i64(ir::kFalse)), b_.CreateICmpEQ(bv, i64(ir::kFalse)));
    r = b_.CreateSelect(b_.CreateICmpEQ(bv, i64(ir::kTrue)), i64(ir::kTrue),
                        b_.CreateSelect(bothFalse, i64(ir::kFalse), i64(ir::kUnknown)));
  }
  llvm::BasicBlock* end = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(i64_, 2);
  phi->addIncoming(a, from);
  phi->addIncoming(r, end);
  return intV(phi);
}

V Lowerer::arithmetic(const ir::Node& n) {
  const V a = gen(n.a);
  const V b = gen(n.b);
  if (n.type == ir::Type::Num) {
    switch (n.op) {
      case ir::Op::Add: return numV(b_.CreateFAdd(a.n, b.n));
      case ir::Op::Sub: return numV(b_.CreateFSub(a.n, b.n));
      case ir::Op::Mul: return numV(b_.CreateFMul(a.n, b.n));
      default:  // Div: by zero -> missing
        return numV(b_.CreateSelect(b_.CreateFCmpOEQ(b.n, f64(0)), nan(), b_.CreateFDiv(a.n, b.n)));
    }
  }
  const llvm::Intrinsic::ID op = n.op == ir::Op::Add   ? llvm::Intrinsic::sadd_with_overflow
                                 : n.op == ir::Op::Sub ? llvm::Intrinsic::ssub_with_overflow
                                                       : llvm::Intrinsic::smul_with_overflow;
  llvm::Value* r = b_.CreateBinaryIntrinsic(op, a.i, b.i);
  llvm::Value* bad = b_.CreateOr(b_.CreateOr(b_.CreateICmpEQ(a.i, i64(ir::kMissingInt)),
                                             b_.CreateICmpEQ(b.i, i64(ir::kMissingInt))),
                                 b_.CreateExtractValue(r, 1));
  return intV(b_.CreateSelect(bad, i64(ir::kMissingInt), b_.CreateExtractValue(r, 0)));
}

V Lowerer::comparison(const ir::Node& n) {
  const ir::Type t = m_.nodes[static_cast<size_t>(n.a)].type;
  const V a = gen(n.a);
  const V b = gen(n.b);
  llvm::Value* unknown = b_.CreateOr(missing(t, a), missing(t, b));
  // CQL: quantities in units that do not compare give null (unknown).
  if (t == ir::Type::Quantity) unknown = b_.CreateOr(unknown, b_.CreateICmpNE(a.i, b.i));
  // Datetimes (support/DateTime.h packDayTime): the packed values order as
  // ir::dayTimeOrder does, except on one day with a time on one side only,
  // which is unknown (CQL's comparison at mixed precision).
  if (t == ir::Type::Datetime) {
    llvm::Value* sameDay =
        b_.CreateICmpEQ(b_.CreateAShr(a.i, kTimeBits), b_.CreateAShr(b.i, kTimeBits));
    llvm::Value* aNone = b_.CreateICmpEQ(b_.CreateAnd(a.i, i64(kTimeMask)), i64(0));
    llvm::Value* bNone = b_.CreateICmpEQ(b_.CreateAnd(b.i, i64(kTimeMask)), i64(0));
    unknown = b_.CreateOr(unknown, b_.CreateAnd(sameDay, b_.CreateXor(aNone, bNone)));
  }
  llvm::Value* holds = nullptr;
  if (t == ir::Type::Num || t == ir::Type::Quantity) {
    switch (n.cmp) {
      case ir::CmpOp::Eq: holds = b_.CreateFCmpOEQ(a.n, b.n); break;
      case ir::CmpOp::Ne: holds = b_.CreateFCmpONE(a.n, b.n); break;
      case ir::CmpOp::Lt: holds = b_.CreateFCmpOLT(a.n, b.n); break;
      case ir::CmpOp::Le: holds = b_.CreateFCmpOLE(a.n, b.n); break;
      case ir::CmpOp::Gt: holds = b_.CreateFCmpOGT(a.n, b.n); break;
      case ir::CmpOp::Ge: holds = b_.CreateFCmpOGE(a.n, b.n); break;
    }
  } else {
    switch (n.cmp) {
      case ir::CmpOp::Eq: holds = b_.CreateICmpEQ(a.i, b.i); break;
      case ir::CmpOp::Ne: holds = b_.CreateICmpNE(a.i, b.i); break;
      case ir::CmpOp::Lt: holds = b_.CreateICmpSLT(a.i, b.i); break;
      case ir::CmpOp::Le: holds = b_.CreateICmpSLE(a.i, b.i); break;
      case ir::CmpOp::Gt: holds = b_.CreateICmpSGT(a.i, b.i); break;
      case ir::CmpOp::Ge: holds = b_.CreateICmpSGE(a.i, b.i); break;
    }
  }
  return intV(b_.CreateSelect(unknown, i64(ir::kUnknown), b_.CreateZExt(holds, i64_)));
}

V Lowerer::compute(const ir::Node& n) {
  switch (n.op) {
    case ir::Op::BirthDate: return intV(memberBirth());
    case ir::Op::DeathDate:
      return intV(b_.CreateSExt(load(i32_, column(kSlotDeathDate, i32_), member_), i64_));
    case ir::Op::MemberSex:
      return intV(b_.CreateZExt(load(i8_, column(kSlotSex, i8_), member_), i64_));
    case ir::Op::Not: {
      llvm::Value* a = gen(n.a).i;
      return intV(b_.CreateSelect(b_.CreateICmpEQ(a, i64(ir::kUnknown)), i64(ir::kUnknown),
                                  b_.CreateSub(i64(1), a)));
    }
    case ir::Op::And:
    case ir::Op::Or: return logic(n);
    case ir::Op::Neg: {
      const V a = gen(n.a);
      if (n.type == ir::Type::Num) return numV(b_.CreateFNeg(a.n));
      return intV(b_.CreateSelect(b_.CreateICmpEQ(a.i, i64(ir::kMissingInt)), i64(ir::kMissingInt),
                                  b_.CreateNeg(a.i)));
    }
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div: return arithmetic(n);
    case ir::Op::DateToDatetime: {  // ir::dateToDayTime: the day without a time
      llvm::Value* d = gen(n.a).i;
      return intV(b_.CreateSelect(b_.CreateICmpEQ(d, i64(ir::kMissingDate)), i64(kMissingDayTime),
                                  b_.CreateMul(d, i64(kTimeMask + 1))));
    }
    case ir::Op::IntToNum: {
      llvm::Value* a = gen(n.a).i;
      return numV(b_.CreateSelect(b_.CreateICmpEQ(a, i64(ir::kMissingInt)), nan(),
                                  b_.CreateSIToFP(a, f64_)));
    }
    case ir::Op::QuantityToNum: return numV(gen(n.a).n);
    case ir::Op::Cmp: return comparison(n);
    case ir::Op::IsMissing: {
      const V a = gen(n.a);
      return truthOf(missing(m_.nodes[static_cast<size_t>(n.a)].type, a));
    }
    // Calendar arithmetic in line (CalendarLowering.h): no call per member,
    // and what depends on the plan's dates alone is hoisted out of the loop.
    case ir::Op::AddDays: {
      llvm::Value* d = gen(n.a).i;
      return intV(lowerAddDays(b_, d, gen(n.b).i));
    }
    case ir::Op::AddMonths: {
      llvm::Value* d = gen(n.a).i;
      return intV(lowerAddMonths(b_, d, gen(n.b).i, birthParts(n.a)));
    }
    case ir::Op::DiffDays: {
      llvm::Value* a = gen(n.a).i;
      return intV(lowerDiffDays(b_, a, gen(n.b).i));
    }
    case ir::Op::MakeDate: {
      llvm::Value* y = gen(n.a).i;
      llvm::Value* mo = gen(n.b).i;
      return call("mc_jit_make_date", {y, mo, gen(n.c).i});
    }
    case ir::Op::YearOf: return intV(lowerDatePart(b_, gen(n.a).i, 0, birthParts(n.a)));
    case ir::Op::MonthOf: return intV(lowerDatePart(b_, gen(n.a).i, 1, birthParts(n.a)));
    case ir::Op::DayOf: return intV(lowerDatePart(b_, gen(n.a).i, 2, birthParts(n.a)));
    case ir::Op::AgeYears: {
      llvm::Value* at = gen(n.a).i;
      return intV(lowerAgeYears(b_, memberBirth(), at, load(i64_, row_, i64(0))));
    }
    case ir::Op::AgeMonths: {
      llvm::Value* at = gen(n.a).i;
      return intV(lowerAgeMonths(b_, memberBirth(), at, load(i64_, row_, i64(0))));
    }
    case ir::Op::Enrolled:
    case ir::Op::EnrolledYearly: {
      llvm::Value* lo = gen(n.a).i;
      llvm::Value* hi = gen(n.b).i;
      return call(n.op == ir::Op::Enrolled ? "mc_jit_enrolled" : "mc_jit_enrolled_yearly",
                  {storeArg(), b_.CreateZExt(member_, i64_), lo, hi, i64(n.imm), i64(n.imm2)});
    }
    case ir::Op::EnrolledOn: {
      llvm::Value* d = gen(n.a).i;
      return call("mc_jit_enrolled_on", {storeArg(), b_.CreateZExt(member_, i64_), d});
    }
    case ir::Op::Query: return query(static_cast<std::int32_t>(n.imm));
    case ir::Op::EventField: return eventField(n);
    case ir::Op::EnrollmentStart:
    case ir::Op::EnrolledDays:
    case ir::Op::MemberMonths: {
      llvm::Value* lo = gen(n.a).i;
      llvm::Value* hi = gen(n.b).i;
      return call("mc_jit_enrollment_int",
                  {storeArg(), b_.CreateZExt(member_, i64_), i64(static_cast<int>(n.op)), lo, hi});
    }
    case ir::Op::MemberYears: {
      llvm::Value* lo = gen(n.a).i;
      llvm::Value* hi = gen(n.b).i;
      llvm::Value* asOf = b_.CreateLoad(i64_, column(kSlotAsOf, i64_));
      return numV(callWith(f64_, "mc_jit_member_years",
                           {storeArg(), b_.CreateZExt(member_, i64_), lo, hi, asOf}));
    }
    case ir::Op::LinkedPcp: {
      llvm::Value* d = gen(n.a).i;
      return call("mc_jit_linked_pcp", {storeArg(), b_.CreateZExt(member_, i64_), d});
    }
    default: break;  // jit::firstUnsupported keeps every other op away
  }
  return intV(i64(0));
}

// One of the event's codes (columns `startCol`, `codesCol`: the event's
// codes or a coded field's) is in the set (any code when set < 0): a loop
// over its CSR codes. A null start column (a coded field no event of the
// table has) holds no code.
llvm::Value* Lowerer::anyCodeIn(const ir::Query& q, int startCol, int codesCol, std::int32_t set,
                                llvm::Value* e) {
  llvm::Value* starts = eventColumn(q.kind, startCol, i32_);
  llvm::Value* codes = eventColumn(q.kind, codesCol, i32_);
  llvm::AllocaInst* c = slotVar(i32_, "code");
  llvm::AllocaInst* found = slotVar(i1_, "found");
  b_.CreateStore(llvm::ConstantInt::getFalse(c_), found);
  llvm::BasicBlock* open = block("codes.open");
  llvm::BasicBlock* head = block("codes.head");
  llvm::BasicBlock* body = block("codes.body");
  llvm::BasicBlock* hit = block("codes.hit");
  llvm::BasicBlock* step = block("codes.step");
  llvm::BasicBlock* done = block("codes.done");
  b_.CreateCondBr(b_.CreateIsNull(starts), done, open);
  b_.SetInsertPoint(open);
  llvm::Value* last = load(i32_, starts, b_.CreateAdd(e, i32(1)));
  b_.CreateStore(load(i32_, starts, e), c);
  b_.CreateBr(head);
  b_.SetInsertPoint(head);
  llvm::Value* ci = b_.CreateLoad(i32_, c);
  b_.CreateCondBr(b_.CreateICmpULT(ci, last), body, done);
  b_.SetInsertPoint(body);
  if (set < 0)
    b_.CreateBr(hit);
  else
    b_.CreateCondBr(inSet(set, load(i32_, codes, ci)), hit, step);
  b_.SetInsertPoint(hit);
  b_.CreateStore(llvm::ConstantInt::getTrue(c_), found);
  b_.CreateBr(done);
  b_.SetInsertPoint(step);
  b_.CreateStore(b_.CreateAdd(ci, i32(1)), c);
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
  return b_.CreateLoad(i1_, found);
}

// Whether filter f holds for event e (Interpreter::filterHolds); `bound` is
// a Window filter's date or a ByProvider filter's provider, computed before
// the scan.
llvm::Value* Lowerer::filterHolds(const ir::Query& q, const ir::Filter& f, llvm::Value* bound,
                                  llvm::Value* e) {
  auto bitIn = [&](std::uint32_t mask, llvm::Value* index8) {
    llvm::Value* shifted = b_.CreateLShr(i32(mask), b_.CreateZExt(index8, i32_));
    return b_.CreateTrunc(shifted, i1_);
  };
  switch (f.kind) {
    case ir::FilterKind::Status:
      return bitIn(f.statuses, load(i8_, eventColumn(q.kind, kColStatus, i8_), e));
    case ir::FilterKind::Setting:
      return bitIn(f.settings, load(i8_, eventColumn(q.kind, kColSetting, i8_), e));
    case ir::FilterKind::Window: {
      if (f.bound == ir::Bound::EndsOnOrAfter) {
        llvm::Value* end =
            b_.CreateSExt(load(i32_, eventColumn(q.kind, kColEndDate, i32_), e), i64_);
        return b_.CreateICmpSGE(end, bound);
      }
      llvm::Value* date = b_.CreateSExt(load(i32_, eventColumn(q.kind, kColDate, i32_), e), i64_);
      switch (f.bound) {
        case ir::Bound::StartsOnOrBefore: return b_.CreateICmpSLE(date, bound);
        case ir::Bound::StartsBefore: return b_.CreateICmpSLT(date, bound);
        default: return b_.CreateICmpSGT(date, bound);  // StartsAfter
      }
    }
    case ir::FilterKind::Codes: return anyCodeIn(q, kColCodeStart, kColCodes, f.codeset, e);
    case ir::FilterKind::ByPcp: {  // a listed provider of kind pcp
      llvm::Value* p = load(i32_, eventColumn(q.kind, kColProvider, i32_), e);
      llvm::BasicBlock* from = b_.GetInsertBlock();
      llvm::BasicBlock* test = block("pcp.test");
      llvm::BasicBlock* done = block("pcp.done");
      b_.CreateCondBr(b_.CreateICmpNE(p, i32(-1)), test, done);  // kNoProvider
      b_.SetInsertPoint(test);
      llvm::Value* kind = load(i8_, column(kSlotProviderKind, i8_), p);
      llvm::Value* listed = load(i8_, column(kSlotProviderListed, i8_), p);
      llvm::Value* pcp =
          b_.CreateAnd(b_.CreateICmpEQ(kind, i8(static_cast<int>(store::ProviderKind::Pcp))),
                       b_.CreateICmpNE(listed, i8(0)));
      b_.CreateBr(done);
      b_.SetInsertPoint(done);
      llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
      phi->addIncoming(llvm::ConstantInt::getFalse(c_), from);
      phi->addIncoming(pcp, test);
      return phi;
    }
    case ir::FilterKind::ByProvider: {  // a missing provider (value or event's) matches none
      llvm::Value* p = load(i32_, eventColumn(q.kind, kColProvider, i32_), e);
      return b_.CreateAnd(
          b_.CreateAnd(b_.CreateICmpNE(bound, i64(ir::kMissingId)), b_.CreateICmpNE(p, i32(-1))),
          b_.CreateICmpEQ(b_.CreateZExt(p, i64_), bound));
    }
    case ir::FilterKind::Predicate:  // unknown: the event does not match
      return b_.CreateICmpEQ(gen(f.node).i, i64(ir::kTrue));
    case ir::FilterKind::Slot: {
      if (f.slot != CodeSlot::Principal) {               // Interpreter::slotHolds
        if (f.codeset < 0 && f.slot == CodeSlot::Value)  // any value: a number, a code or text
          return b_.CreateICmpNE(load(i8_, eventColumn(q.kind, kColHasResult, i8_), e), i8(0));
        const int slot = static_cast<int>(f.slot);
        return anyCodeIn(q, kColSlotStart + slot, kColSlotCodes + slot, f.codeset, e);
      }
      // The visit's principal diagnosis (its first ICD-10-CM code).
      llvm::Value* p = load(i32_, eventColumn(q.kind, kColPrincipal, i32_), e);
      // -1: CodeDictionary::kNoCode, no principal diagnosis.
      llvm::Value* some = b_.CreateICmpNE(p, i32(-1));
      if (f.codeset < 0) return some;
      llvm::BasicBlock* from = b_.GetInsertBlock();
      llvm::BasicBlock* test = block("principal.test");
      llvm::BasicBlock* done = block("principal.done");
      b_.CreateCondBr(some, test, done);
      b_.SetInsertPoint(test);
      llvm::Value* in = inSet(f.codeset, p);
      llvm::BasicBlock* testEnd = b_.GetInsertBlock();
      b_.CreateBr(done);
      b_.SetInsertPoint(done);
      llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
      phi->addIncoming(llvm::ConstantInt::getFalse(c_), from);
      phi->addIncoming(in, testEnd);
      return phi;
    }
    default: break;  // jit::firstUnsupported keeps the others away
  }
  return llvm::ConstantInt::getFalse(c_);
}

llvm::Value* Lowerer::gateClosed(const ir::Query& q) {
  llvm::Value* closed = llvm::ConstantInt::getFalse(c_);
  for (const ir::Filter& f : q.filters) {
    Gate g;
    if (!gateOf(q, f, g)) continue;
    const auto j = static_cast<size_t>(std::find(gates_.begin(), gates_.end(), g) - gates_.begin());
    if (gateWord_[j] == nullptr) {  // the gate's word and bit: loop-invariant
      llvm::Value* id = entryIdAt(kSlotGateIds, j);
      llvm::Value* where = entry_.CreateBitCast(
          entry_.CreateLoad(ptr_,
                            entry_.CreateConstInBoundsGEP1_64(ptr_, ctx_, kSlotGatePositions)),
          ptr_->getPointerTo());
      llvm::Value* positions =
          entry_.CreateBitCast(entry_.CreateLoad(ptr_, where), i32_->getPointerTo());
      llvm::Value* bit = entry_.CreateZExt(
          entry_.CreateLoad(i32_, entry_.CreateInBoundsGEP(i32_, positions, id)), i64_);
      gateWord_[j] = entry_.CreateLShr(bit, 6);
      gateShift_[j] = entry_.CreateAnd(bit, 63);
    }
    llvm::Value* word = load(i64_, row_, gateWord_[j]);
    llvm::Value* has = b_.CreateTrunc(b_.CreateLShr(word, gateShift_[j]), i1_);
    closed = b_.CreateOr(closed, b_.CreateNot(has));
  }
  return closed;
}

std::pair<llvm::Value*, llvm::Value*> Lowerer::memberEvents(ir::EventKind k, llvm::Value* noEvent) {
  llvm::Value* starts = eventColumn(k, kColMemberStart, i32_);
  llvm::Value* first = load(i32_, starts, member_);
  llvm::Value* last =
      b_.CreateSelect(noEvent, first, load(i32_, starts, b_.CreateAdd(member_, i32(1))));
  return {first, last};
}

llvm::Value* Lowerer::afterStartBounds(const ir::Query& q, const std::vector<llvm::Value*>& values,
                                       llvm::Value* first, llvm::Value* last) {
  for (size_t i = 0; i < q.filters.size(); ++i)
    if (q.filters[i].kind == ir::FilterKind::Window && q.filters[i].bound == ir::Bound::StartsAfter)
      first = firstAfter(q.kind, first, last, values[i]);
  return first;
}

// The first event of [lo, hi) dated after `day` (hi when none): a binary
// search, the events being in date order.
llvm::Value* Lowerer::firstAfter(ir::EventKind k, llvm::Value* lo, llvm::Value* hi,
                                 llvm::Value* day) {
  llvm::Value* dates = eventColumn(k, kColDate, i32_);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* head = block("after.head");
  llvm::BasicBlock* body = block("after.body");
  llvm::BasicBlock* done = block("after.done");
  b_.CreateBr(head);
  b_.SetInsertPoint(head);
  llvm::PHINode* l = b_.CreatePHI(i32_, 2);
  llvm::PHINode* h = b_.CreatePHI(i32_, 2);
  l->addIncoming(lo, from);
  h->addIncoming(hi, from);
  b_.CreateCondBr(b_.CreateICmpULT(l, h), body, done);
  b_.SetInsertPoint(body);
  llvm::Value* mid = b_.CreateAdd(l, b_.CreateLShr(b_.CreateSub(h, l), 1));
  llvm::Value* notAfter = b_.CreateICmpSLE(b_.CreateSExt(load(i32_, dates, mid), i64_), day);
  l->addIncoming(b_.CreateSelect(notAfter, b_.CreateAdd(mid, i32(1)), l), body);
  h->addIncoming(b_.CreateSelect(notAfter, h, mid), body);
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
  return l;
}

// A scan of the member's events of the query's kind (its CSR slice), every
// filter checked in order with the event bound to the query (pairing: the
// `where` and nested queries read it), the aggregate kept in slots
// (interp/Aggregates.h). A missing window bound matches no event; the nodes
// of window and `by provider` filters are computed before the scan, as the
// interpreter's Interpreter::prepare does.
std::vector<llvm::Value*> Lowerer::filterValues(const ir::Query& q, llvm::Value*& noEvent) {
  std::vector<llvm::Value*> values(q.filters.size(), nullptr);
  noEvent = llvm::ConstantInt::getFalse(c_);
  for (size_t i = 0; i < q.filters.size(); ++i) {
    const ir::Filter& f = q.filters[i];
    if (f.kind == ir::FilterKind::ByProvider) values[i] = gen(f.node).i;
    if (f.kind != ir::FilterKind::Window) continue;
    values[i] = gen(f.node).i;
    noEvent = b_.CreateOr(noEvent, b_.CreateICmpEQ(values[i], i64(ir::kMissingDate)));
  }
  // Every scan of q (query, pdc, unit each) is skipped by the same gate.
  noEvent = b_.CreateOr(noEvent, gateClosed(q));
  return values;
}

void Lowerer::require(llvm::Value* cond, llvm::BasicBlock* fail) {
  llvm::BasicBlock* next = block("scan.filter");
  b_.CreateCondBr(cond, next, fail);
  b_.SetInsertPoint(next);
}

void Lowerer::scanMatches(std::int32_t qi, const std::vector<llvm::Value*>& values,
                          llvm::Value* first, llvm::Value* last, bool windows,
                          const std::function<void(llvm::Value*)>& onMatch) {
  const ir::Query& q = m_.queries[static_cast<size_t>(qi)];
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* head = block("match.head");
  llvm::BasicBlock* check = block("match.filter");
  llvm::BasicBlock* step = block("match.step");
  llvm::BasicBlock* done = block("match.done");
  b_.CreateBr(head);
  b_.SetInsertPoint(head);
  llvm::PHINode* e = b_.CreatePHI(i32_, 2, "match.event");
  e->addIncoming(first, from);
  b_.CreateCondBr(b_.CreateICmpULT(e, last), check, done);
  b_.SetInsertPoint(check);
  llvm::Value* outer = bound_[static_cast<size_t>(qi)];
  bound_[static_cast<size_t>(qi)] = e;
  // As in query(): past a `starts (on or) before` bound no later event
  // matches; then the cheap column tests, then code scans and predicates.
  auto kept = [&](const ir::Filter& f) { return windows || f.kind != ir::FilterKind::Window; };
  for (size_t i = 0; i < q.filters.size(); ++i) {
    const ir::Filter& f = q.filters[i];
    if (!kept(f) || f.kind != ir::FilterKind::Window ||
        (f.bound != ir::Bound::StartsOnOrBefore && f.bound != ir::Bound::StartsBefore))
      continue;
    require(filterHolds(q, f, values[i], e), done);
  }
  auto cheap = [](const ir::Filter& f) {
    return f.kind != ir::FilterKind::Codes && f.kind != ir::FilterKind::Slot &&
           f.kind != ir::FilterKind::Predicate;
  };
  for (const bool firstGroup : {true, false})
    for (size_t i = 0; i < q.filters.size(); ++i)
      if (kept(q.filters[i]) && cheap(q.filters[i]) == firstGroup)
        require(filterHolds(q, q.filters[i], values[i], e), step);
  onMatch(e);
  bound_[static_cast<size_t>(qi)] = outer;
  b_.CreateBr(step);
  b_.SetInsertPoint(step);
  e->addIncoming(b_.CreateAdd(e, i32(1)), step);
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
}

// The period is the query's `during` window (ir::verify: one `end >=` and
// one `start <=` bound); fills from the member's first, dated on or before
// its end, every other filter deciding which count.
V Lowerer::pdc(std::int32_t qi) {
  const ir::Query& q = m_.queries[static_cast<size_t>(qi)];
  llvm::Value* noEvent = nullptr;
  const std::vector<llvm::Value*> values = filterValues(q, noEvent);
  llvm::Value* lo = i64(ir::kMissingDate);
  llvm::Value* hi = i64(ir::kMissingDate);
  for (size_t i = 0; i < q.filters.size(); ++i)
    if (q.filters[i].kind == ir::FilterKind::Window)
      (q.filters[i].bound == ir::Bound::EndsOnOrAfter ? lo : hi) = values[i];
  noEvent = b_.CreateOr(noEvent, b_.CreateICmpSGT(lo, hi));
  callWith(i64_, "mc_jit_pdc_clear", {scratch_}, false);
  llvm::Value *first, *end;
  std::tie(first, end) = memberEvents(q.kind, noEvent);
  llvm::Value* last = firstAfter(q.kind, first, end, hi);
  scanMatches(qi, values, first, last, false, [&](llvm::Value* e) {
    callWith(i64_, "mc_jit_pdc_fill", {scratch_, i64(qi), b_.CreateZExt(e, i64_)}, false);
  });
  return numV(
      callWith(f64_, "mc_jit_pdc", {scratch_, b_.CreateZExt(member_, i64_), lo, hi}, false));
}

V Lowerer::query(std::int32_t qi) {
  const ir::Query& q = m_.queries[static_cast<size_t>(qi)];
  if (q.aggregate == ir::Aggregate::Pdc) return pdc(qi);
  llvm::Value* noEvent = nullptr;
  const std::vector<llvm::Value*> values = filterValues(q, noEvent);
  llvm::Value *first, *last;
  std::tie(first, last) = memberEvents(q.kind, noEvent);
  // A `starts after` bound: the scan begins at the first later event.
  first = afterStartBounds(q, values, first, last);

  const ir::Aggregate agg = q.aggregate;
  const bool dateResult = agg == ir::Aggregate::LatestDate || agg == ir::Aggregate::FirstDate ||
                          agg == ir::Aggregate::NthDate || agg == ir::Aggregate::LatestEnd;
  const bool valueResult = agg == ir::Aggregate::LatestValue || agg == ir::Aggregate::FirstValue ||
                           agg == ir::Aggregate::LowestValue || agg == ir::Aggregate::HighestValue;
  llvm::AllocaInst* accI = slotVar(i64_, "acc.i");  // the count, date, or a value's unit
  llvm::AllocaInst* accN = slotVar(f64_, "acc.n");  // a value, a sum
  llvm::AllocaInst* lastDate = slotVar(i64_, "last_date");
  llvm::AllocaInst* counted = slotVar(i64_, "counted");
  llvm::AllocaInst* e = slotVar(i32_, "event");
  b_.CreateStore(agg == ir::Aggregate::LatestTime ? i64(kMissingDayTime)
                 : dateResult                     ? i64(ir::kMissingDate)
                                                  : i64(0),
                 accI);
  b_.CreateStore(valueResult ? nan() : f64(0), accN);
  b_.CreateStore(i64(kNoDate), lastDate);
  b_.CreateStore(i64(0), counted);
  b_.CreateStore(first, e);
  llvm::BasicBlock* head = block("scan.head");
  llvm::BasicBlock* step = block("scan.step");
  llvm::BasicBlock* done = block("scan.done");
  b_.CreateBr(head);
  b_.SetInsertPoint(head);
  llvm::Value* ei = b_.CreateLoad(i32_, e);
  llvm::BasicBlock* check = block("scan.filter");
  b_.CreateCondBr(b_.CreateICmpULT(ei, last), check, done);
  b_.SetInsertPoint(check);
  llvm::Value* date = b_.CreateSExt(load(i32_, eventColumn(q.kind, kColDate, i32_), ei), i64_);
  llvm::Value* value = load(f64_, eventColumn(q.kind, kColValue, f64_), ei);
  llvm::Value* hasValue = b_.CreateFCmpORD(value, value);
  // The aggregates' own conditions, cheap, before the filters (as
  // interp/Aggregates.h asks them first).
  auto need = [&](llvm::Value* cond) { require(cond, step); };
  llvm::Value* sumX = nullptr;
  llvm::Value* lastDay = nullptr;  // LatestEnd: the event's end, its date when open
  switch (agg) {
    case ir::Aggregate::LatestValue:
    case ir::Aggregate::FirstValue:
    case ir::Aggregate::LowestValue:
    case ir::Aggregate::HighestValue: need(hasValue); break;
    case ir::Aggregate::CountDistinctDates:
    case ir::Aggregate::NthDate: need(b_.CreateICmpNE(date, b_.CreateLoad(i64_, lastDate))); break;
    case ir::Aggregate::CountSpacedDates: {
      llvm::Value* spaced =
          b_.CreateICmpSGE(b_.CreateSub(date, b_.CreateLoad(i64_, lastDate)), i64(q.aggParam));
      need(b_.CreateOr(b_.CreateICmpEQ(b_.CreateLoad(i64_, counted), i64(0)), spaced));
      break;
    }
    case ir::Aggregate::LatestEnd: {
      // Events are in date order, not end order: every match is read, a
      // later end first (interp/Aggregates.h).
      llvm::Value* endDay = load(i32_, eventColumn(q.kind, kColEndDate, i32_), ei);
      lastDay = b_.CreateSelect(b_.CreateICmpEQ(endDay, i32(kOpenEnd)), date,
                                b_.CreateSExt(endDay, i64_));
      llvm::Value* best = b_.CreateLoad(i64_, accI);
      need(b_.CreateOr(b_.CreateICmpEQ(best, i64(ir::kMissingDate)),
                       b_.CreateICmpSGT(lastDay, best)));
      break;
    }
    case ir::Aggregate::Sum:
      sumX = q.aggField == EventField::DaysSupply
                 ? b_.CreateSIToFP(load(i32_, eventColumn(q.kind, kColDaysSupply, i32_), ei), f64_)
                 : value;  // Quantity, Value (jit::firstUnsupported: no other field)
      need(b_.CreateFCmpORD(sumX, sumX));
      break;
    default: break;
  }
  llvm::Value* outer = bound_[static_cast<size_t>(qi)];
  bound_[static_cast<size_t>(qi)] = ei;
  // Events are in date order: past a `starts on or before` / `starts
  // before` bound no later event matches, and the scan ends (as the
  // interpreter's Interpreter::prepare cuts its slice).
  for (size_t i = 0; i < q.filters.size(); ++i) {
    const ir::Filter& f = q.filters[i];
    if (f.kind != ir::FilterKind::Window ||
        (f.bound != ir::Bound::StartsOnOrBefore && f.bound != ir::Bound::StartsBefore))
      continue;
    llvm::BasicBlock* next = block("scan.inside");
    b_.CreateCondBr(filterHolds(q, f, values[i], ei), next, done);
    b_.SetInsertPoint(next);
  }
  // The filters all hold or the event does not match, whatever their order
  // (none has an effect): the cheap column tests first, then the code scans
  // and predicates, each group in the query's order.
  auto cheap = [](const ir::Filter& f) {
    return f.kind != ir::FilterKind::Codes && f.kind != ir::FilterKind::Slot &&
           f.kind != ir::FilterKind::Predicate;
  };
  for (const bool first : {true, false})
    for (size_t i = 0; i < q.filters.size(); ++i)
      if (cheap(q.filters[i]) == first) need(filterHolds(q, q.filters[i], values[i], ei));
  bound_[static_cast<size_t>(qi)] = outer;
  // Every filter holds: the event matches.
  llvm::Value* unit = nullptr;
  if (valueResult) unit = b_.CreateZExt(load(i32_, eventColumn(q.kind, kColUnit, i32_), ei), i64_);
  switch (agg) {
    case ir::Aggregate::Exists:
      b_.CreateStore(i64(ir::kTrue), accI);
      b_.CreateBr(done);
      break;
    case ir::Aggregate::FirstDate:
      b_.CreateStore(date, accI);
      b_.CreateBr(done);
      break;
    case ir::Aggregate::LatestDate:  // events are in date order: the last match
      b_.CreateStore(date, accI);
      b_.CreateBr(step);
      break;
    case ir::Aggregate::LatestEnd:
      b_.CreateStore(lastDay, accI);
      b_.CreateBr(step);
      break;
    case ir::Aggregate::LatestTime:  // in (date, time of day) order: the last match
      b_.CreateStore(packedDayTime(date, timeOf(q.kind, kColStartTime, ei)), accI);
      b_.CreateBr(step);
      break;
    case ir::Aggregate::Count:
      b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, accI), i64(1)), accI);
      b_.CreateBr(step);
      break;
    case ir::Aggregate::CountDistinctDates:  // two matches on one day are one date
    case ir::Aggregate::CountSpacedDates:
      b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, accI), i64(1)), accI);
      b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, counted), i64(1)), counted);
      b_.CreateStore(date, lastDate);
      b_.CreateBr(step);
      break;
    case ir::Aggregate::NthDate: {  // the aggParam-th distinct date
      llvm::Value* n = b_.CreateAdd(b_.CreateLoad(i64_, counted), i64(1));
      b_.CreateStore(n, counted);
      b_.CreateStore(date, lastDate);
      llvm::BasicBlock* found = block("nth.found");
      b_.CreateCondBr(b_.CreateICmpSLT(n, i64(q.aggParam)), step, found);
      b_.SetInsertPoint(found);
      b_.CreateStore(date, accI);
      b_.CreateBr(done);
      break;
    }
    case ir::Aggregate::LatestValue:
    case ir::Aggregate::FirstValue:
      b_.CreateStore(unit, accI);
      b_.CreateStore(finite(value), accN);
      b_.CreateBr(agg == ir::Aggregate::FirstValue ? done : step);
      break;
    case ir::Aggregate::LowestValue:
    case ir::Aggregate::HighestValue: {
      // The first value is the best so far; a value in another unit makes
      // the whole aggregate missing (interp/Aggregates.h extremeValue).
      llvm::Value* v = finite(value);
      llvm::Value* bestN = b_.CreateLoad(f64_, accN);
      llvm::Value* bestI = b_.CreateLoad(i64_, accI);
      llvm::Value* none = b_.CreateFCmpUNO(bestN, bestN);
      llvm::BasicBlock* take = block("extreme.take");
      llvm::BasicBlock* compare = block("extreme.compare");
      llvm::BasicBlock* mixed = block("extreme.mixed");
      llvm::BasicBlock* same = block("extreme.same");
      b_.CreateCondBr(none, take, compare);
      b_.SetInsertPoint(compare);
      b_.CreateCondBr(b_.CreateICmpNE(unit, bestI), mixed, same);
      b_.SetInsertPoint(mixed);
      b_.CreateStore(i64(0), accI);
      b_.CreateStore(nan(), accN);
      b_.CreateBr(done);
      b_.SetInsertPoint(same);
      llvm::Value* better = agg == ir::Aggregate::LowestValue ? b_.CreateFCmpOLT(v, bestN)
                                                              : b_.CreateFCmpOGT(v, bestN);
      b_.CreateCondBr(better, take, step);
      b_.SetInsertPoint(take);
      b_.CreateStore(unit, accI);
      b_.CreateStore(v, accN);
      b_.CreateBr(step);
      break;
    }
    case ir::Aggregate::Sum:
      b_.CreateStore(b_.CreateFAdd(b_.CreateLoad(f64_, accN), sumX), accN);
      b_.CreateBr(step);
      break;
    default:  // jit::firstUnsupported keeps the others away
      b_.CreateBr(step);
      break;
  }
  b_.SetInsertPoint(step);
  b_.CreateStore(b_.CreateAdd(ei, i32(1)), e);
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
  if (agg == ir::Aggregate::Sum) return numV(b_.CreateLoad(f64_, accN));
  return {b_.CreateLoad(i64_, accI), b_.CreateLoad(f64_, accN)};
}

llvm::Value* Lowerer::timeOf(ir::EventKind k, int col, llvm::Value* e) {
  llvm::Value* base = eventColumn(k, col, i32_);
  llvm::Value* has = b_.CreateIsNotNull(base);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* read = block("time.read");
  llvm::BasicBlock* joined = block("time.join");
  b_.CreateCondBr(has, read, joined);
  b_.SetInsertPoint(read);
  llvm::Value* t = load(i32_, base, e);
  b_.CreateBr(joined);
  b_.SetInsertPoint(joined);
  llvm::PHINode* time = b_.CreatePHI(i32_, 2);
  time->addIncoming(i32(kNoTime), from);
  time->addIncoming(t, read);
  return b_.CreateSExt(time, i64_);
}

// A field of the event bound to query n.imm (Interpreter::eventField);
// ir::verify keeps an event_field inside its query's filters, where the
// scan has bound it.
V Lowerer::eventField(const ir::Node& n) {
  const auto field = static_cast<EventField>(n.imm2);
  llvm::Value* e = bound_[static_cast<size_t>(n.imm)];
  if (e == nullptr) {  // unreachable after ir::verify; missing, as the interpreter
    const ir::Type t = ir::fieldType(field);
    if (field == EventField::Value || field == EventField::Quantity) return {i64(0), nan()};
    return intV(i64(t == ir::Type::Date       ? ir::kMissingDate
                    : t == ir::Type::Datetime ? kMissingDayTime
                    : t == ir::Type::Int      ? ir::kMissingInt
                    : t == ir::Type::Bool     ? ir::kUnknown
                                              : ir::kMissingId));
  }
  const ir::EventKind k = m_.queries[static_cast<size_t>(n.imm)].kind;
  auto column32 = [&](int col) { return load(i32_, eventColumn(k, col, i32_), e); };
  // An id column: its `none` value is missing (-1).
  auto id = [&](int col) {
    llvm::Value* v = column32(col);
    return intV(
        b_.CreateSelect(b_.CreateICmpEQ(v, i32(-1)), i64(ir::kMissingId), b_.CreateZExt(v, i64_)));
  };
  switch (field) {
    case EventField::Date: return intV(b_.CreateSExt(column32(kColDate), i64_));
    case EventField::End: {
      llvm::Value* end = column32(kColEndDate);
      return intV(b_.CreateSelect(b_.CreateICmpEQ(end, i32(kOpenEnd)), i64(ir::kMissingDate),
                                  b_.CreateSExt(end, i64_)));
    }
    case EventField::Provider: return id(kColProvider);
    case EventField::ToProvider: return id(kColToProvider);
    case EventField::Principal: return id(kColPrincipal);
    case EventField::Setting: {
      llvm::Value* s = b_.CreateZExt(load(i8_, eventColumn(k, kColSetting, i8_), e), i64_);
      return intV(b_.CreateSelect(b_.CreateICmpEQ(s, i64(0)), i64(ir::kMissingId), s));
    }
    case EventField::Value:
      return {b_.CreateZExt(column32(kColUnit), i64_),
              finite(load(f64_, eventColumn(k, kColValue, f64_), e))};
    case EventField::Quantity: return numV(load(f64_, eventColumn(k, kColValue, f64_), e));
    case EventField::DaysSupply: return intV(b_.CreateSExt(column32(kColDaysSupply), i64_));
    case EventField::Generic:
      return truthOf(b_.CreateICmpNE(load(i8_, eventColumn(k, kColGeneric, i8_), e), i8(0)));
    case EventField::StartTime:
      return intV(
          packedDayTime(b_.CreateSExt(column32(kColDate), i64_), timeOf(k, kColStartTime, e)));
    case EventField::EndTime: {  // an open end is missing; one unknown packs kNoDate, no time
      llvm::Value* end = column32(kColEndDate);
      return intV(
          b_.CreateSelect(b_.CreateICmpEQ(end, i32(kOpenEnd)), i64(kMissingDayTime),
                          packedDayTime(b_.CreateSExt(end, i64_), timeOf(k, kColEndTime, e))));
    }
    default: break;  // jit::firstUnsupported keeps the others away
  }
  return intV(i64(ir::kMissingId));
}

// Interpreter::decidingTerm: an all-rule is decided by its first false
// term, or when none is false by its first unknown one (then `unknown`); an
// any-rule by its first true term; -1 otherwise.
void Lowerer::decide(const ir::Rule& rule, llvm::Value*& term, llvm::Value*& unknown) {
  llvm::AllocaInst* t = slotVar(i32_, "term");
  llvm::AllocaInst* u = slotVar(i1_, "unknown");
  llvm::AllocaInst* firstUnknown = slotVar(i32_, "first_unknown");
  b_.CreateStore(i32(-1), firstUnknown);
  llvm::BasicBlock* done = block("rule.done");
  for (size_t i = 0; i < rule.terms.size(); ++i) {
    llvm::Value* v = gen(rule.terms[i].node).i;
    llvm::BasicBlock* hit = block("rule.hit");
    llvm::BasicBlock* next = block("rule.next");
    b_.CreateCondBr(b_.CreateICmpEQ(v, i64(rule.any ? ir::kTrue : ir::kFalse)), hit, next);
    b_.SetInsertPoint(hit);
    b_.CreateStore(i32(static_cast<std::int64_t>(i)), t);
    b_.CreateStore(llvm::ConstantInt::getFalse(c_), u);
    b_.CreateBr(done);
    b_.SetInsertPoint(next);
    llvm::Value* fu = b_.CreateLoad(i32_, firstUnknown);
    llvm::Value* isFirst =
        b_.CreateAnd(b_.CreateICmpEQ(v, i64(ir::kUnknown)), b_.CreateICmpSLT(fu, i32(0)));
    b_.CreateStore(b_.CreateSelect(isFirst, i32(static_cast<std::int64_t>(i)), fu), firstUnknown);
  }
  llvm::Value* fu = b_.CreateLoad(i32_, firstUnknown);
  if (rule.any) {
    b_.CreateStore(i32(-1), t);
    b_.CreateStore(llvm::ConstantInt::getFalse(c_), u);
  } else {
    b_.CreateStore(fu, t);
    b_.CreateStore(b_.CreateICmpSGE(fu, i32(0)), u);
  }
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  term = b_.CreateLoad(i32_, t);
  unknown = b_.CreateLoad(i1_, u);
}

void Lowerer::setFlag(unsigned offset, llvm::Value* when) {
  llvm::Value* flag = b_.CreateLoad(i8_, outAt(offset, i8_));
  store(offset, b_.CreateOr(flag, b_.CreateZExt(when, i8_)));
}

static unsigned flagOf(const OutcomeLayout& layout, ir::OutcomeField f) {
  switch (f) {
    case ir::OutcomeField::Population: return layout.population;
    case ir::OutcomeField::Eligible: return layout.eligible;
    case ir::OutcomeField::Excluded: return layout.excluded;
    case ir::OutcomeField::Numerator: return layout.numerator;
    case ir::OutcomeField::Exception: return layout.exception;
    default: break;
  }
  return layout.population;
}

// Interpreter::askException.
void Lowerer::askException() {
  llvm::Value* t = nullptr;
  llvm::Value* unknown = nullptr;
  decide(m_.rule(ir::RuleKind::Exception), t, unknown);
  llvm::BasicBlock* holds = block("exception.holds");
  llvm::BasicBlock* done = block("exception.done");
  b_.CreateCondBr(b_.CreateICmpSGE(t, i32(0)), holds, done);
  b_.SetInsertPoint(holds);
  store(layout_.exception, i8(1));
  store(layout_.rule, i8(static_cast<int>(ir::RuleKind::Exception)));
  store(layout_.term, t);
  store(layout_.unknown, i8(0));
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
}

// Interpreter::evaluate for the member: the stages in order, then the
// numerator's value, exposure and reward date; `next` is the next member.
void Lowerer::cascade(llvm::BasicBlock* next) {
  const ir::Cascade& cas = m_.cascade;
  for (const ir::Stage& stage : cas.stages) {
    const ir::Rule& rule = m_.rule(stage.rule);
    llvm::Value* t = nullptr;
    llvm::Value* unknown = nullptr;
    decide(rule, t, unknown);
    llvm::Value* holds = rule.any ? b_.CreateICmpSGE(t, i32(0)) : b_.CreateICmpSLT(t, i32(0));
    setFlag(flagOf(layout_, stage.sets), holds);
    store(layout_.rule, i8(static_cast<int>(stage.rule)));
    store(layout_.term, t);
    storeByte(layout_.unknown, unknown);
    llvm::Value* stop = stage.stopWhenHolds ? holds : b_.CreateNot(holds);
    llvm::BasicBlock* stopped = block("stage.stop");
    llvm::BasicBlock* cont = block("stage.next");
    b_.CreateCondBr(stop, stopped, cont);
    b_.SetInsertPoint(stopped);
    // Stopped because the numerator does not hold: the exception rule.
    if (!stage.stopWhenHolds && stage.sets == ir::OutcomeField::Numerator &&
        cas.exceptionAfterNumerator)
      askException();
    memberDone(next);
    b_.SetInsertPoint(cont);
  }
  if (m_.unitQuery >= 0) {
    countUnits();
    b_.CreateBr(next);
    return;
  }
  // Every stage passed: the numerator's value.
  const ir::Type vt = m_.nodes[static_cast<size_t>(cas.numeratorValue)].type;
  const V v = gen(cas.numeratorValue);
  llvm::Value* miss = missing(vt, v);
  llvm::Value* value = vt == ir::Type::Num ? v.n : b_.CreateSIToFP(v.i, f64_);
  value = b_.CreateSelect(miss, f64(0), value);
  store(layout_.value, value);
  if (cas.exposure != ir::kNoNode) {
    llvm::Value* x = gen(cas.exposure).n;
    store(layout_.exposure, b_.CreateSelect(b_.CreateFCmpUNO(x, x), f64(0), x));
  }
  // Assigned, not added: in the numerator exactly when the value is not 0.
  llvm::Value* numerator = b_.CreateFCmpUNE(value, f64(0));
  storeByte(layout_.numerator, numerator);
  const ir::Rule& num = m_.rule(ir::RuleKind::Numerator);
  store(layout_.rule, i8(static_cast<int>(ir::RuleKind::Numerator)));
  store(layout_.term,
        i32(num.terms.empty() ? -1 : static_cast<std::int64_t>(num.terms.size()) - 1));
  storeByte(layout_.unknown, miss);
  if (m_.isReward()) {
    llvm::BasicBlock* earned = block("reward");
    llvm::BasicBlock* done = block("reward.done");
    b_.CreateCondBr(numerator, earned, done);
    b_.SetInsertPoint(earned);
    llvm::Value* d = gen(m_.earnedOn).i;
    store(layout_.earnedOn,
          b_.CreateTrunc(
              b_.CreateSelect(b_.CreateICmpEQ(d, i64(ir::kMissingDate)), i64(kNoDate), d), i32_));
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
  }
  memberDone(next);
}

// Each event of the unit query is a unit under its provider (a helper call,
// score::UnitCounts), meeting the numerator when every term is true with the
// event bound; the numerator's value is how many do.
void Lowerer::countUnits() {
  const std::int32_t uq = m_.unitQuery;
  const ir::Query& q = m_.queries[static_cast<size_t>(uq)];
  const ir::Rule& num = m_.rule(ir::RuleKind::Numerator);
  llvm::Value* noEvent = nullptr;
  const std::vector<llvm::Value*> values = filterValues(q, noEvent);
  llvm::Value *first, *last;
  std::tie(first, last) = memberEvents(q.kind, noEvent);
  first = afterStartBounds(q, values, first, last);
  llvm::AllocaInst* total = slotVar(i64_, "units.numerator");
  llvm::AllocaInst* holds = slotVar(i1_, "unit.holds");
  b_.CreateStore(i64(0), total);
  llvm::Value* offset = b_.CreateZExt(b_.CreateSub(member_, begin_), i64_);
  scanMatches(uq, values, first, last, true, [&](llvm::Value* e) {
    // Every term true; an unknown one keeps the event out, as in a rule.
    b_.CreateStore(llvm::ConstantInt::getFalse(c_), holds);
    llvm::BasicBlock* judged = block("unit.judged");
    for (const ir::Term& term : num.terms)
      require(b_.CreateICmpEQ(gen(term.node).i, i64(ir::kTrue)), judged);
    b_.CreateStore(llvm::ConstantInt::getTrue(c_), holds);
    b_.CreateBr(judged);
    b_.SetInsertPoint(judged);
    llvm::Value* h = b_.CreateZExt(b_.CreateLoad(i1_, holds), i64_);
    llvm::Value* provider =
        b_.CreateZExt(load(i32_, eventColumn(q.kind, kColProvider, i32_), e), i64_);
    callWith(i64_, "mc_jit_unit", {scratch_, offset, provider, h}, false);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, total), h), total);
  });
  llvm::Value* count = b_.CreateLoad(i64_, total);
  store(layout_.value, b_.CreateSIToFP(count, f64_));
  storeByte(layout_.numerator, b_.CreateICmpSGT(count, i64(0)));
  store(layout_.rule, i8(static_cast<int>(ir::RuleKind::Numerator)));
  store(layout_.term,
        i32(num.terms.empty() ? -1 : static_cast<std::int64_t>(num.terms.size()) - 1));
}

// OutcomeTable::set's packing of the record, in line: the record is a
// stack slot whose fields LLVM keeps in registers, so no record is written
// to memory nor read back. What set() checks per member is decided here:
// a deciding term always fits (packsOutcomes), the flags outside the
// population are tested on the packed word, and a value without a column
// is tested only where the table lacks it (a constant test folds away: a
// measure without exposure never stores one).
void Lowerer::packOutcome() {
  using P = score::PackedOutcome;
  using L = score::LostOutcome;
  const score::OutcomeColumns columns = score::columnsOf(m_);
  auto flag = [&](unsigned offset, std::uint32_t bit) {
    return b_.CreateMul(b_.CreateZExt(b_.CreateLoad(i8_, outAt(offset, i8_)), i32_),
                        i32(static_cast<std::int64_t>(bit)));
  };
  llvm::Value* bits = flag(layout_.population, P::kPopulation);
  bits = b_.CreateOr(bits, flag(layout_.eligible, P::kEligible));
  bits = b_.CreateOr(bits, flag(layout_.excluded, P::kExcluded));
  bits = b_.CreateOr(bits, flag(layout_.numerator, P::kNumerator));
  bits = b_.CreateOr(bits, flag(layout_.exception, P::kException));
  bits = b_.CreateOr(bits, flag(layout_.unknown, P::kUnknown));
  llvm::Value* rule = b_.CreateZExt(b_.CreateLoad(i8_, outAt(layout_.rule, i8_)), i32_);
  bits = b_.CreateOr(bits, b_.CreateShl(rule, P::kRuleShift));
  llvm::Value* term = b_.CreateLoad(i32_, outAt(layout_.term, i32_));
  bits = b_.CreateOr(bits, b_.CreateShl(b_.CreateAdd(term, i32(1)), P::kTermShift));
  llvm::Value* k = b_.CreateZExt(b_.CreateSub(member_, begin_), i64_);
  auto put = [&](int column, llvm::Value* v) {
    llvm::Value* base = b_.CreateBitCast(sink_[column], v->getType()->getPointerTo());
    b_.CreateStore(v, b_.CreateInBoundsGEP(v->getType(), base, k));
  };
  put(score::kSinkPacked, b_.CreateTrunc(bits, b_.getInt16Ty()));
  // A flag set outside the population.
  const std::uint32_t stages = P::kEligible | P::kExcluded | P::kNumerator | P::kException;
  llvm::Value* lostFlags =
      b_.CreateAnd(b_.CreateICmpEQ(b_.CreateAnd(bits, i32(P::kPopulation)), i32(0)),
                   b_.CreateICmpNE(b_.CreateAnd(bits, i32(stages)), i32(0)));
  llvm::Value* lost = b_.CreateSelect(lostFlags, i32(L::kFlags), i32(0));
  auto lostWhen = [&](llvm::Value* cond, std::uint32_t what) {
    lost = b_.CreateOr(lost, b_.CreateSelect(cond, i32(what), i32(0)));
  };
  llvm::Value* value = b_.CreateLoad(f64_, outAt(layout_.value, f64_));
  if (columns.value) {
    put(score::kSinkValue, value);
  } else {
    llvm::Value* numerator =
        b_.CreateICmpNE(b_.CreateLoad(i8_, outAt(layout_.numerator, i8_)), i8(0));
    lostWhen(b_.CreateFCmpUNE(value, b_.CreateSelect(numerator, f64(1), f64(0))), L::kValue);
  }
  llvm::Value* exposure = b_.CreateLoad(f64_, outAt(layout_.exposure, f64_));
  if (columns.exposure)
    put(score::kSinkExposure, exposure);
  else
    lostWhen(b_.CreateFCmpUNE(exposure, f64(0)), L::kExposure);
  llvm::Value* earnedOn = b_.CreateLoad(i32_, outAt(layout_.earnedOn, i32_));
  if (columns.earnedOn)
    put(score::kSinkEarnedOn, earnedOn);
  else
    lostWhen(b_.CreateICmpNE(earnedOn, i32(kNoDate)), L::kEarnedOn);
  b_.CreateStore(b_.CreateOr(b_.CreateLoad(i32_, lost_), lost), lost_);
}

void Lowerer::lower(const std::string& name) {
  uses_ = useCounts(m_);
  bound_.assign(m_.queries.size(), nullptr);
  gates_ = measureGates(m_);
  rowMemo_.assign(m_.nodes.size(), -1);
  const std::vector<ir::NodeId> memos = memoNodes(m_, plan_);
  for (size_t j = 0; j < memos.size(); ++j)
    rowMemo_[static_cast<size_t>(memos[j])] = static_cast<int>(j);
  memoWord_.assign(memos.size(), nullptr);
  gateWord_.assign(gates_.size(), nullptr);
  gateShift_.assign(gates_.size(), nullptr);
  packs_ = packsOutcomes(m_);
  llvm::Type* params[] = {ptr_->getPointerTo(), i32_, i32_, ptr_, ptr_, i64_->getPointerTo()};
  fn_ = llvm::Function::Create(llvm::FunctionType::get(i32_, params, false),
                               llvm::Function::ExternalLinkage, name, module_);
  auto arg = fn_->arg_begin();
  ctx_ = &*arg++;
  llvm::Value* begin = &*arg++;
  llvm::Value* end = &*arg++;
  llvm::Value* outs = &*arg++;
  llvm::Value* scratch = &*arg++;
  summary_ = &*arg;
  begin_ = begin;
  fn_->addParamAttr(0, llvm::Attribute::NoAlias);
  fn_->addParamAttr(3, llvm::Attribute::NoAlias);
  fn_->addParamAttr(5, llvm::Attribute::NoAlias);

  llvm::BasicBlock* entry = block("entry");
  llvm::BasicBlock* head = block("member.head");
  llvm::BasicBlock* body = block("member.body");
  llvm::BasicBlock* step = block("member.step");
  llvm::BasicBlock* exit = block("exit");
  b_.SetInsertPoint(entry);
  b_.CreateBr(head);
  entry_.SetInsertPoint(entry->getTerminator());
  scratch_ = entry_.CreatePtrToInt(scratch, i64_);
  llvm::Value* record = nullptr;  // the member's record when packing: one slot, reused
  if (packs_) {
    llvm::Value* sink = entry_.CreateBitCast(outs, ptr_->getPointerTo());
    for (int c = score::kSinkPacked; c <= score::kSinkEarnedOn; ++c)
      sink_[c] = entry_.CreateLoad(ptr_, entry_.CreateConstInBoundsGEP1_64(ptr_, sink, c));
    lost_ = slotVar(i32_, "lost");
    entry_.CreateStore(i32(0), lost_);
    llvm::AllocaInst* slot =
        entry_.CreateAlloca(llvm::ArrayType::get(i8_, layout_.size), nullptr, "record");
    slot->setAlignment(llvm::Align(8));
    record = entry_.CreateBitCast(slot, ptr_);
  }

  // The memo slots of the member-dependent nodes used more than once.
  memoFlag_.assign(m_.nodes.size(), nullptr);
  memoI_.assign(m_.nodes.size(), nullptr);
  memoN_.assign(m_.nodes.size(), nullptr);
  for (size_t i = 0; i < m_.nodes.size(); ++i) {
    if (plan_.independent[i] || plan_.eventDependent[i] || uses_[i] < 2 || rowMemo_[i] >= 0)
      continue;
    memoFlag_[i] = slotVar(i1_, "memo.flag");
    memoI_[i] = slotVar(i64_, "memo.i");
    memoN_[i] = slotVar(f64_, "memo.n");
  }

  b_.SetInsertPoint(head);
  llvm::PHINode* member = b_.CreatePHI(i32_, 2, "member");
  member->addIncoming(begin, entry);
  b_.CreateCondBr(b_.CreateICmpULT(member, end), body, exit);

  b_.SetInsertPoint(body);
  member_ = member;
  out_ = packs_
             ? record
             : b_.CreateInBoundsGEP(i8_, outs,
                                    b_.CreateMul(b_.CreateZExt(b_.CreateSub(member, begin), i64_),
                                                 i64(layout_.size)));
  if (readsRows(m_, plan_)) {
    llvm::Value* words = entry_.CreateLoad(
        i64_, entry_.CreateBitCast(entry_.CreateLoad(ptr_, entry_.CreateConstInBoundsGEP1_64(
                                                               ptr_, ctx_, kSlotSummaryWords)),
                                   i64_->getPointerTo()));
    row_ = b_.CreateInBoundsGEP(
        i64_, summary_, b_.CreateMul(b_.CreateZExt(b_.CreateSub(member, begin), i64_), words));
  }
  for (llvm::AllocaInst* flag : memoFlag_)
    if (flag != nullptr) b_.CreateStore(llvm::ConstantInt::getFalse(c_), flag);
  for (const unsigned flag : {layout_.population, layout_.eligible, layout_.excluded,
                              layout_.numerator, layout_.exception, layout_.unknown})
    store(flag, i8(0));
  store(layout_.rule, i8(static_cast<int>(ir::RuleKind::Population)));
  store(layout_.term, i32(-1));
  store(layout_.value, f64(0));
  store(layout_.exposure, f64(0));
  store(layout_.earnedOn, i32(kNoDate));
  cascade(step);

  b_.SetInsertPoint(step);
  llvm::Value* following = b_.CreateAdd(member, i32(1));
  member->addIncoming(following, step);
  b_.CreateBr(head);

  b_.SetInsertPoint(exit);
  b_.CreateRet(packs_ ? static_cast<llvm::Value*>(b_.CreateLoad(i32_, lost_)) : i32(0));
}

}  // namespace

bool packsOutcomes(const ir::Measure& measure) {
  const score::OutcomeColumns columns = score::columnsOf(measure);
  // Units are lists the unit helper builds in records (score::UnitCounts).
  // The deciding term is a rule's term index or -1: it fits the packed
  // word when every rule's last index does; else the table keeps terms in
  // a column (score::OutcomeColumns::term) that set() fills from records.
  return !columns.units && !columns.term;
}

void lowerMeasure(llvm::Module& module, const ir::Measure& measure, const interp::Plan& plan,
                  const std::string& name) {
  Lowerer(module, measure, plan).lower(name);
}

}  // namespace mc::jit
