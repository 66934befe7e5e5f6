// The population writer: chunks of members generated on worker threads and
// written in member order by the calling thread.
#include "gen/Population.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gen/CareModules.h"

namespace mc::gen {
namespace {

// Members per chunk: large enough that a chunk's buffers amortise the
// hand-over, small enough that a few chunks per thread fit in memory.
constexpr std::uint64_t kChunkMembers = 2048;

void generateMember(const GenContext& ctx, std::uint64_t number, ChunkText& out) {
  MemberSheet s(ctx, number, out);
  makeMember(s);
  everydayCare(s);
  hospitalCare(s);
  earlyChildhoodCare(s);
  childAndAdolescentCare(s);
  adultPreventiveCare(s);
  chronicCare(s);
  ecqmCare(s);
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class OutputFiles {
 public:
  std::optional<std::string> open(const std::filesystem::path& dir) {
    for (int i = 0; i < kGenFileCount; ++i) {
      paths_[i] = (dir / genFileName(i)).string();
      files_[i].reset(std::fopen(paths_[i].c_str(), "wb"));
      if (!files_[i]) return paths_[i] + ": cannot create file: " + std::strerror(errno);
      std::setvbuf(files_[i].get(), nullptr, _IOFBF, 1 << 20);
    }
    return std::nullopt;
  }
  std::optional<std::string> write(int i, const std::string& text) {
    if (text.empty()) return std::nullopt;
    if (std::fwrite(text.data(), 1, text.size(), files_[i].get()) != text.size())
      return paths_[i] + ": cannot write file: " + std::strerror(errno);
    bytes_[i] += text.size();
    rows_[i] += static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
    return std::nullopt;
  }
  std::optional<std::string> close() {
    for (int i = 0; i < kGenFileCount; ++i) {
      std::FILE* f = files_[i].release();
      if (std::fclose(f) != 0) return paths_[i] + ": cannot write file: " + std::strerror(errno);
    }
    return std::nullopt;
  }
  std::uint64_t rows(int i) const { return rows_[i]; }
  std::uint64_t bytes(int i) const { return bytes_[i]; }

 private:
  std::array<std::string, kGenFileCount> paths_;
  std::array<File, kGenFileCount> files_;
  std::array<std::uint64_t, kGenFileCount> rows_{};
  std::array<std::uint64_t, kGenFileCount> bytes_{};
};

// Chunks in flight: a ring of slots; a worker fills the slot of chunk c only
// after chunk c - slots has been written, so memory stays bounded.
class ChunkRing {
 public:
  explicit ChunkRing(size_t slots) : slots_(slots), ready_(slots, false) {}

  ChunkText& slot(std::uint64_t chunk) { return slots_[chunk % slots_.size()]; }

  // Worker side: wait until chunk `c` may be generated (false: stop).
  bool waitForRoom(std::uint64_t c) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return stop_ || c < written_ + slots_.size(); });
    return !stop_;
  }
  void markReady(std::uint64_t c) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_[c % slots_.size()] = true;
    }
    changed_.notify_all();
  }
  // Writer side.
  void waitReady(std::uint64_t c) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return bool(ready_[c % slots_.size()]); });
  }
  void markWritten(std::uint64_t c) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_[c % slots_.size()] = false;
      written_ = c + 1;
    }
    changed_.notify_all();
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::vector<ChunkText> slots_;
  std::vector<char> ready_;
  std::uint64_t written_ = 0;
  bool stop_ = false;
  std::mutex mutex_;
  std::condition_variable changed_;
};

}  // namespace

std::optional<std::string> writePopulation(const PopulationOptions& options,
                                           const std::filesystem::path& directory,
                                           PopulationSummary* summary) {
  if (options.members > kMaxMembers) {
    return "at most " + std::to_string(kMaxMembers) + " members (ids are M and 7 digits)";
  }
  GenContext ctx;
  ctx.seed = options.seed;
  ctx.members = options.members;
  ctx.period = GenPeriod(options.period);
  ctx.edge = options.edge;
  ctx.network = ProviderNetwork(options.members);

  OutputFiles files;
  if (auto error = files.open(directory)) return error;
  for (int i = 0; i < kGenFileCount; ++i) {
    if (i == static_cast<int>(DataFile::Providers)) continue;
    if (auto error = files.write(i, genHeader(i) + "\n")) return error;
  }
  if (auto error = files.write(static_cast<int>(DataFile::Providers),
                               ctx.network.providersFile(options.period)))
    return error;

  const std::uint64_t chunks = (options.members + kChunkMembers - 1) / kChunkMembers;
  const int threads = std::max(1, options.threads);
  ChunkRing ring(static_cast<size_t>(threads) * 2 + 2);
  std::atomic<std::uint64_t> nextChunk{0};
  auto work = [&] {
    for (;;) {
      const std::uint64_t c = nextChunk.fetch_add(1);
      if (c >= chunks || !ring.waitForRoom(c)) return;
      ChunkText& text = ring.slot(c);
      const std::uint64_t first = c * kChunkMembers + 1;
      const std::uint64_t last = std::min(options.members, first + kChunkMembers - 1);
      for (std::uint64_t m = first; m <= last; ++m) generateMember(ctx, m, text);
      ring.markReady(c);
    }
  };
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) workers.emplace_back(work);

  std::optional<std::string> error;
  for (std::uint64_t c = 0; c < chunks && !error; ++c) {
    ring.waitReady(c);
    ChunkText& text = ring.slot(c);
    for (int i = 0; i < kGenFileCount && !error; ++i) {
      error = files.write(i, text[i]);
      text[i].clear();
    }
    ring.markWritten(c);
  }
  ring.stop();
  for (std::thread& w : workers) w.join();
  if (error) return error;
  if (auto closeError = files.close()) return closeError;
  if (summary != nullptr) {
    for (int i = 0; i < kGenFileCount; ++i) {
      summary->rows[i] = files.rows(i) - 1;  // the header
      summary->bytes[i] = files.bytes(i);
    }
  }
  return std::nullopt;
}

}  // namespace mc::gen
