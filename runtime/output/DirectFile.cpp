// Result files written around the page cache: output/DirectFile.h.
#include "output/DirectFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include "support/LargePages.h"

namespace mc::output {
namespace {

// O_DIRECT wants the buffer address, the file offset and the length to be
// multiples of the device's logical block size: 4096 covers the 512 and
// 4096-byte blocks of today's devices (a larger one refuses the write with
// EINVAL, and the file goes on buffered).
constexpr std::size_t kBlock = 4096;
// Large writes: one system call per 4 MiB.
constexpr std::size_t kBufferSize = std::size_t{4} << 20;

int openFile(const std::string& path, bool& direct) {
  const int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
#ifdef O_DIRECT
  const int fd = ::open(path.c_str(), flags | O_DIRECT, 0666);
  if (fd >= 0) {
    direct = true;
    return fd;
  }
  if (errno != EINVAL) return -1;  // tmpfs and the like say EINVAL
#endif
  direct = false;
  return ::open(path.c_str(), flags, 0666);
}

// A buffer at a block boundary, in huge pages (support/LargePages.h: it
// starts at a 2 MiB boundary); null when there is no memory.
static_assert(kBufferSize >= kLargeBytes && kBlock <= (std::size_t{2} << 20));
char* blockAligned() {
  try {
    return static_cast<char*>(allocateLarge(kBufferSize));
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void releaseBlockAligned(void* p) { releaseLarge(p, kBufferSize); }

}  // namespace

DirectFileBuf::DirectFileBuf(const std::string& path)
    : buffer_(blockAligned(), &releaseBlockAligned), spare_(blockAligned(), &releaseBlockAligned) {
  if (!buffer_ || !spare_) {
    error_ = ENOMEM;
    return;
  }
  fd_ = openFile(path, direct_);
  if (fd_ < 0) error_ = errno;
  setp(buffer_.get(), buffer_.get() + kBufferSize);
}

DirectFileBuf::~DirectFileBuf() {
  settle();
  if (fd_ >= 0) ::close(fd_);
}

bool DirectFileBuf::settle() {
  if (pending_.valid() && !pending_.get()) return false;
  return ok();
}

bool DirectFileBuf::flushFull() {
  // direct_ is the background write's to change until it has settled.
  if (!settle()) return false;
  if (!direct_) return writeBlocks();
  std::swap(buffer_, spare_);
  const char* full = spare_.get();
  pending_ = std::async(std::launch::async, [this, full] { return writeAll(full, kBufferSize); });
  setp(buffer_.get(), buffer_.get() + kBufferSize);
  return true;
}

void DirectFileBuf::dropDirect() {
#ifdef O_DIRECT
  if (!direct_) return;
  const int flags = ::fcntl(fd_, F_GETFL);
  if (flags != -1) ::fcntl(fd_, F_SETFL, flags & ~O_DIRECT);
  direct_ = false;
#endif
}

bool DirectFileBuf::writeAll(const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      // The device wants larger blocks than kBlock: the rest goes buffered.
      if (errno == EINVAL && direct_) {
        dropDirect();
        continue;
      }
      error_ = errno;
      return false;
    }
    if (direct_ && w > 0) wroteDirect_ = true;
    // A short direct write leaves the offset off the block grid.
    if (static_cast<std::size_t>(w) < n) dropDirect();
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool DirectFileBuf::writeBlocks() {
  if (!settle()) return false;
  const std::size_t size = static_cast<std::size_t>(pptr() - pbase());
  const std::size_t whole = direct_ ? size / kBlock * kBlock : size;
  if (!writeAll(pbase(), whole)) return false;
  const std::size_t rest = size - whole;
  std::memmove(buffer_.get(), buffer_.get() + whole, rest);
  setp(buffer_.get(), buffer_.get() + kBufferSize);
  pbump(static_cast<int>(rest));
  return true;
}

DirectFileBuf::int_type DirectFileBuf::overflow(int_type c) {
  if (!flushFull()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize DirectFileBuf::xsputn(const char* s, std::streamsize n) {
  std::streamsize done = 0;
  while (done < n) {
    if (pptr() == epptr() && !flushFull()) break;
    const std::streamsize room = epptr() - pptr();
    const std::streamsize take = std::min(room, n - done);
    std::memcpy(pptr(), s + done, static_cast<std::size_t>(take));
    pbump(static_cast<int>(take));
    done += take;
  }
  return done;
}

int DirectFileBuf::sync() { return writeBlocks() ? 0 : -1; }

int DirectFileBuf::close() {
  if (fd_ < 0) return error_ != 0 ? error_ : EBADF;
  // The last partial block goes through the page cache.
  if (writeBlocks()) {
    dropDirect();
    writeBlocks();
  }
  if (::close(fd_) != 0 && error_ == 0) error_ = errno;
  fd_ = -1;
  return error_;
}

}  // namespace mc::output
