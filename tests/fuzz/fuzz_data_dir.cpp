// libFuzzer target: the data directory loader on fuzzed files. The input is
// members.csv, enrollment.csv and visits.csv separated by NUL bytes; parts
// that are missing are written as a bare header. Each input is loaded twice:
// stopping at the first bad row, and with a reject file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "store/DataDirectoryLoader.h"

namespace {

const std::filesystem::path& scratchDir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("measurec-fuzz-data-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

void write(const std::string& name, const std::string& text) {
  std::ofstream out(scratchDir() / name, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const char* const names[] = {"members.csv", "enrollment.csv", "visits.csv"};
  const char* const headers[] = {"member_id,birth_date,sex\n",
                                 "member_id,start_date,end_date,pcp_id\n",
                                 "member_id,date,codes,provider_id,setting,status\n"};
  std::size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    if (start > input.size()) {
      write(names[i], headers[i]);
      continue;
    }
    std::size_t end = i < 2 ? input.find('\0', start) : std::string::npos;
    if (end == std::string::npos) end = input.size();
    write(names[i], input.substr(start, end - start));
    start = end + 1;
  }
  mc::store::LoadOptions stopAtFirst;
  (void)mc::store::loadDataDirectory(scratchDir().string(), stopAtFirst);
  mc::store::LoadOptions rejects;
  rejects.rejectFile = (scratchDir() / "rejects.csv").string();
  const mc::store::LoadResult r = mc::store::loadDataDirectory(scratchDir().string(), rejects);
  if (r.error) (void)r.error->format();
  return 0;
}
