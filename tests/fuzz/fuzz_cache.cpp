// libFuzzer target: the cache reader on damaged caches. A valid cache of a
// small data directory is made once; each input either replaces the whole
// file (first byte even) or overwrites the bytes of its column sections from
// an offset the input's next two bytes give (first byte odd): the sections
// are not checksummed, so the reader's column checks (store/CacheChecks.h)
// are what must refuse them. A store that is accepted is read through every
// id it holds, as scoring and the writers would.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "store/CacheFile.h"
#include "store/CacheLayout.h"

namespace {

const std::filesystem::path& scratchDir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("measurec-fuzz-cache-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d / "data");
    return d;
  }();
  return dir;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string readAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The valid cache's bytes and where its sections start.
struct Base {
  std::string bytes;
  std::size_t sections = 0;
};

const Base& base() {
  static const Base b = [] {
    const auto data = scratchDir() / "data";
    write(data / "members.csv", "member_id,birth_date,sex\nM1,1960-01-01,F\nM2,1990-05-05,M\n");
    write(data / "enrollment.csv",
          "member_id,start_date,end_date,pcp_id\nM1,2021-01-01,,P1\nM2,2022-01-01,2022-06-30,\n");
    write(data / "providers.csv", "provider_id,kind\nP1,pcp\n");
    write(data / "visits.csv",
          "member_id,date,codes,provider_id,setting,status\n"
          "M1,2022-03-01,CPT:77067;ICD10CM:E11.9,P1,outpatient,\n"
          "M2,2022-04-01,CPT:99213,P1,inpatient,completed\n");
    write(data / "observations.csv",
          "member_id,date,code,value,unit\nM1,2022-05-01T10:00:00,LOINC:4548-4,7.5,%\n");
    const mc::store::LoadResult r = mc::store::loadDataDirectory(data.string(), {});
    const auto path = (scratchDir() / "base.mcache").string();
    if (!r.store || mc::store::writeCache(path, *r.store, r.files,
                                          mc::store::describeInputs(data.string()), nullptr))
      __builtin_trap();
    Base out;
    out.bytes = readAll(path);
    mc::store::CacheHeader h;
    std::memcpy(&h, out.bytes.data(), sizeof h);
    out.sections = h.metaOffset + h.metaSize;
    return out;
  }();
  return b;
}

// Reads every id of the store the way its users do.
std::size_t touch(const mc::store::MemberStore& s) {
  std::size_t n = 0;
  for (const mc::store::EventTable& t : s.events) {
    for (mc::store::MemberIndex m = 0; m < s.memberCount(); ++m) {
      for (std::uint32_t e = t.begin(m); e < t.end(m); ++e) {
        for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1]; ++c)
          n += s.codes.code(t.codes[c]).size();
        if (t.provider[e] != mc::store::kNoProvider) n += s.providers.id[t.provider[e]].size();
        n += s.units.text(t.unit[e]).size() + std::strlen(mc::store::settingName(t.setting[e]));
      }
    }
  }
  for (std::uint32_t i = 0; i < s.enrollment.start.size(); ++i)
    if (s.enrollment.pcp[i] != mc::store::kNoProvider)
      n += s.providers.id[s.enrollment.pcp[i]].size();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Base& b = base();
  std::string file;
  if (size < 3 || data[0] % 2 == 0) {
    file.assign(reinterpret_cast<const char*>(data), size);
  } else {
    file = b.bytes;
    const std::size_t room = file.size() - b.sections;
    const std::size_t at = b.sections + ((data[1] << 8 | data[2]) % room);
    const std::size_t n = std::min(size - 3, file.size() - at);
    std::memcpy(&file[at], data + 3, n);
  }
  const auto path = scratchDir() / "fuzzed.mcache";
  write(path, file);
  mc::store::CacheRead r = mc::store::readCache(path.string());
  if (r.error) (void)r.error->format();
  if (r.store) (void)touch(*r.store);
  return 0;
}
