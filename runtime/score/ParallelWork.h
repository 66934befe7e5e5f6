// The score phase's work outside the member passes (linked PCPs, outcome
// tables, provider rates, strata), spread over the run's threads: items
// [0, n) handed out one at a time, so that a measure with many members'
// worth of work does not hold the others back. Each item is done by one
// thread into its own slot, so results never depend on `threads`.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace mc::score {

template <typename Work>
void forEachInParallel(size_t n, int threads, const Work& work) {
  const size_t workers = std::min<size_t>(n, static_cast<size_t>(std::max(1, threads)));
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::atomic<size_t> next{0};
  const auto take = [&] {
    for (size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(take);
  take();  // the calling thread is one of the workers
  for (std::thread& t : pool) t.join();
}

}  // namespace mc::score
