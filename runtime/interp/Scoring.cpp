// The parallel scoring loop.
#include "interp/Scoring.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "interp/Plan.h"
#include "score/Attribution.h"
#include "score/ParallelWork.h"

namespace mc::interp {

Period calendarYear(int year) { return {daysFromCivil(year, 1, 1), daysFromCivil(year, 12, 31)}; }

std::vector<score::MeasureOutcomes> scoreMeasures(const std::vector<MeasureRequest>& measures,
                                                  const store::MemberStore& store, Period period,
                                                  int threads) {
  return scoreMeasures(measures, store, period, threads, nullptr, nullptr);
}

std::vector<score::MeasureOutcomes> scoreMeasures(const std::vector<MeasureRequest>& measures,
                                                  const store::MemberStore& store, Period period,
                                                  int threads, MeasureCompiler* compiler,
                                                  EngineReport* report) {
  const size_t members = store.memberCount();
  // Attribution date: the end of the measurement period (DATA.md).
  // One column of linked PCPs, shared by every measure attributed to them.
  // Spread over the threads, as the tables below: at a million members this
  // work was a serial part of the score phase the same for both engines.
  auto pcp = std::make_shared<std::vector<store::ProviderId>>(members);
  constexpr size_t kPcpChunk = 16384;
  score::forEachInParallel((members + kPcpChunk - 1) / kPcpChunk, threads, [&](size_t c) {
    const size_t end = std::min(members, (c + 1) * kPcpChunk);
    for (size_t m = c * kPcpChunk; m < end; ++m)
      (*pcp)[m] = score::linkedPcp(store, static_cast<store::MemberIndex>(m), period.end);
  });

  std::vector<CodeSetBinding> bindings;
  bindings.reserve(measures.size());
  // Member-independent nodes: once per run, before any thread starts.
  std::vector<Plan> plans;
  plans.reserve(measures.size());
  std::vector<score::MeasureOutcomes> out(measures.size());
  const LongestSpans spans = longestSpans(store, threads);  // a read of every event: once
  for (size_t i = 0; i < measures.size(); ++i) {
    bindings.emplace_back(*measures[i].measure, store.codes);
    plans.push_back(makePlan(*measures[i].measure, store, bindings.back(), period, spans));
    out[i].measure = measures[i].measure;
    out[i].minimum = measures[i].minimum;
  }
  // Allocated once, before the member passes start; each thread packs its
  // own members into them. Made and faulted in on every thread: a table is
  // megabytes of fresh memory (35 x 2 MB at a million members): one call
  // per column here costs less than a fault per huge page in the passes
  // (bench/README.md, "the outcome tables' pages before the passes").
  score::forEachInParallel(measures.size(), threads, [&](size_t i) {
    out[i].members = score::OutcomeTable(*measures[i].measure, members);
    out[i].members.populate();
    if (measures[i].measure->attributionQuery >= 0)
      out[i].provider.makeOwn(members);
    else
      out[i].provider = score::ProviderColumn(pcp);
  });
  // The engine's compiled measures, once per run, before any thread starts;
  // nullptr: the interpreter scores that measure.
  std::vector<std::unique_ptr<CompiledMeasure>> compiled(measures.size());
  if (compiler != nullptr) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<const ir::Measure*> compiling(measures.size());
    std::vector<const Plan*> compilingPlans(measures.size());
    for (size_t i = 0; i < measures.size(); ++i) {
      compiling[i] = measures[i].measure;
      compilingPlans[i] = &plans[i];
    }
    compiler->prepare(compiling, compilingPlans, threads);
    for (size_t i = 0; i < measures.size(); ++i) {
      std::string why;
      compiled[i] = compiler->compile(*measures[i].measure, store, bindings[i], plans[i], why);
      if (report != nullptr)
        report->measures.push_back({measures[i].measure->id, compiled[i] != nullptr, why});
    }
    if (report != nullptr)
      report->compileSeconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }

  const size_t workers =
      std::max<size_t>(1, std::min<size_t>(threads, std::max<size_t>(1, members / 64)));
  // `interps`: the worker's interpreter of each measure, made once;
  // `scratch`: the worker's outcomes of one block, as the interpreter (and
  // compiled code of a unit measure) writes them, packed into the
  // measure's table after the block; other compiled code packs them
  // itself (CompiledMeasure::scoreInto).
  auto measuresOver = [&](size_t begin, size_t end,
                          std::vector<std::unique_ptr<Interpreter>>& interps,
                          std::vector<score::MemberOutcome>& scratch) {
    const size_t n = end - begin;
    for (size_t i = 0; i < measures.size(); ++i) {
      Interpreter& interp = *interps[i];
      const bool byPharmacy = measures[i].measure->attributionQuery >= 0;
      score::MeasureOutcomes& mo = out[i];
      if (compiled[i] != nullptr &&
          compiled[i]->scoreInto(static_cast<store::MemberIndex>(begin),
                                 static_cast<store::MemberIndex>(end), mo.members)) {
        // Packed by the compiled code itself: no record to read back.
        if (byPharmacy) {
          for (size_t m = begin; m < end; ++m)
            mo.provider.set(m, mo.members.population(m)
                                   ? interp.pharmacyOf(static_cast<store::MemberIndex>(m)).pharmacy
                                   : store::kNoProvider);
        }
        continue;
      }
      if (compiled[i] != nullptr) {
        // No fresh record first: compiled code writes every field of each
        // member's (jit/Lowering.cpp, the member's prologue) but the units,
        // which the engine clears for a unit measure and the packing below
        // moved out of the block's last outcomes.
        if (begin < end)
          compiled[i]->score(static_cast<store::MemberIndex>(begin),
                             static_cast<store::MemberIndex>(end), scratch.data());
        // Which fills chose a member's pharmacy: the interpreter's, asked
        // of the members in the population only.
        if (byPharmacy) {
          for (size_t m = begin; m < end; ++m)
            mo.provider.set(m, scratch[m - begin].population
                                   ? interp.pharmacyOf(static_cast<store::MemberIndex>(m)).pharmacy
                                   : store::kNoProvider);
        }
      } else {
        for (size_t m = begin; m < end; ++m) {
          scratch[m - begin] = interp.evaluate(static_cast<store::MemberIndex>(m));
          // Members outside the population have no rows: no pharmacy needed.
          if (byPharmacy)
            mo.provider.set(
                m, scratch[m - begin].population ? interp.pharmacy().pharmacy : store::kNoProvider);
        }
      }
      mo.members.set(begin, scratch.data(), n);
    }
  };
  // Every measure over a block of members, block after block: the block's
  // events and enrollment stay in the cache from one measure to the next
  // (one pass per measure over the whole range read the store 35 times).
  // The blocks are handed out a few at a time to whichever thread is free
  // rather than as two static halves: the halves hold the same work, but
  // on a shared machine a thread held back by other processes left the
  // other idle at the end (bench/README.md, scorefive). Each member is
  // still scored by one thread into its own slots, and a block's summary
  // rows are the thread's own (jit/MemberSummary.h), so the order of the
  // blocks changes no result.
  constexpr size_t kBlock = 512;
  constexpr size_t kBlocksPerTake = 2;
  std::atomic<size_t> nextTake{0};
  auto work = [&] {
    std::vector<std::unique_ptr<Interpreter>> interps;
    for (size_t i = 0; i < measures.size(); ++i)
      interps.push_back(
          std::make_unique<Interpreter>(*measures[i].measure, store, bindings[i], plans[i]));
    std::vector<score::MemberOutcome> scratch(kBlock);
    for (size_t from = nextTake++ * kBlock * kBlocksPerTake; from < members;
         from = nextTake++ * kBlock * kBlocksPerTake) {
      const size_t to = std::min(members, from + kBlock * kBlocksPerTake);
      for (size_t b = from; b < to; b += kBlock)
        measuresOver(b, std::min(to, b + kBlock), interps, scratch);
    }
  };
  const auto passes = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();  // the calling thread is one of the workers
  for (std::thread& t : pool) t.join();
  if (report != nullptr)
    report->engineSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - passes).count();
  return out;
}

}  // namespace mc::interp
