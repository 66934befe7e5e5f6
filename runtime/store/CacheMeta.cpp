// What a cache records beside its columns: where it came from (DATA.md
// files with size and modification time, the reject file of the ingest) and
// the load's counts per file, so that a run from it prints and writes the
// same summary as a run from the directory.
#include "store/CacheMeta.h"

#include <sys/stat.h>

#include <filesystem>

#include "store/CacheLayout.h"

namespace mc::store {

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= p[i];
    hash *= 1099511628211u;
  }
  return hash;
}

std::string CacheError::format() const {
  std::string out = path + ": error " + code + ": " + message;
  if (!note.empty()) out += "\n  note: " + note;
  return out;
}

CacheProvenance describeInputs(const std::string& directory) {
  CacheProvenance p;
  p.directory = directory;
  std::error_code ec;
  p.absoluteDirectory = std::filesystem::absolute(directory, ec).lexically_normal().string();
  for (const std::string& name : dataFileNames()) {
    CacheInput in;
    in.name = name;
    struct stat st {};
    const std::string path = (std::filesystem::path(p.absoluteDirectory) / name).string();
    if (::stat(path.c_str(), &st) == 0) {
      in.present = true;
      in.size = static_cast<std::uint64_t>(st.st_size);
      in.mtimeNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    p.inputs.push_back(in);
  }
  return p;
}

std::string encodeCacheMeta(const CacheProvenance& provenance,
                            const std::vector<FileCounts>& files) {
  MetaWriter w;
  w.text(provenance.directory);
  w.text(provenance.absoluteDirectory);
  w.text(provenance.rejectFile);
  w.u64(provenance.inputs.size());
  for (const CacheInput& in : provenance.inputs) {
    w.text(in.name);
    w.u64(in.present);
    w.u64(in.size);
    w.i64(in.mtimeNs);
  }
  w.u64(files.size());
  for (const FileCounts& f : files) {
    w.text(f.file);
    w.u64(f.present);
    w.u64(f.lines);
    w.u64(f.rows);
    w.u64(f.accepted);
    w.u64(f.rejected);
    w.u64(f.hasStatuses);
    w.u64(f.byStatus.size());
    for (const std::uint64_t n : f.byStatus) w.u64(n);
    w.u64(f.unknownProviders);
    w.u64(f.unknownProviderIds.size());
    for (const std::string& id : f.unknownProviderIds) w.text(id);
    w.u64(f.moreUnknownProviderIds);
    w.u64(f.afterAsOf);
  }
  return w.data();
}

bool decodeCacheMeta(const char* data, std::size_t size, CacheProvenance& provenance,
                     std::vector<FileCounts>& files) {
  MetaReader r(data, size);
  std::uint64_t n = 0, flag = 0;
  if (!r.text(provenance.directory) || !r.text(provenance.absoluteDirectory) ||
      !r.text(provenance.rejectFile) || !r.u64(n) || n > dataFileNames().size())
    return false;
  provenance.inputs.resize(n);
  for (CacheInput& in : provenance.inputs) {
    if (!r.text(in.name) || !r.u64(flag) || !r.u64(in.size) || !r.i64(in.mtimeNs)) return false;
    in.present = flag != 0;
  }
  if (!r.u64(n) || n > dataFileNames().size()) return false;
  files.resize(n);
  for (FileCounts& f : files) {
    std::uint64_t statuses = 0, ids = 0, present = 0, hasStatuses = 0, more = 0;
    if (!r.text(f.file) || !r.u64(present) || !r.u64(f.lines) || !r.u64(f.rows) ||
        !r.u64(f.accepted) || !r.u64(f.rejected) || !r.u64(hasStatuses) || !r.u64(statuses) ||
        statuses != f.byStatus.size())
      return false;
    for (std::uint64_t& s : f.byStatus)
      if (!r.u64(s)) return false;
    if (!r.u64(f.unknownProviders) || !r.u64(ids) || ids > kShownUnknownProviders) return false;
    f.unknownProviderIds.resize(ids);
    for (std::string& id : f.unknownProviderIds)
      if (!r.text(id)) return false;
    if (!r.u64(more) || !r.u64(f.afterAsOf)) return false;
    f.present = present != 0;
    f.hasStatuses = hasStatuses != 0;
    f.moreUnknownProviderIds = more != 0;
  }
  return r.atEnd();
}

}  // namespace mc::store
