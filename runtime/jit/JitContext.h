// What compiled measure code reads: the store's raw columns and the
// measure's code-set bitsets, as a plain C struct of pointers built once per
// run and passed to every call. No LLVM type here; the lowering addresses
// the struct by slot (every field is one pointer), so a field is added at
// the end of its group and the lowering reads it by its slot number.
#pragma once

#include <cstddef>
#include <cstdint>

#include "support/CodeSlots.h"

namespace mc::jit {

// One kind of event (store::EventTable), CSR by member.
struct JitEvents {
  const std::uint32_t* memberStart;
  const std::int32_t* date;
  const std::int32_t* endDate;
  const std::uint32_t* codeStart;
  const std::uint32_t* codes;
  const std::uint32_t* principal;
  const std::uint8_t* setting;
  const std::uint8_t* status;
  const std::uint32_t* provider;
  const std::uint32_t* toProvider;
  const double* value;
  const std::uint32_t* unit;
  const std::int32_t* daysSupply;
  const std::uint8_t* generic;
  const std::uint8_t* hasResult;
  // Times of day (store::EventTable startTime, endTime): null when no row
  // of the file has one.
  const std::int32_t* startTime;
  const std::int32_t* endTime;
  // The coded fields by support/CodeSlots.h slot, laid out like codeStart
  // and codes; a slot no event of the table has is two null pointers.
  const std::uint32_t* slotStart[kCodeSlotCount];
  const std::uint32_t* slotCodes[kCodeSlotCount];
};
inline constexpr int kEventColumns = 17 + 2 * kCodeSlotCount;

inline constexpr int kJitEventKinds = 8;  // store::kEventKindCount

struct JitContext {
  const std::int32_t* birthDate;
  const std::int32_t* deathDate;
  const std::uint8_t* sex;
  // The store itself, for the runtime helpers (runtime/jit/Helpers.h) that
  // read the enrollment table.
  const void* store;
  // Per code set of the measure: its bitset (interp::CodeSetBinding::words).
  const std::uint64_t* const* codeSets;
  // The plan's values (interp::Plan::values: an int64 and a double per
  // node), read where a node is member-independent; so the compiled code of
  // a measure serves any store and period.
  const void* planValues;
  // store::ProviderTable kind and listed, by ProviderId (`by pcp`).
  const std::uint8_t* providerKind;
  const std::uint8_t* providerListed;
  // The period's `--as-of` day (interp::Period::asOf, kNoDate when none),
  // which member years end at.
  const std::int64_t* asOf;
  JitEvents events[kJitEventKinds];
  // The measure's gates (jit/MemberSummary.h measureGates, in that order):
  // each one's id in the summary; where the summary keeps each id's bit in
  // a member's row, and the row's 64-bit words (both set when the summary
  // freezes, before the first call).
  const std::uint32_t* gateIds;
  const std::uint32_t* const* gatePositions;
  const std::int64_t* summaryWords;
  // The measure's memoised nodes (jit/MemberSummary.h memoNodes, in that
  // order): each one's memo id; the row word of memo id 0 (set when the
  // summary freezes).
  const std::uint32_t* memoIds;
  const std::int64_t* memoFirst;
};

// Slot numbers (pointer-sized fields from the start) of the lowering.
inline constexpr int kSlotBirthDate = 0;
inline constexpr int kSlotDeathDate = 1;
inline constexpr int kSlotSex = 2;
inline constexpr int kSlotStore = 3;
inline constexpr int kSlotCodeSets = 4;
inline constexpr int kSlotPlanValues = 5;
inline constexpr int kSlotProviderKind = 6;
inline constexpr int kSlotProviderListed = 7;
inline constexpr int kSlotAsOf = 8;
inline constexpr int kSlotEvents = 9;
inline constexpr int eventSlot(int kind, int column) {
  return kSlotEvents + kind * kEventColumns + column;
}
enum EventColumn : int {
  kColMemberStart,
  kColDate,
  kColEndDate,
  kColCodeStart,
  kColCodes,
  kColPrincipal,
  kColSetting,
  kColStatus,
  kColProvider,
  kColToProvider,
  kColValue,
  kColUnit,
  kColDaysSupply,
  kColGeneric,
  kColHasResult,
  kColStartTime,
  kColEndTime,
  kColSlotStart,                                  // + the slot
  kColSlotCodes = kColSlotStart + kCodeSlotCount  // + the slot
};
inline constexpr int kSlotGateIds = kSlotEvents + kJitEventKinds * kEventColumns;
inline constexpr int kSlotGatePositions = kSlotGateIds + 1;
inline constexpr int kSlotSummaryWords = kSlotGateIds + 2;
inline constexpr int kSlotMemoIds = kSlotGateIds + 3;
inline constexpr int kSlotMemoFirst = kSlotGateIds + 4;
static_assert(sizeof(JitEvents) == kEventColumns * sizeof(void*), "one pointer per column");
static_assert(offsetof(JitContext, events) == kSlotEvents * sizeof(void*), "slot of events");
static_assert(offsetof(JitContext, gateIds) == kSlotGateIds * sizeof(void*), "slot of gates");
static_assert(offsetof(JitContext, codeSets) == kSlotCodeSets * sizeof(void*), "slot of sets");

// The signature of a compiled measure: members [begin, end) into `out`.
// For a measure that jit::packsOutcomes, `out` is a score::OutcomeSink
// (the table's columns from member `begin` on) and the result is the
// score::LostOutcome bits of what had no column; otherwise out[0..) are
// score::MemberOutcome objects it writes in place (every field but the
// units, by the byte offsets jit/Lowering.cpp measures) and the result is
// 0. `scratch` is the call's jit/JitScratch.h, which compiled code only
// hands to the PDC and unit helpers (the unit helper adds the units). `summary`: the rows of
// members [begin, end) (jit/MemberSummary.h), *summaryWords words each;
// null when the measure reads none (readsRows). Compiled code writes
// their memo words.
using CompiledFn = std::uint32_t (*)(const JitContext* ctx, std::uint32_t begin, std::uint32_t end,
                                     void* out, void* scratch, std::uint64_t* summary);

}  // namespace mc::jit
