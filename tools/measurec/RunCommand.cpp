// `measurec run`: load a data directory, score a program's measures, write
// the results directory atomically and print a summary.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "Args.h"
#include "AsOf.h"
#include "CacheReadAhead.h"
#include "Commands.h"
#include "DataSource.h"
#include "LoadMessages.h"
#include "ParticipationSummary.h"
#include "PharmacySummary.h"
#include "ScorecardSummary.h"
#include "Workload.h"
#include "interp/Scoring.h"
#include "jit/JitEngine.h"
#include "output/HtmlReport.h"
#include "output/InterimWriter.h"
#include "output/ParticipationWriter.h"
#include "output/PharmacyEligibilityWriter.h"
#include "output/PharmacyRankingWriter.h"
#include "output/ResultWriters.h"
#include "output/ResultsDirectory.h"
#include "output/RewardsWriter.h"
#include "output/RunPaths.h"
#include "output/RunReport.h"
#include "output/ScorecardWriter.h"
#include "output/StagedFile.h"
#include "output/StrataWriter.h"
#include "score/Participation.h"
#include "score/PharmacyProgram.h"
#include "score/PharmacyRanking.h"
#include "score/PriorResults.h"
#include "score/ProviderRates.h"
#include "score/Strata.h"
#include "store/DataDirectoryLoader.h"
#include "store/DataSpan.h"
#include "support/EventVocabulary.h"

#ifndef MEASUREC_VERSION
#define MEASUREC_VERSION "dev"
#endif

namespace mc::cli {
namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The plan-wide figures come from the provider rates' pass (MeasureTotals):
// no second pass over every member's outcome.
void printSummary(const std::vector<score::MeasureOutcomes>& outcomes,
                  const std::vector<score::MeasureTotals>& totals,
                  const std::vector<score::ProviderRate>& rates, const output::RunReport& report) {
  std::cout << fmt::format("{} {}..{}: {} members, {} measures\n\n",
                           report.program.empty() ? "measures" : report.program, report.periodStart,
                           report.periodEnd, report.members, outcomes.size());
  std::cout << fmt::format("{:<8} {:>10} {:>9} {:>9} {:>9} {:>12} {:>10} {:>8} {:>11}\n", "measure",
                           "population", "eligible", "excluded", "exception", "denominator",
                           "numerator", "rate", "providers");
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const score::MeasureOutcomes& m = outcomes[i];
    const score::MeasureTotals& t = totals[i];
    const size_t pop = t.population, elig = t.eligible, excl = t.excluded,
                 exceptions = t.exceptions;
    const double num = t.numerator, den = t.denominator;
    const std::optional<double> rate = score::measureRate(*m.measure, num, den);
    size_t providers = 0, qualifying = 0;
    for (const score::ProviderRate& r : rates) {
      if (r.measure != m.measure) continue;
      ++providers;
      qualifying += r.qualifies;
    }
    std::cout << fmt::format("{:<8} {:>10} {:>9} {:>9} {:>9} {:>12} {:>10} {:>8} {:>11}\n",
                             m.measure->id, pop, elig, excl, exceptions, output::formatCount(den),
                             output::formatCount(num), rate ? output::formatRate(*rate) : "-",
                             fmt::format("{}/{}", qualifying, providers));
  }
  std::cout << fmt::format(
      "\n(providers: qualifying for the minimum denominator / with members)\n");
}

// Per event file, the statuses the run's measures count: the union of the
// status filters of every query that reads the file. A file no query reads
// keeps every status (nothing in it is left out because of its status).
static_assert(ir::kEventKindCount == store::kEventKindCount, "one event kind list");
void setCountedStatuses(const std::vector<ir::Measure>& measures,
                        std::vector<store::FileCounts>& files) {
  StatusMask byKind[ir::kEventKindCount] = {};
  bool read[ir::kEventKindCount] = {};
  for (const ir::Measure& m : measures) {
    for (const ir::Query& q : m.queries) {
      const auto k = static_cast<int>(q.kind);
      byKind[k] |= q.statuses();
      read[k] = true;
    }
  }
  for (store::FileCounts& f : files) {
    if (!f.hasStatuses) continue;
    for (int k = 0; k < ir::kEventKindCount; ++k) {
      if (f.file != store::eventFileName(static_cast<store::EventKind>(k))) continue;
      f.counted = read[k] ? byKind[k] : ~StatusMask{0};
    }
  }
}

// One line when events were read but no measure of the run counts them
// because of their status: results may be lower than the data suggests.
void printStatusSummary(const std::vector<store::FileCounts>& files) {
  std::uint64_t total = 0;
  std::uint64_t byStatus[kStatusNameCount] = {};
  for (const store::FileCounts& f : files) {
    total += f.notCountedByStatus();
    for (int i = 0; i < kStatusNameCount; ++i) {
      if ((f.counted & (StatusMask{1} << i)) == 0) byStatus[i] += f.byStatus[i];
    }
  }
  if (total == 0) return;
  std::string parts;
  for (int i = 0; i < kStatusNameCount; ++i) {
    if (byStatus[i] == 0) continue;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", byStatus[i], kStatusNames[i]);
  }
  std::cout << fmt::format(
      "{} event(s) not counted by the run's measures because of their status ({}); per file in "
      "run.json\n",
      total, parts);
}

// One line when the period's last month has no event at all (the data ends
// before it): the days after the data's end read as days without care
// (uncovered days in a PDC, no refill, no visit), which lowers rates for a
// reason that is not in the care given.
// `latest`: store::latestEventDate, found while the large files are written.
void printDataSpanNote(Days latest, const interp::Period& period) {
  // Month-wise: small data often ends a few days before the period does.
  const CivilDate end = civilFromDays(period.end);
  if (latest == kNoDate || latest >= daysFromCivil(end.year, end.month, 1)) return;
  std::cout << fmt::format(
      "note: the data's latest event is on {}, before the period ends on {}: the days after "
      "it read as days without care (uncovered days in `pdc of`, no fills, no visits); use data "
      "that covers the period, or a period that ends by its last event\n",
      formatIsoDate(latest), formatIsoDate(period.end));
}

// One line for the stratified measures: per (measure, stratifier) the
// plan-wide strata, the best rate and the widest disparity (strata.csv has
// every provider's).
void printStrataSummary(const std::vector<score::MeasureOutcomes>& outcomes,
                        const std::vector<score::StratumRate>& strata) {
  if (!output::anyStratified(outcomes)) return;
  std::string parts;
  for (const score::MeasureOutcomes& mo : outcomes) {
    for (size_t s = 0; s < mo.measure->stratifiers.size(); ++s) {
      size_t count = 0;
      const score::StratumRate* best = nullptr;
      const score::StratumRate* widest = nullptr;
      for (const score::StratumRate& r : strata) {
        if (!r.planWide || r.measure != mo.measure || r.stratifier != static_cast<int>(s)) continue;
        ++count;
        // (unknown) is no group the plan can act on: in strata.csv, not here.
        if (r.stratum == kUnknownStratum) continue;
        if (r.rate && r.referenceRate && *r.rate == *r.referenceRate && best == nullptr) best = &r;
        if (r.disparityPercent &&
            (widest == nullptr || *r.disparityPercent > *widest->disparityPercent))
          widest = &r;
      }
      std::string part = fmt::format("{} by {}: {} strat{}", mo.measure->id,
                                     stratifierName(mo.measure->stratifiers[s].kind), count,
                                     count == 1 ? "um" : "a");
      if (best != nullptr)
        part += fmt::format(", best {} ({})", output::formatRate(*best->rate), best->stratum);
      if (widest != nullptr)
        part += fmt::format(", widest disparity {}% ({})",
                            output::formatPercent(*widest->disparityPercent), widest->stratum);
      parts += (parts.empty() ? "" : "; ") + part;
    }
  }
  std::cout << fmt::format("strata (plan-wide; per provider in strata.csv): {}\n", parts);
}

// One line for the member rewards: members per reward (rewards/<REWARD>.csv)
// and those whose date is missing.
void printRewardSummary(const std::vector<output::RewardCount>& rewards) {
  if (rewards.empty()) return;
  std::string parts;
  for (const output::RewardCount& r : rewards) {
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", r.reward, r.members);
    if (r.earnedOnMissing > 0) parts += fmt::format(" (+{} without a date)", r.earnedOnMissing);
  }
  std::cout << fmt::format("rewards (members, in rewards/): {}\n", parts);
}

// `--engine jit`: how many measures were compiled, and for each interpreted
// one the first thing the JIT cannot lower yet.
std::string engineSummary(const std::vector<output::MeasureEngineRow>& rows) {
  size_t compiled = 0;
  std::string interpreted;
  for (const output::MeasureEngineRow& r : rows) {
    if (r.compiled) {
      ++compiled;
      continue;
    }
    interpreted +=
        fmt::format("{}{} ({})", interpreted.empty() ? "" : ", ", r.measure, r.unsupported);
  }
  std::string line = fmt::format("engine jit: {} of {} measure(s) compiled", compiled, rows.size());
  if (!interpreted.empty()) line += "; interpreted: " + interpreted;
  return line + "\n";
}

}  // namespace

int runCommand(const std::vector<std::string>& argv) {
  Args args(argv,
            {"program", "measure", "data", "out", "period", "period-start", "period-end", "as-of",
             "engine", "threads", "reject-file", "prior", "set"},
            {}, {"measure", "set"});
  if (!args.ok()) return usageError("run", args.error());
  if (!args.positional().empty())
    return usageError("run", fmt::format("unexpected argument '{}'", args.positional()[0]));
  const auto data = args.value("data");
  const auto out = args.value("out");
  if (!data) return usageError("run", "give --data DIR (a member data directory, docs/data.md)");
  if (!out) return usageError("run", "give --out DIR (where the results directory goes)");
  const std::string engine = args.value("engine").value_or("interp");
  if (engine != "interp" && engine != "jit")
    return usageError("run", fmt::format("--engine is interp or jit, not '{}'", engine));
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (auto t = args.value("threads")) {
    const std::optional<long> n = parseWholeNumber(*t, 1, 256);
    if (!n)
      return usageError("run", fmt::format("--threads takes a number from 1 to 256, not '{}'", *t));
    threads = static_cast<int>(*n);
  }
  const std::string rejectFile = args.value("reject-file").value_or("");

  output::RunReport report;
  report.engine = engine;
  report.threads = threads;
  report.version = MEASUREC_VERSION;
  report.dataGiven = *data;
  std::error_code ec;
  report.dataAbsolute = std::filesystem::absolute(*data, ec).lexically_normal().string();
  report.rejectFile = rejectFile;
  report.commandLine = {"measurec", "run"};
  report.commandLine.insert(report.commandLine.end(), argv.begin(), argv.end());

  auto t = Clock::now();
  // From the cache, the store is mapped and checked while the program is
  // read (tools/measurec/CacheReadAhead.h).
  CacheReadAhead cacheAhead(*data, threads);
  Workload w;
  if (const int rc = loadWorkload("run", args, "measure", false, w); rc != kExitOk) return rc;
  interp::Period period;
  if (const int rc = resolvePeriod("run", args, w, period); rc != kExitOk) return rc;
  Days asOf = kNoDate;
  if (const int rc = resolveAsOf("run", args, period, asOf); rc != kExitOk) return rc;
  if (const int rc = checkCacheOptions("run", *data, asOf, rejectFile); rc != kExitOk) return rc;
  report.asOf = formatIsoDate(asOf);
  period.asOf = asOf;
  report.compile = secondsSince(t);
  report.program = w.program;
  report.periodStart = formatIsoDate(period.start);
  report.periodEnd = formatIsoDate(period.end);
  report.sources = w.sources;
  {
    std::set<std::string> setNames;
    for (const std::string& setting : args.values("set"))
      setNames.insert(setting.substr(0, setting.find('=')));
    for (const ir::ProgramParameter& p : w.parameters)
      report.parameters.push_back(
          {p.name, p.value, p.unit, p.assumption, setNames.count(p.name) != 0});
  }
  for (const ir::Measure& m : w.measures)
    if (!m.isReward()) report.measures.push_back(m.id);

  // Last year's results, read before anything is written: a bad file stops
  // the run with nothing written.
  std::optional<score::PriorResults> prior;
  if (const auto priorDir = args.value("prior")) {
    score::PriorRead read = score::readPriorResults(*priorDir);
    if (!read.results) {
      std::cerr << "error: " << read.error << "\nmeasurec run: no results were written\n";
      return kExitUserError;
    }
    if (read.results->periodEnd >= period.start) {
      std::cerr << fmt::format(
          "error: {}/run.json: the prior results are of {}..{}, not before this run's period "
          "{}..{}; give --prior the results directory of the year before\nmeasurec run: no "
          "results were written\n",
          *priorDir, formatIsoDate(read.results->periodStart),
          formatIsoDate(read.results->periodEnd), report.periodStart, report.periodEnd);
      return kExitUserError;
    }
    prior = std::move(read.results);
    report.prior = *priorDir;
  }

  // Paths checked against each other (and the measure files just read)
  // before any data is read or anything written.
  output::RunPaths paths{*data, *out, rejectFile, {}};
  for (const output::SourceFile& f : w.sources) paths.sources.push_back(f.path);
  if (auto e = output::checkRunPaths(paths)) {
    std::cerr << fmt::format("measurec run: {}\n", e->format());
    return kExitUsage;
  }

  // Refuse an --out that cannot be replaced before reading any data.
  output::ResultsDirectory dir(*out);
  auto fail = [](const output::OutputError& e) {
    std::cerr << "error: " << e.format() << "\nmeasurec run: no results were written\n";
    return kExitUserError;
  };
  if (auto e = dir.create()) return fail(*e);

  t = Clock::now();
  output::StagedFile rejects(rejectFile);  // an existing reject file survives a failed run
  store::LoadOptions options;
  options.rejectFile = rejectFile;
  options.rejectFileStaging = rejects.staging();
  options.asOf = asOf;
  options.threads = threads;
  store::LoadResult loaded;
  // --data FILE.mcache: the bad rows were set aside when it was built.
  std::string cacheRejectFile;
  if (const int rc = loadData("run", *data, options, loaded, &cacheRejectFile, &cacheAhead);
      rc != kExitOk)
    return rc;
  if (!cacheRejectFile.empty()) report.rejectFile = cacheRejectFile;
  const store::MemberStore& store = *loaded.store;
  report.files = loaded.files;
  setCountedStatuses(w.measures, report.files);
  report.members = store.memberCount();
  // A cache read beside the program: its own time, which the wait here
  // (nearly none) would hide; the phases then overlap (docs/data.md).
  report.load = std::max(secondsSince(t), cacheAhead.seconds());

  t = Clock::now();
  std::vector<interp::MeasureRequest> requests;
  for (size_t i = 0; i < w.measures.size(); ++i)
    requests.push_back({&w.measures[i], w.minimums[i]});
  // Rewards are paid to members (rewards/<REWARD>.csv), never scored for
  // providers: they are kept apart from the measures' outcomes.
  std::vector<score::MeasureOutcomes> outcomes, rewards;
  // --engine jit: the JIT compiles what it can; the rest is interpreted,
  // and the run says which and why (the summary, run.json).
  std::unique_ptr<interp::MeasureCompiler> compiler;
  if (engine == "jit") compiler = jit::makeJitCompiler();
  interp::EngineReport engineReport;
  for (score::MeasureOutcomes& mo :
       interp::scoreMeasures(requests, store, period, threads, compiler.get(), &engineReport))
    (mo.measure->isReward() ? rewards : outcomes).push_back(std::move(mo));
  for (const interp::MeasureEngine& e : engineReport.measures)
    report.engineMeasures.push_back({e.measure, e.compiled, e.unsupported});
  std::vector<score::MeasureTotals> totals;
  const auto rates = score::providerRates(store, outcomes, threads, &totals);
  // Age bands: the age at the end of the measurement period (HEDIS anchor).
  const auto strata = score::strataRates(store, outcomes, period.end, threads);
  // Compiling is compile time, not scoring.
  report.score = secondsSince(t) - engineReport.compileSeconds;
  report.compile += engineReport.compileSeconds;
  report.scoreEngine = engineReport.engineSeconds;

  t = Clock::now();
  // member_results.csv, gaps.csv and provider_results.csv on their own
  // threads while the other files are made and written here: the large
  // files wait on the disk more than on the processor. Their error, if
  // any, is reported before any of the others, as when they came first.
  // The other files wait until the large files' rows are ordered: until
  // then the disk has nothing to write, and every core spent elsewhere
  // delays its first block; from then on the formatting waits on the disk
  // about half the time, and the other files fill that time.
  std::promise<void> ordered;
  std::future<void> rowsOrdered = ordered.get_future();
  std::once_flag orderedOnce;
  const auto tellOrdered = [&] { std::call_once(orderedOnce, [&] { ordered.set_value(); }); };
  std::future<std::optional<output::OutputError>> largeWrite = std::async(std::launch::async, [&] {
    // Told in any case, a failure or an exception too: nothing waits forever.
    struct TellAtEnd {
      const decltype(tellOrdered)& tell;
      ~TellAtEnd() { tell(); }
    } atEnd{tellOrdered};
    return output::writeResultFiles(dir, store, outcomes, rates, threads, tellOrdered);
  });
  rowsOrdered.wait();
  std::optional<std::optional<output::OutputError>> largeError;
  auto largeFiles = [&]() -> const std::optional<output::OutputError>& {
    if (!largeError) largeError = largeWrite.get();
    return *largeError;
  };
  auto failAfterLarge = [&](const output::OutputError& e) {
    if (const auto& large = largeFiles()) return fail(*large);
    return fail(e);
  };
  // Warnings wait for the large files too: a failed write prints its
  // error alone, as before.
  std::string warnings;
  if (auto e = output::writeStrataFile(dir, store, outcomes, strata)) return failAfterLarge(*e);
  if (auto e = output::writeRewardFiles(dir, store, rewards, report.rewards))
    return failAfterLarge(*e);
  // The pharmacy eligibility of a run with pharmacy measures: its own file,
  // and in a pharmacy program the gate and the payout of the scorecard.
  const bool pharmacyRun = score::anyPharmacyMeasure(outcomes);
  const score::PharmacyEligibilityRules pharmacyRules;
  const auto eligibility = pharmacyRun ? score::pharmacyEligibility(store, outcomes, period.start,
                                                                    period.end, pharmacyRules, asOf)
                                       : std::vector<score::PharmacyEligibility>{};
  std::string scorecardLine;
  std::string pharmacyLine;
  std::string participationLine;
  // Kept for report.html, written last.
  score::ProgramScoring scoring;
  std::vector<score::ScorecardRow> card;
  // A program run scores its providers (scorecard.csv); a run of measure
  // files has no program figures to score by.
  std::vector<score::InterimRow> interim;
  std::vector<score::PharmacyRank> ranking;
  if (!w.program.empty()) {
    scoring = programScoring(w);
    for (const ir::ProgramGate& g : w.gates)
      scoring.gates.push_back(gateAsOf(score::checkGate(store, g), g, asOf));
    if (prior) {
      scoring.prior = score::priorRatesFor(*prior, store.providers);
      // A measure last year's results do not have at all: new this year,
      // or --prior is another program's directory. Said, not silent.
      const auto missing = score::measuresWithoutPrior(*prior, score::improvementMeasures(scoring));
      if (!missing.empty())
        warnings += fmt::format(
            "warning: {}/provider_results.csv has no line for {} (scored for performance "
            "improvement): {} by the plan goal only; if {} not new this year, give --prior "
            "the previous year's results of the same program\n",
            prior->dir, fmt::join(missing, ", "),
            missing.size() == 1 ? "it earns improvement points" : "they earn improvement points",
            missing.size() == 1 ? "it is" : "they are");
    }
    const bool pharmacyProgram = score::isPharmacyProgram(scoring);
    if (pharmacyProgram)
      score::addPharmacyProgram(scoring, eligibility, pharmacyRules, store.providers.size());
    for (const ir::ProgramFeeForService& f : w.feeForService)
      scoring.feeForService.push_back(
          score::checkFeeForService(store, f, period.start, period.end, asOf));
    scoring.providers = &store.providers;
    card = score::scorecard(scoring, rates);
    if (auto e = output::writeScorecardFile(dir, store, w.program, card)) return failAfterLarge(*e);
    scorecardLine = scorecardSummary(card);
    // Provider of the Year and the Pharmacy Home list.
    if (pharmacyProgram) {
      ranking = score::pharmacyRanking(scoring, card, store.providers);
      if (auto e = output::writePharmacyRankingFiles(dir, store, ranking))
        return failAfterLarge(*e);
      pharmacyLine = pharmacySummary(scoring, card, ranking);
    }
    // The interim report: how far each provider is from its next level.
    if (asOf != kNoDate) {
      interim = score::interimReport(scoring, rates);
      if (auto e = output::writeInterimFile(dir, store, interim)) return failAfterLarge(*e);
    }
    // The monthly participation indicator of the interim reports: on an
    // --as-of run the months up to that date, met so far.
    if (!w.gates.empty()) {
      const Days lastDay = asOf != kNoDate ? asOf : period.end;
      std::vector<score::ParticipationRow> participation;
      for (const ir::ProgramGate& g : w.gates) {
        auto rows = score::monthlyParticipation(store, g, period.start, lastDay);
        participation.insert(participation.end(), rows.begin(), rows.end());
      }
      if (auto e = output::writeParticipationFile(dir, store, participation))
        return failAfterLarge(*e);
      participationLine = participationSummary(store, participation);
    }
  }
  if (pharmacyRun) {
    if (auto e = output::writePharmacyEligibilityFile(dir, store, eligibility))
      return failAfterLarge(*e);
  }
  // report.html's sections while the large files are still being written
  // (this thread would only wait); its header, which shows the timings so
  // far, once they are. run.json's write includes the page.
  output::HtmlReportInput html;
  html.run = &report;
  html.programTitle = w.programTitle;
  html.store = &store;
  html.outcomes = &outcomes;
  html.rates = &rates;
  if (!w.program.empty()) {
    html.scoring = &scoring;
    html.scorecard = &card;
    if (score::isPharmacyProgram(scoring)) html.pharmacyRanking = &ranking;
    if (asOf != kNoDate) html.interim = &interim;
  }
  html.strata = &strata;
  html.threads = threads;
  const std::string htmlSections = output::htmlReportSections(html);
  // The summary's data span (a pass over every event's date) while the
  // disk still writes, not after.
  const Days latestEvent = asOf == kNoDate ? store::latestEventDate(store) : kNoDate;
  if (const auto& large = largeFiles()) return fail(*large);
  std::cerr << warnings;
  report.write = secondsSince(t);
  if (auto e = output::writeHtmlReportFile(dir, html, htmlSections)) return fail(*e);
  report.write = secondsSince(t);
  if (auto e = dir.writeFile("run.json", output::runJson(report))) return fail(*e);
  if (auto e = dir.commit()) return fail(*e);
  if (const std::string why = rejects.commit(); !why.empty()) {
    std::cerr << fmt::format(
        "error: {}: cannot move the reject file into place from {}: {}\nmeasurec run: the "
        "results are in {}, but the bad rows are only in {}\n",
        rejectFile, rejects.staging(), why, *out, rejects.staging());
    return kExitUserError;
  }

  printSummary(outcomes, totals, rates, report);
  if (compiler) std::cout << engineSummary(report.engineMeasures);
  printStrataSummary(outcomes, strata);
  printRewardSummary(report.rewards);
  std::cout << scorecardLine;
  std::cout << pharmacyLine;
  std::cout << participationLine;
  std::uint64_t rejected = 0;
  for (const store::FileCounts& f : report.files) rejected += f.rejected;
  if (rejected > 0)
    std::cout << fmt::format("{} bad row(s) set aside in {}\n", rejected, report.rejectFile);
  printStatusSummary(report.files);
  if (asOf != kNoDate) {
    // Data that ends at the as-of date is what an interim run reads: no note.
    printAsOfSummary(asOf, period, report.files);
    if (!w.program.empty()) printInterimSummary(interim);
  } else {
    printDataSpanNote(latestEvent, period);
  }
  std::cout << fmt::format("results in {} (load {:.3f}s, score {:.3f}s, write {:.3f}s)\n", *out,
                           report.load, report.score, report.write);
  return kExitOk;
}

}  // namespace mc::cli
