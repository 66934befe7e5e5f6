// measurec_bench_handwritten: BCS, CIS10 and PDC_STA written by hand in C++
// over the member store, the practical limit for scoring (bench/README.md,
// "Baselines"). It loads a data directory with the run's loader, binds the
// shipped measures' code sets as the run does, times the scoring loops alone
// (steady clock, several runs) and writes each member's flags for a check
// against `measurec run` (bench/handwritten/check.sh).
//
//   measurec_bench_handwritten --data DIR [--period YEAR] [--runs N]
//       [--threads N] [--measures LIST] [--results FILE] [--codes FILE]
//
// --measures: the measures to score, comma separated (default
// BCS,CIS10,PDC_STA), e.g. BCS,CIS10 to compare with the JIT on the
// measures it compiles.
// --threads: members split into that many ranges scored at once (as
// `measurec run --threads` does), each measure in turn.
// --results: member_id,measure,eligible,excluded,numerator for each member
// in a measure's population (member_results.csv's columns).
// --codes: measure,set,system,code,drug for each code of the data directory
// in a code set the baselines read (the DuckDB baseline's code tables).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "Bcs.h"
#include "Cis10.h"
#include "PdcSta.h"
#include "ScorePhaseRest.h"
#include "store/DataDirectoryLoader.h"

namespace mc::bench {
namespace {

struct Options {
  std::string data;
  int period = 2022;
  int runs = 5;
  int threads = 1;
  std::string measures = "BCS,CIS10,PDC_STA";
  std::string results;
  std::string codes;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    if (a == "--data")
      o.data = v;
    else if (a == "--period")
      o.period = std::atoi(v.c_str());
    else if (a == "--runs")
      o.runs = std::max(1, std::atoi(v.c_str()));
    else if (a == "--threads")
      o.threads = std::max(1, std::atoi(v.c_str()));
    else if (a == "--measures")
      o.measures = v;
    else if (a == "--results")
      o.results = v;
    else if (a == "--codes")
      o.codes = v;
    else
      return false;
  }
  return !o.data.empty() && o.period > 0;
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// "median min max" of xs.
std::string spread(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  char text[96];
  std::snprintf(text, sizeof text, "median %.4f min %.4f max %.4f", xs[xs.size() / 2], xs.front(),
                xs.back());
  return text;
}

const ir::Measure* byId(const std::vector<ir::Measure>& ms, const char* id) {
  for (const ir::Measure& m : ms)
    if (m.id == id) return &m;
  std::fprintf(stderr, "measurec_bench_handwritten: no measure %s was compiled\n", id);
  std::exit(2);
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

void writeCodes(const std::string& path, const store::MemberStore& store,
                const std::vector<ir::Measure>& measures) {
  std::ofstream out(path);
  out << "measure,set,system,code,drug\n";
  for (const ir::Measure& m : measures) {
    const interp::CodeSetBinding binding(m, store.codes);
    for (size_t s = 0; s < m.codesets.size(); ++s) {
      const auto set = static_cast<std::int32_t>(s);
      for (store::CodeId c = 0; c < store.codes.size(); ++c) {
        if (!binding.contains(set, c)) continue;
        const std::uint32_t drug = binding.drugOf(set, c);
        out << m.id << ',' << quoted(m.codesets[s].name) << ','
            << codeSystemName(store.codes.system(c)) << ',' << store.codes.code(c) << ',';
        if (drug != interp::CodeSetBinding::kNoDrug) out << drug;
        out << '\n';
      }
    }
  }
}

int run(const Options& o) {
  const auto started = std::chrono::steady_clock::now();
  store::LoadResult loaded = store::loadDataDirectory(o.data, store::LoadOptions{});
  if (!loaded.store) {
    std::fprintf(stderr, "measurec_bench_handwritten: cannot load %s: %s\n", o.data.c_str(),
                 loaded.error ? loaded.error->message.c_str() : "bad rows");
    return 1;
  }
  const store::MemberStore& store = *loaded.store;
  std::printf("load %.4f s, %zu members\n", seconds(started), store.memberCount());

  std::vector<ir::Measure> measures;
  std::string error;
  const std::string root = MEASUREC_SOURCE_DIR;
  if (!lowerMeasures(
          {root + "/measures/2022/cbi/bcs.measure", root + "/measures/2022/cbi/cis10.measure",
           root + "/measures/2016/pharmacy-p4p/pdc_sta.measure"},
          measures, error)) {
    std::fprintf(stderr, "measurec_bench_handwritten: the measures do not compile:\n%s",
                 error.c_str());
    return 1;
  }
  const Year mp{o.period, daysFromCivil(o.period, 1, 1), daysFromCivil(o.period, 12, 31)};
  const auto bound = std::chrono::steady_clock::now();
  const Bcs bcs(*byId(measures, "BCS"), store, mp);
  const Cis10 cis10(*byId(measures, "CIS10"), store, mp);
  const PdcSta pdc(*byId(measures, "PDC_STA"), store, mp);
  std::printf("bind %.4f s\n", seconds(bound));
  if (!o.codes.empty()) writeCodes(o.codes, store, measures);

  const auto n = static_cast<store::MemberIndex>(store.memberCount());
  std::vector<std::vector<MemberFlags>> flags(3, std::vector<MemberFlags>(n));
  const std::vector<const ir::Measure*> scored = {byId(measures, "BCS"), byId(measures, "CIS10"),
                                                  byId(measures, "PDC_STA")};
  const char* ids[3] = {"BCS", "CIS10", "PDC_STA"};
  bool on[3] = {false, false, false};
  for (size_t at = 0; at <= o.measures.size();) {
    size_t comma = o.measures.find(',', at);
    if (comma == std::string::npos) comma = o.measures.size();
    const std::string id = o.measures.substr(at, comma - at);
    bool known = false;
    for (int i = 0; i < 3; ++i)
      if (id == ids[i]) on[i] = known = true;
    if (!known) {
      std::fprintf(stderr, "measurec_bench_handwritten: --measures: no measure '%s'\n", id.c_str());
      return 2;
    }
    at = comma + 1;
  }
  std::vector<double> times[4], phase;
  // Scores every member with one measure, over o.threads member ranges.
  auto inParallel = [&](auto score) {
    if (o.threads == 1) return score(store::MemberIndex{0}, n);
    std::vector<std::thread> pool;
    const store::MemberIndex chunk = (n + o.threads - 1) / o.threads;
    for (store::MemberIndex begin = 0; begin < n; begin += chunk)
      pool.emplace_back(score, begin, std::min<store::MemberIndex>(n, begin + chunk));
    for (std::thread& t : pool) t.join();
  };
  for (int r = 0; r < o.runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    if (on[0])
      inParallel(
          [&](store::MemberIndex b, store::MemberIndex e) { bcs.score(b, e, &flags[0][b]); });
    const auto t1 = std::chrono::steady_clock::now();
    if (on[1])
      inParallel(
          [&](store::MemberIndex b, store::MemberIndex e) { cis10.score(b, e, &flags[1][b]); });
    const auto t2 = std::chrono::steady_clock::now();
    if (on[2])
      inParallel(
          [&](store::MemberIndex b, store::MemberIndex e) { pdc.score(b, e, &flags[2][b]); });
    const auto t3 = std::chrono::steady_clock::now();
    times[0].push_back(std::chrono::duration<double>(t1 - t0).count());
    times[1].push_back(std::chrono::duration<double>(t2 - t1).count());
    times[2].push_back(std::chrono::duration<double>(t3 - t2).count());
    times[3].push_back(std::chrono::duration<double>(t3 - t0).count());
    // The same phase as run.json timings.score: the engine and the rest.
    std::vector<const ir::Measure*> scoredOn;
    std::vector<std::vector<MemberFlags>> flagsOn;
    for (int i = 0; i < 3; ++i)
      if (on[i]) {
        scoredOn.push_back(scored[static_cast<size_t>(i)]);
        flagsOn.push_back(flags[static_cast<size_t>(i)]);
      }
    phase.push_back(times[3].back() + scorePhaseRest(scoredOn, flagsOn, store, mp, o.threads));
  }
  for (int i = 0; i < 3; ++i)
    if (on[i]) std::printf("score %s %s s\n", ids[i], spread(times[i]).c_str());
  std::printf("score all %s s (%d runs, %d threads)\n", spread(times[3]).c_str(), o.runs,
              o.threads);
  std::printf(
      "score phase %s s (the engine loops above and the run's own linked PCPs, pharmacy "
      "attribution, provider rates and strata)\n",
      spread(phase).c_str());

  if (!o.results.empty()) {
    std::ofstream out(o.results);
    out << "member_id,measure,eligible,excluded,numerator\n";
    for (int i = 0; i < 3; ++i)
      for (store::MemberIndex m = 0; m < n; ++m) {
        const MemberFlags& f = flags[i][m];
        if (f.population)
          out << store.members.id[m] << ',' << ids[i] << ',' << int{f.eligible} << ','
              << int{f.excluded} << ',' << int{f.numerator} << '\n';
      }
  }
  return 0;
}

}  // namespace
}  // namespace mc::bench

int main(int argc, char** argv) {
  mc::bench::Options o;
  if (!mc::bench::parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: measurec_bench_handwritten --data DIR [--period YEAR] [--runs N] "
                 "[--threads N] [--measures LIST] [--results FILE] [--codes FILE]\n");
    return 2;
  }
  return mc::bench::run(o);
}
