// The object cache's files: a header line "mcjit-object 1 <size> <hash>"
// (the object's byte count and its FNV-1a 64 hash, 16 hex digits), then
// the object's bytes. The hash is what tells an intact file from one cut
// short or altered; it is not a defence against a forged one (the cache
// directory is the user's own).
#include "jit/ObjectCache.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "output/ContentHash.h"

namespace mc::jit {

namespace {

constexpr std::string_view kMagic = "mcjit-object 1";

std::string header(std::string_view object) {
  return fmt::format("{} {} {:016x}\n", kMagic, object.size(), output::fnv1a64(object));
}

std::string path(const std::string& dir, const std::string& key) { return dir + "/" + key + ".o"; }

}  // namespace

std::string ObjectCache::defaultDir() {
  if (const char* env = std::getenv("MEASUREC_JIT_CACHE"); env != nullptr && *env != '\0')
    return std::string(env) == "off" ? "" : env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return std::string(xdg) + "/measurec/jit";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::string(home) + "/.cache/measurec/jit";
  return "";
}

std::string ObjectCache::key(std::string_view irText, std::string_view settings) {
  std::string all(settings);
  all += '\n';
  all += irText;
  // Two hashes, of the text and of its bytes the other way round: 128 bits.
  const std::string reversed(all.rbegin(), all.rend());
  return fmt::format("{:016x}{:016x}", output::fnv1a64(all), output::fnv1a64(reversed));
}

std::optional<std::string> ObjectCache::load(const std::string& key) const {
  if (dir_.empty()) return std::nullopt;
  std::ifstream in(path(dir_, key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string file = bytes.str();
  const size_t eol = file.find('\n');
  if (eol == std::string::npos) return std::nullopt;
  std::string object = file.substr(eol + 1);
  if (file.substr(0, eol + 1) != header(object)) return std::nullopt;
  return object;
}

void ObjectCache::store(const std::string& key, std::string_view object) const {
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return;
  // Unique per process: two runs storing the same key do not mix bytes.
  const std::string final = path(dir_, key);
  const std::string temp = final + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << header(object);
    out.write(object.data(), static_cast<std::streamsize>(object.size()));
    if (!out) {
      std::filesystem::remove(temp, ec);
      return;
    }
  }
  std::filesystem::rename(temp, final, ec);
  if (ec) std::filesystem::remove(temp, ec);
}

}  // namespace mc::jit
