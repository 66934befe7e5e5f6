// A result file written around the page cache (O_DIRECT) where the file
// system allows it.
//
// Why: a run's result files are large (880 MB of member_results.csv and
// gaps.csv at 1,000,000 members) and nobody reads them back in the same
// breath. A buffered write copies every byte into freshly allocated page
// cache; on the 2-core VM of bench/README.md that copy runs at ~450 MB/s
// (1.9 s for 880 MB), while writing the same bytes with O_DIRECT runs at
// ~2 GB/s (0.43 s), and leaves the page cache to the data the next run
// reads. The tail that is not a whole block, small files, and file systems
// that refuse O_DIRECT (tmpfs) take the ordinary buffered path: the bytes
// on disk are the same either way.
//
// A direct write returns only when the device has the bytes, so a full
// buffer is handed to a background write while the caller fills the other
// one: formatting rows and writing them overlap.
#pragma once

#include <cstddef>
#include <future>
#include <memory>
#include <streambuf>
#include <string>

namespace mc::output {

class DirectFileBuf : public std::streambuf {
 public:
  // Creates (truncates) `path`. Check ok() before writing.
  explicit DirectFileBuf(const std::string& path);
  ~DirectFileBuf() override;  // closes; errors are lost: call close()
  DirectFileBuf(const DirectFileBuf&) = delete;
  DirectFileBuf& operator=(const DirectFileBuf&) = delete;

  bool ok() const { return fd_ >= 0 && error_ == 0; }
  // Writes what is buffered and closes the file: 0, or the errno of the
  // first failure (open, write, close).
  int close();
  // Whether some whole blocks went around the page cache (for tests).
  bool wroteDirect() const { return wroteDirect_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Writes the buffer's whole blocks and keeps the rest at its start.
  bool writeBlocks();
  // The buffer is full: written in the background while the other one is
  // filled (direct), or written now.
  bool flushFull();
  // Waits for the background write; false when it failed.
  bool settle();
  bool writeAll(const char* p, std::size_t n);
  // The file from here on is written through the page cache.
  void dropDirect();

  int fd_ = -1;
  int error_ = 0;
  bool direct_ = false;       // the descriptor has O_DIRECT
  bool wroteDirect_ = false;  // a write went around the page cache
  using Buffer = std::unique_ptr<char, void (*)(void*)>;
  Buffer buffer_;  // being filled
  Buffer spare_;   // being written by `pending_`, or free
  std::future<bool> pending_;
};

}  // namespace mc::output
