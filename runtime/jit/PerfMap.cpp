#include "jit/PerfMap.h"

#include <llvm/Object/ObjectFile.h>
#include <llvm/Object/SymbolSize.h>
#include <llvm/Support/MemoryBuffer.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace mc::jit {

bool perfMapWanted() {
  const char* env = std::getenv("MEASUREC_JIT_PERF_MAP");
  return env != nullptr && *env != '\0';
}

void appendPerfMap(std::string_view object, std::string_view entryName, std::uint64_t entryAddress,
                   std::string_view measureId) {
  auto file = llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(llvm::StringRef(object.data(), object.size()), "measure"));
  if (!file) {
    llvm::consumeError(file.takeError());
    return;
  }
  struct Symbol {
    std::string name;
    std::uint64_t address, size;
  };
  std::vector<Symbol> functions;
  std::uint64_t entryInObject = 0;
  bool haveEntry = false;
  for (const auto& [symbol, size] : llvm::object::computeSymbolSizes(**file)) {
    auto type = symbol.getType();
    auto name = symbol.getName();
    auto address = symbol.getAddress();
    if (!type || !name || !address) {
      llvm::consumeError(type.takeError());
      llvm::consumeError(name.takeError());
      llvm::consumeError(address.takeError());
      continue;
    }
    if (*type != llvm::object::SymbolRef::ST_Function) continue;
    functions.push_back({name->str(), *address, size});
    if (*name == llvm::StringRef(entryName.data(), entryName.size())) {
      entryInObject = *address;
      haveEntry = true;
    }
  }
  if (!haveEntry) return;
  static std::mutex lock;
  const std::lock_guard<std::mutex> guard(lock);
  const std::string path = "/tmp/perf-" + std::to_string(::getpid()) + ".map";
  std::FILE* out = std::fopen(path.c_str(), "a");
  if (out == nullptr) return;
  for (const Symbol& f : functions)
    std::fprintf(out, "%llx %llx %.*s %s\n",
                 static_cast<unsigned long long>(entryAddress + f.address - entryInObject),
                 static_cast<unsigned long long>(f.size), static_cast<int>(measureId.size()),
                 measureId.data(), f.name.c_str());
  std::fclose(out);
}

}  // namespace mc::jit
