// Result files written around the page cache (output/DirectFile.h): the
// bytes are those written, whatever the size, the file system or the
// buffer boundaries; failures are reported, not lost.
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "ScratchDir.h"
#include "output/DirectFile.h"

using namespace mc;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

// Text that shows any byte out of place: no period shorter than the file.
std::string textOf(size_t size) {
  std::string text(size, ' ');
  std::uint32_t x = 2463534242u;
  for (char& c : text) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>('a' + x % 26);
  }
  return text;
}

// Writes `text` in pieces of `piece` bytes (0: one character at a time).
int writeInPieces(const std::string& path, const std::string& text, size_t piece, bool* direct) {
  output::DirectFileBuf file(path);
  REQUIRE(file.ok());
  std::ostream out(&file);
  if (piece == 0) {
    for (char c : text) out.put(c);
  } else {
    for (size_t at = 0; at < text.size(); at += piece)
      out.write(text.data() + at, static_cast<std::streamsize>(std::min(piece, text.size() - at)));
  }
  out.flush();
  const int error = file.close();
  if (direct != nullptr) *direct = file.wroteDirect();
  return out.fail() ? -1 : error;
}

// Whether files in `dir` can be opened with O_DIRECT at all.
bool directPossible(const std::string& dir) {
  const std::string probe = dir + "/probe";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0666);
  if (fd < 0) return false;
  ::close(fd);
  ::unlink(probe.c_str());
  return true;
}

}  // namespace

TEST_CASE("a direct file holds exactly the bytes written, at every size around the blocks") {
  mc::testing::ScratchDir scratch("direct");
  const size_t kMiB = size_t{1} << 20;
  for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, size_t{4097}, 4 * kMiB - 1,
                      4 * kMiB, 4 * kMiB + 1, 9 * kMiB + 4097}) {
    const std::string text = textOf(size);
    for (size_t piece : {size_t{1} << 20, size_t{4093}, size_t{7}}) {
      INFO("size " << size << ", pieces of " << piece);
      const std::string path = scratch.at("f.csv");
      CHECK(writeInPieces(path, text, piece, nullptr) == 0);
      CHECK(slurp(path) == text);
    }
  }
  const std::string text = textOf(4 * kMiB + 3);
  CHECK(writeInPieces(scratch.at("chars.csv"), text, 0, nullptr) == 0);
  CHECK(slurp(scratch.at("chars.csv")) == text);
}

TEST_CASE("a large file goes around the page cache where the file system allows it") {
  mc::testing::ScratchDir scratch("direct");
  const std::string text = textOf(9 << 20);
  bool direct = false;
  REQUIRE(writeInPieces(scratch.at("big.csv"), text, 1 << 20, &direct) == 0);
  CHECK(slurp(scratch.at("big.csv")) == text);
  CHECK(direct == directPossible(scratch.root.string()));
}

TEST_CASE("a file system without O_DIRECT gets the same bytes through the page cache") {
  // tmpfs refuses O_DIRECT at open.
  if (!std::filesystem::is_directory("/dev/shm")) return;
  const std::string path = "/dev/shm/mc-direct-test-" + std::to_string(::getpid());
  const std::string text = textOf((5 << 20) + 11);
  bool direct = true;
  CHECK(writeInPieces(path, text, 1 << 20, &direct) == 0);
  CHECK(slurp(path) == text);
  CHECK(direct == directPossible("/dev/shm"));
  ::unlink(path.c_str());
}

TEST_CASE("a file that cannot be created or written says why") {
  mc::testing::ScratchDir scratch("direct");
  output::DirectFileBuf missing(scratch.at("no/such/dir/f.csv"));
  CHECK_FALSE(missing.ok());
  CHECK(missing.close() == ENOENT);
  // /dev/full takes the open and refuses every write: the error reaches
  // close(), and the stream fails.
  if (::access("/dev/full", W_OK) != 0) return;
  output::DirectFileBuf full("/dev/full");
  REQUIRE(full.ok());
  std::ostream out(&full);
  const std::string text = textOf(9 << 20);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  CHECK(out.fail());
  CHECK(full.close() == ENOSPC);
}
