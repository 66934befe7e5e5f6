// The JIT's object cache (jit/ObjectCache.h): what its key depends on, and
// that a damaged or foreign file is a miss, never an error.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "jit/ObjectCache.h"

using namespace mc;

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("mc-object-cache-" + std::to_string(std::rand()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

std::string readAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeAll(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace

TEST_CASE("the object cache key is the IR text and the settings, nothing else") {
  const std::string k = jit::ObjectCache::key("define void @f() { ret void }", "LLVM 14, x86_64");
  CHECK(k.size() == 32);
  CHECK(k.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(k == jit::ObjectCache::key("define void @f() { ret void }", "LLVM 14, x86_64"));
  CHECK(k != jit::ObjectCache::key("define void @g() { ret void }", "LLVM 14, x86_64"));
  CHECK(k != jit::ObjectCache::key("define void @f() { ret void }", "LLVM 15, x86_64"));
  // The boundary between settings and IR is part of the key.
  CHECK(jit::ObjectCache::key("ab", "c") != jit::ObjectCache::key("b", "ca"));
}

TEST_CASE("an object stored is loaded back byte for byte; another key misses") {
  TempDir dir;
  const jit::ObjectCache cache((dir.path / "jit").string());  // created on the first store
  std::string object =
      "\x7f"
      "ELF";
  object += std::string("\0\1\2\n\n\xff", 6);
  const std::string key = jit::ObjectCache::key("ir", "settings");
  CHECK_FALSE(cache.load(key).has_value());
  cache.store(key, object);
  REQUIRE(cache.load(key).has_value());
  CHECK(*cache.load(key) == object);
  CHECK_FALSE(cache.load(jit::ObjectCache::key("ir2", "settings")).has_value());
  // No temporary file is left beside it.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path / "jit")) {
    ++files;
    CHECK(e.path().extension() == ".o");
  }
  CHECK(files == 1);
}

TEST_CASE("a corrupt cache entry is a miss, and storing again repairs it") {
  TempDir dir;
  const jit::ObjectCache cache(dir.path.string());
  const std::string object(1000, 'x');
  const std::string key = jit::ObjectCache::key("ir", "settings");
  cache.store(key, object);
  const std::filesystem::path file = dir.path / (key + ".o");
  const std::string intact = readAll(file);
  REQUIRE(cache.load(key).has_value());

  SECTION("one byte of the object altered") {
    std::string bad = intact;
    bad[bad.size() - 10] = 'y';
    writeAll(file, bad);
  }
  SECTION("cut short") { writeAll(file, intact.substr(0, intact.size() - 1)); }
  SECTION("longer") { writeAll(file, intact + "x"); }
  SECTION("no header line") { writeAll(file, object); }
  SECTION("empty") { writeAll(file, ""); }
  SECTION("another format's header") { writeAll(file, "mcjit-object 2" + intact.substr(14)); }
  CHECK_FALSE(cache.load(key).has_value());
  cache.store(key, object);
  REQUIRE(cache.load(key).has_value());
  CHECK(*cache.load(key) == object);
}

TEST_CASE("no cache directory: nothing is stored, everything misses") {
  const jit::ObjectCache cache("");
  cache.store("k", "object");
  CHECK_FALSE(cache.load("k").has_value());
}

TEST_CASE("an unwritable cache directory is no cache, not an error") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  writeAll(dir.path / "file", "a file where the directory should be");
  const jit::ObjectCache cache((dir.path / "file" / "jit").string());
  cache.store("k", "object");
  CHECK_FALSE(cache.load("k").has_value());
}

TEST_CASE("the cache directory: MEASUREC_JIT_CACHE, then XDG_CACHE_HOME, then HOME") {
  const auto saved = [](const char* name) {
    const char* v = std::getenv(name);
    return v == nullptr ? std::string("\x01") : std::string(v);
  };
  const std::string jitCache = saved("MEASUREC_JIT_CACHE"), xdg = saved("XDG_CACHE_HOME"),
                    home = saved("HOME");
  ::unsetenv("MEASUREC_JIT_CACHE");
  ::setenv("XDG_CACHE_HOME", "/x/cache", 1);
  ::setenv("HOME", "/h", 1);
  CHECK(jit::ObjectCache::defaultDir() == "/x/cache/measurec/jit");
  ::unsetenv("XDG_CACHE_HOME");
  CHECK(jit::ObjectCache::defaultDir() == "/h/.cache/measurec/jit");
  ::setenv("MEASUREC_JIT_CACHE", "/elsewhere", 1);
  CHECK(jit::ObjectCache::defaultDir() == "/elsewhere");
  ::setenv("MEASUREC_JIT_CACHE", "off", 1);
  CHECK(jit::ObjectCache::defaultDir().empty());
  ::unsetenv("MEASUREC_JIT_CACHE");
  ::unsetenv("HOME");
  CHECK(jit::ObjectCache::defaultDir().empty());
  const auto restore = [](const char* name, const std::string& v) {
    if (v == "\x01")
      ::unsetenv(name);
    else
      ::setenv(name, v.c_str(), 1);
  };
  restore("MEASUREC_JIT_CACHE", jitCache);
  restore("XDG_CACHE_HOME", xdg);
  restore("HOME", home);
}
