// RFC 4180 parsing: quoted fields may hold commas, doubled quotes and line
// breaks; records end at CRLF, LF or a lone CR.
#include "support/CsvReader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace mc::csv {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

void Record::copyFieldsOf(const Record& source) {
  const Fields& from = source.fields;
  if (from.bounds() == nullptr) {
    fields = {};
    return;
  }
  // A plain line's bounds are in the reader's index, a general record's in
  // the source's list: copied either way, since neither outlives the
  // reader's next record. The base moves with the scratch it may point into.
  if (from.bounds() != bounds_.data())
    bounds_.assign(from.bounds(), from.bounds() + from.size() + 1);
  const char* base = from.base() == source.scratch.data() ? scratch.data() : from.base();
  fields = Fields(base, bounds_.data(), from.size());
}

Record& Record::operator=(const Record& other) {
  if (this != &other) {
    line = other.line;
    raw = other.raw;
    problem = other.problem;
    scratch = other.scratch;
    copyFieldsOf(other);
  }
  return *this;
}

Record& Record::operator=(Record&& other) noexcept {
  if (this != &other) {
    line = other.line;
    raw = other.raw;
    problem = other.problem;
    const char* base = other.fields.base();
    const bool inScratch = base != nullptr && base == other.scratch.data();
    const size_t size = other.fields.size();
    const size_t* bounds = other.fields.bounds();
    scratch = std::move(other.scratch);
    if (bounds == other.bounds_.data()) {
      bounds_ = std::move(other.bounds_);
    } else if (bounds != nullptr) {
      bounds_.assign(bounds, bounds + size + 1);
    }
    fields = bounds == nullptr ? Fields()
                               : Fields(inScratch ? scratch.data() : base, bounds_.data(), size);
    other.fields = {};
  }
  return *this;
}

CsvReader::~CsvReader() { release(); }

void CsvReader::release() {
  if (mapping_ != nullptr) ::munmap(mapping_, mappingSize_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  mapping_ = nullptr;
  mappingSize_ = 0;
  releasedBytes_ = 0;
  owned_.clear();
  text_ = {};
  endCursor_ = endCount_ = quoteCursor_ = quoteCount_ = 0;
  windowStart_ = windowEnd_ = 0;
}

// A chunk of a mapped file is read through once: its page table entries
// made in one call (MADV_POPULATE_READ, Linux 5.14) rather than by a fault
// every 64 KiB as the reader reaches them (at 1,000,000 members a third of
// the load's page faults, each a trap to the hypervisor on a VM). Only a
// hint: an older kernel refuses it and the faults happen as before.
void CsvReader::prefault(std::string_view text, size_t begin, size_t end) {
#ifdef MADV_POPULATE_READ
  constexpr size_t kWorthIt = size_t{1} << 20;
  if (end <= begin || end - begin < kWorthIt) return;
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto first = reinterpret_cast<std::uintptr_t>(text.data() + begin) / page * page;
  const auto last = reinterpret_cast<std::uintptr_t>(text.data() + end);
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_READ);
#else
  (void)text;
  (void)begin;
  (void)end;
#endif
}

void CsvReader::releaseBefore(size_t offset) {
  if (mapping_ == nullptr) return;
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t end = std::min(offset, mappingSize_) / page * page;
  if (end <= releasedBytes_) return;
  // A private, read-only file mapping: MADV_DONTNEED drops the pages, and a
  // later read faults them in from the file again (never zeros: that is for
  // anonymous mappings). Only a hint: if it fails, the pages stay.
  ::madvise(static_cast<char*>(mapping_) + releasedBytes_, end - releasedBytes_, MADV_DONTNEED);
  releasedBytes_ = end;
}

bool CsvReader::openFile(const std::string& path) {
  openText({});
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error_ = ec ? ec.message() : "not a regular file";
    return false;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error_ = std::strerror(errno);
    return false;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    error_ = std::strerror(errno);
    ::close(fd);
    return false;
  }
  const auto size = static_cast<size_t>(info.st_size);
  void* address = size == 0 ? MAP_FAILED : ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (address != MAP_FAILED) {
    ::madvise(address, size, MADV_SEQUENTIAL);
    mapping_ = address;
    mappingSize_ = size;
    text_ = std::string_view(static_cast<const char*>(address), size);
    fd_ = fd;  // kept for copyText
  } else if (size > 0) {
    // Not mappable (some special file systems): read it instead.
    owned_.resize(size);
    size_t used = 0;
    ssize_t got = 0;
    while (used < size && (got = ::read(fd, owned_.data() + used, size - used)) > 0)
      used += static_cast<size_t>(got);
    owned_.resize(used);
    text_ = owned_;
    if (got < 0) {
      error_ = std::strerror(errno);
      ::close(fd);
      return false;
    }
  }
  if (fd_ != fd) ::close(fd);
  skipByteOrderMark();
  return true;
}

// On the project's VM (bench/README.md, Load) the first read of each 4 KiB
// page of a mapping costs about as much as parsing it, populated or not: a
// 650 MB file read through its mapping once ran at 2.4-3.0 GB/s, read into
// one reused 4 MiB buffer with pread at 8 GB/s.
void CsvReader::copyText(size_t begin, size_t n, char* out) const {
  size_t done = 0;
  while (fd_ >= 0 && done < n) {
    const ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(begin + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // an error, or the file cut short since: the mapping's bytes below
    done += static_cast<size_t>(got);
  }
  if (done < n) std::memcpy(out + done, text_.data() + begin + done, n - done);
}

void CsvReader::openText(std::string text) {
  release();
  owned_ = std::move(text);
  text_ = owned_;
  skipByteOrderMark();
}

void CsvReader::openRange(std::string_view text, size_t begin, size_t stop) {
  release();
  text_ = text;
  pos_ = std::min(begin, text_.size());
  stop_ = stop;
  line_ = 0;
  header_.clear();
  error_.clear();
  errorLine_ = 0;
}

void CsvReader::skipByteOrderMark() {
  pos_ = text_.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  stop_ = static_cast<size_t>(-1);
  line_ = 1;
  header_.clear();
  error_.clear();
  errorLine_ = 0;
}

bool CsvReader::readHeader() {
  Record record;
  if (next(record) != ReadStatus::Record) return false;
  header_.clear();
  for (const std::string_view name : record.fields) header_.emplace_back(trimSpaces(name));
  return true;
}

int CsvReader::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return kNoColumn;
}

std::uint64_t CsvReader::lineCount() const {
  // At the end, line_ is one past the number of line ends read.
  const bool lastLineOpen = !text_.empty() && text_.back() != '\n' && text_.back() != '\r';
  return line_ - 1 + (lastLineOpen ? 1 : 0);
}

bool CsvReader::atLineEnd(size_t pos) const {
  return pos >= text_.size() || text_[pos] == '\n' || text_[pos] == '\r';
}

void CsvReader::skipLineEnd() {
  if (pos_ >= text_.size()) return;
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

void CsvReader::readUnquoted() {
  const size_t start = pos_;
  const size_t n = text_.size();
  while (pos_ < n) {
    const char c = text_[pos_];
    if (c == ',' || c == '\n' || c == '\r') break;
    ++pos_;
  }
  spans_.push_back({false, start, pos_ - start});
}

void CsvReader::readQuoted(Record& record, bool& unterminated) {
  const size_t n = text_.size();
  size_t i = pos_ + 1;  // past the opening quote
  size_t segment = i;
  bool inScratch = false;
  const size_t scratchStart = record.scratch.size();
  for (;;) {
    if (i >= n) {
      unterminated = true;
      pos_ = n;
      return;
    }
    const char c = text_[i];
    if (c == '"') {
      if (i + 1 < n && text_[i + 1] == '"') {
        // A doubled quote is one quote: copy what precedes it plus one quote.
        inScratch = true;
        record.scratch.append(text_, segment, i + 1 - segment);
        i += 2;
        segment = i;
        continue;
      }
      if (inScratch) {
        record.scratch.append(text_, segment, i - segment);
        spans_.push_back({true, scratchStart, record.scratch.size() - scratchStart});
      } else {
        spans_.push_back({false, segment, i - segment});
      }
      pos_ = i + 1;
      break;
    }
    if (c == '\n' || (c == '\r' && (i + 1 >= n || text_[i + 1] != '\n'))) ++line_;
    ++i;
  }
  if (pos_ < n && text_[pos_] != ',' && !atLineEnd(pos_)) {
    record.problem = "text after the closing quote of a quoted field";
    while (pos_ < n && text_[pos_] != ',' && !atLineEnd(pos_)) ++pos_;
  }
}

void CsvReader::skipBlankLines() {
  const size_t n = text_.size();
  while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) skipLineEnd();
}

namespace {

// The bytes of a 64-byte block that matter to the split, one bit per byte.
struct BlockBits {
  std::uint64_t seps;    // commas and line ends (LF or CR)
  std::uint64_t ends;    // line ends
  std::uint64_t quotes;  // quotes
};

// The lists of a window as the pass fills them (see CsvReader::seps_).
struct WindowLists {
  size_t* seps;
  std::uint32_t* ends;
  size_t* quotes;
  size_t room;  // of each list
  size_t count, endCount, quoteCount;
  // Room for one more block's offsets (one per byte at most; a line end is
  // a separator too) and the quotes' end mark.
  bool full() const { return count + 64 >= room || quoteCount + 64 >= room; }
};

// The text a page ahead of a block, asked for early. The pass is the
// first to read a mapped file's bytes, and the CPU's own prefetch stops at
// each 4 KiB page: without this, about half the pass's time was spent
// waiting for each page's first lines. Only a hint (it never faults, and
// past the text's end it fetches nothing useful), hence the integer
// address.
inline void fetchAhead(const char* text, size_t block) {
  __builtin_prefetch(
      reinterpret_cast<const char*>(reinterpret_cast<std::uintptr_t>(text) + block + 4096));
}

// A block's offsets appended to the lists, which have room for them.
__attribute__((always_inline)) inline void appendBlock(const BlockBits& bits, size_t block,
                                                       WindowLists& lists) {
  // A line end's place in seps: the separators before it in the block.
  std::uint32_t* ends = lists.ends + lists.endCount;
  for (std::uint64_t e = bits.ends; e != 0; e &= e - 1)
    *ends++ = static_cast<std::uint32_t>(
        lists.count + static_cast<unsigned>(__builtin_popcountll(bits.seps & ((e & (0 - e)) - 1))));
  lists.endCount = static_cast<size_t>(ends - lists.ends);
  size_t* seps = lists.seps + lists.count;
  for (std::uint64_t s = bits.seps; s != 0; s &= s - 1)
    *seps++ = block + static_cast<unsigned>(__builtin_ctzll(s));
  lists.count = static_cast<size_t>(seps - lists.seps);
  if (bits.quotes != 0) {
    for (std::uint64_t q = bits.quotes; q != 0; q &= q - 1)
      lists.quotes[lists.quoteCount++] = block + static_cast<unsigned>(__builtin_ctzll(q));
  }
}

// The blocks of [from, to) classified and appended, until the lists are
// full; returns where it stopped. The lists are kept in locals (registers)
// meanwhile. The last block, when short, is copied into zeros (no
// separator) first, so that no load reads past the text: outside the loop,
// whose vector constants a call would clobber.
template <typename Classify>
__attribute__((always_inline)) inline size_t indexBlocks(const char* text, size_t from, size_t to,
                                                         WindowLists& lists, Classify classify) {
  WindowLists local = lists;
  size_t block = from;
  for (; block + 64 <= to; block += 64) {
    if (local.full()) break;
    fetchAhead(text, block);
    appendBlock(classify(text + block), block, local);
  }
  if (block < to && !local.full()) {
    char tail[64] = {};
    std::memcpy(tail, text + block, to - block);
    appendBlock(classify(tail), block, local);
    block = to;
  }
  lists = local;
  return std::min(block, to);
}

#if defined(__SSE2__)
// Four 16-byte compares per byte class (SSE2, which every x86-64 has).
// Quotes are rare: their bits are gathered only when the block has one.
__attribute__((always_inline)) inline BlockBits classifySse2(const char* bytes) {
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                lineFeed = _mm_set1_epi8('\n'), carriageReturn = _mm_set1_epi8('\r');
  BlockBits bits{0, 0, 0};
  __m128i anyQuote = _mm_setzero_si128();
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16 * k));
    const __m128i end =
        _mm_or_si128(_mm_cmpeq_epi8(v, lineFeed), _mm_cmpeq_epi8(v, carriageReturn));
    const __m128i sep = _mm_or_si128(end, _mm_cmpeq_epi8(v, comma));
    anyQuote = _mm_or_si128(anyQuote, _mm_cmpeq_epi8(v, quote));
    bits.ends |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(end))} << (16 * k);
    bits.seps |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(sep))} << (16 * k);
  }
  if (_mm_movemask_epi8(anyQuote) != 0) {
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16 * k));
      bits.quotes |=
          std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)))}
          << (16 * k);
    }
  }
  return bits;
}

size_t indexBlocksSse2(const char* text, size_t from, size_t to, WindowLists& lists) {
  return indexBlocks(text, from, to, lists, [](const char* bytes) { return classifySse2(bytes); });
}

// The 64 bits of two 32-byte compares.
__attribute__((target("avx2"), always_inline)) inline std::uint64_t bitsOf(__m256i low,
                                                                           __m256i high) {
  return std::uint64_t{static_cast<unsigned>(_mm256_movemask_epi8(low))} |
         std::uint64_t{static_cast<unsigned>(_mm256_movemask_epi8(high))} << 32;
}

// Two 32-byte compares per class.
__attribute__((target("avx2"), always_inline)) inline BlockBits classifyAvx2(const char* bytes) {
  const __m256i comma = _mm256_set1_epi8(','), quote = _mm256_set1_epi8('"'),
                lineFeed = _mm256_set1_epi8('\n'), carriageReturn = _mm256_set1_epi8('\r');
  const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes));
  const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + 32));
  const __m256i endLow =
      _mm256_or_si256(_mm256_cmpeq_epi8(low, lineFeed), _mm256_cmpeq_epi8(low, carriageReturn));
  const __m256i endHigh =
      _mm256_or_si256(_mm256_cmpeq_epi8(high, lineFeed), _mm256_cmpeq_epi8(high, carriageReturn));
  BlockBits bits{0, 0, 0};
  bits.ends = bitsOf(endLow, endHigh);
  bits.seps = bitsOf(_mm256_or_si256(endLow, _mm256_cmpeq_epi8(low, comma)),
                     _mm256_or_si256(endHigh, _mm256_cmpeq_epi8(high, comma)));
  const __m256i quoteLow = _mm256_cmpeq_epi8(low, quote);
  const __m256i quoteHigh = _mm256_cmpeq_epi8(high, quote);
  const __m256i anyQuote = _mm256_or_si256(quoteLow, quoteHigh);
  if (!_mm256_testz_si256(anyQuote, anyQuote)) bits.quotes = bitsOf(quoteLow, quoteHigh);
  return bits;
}

// A line end's place in seps: the separators of the block before it (the
// lowest of `ends`), after those of the lists. Any value when `ends` is 0.
__attribute__((target("bmi,popcnt"), always_inline)) inline std::uint32_t endPlace(
    std::uint64_t ends, std::uint64_t seps, size_t count) {
  return static_cast<std::uint32_t>(
      count + static_cast<unsigned>(__builtin_popcountll(seps & (_blsi_u64(ends) - 1))));
}

// appendBlock with BMI, whose bit scan of no bits is defined (64): the
// first 12 separators and 2 line ends are written whether the block has
// them or not (the lists have room for a block's 64 past their count), so
// that the loops, whose trip counts vary from block to block and cost a
// mispredicted branch each per block, run only for the rare block with
// more. In the generated files a block has 5 to 11 separators on average
// and more than 12 in under 0.2 % of blocks (pharmacy lines: 10.5, with
// more than 10 in 61 %), and more than 2 line ends in none.
__attribute__((target("bmi,popcnt"), always_inline)) inline void appendBlockBmi(
    const BlockBits& bits, size_t block, WindowLists& lists) {
  const size_t count = lists.count;
  std::uint32_t* const ends = lists.ends + lists.endCount;
  std::uint64_t e = bits.ends;
  lists.endCount += static_cast<unsigned>(__builtin_popcountll(e));
  ends[0] = endPlace(e, bits.seps, count);
  e = _blsr_u64(e);
  ends[1] = endPlace(e, bits.seps, count);
  e = _blsr_u64(e);
  for (unsigned k = 2; e != 0; ++k, e = _blsr_u64(e)) ends[k] = endPlace(e, bits.seps, count);

  size_t* const seps = lists.seps + count;
  std::uint64_t s = bits.seps;
  lists.count += static_cast<unsigned>(__builtin_popcountll(s));
  for (unsigned k = 0; k < 12; ++k, s = _blsr_u64(s))
    seps[k] = block + static_cast<unsigned>(_tzcnt_u64(s));
  for (unsigned k = 12; s != 0; ++k, s = _blsr_u64(s))
    seps[k] = block + static_cast<unsigned>(_tzcnt_u64(s));
  if (bits.quotes != 0) {
    for (std::uint64_t q = bits.quotes; q != 0; q &= q - 1)
      lists.quotes[lists.quoteCount++] = block + static_cast<unsigned>(__builtin_ctzll(q));
  }
}

// The same with AVX2, and the bit counts and scans of BMI and POPCNT (one
// instruction each, where SSE2 alone needs a call or a loop): for CPUs that
// have them, checked at run time, as the build targets every x86-64.
__attribute__((target("avx2,bmi,popcnt"))) size_t indexBlocksAvx2(const char* text, size_t from,
                                                                  size_t to, WindowLists& lists) {
  WindowLists local = lists;
  size_t block = from;
  for (; block + 64 <= to; block += 64) {
    if (local.full()) break;
    fetchAhead(text, block);
    appendBlockBmi(classifyAvx2(text + block), block, local);
  }
  if (block < to && !local.full()) {
    char tail[64] = {};
    std::memcpy(tail, text + block, to - block);
    appendBlockBmi(classifyAvx2(tail), block, local);
    block = to;
  }
  lists = local;
  return std::min(block, to);
}

// Byte positions 0 to 63, which the AVX-512 pass packs by a block's bits.
alignas(64) constexpr std::uint8_t kPlaces[64] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
    22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
    44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};

// GCC 12's AVX-512 intrinsics (casts and widenings) start from a vector
// left undefined on purpose, which its own uninitialized-use warning flags.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// With AVX-512 a block is one compare per class, and its offsets are
// written without a loop per separator or per line end, whose trip counts
// vary from block to block and so cost about a mispredicted branch each
// per block: the places of its separators are packed into one vector
// (VBMI2's byte compress) and stored as offsets sixteen at once whatever
// their count (the lists have room for a block's 64 past their count), so
// that only a block of more than 16 separators takes a branch of its own.
// A line end's place in seps is its rank among the block's separators: the
// places of the bits of pext(ends, seps), packed and stored the same way.
// The last block, when short, is loaded under a mask: the bytes past the
// text read as zeros (no separator) and are never touched.
__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt"))) size_t indexBlocksAvx512(
    const char* text, size_t from, size_t to, WindowLists& lists) {
  const __m512i comma = _mm512_set1_epi8(','), quote = _mm512_set1_epi8('"'),
                lineFeed = _mm512_set1_epi8('\n'), carriageReturn = _mm512_set1_epi8('\r');
  const __m512i places = _mm512_load_si512(kPlaces);
  WindowLists local = lists;
  size_t block = from;
  for (; block < to; block += 64) {
    if (local.full()) break;
    const std::uint64_t live = to - block >= 64 ? ~std::uint64_t{0} : _bzhi_u64(~0ULL, to - block);
    fetchAhead(text, block);
    const __m512i bytes = _mm512_maskz_loadu_epi8(live, text + block);
    const std::uint64_t ends =
        _mm512_cmpeq_epi8_mask(bytes, lineFeed) | _mm512_cmpeq_epi8_mask(bytes, carriageReturn);
    const std::uint64_t seps = ends | _mm512_cmpeq_epi8_mask(bytes, comma);
    const std::uint64_t quotes = _mm512_cmpeq_epi8_mask(bytes, quote);

    const __m512i blockStart = _mm512_set1_epi64(static_cast<long long>(block));
    const __m512i sepPlaces = _mm512_maskz_compress_epi8(seps, places);
    const __m128i firstPlaces = _mm512_castsi512_si128(sepPlaces);
    size_t* const sepOut = local.seps + local.count;
    _mm512_storeu_si512(sepOut, _mm512_add_epi64(_mm512_cvtepu8_epi64(firstPlaces), blockStart));
    _mm512_storeu_si512(
        sepOut + 8,
        _mm512_add_epi64(_mm512_cvtepu8_epi64(_mm_srli_si128(firstPlaces, 8)), blockStart));
    const auto sepCount = static_cast<unsigned>(__builtin_popcountll(seps));

    const __m512i endPlaces = _mm512_maskz_compress_epi8(_pext_u64(ends, seps), places);
    std::uint32_t* const endOut = local.ends + local.endCount;
    _mm512_storeu_si512(endOut,
                        _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(endPlaces)),
                                         _mm512_set1_epi32(static_cast<int>(local.count))));
    const auto endCount = static_cast<unsigned>(__builtin_popcountll(ends));

    if (sepCount > 16) {
      alignas(64) std::uint8_t packed[64];
      _mm512_store_si512(packed, sepPlaces);
      for (unsigned i = 16; i < sepCount; i += 8)
        _mm512_storeu_si512(
            sepOut + i,
            _mm512_add_epi64(
                _mm512_cvtepu8_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(packed + i))),
                blockStart));
      if (endCount > 16) {
        _mm512_store_si512(packed, endPlaces);
        for (unsigned i = 16; i < endCount; i += 16)
          _mm512_storeu_si512(endOut + i,
                              _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm_loadu_si128(
                                                   reinterpret_cast<const __m128i*>(packed + i))),
                                               _mm512_set1_epi32(static_cast<int>(local.count))));
      }
    }
    if (quotes != 0) {
      for (std::uint64_t q = quotes; q != 0; q &= q - 1)
        local.quotes[local.quoteCount++] = block + static_cast<unsigned>(__builtin_ctzll(q));
    }
    local.count += sepCount;
    local.endCount += endCount;
  }
  lists = local;
  return std::min(block, to);
}

#pragma GCC diagnostic pop

bool cpuHasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
                          __builtin_cpu_supports("popcnt");
  return has;
}

bool cpuHasAvx512() {
  static const bool has = cpuHasAvx2() && __builtin_cpu_supports("avx512f") &&
                          __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("bmi2");
  return has;
}
#else
bool cpuHasAvx2() { return false; }
bool cpuHasAvx512() { return false; }

// Other CPUs: byte by byte.
BlockBits classifyBytewise(const char* bytes) {
  BlockBits bits{0, 0, 0};
  for (int i = 0; i < 64; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    const bool end = bytes[i] == '\n' || bytes[i] == '\r';
    bits.ends |= end ? bit : 0;
    bits.seps |= end || bytes[i] == ',' ? bit : 0;
    bits.quotes |= bytes[i] == '"' ? bit : 0;
  }
  return bits;
}

size_t indexBlocksBytewise(const char* text, size_t from, size_t to, WindowLists& lists) {
  return indexBlocks(text, from, to, lists, classifyBytewise);
}
#endif

}  // namespace

CsvReader::CsvReader() : masks_(widestMasks()) {}

CsvReader::Masks CsvReader::widestMasks() {
  return cpuHasAvx512() ? Masks::Bytes64 : cpuHasAvx2() ? Masks::Bytes32 : Masks::Bytes16;
}

void CsvReader::useMasks(Masks widest) { masks_ = std::min(widest, widestMasks()); }

// One pass over the window from `from`: each 64-byte block's bits, then the
// offsets of its separators, line ends and quotes appended to the lists.
// The lines of the window are then slices of seps_, handed out without
// looking at their bytes again. The window stops a little past the range's
// stop, as the last record that starts before it is read whole, and where
// the lists are full (a text dense in commas has shorter windows): their
// room is made once per reader, small for a small text.
void CsvReader::indexWindow(size_t from) {
  const size_t n = text_.size();
  size_t limit = std::min(kWindowBytes, n - from);
  if (stop_ > from && stop_ - from < limit) limit = std::min(limit, stop_ - from + 1024);
  const size_t room = std::min(kListRoom, limit + 66);
  if (seps_.size() < room) {
    seps_.resize(room);
    ends_.resize(room);
    quotes_.resize(room);
  }
  WindowLists lists{seps_.data(), ends_.data(), quotes_.data(), seps_.size(), 0, 0, 0};
  lists.seps[lists.count++] = from - 1;  // wraps at 0: see Fields
  lists.ends[lists.endCount++] = 0;
  const char* const text = text_.data();
#if defined(__SSE2__)
  const size_t to = masks_ == Masks::Bytes64   ? indexBlocksAvx512(text, from, from + limit, lists)
                    : masks_ == Masks::Bytes32 ? indexBlocksAvx2(text, from, from + limit, lists)
                                               : indexBlocksSse2(text, from, from + limit, lists);
#else
  const size_t to = indexBlocksBytewise(text, from, from + limit, lists);
#endif
  lists.quotes[lists.quoteCount] = static_cast<size_t>(-1);
  windowStart_ = from;
  windowEnd_ = to;
  endCount_ = lists.endCount;
  endCursor_ = 1;
  quoteCount_ = lists.quoteCount;
  quoteCursor_ = 0;
}

// Points the index's cursors at pos_, which follows a line end (or starts
// the text or range), after blank lines or a general record moved it; a
// window from pos_ when pos_ is not in the index's or no whole line of the
// index is left after it.
void CsvReader::followIndex() {
  if (endCount_ > 1 && pos_ >= windowStart_ && pos_ < windowEnd_) {
    size_t cursor = 1;
    if (pos_ > windowStart_) {
      const size_t before = pos_ - 1;
      const std::uint32_t* const ends = ends_.data();
      const std::uint32_t* const at =
          std::lower_bound(ends + 1, ends + endCount_, before,
                           [&](std::uint32_t end, size_t offset) { return seps_[end] < offset; });
      cursor = (at != ends + endCount_ && seps_[*at] == before) ? (at - ends) + 1 : endCount_;
    }
    if (cursor < endCount_) {
      endCursor_ = cursor;
      quoteCursor_ = static_cast<size_t>(
          std::lower_bound(quotes_.data(), quotes_.data() + quoteCount_, pos_) - quotes_.data());
      return;
    }
  }
  indexWindow(pos_);
}

// Blank lines, the end, a new window, and records the index cannot hand
// out: quoted fields, lone CRs, a last line without a line end, a line
// longer than a window.
ReadStatus CsvReader::readOther(Record& record) {
  const size_t n = text_.size();
  skipBlankLines();
  if (pos_ >= n || pos_ >= stop_) return ReadStatus::End;
  followIndex();
  if (endCursor_ < endCount_ && readIndexedLine(record)) return ReadStatus::Record;
  // The general reader moves pos_ on its own: the index follows it again
  // at the next call.
  endCursor_ = endCount_;

  const size_t start = pos_;
  record.line = line_;
  record.problem = {};
  record.scratch.clear();
  record.fields = {};
  spans_.clear();
  for (;;) {
    if (pos_ < n && text_[pos_] == '"') {
      bool unterminated = false;
      readQuoted(record, unterminated);
      if (unterminated) {
        record.raw = text_.substr(start);
        error_ = "unterminated quoted field (the quote opened here is never closed)";
        errorLine_ = record.line;
        return ReadStatus::Error;
      }
    } else {
      readUnquoted();
    }
    if (pos_ < n && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    break;
  }
  record.raw = text_.substr(start, pos_ - start);
  skipLineEnd();

  const std::string_view text = text_;
  const std::string_view scratch(record.scratch);
  // The fields back to back in the record's scratch, a comma after each.
  size_t* const bounds = record.room(spans_.size() + 1);
  bounds[0] = static_cast<size_t>(-1);
  cooked_.clear();
  for (size_t i = 0; i < spans_.size(); ++i) {
    const FieldSpan& span = spans_[i];
    cooked_.append(span.inScratch ? scratch.substr(span.offset, span.length)
                                  : text.substr(span.offset, span.length));
    bounds[i + 1] = cooked_.size();
    cooked_.push_back(',');
  }
  record.scratch.swap(cooked_);
  record.fields = Fields(record.scratch.data(), bounds, spans_.size());
  return ReadStatus::Record;
}

}  // namespace mc::csv
