// libFuzzer target: the CSV reader on arbitrary text, header then records
// to the end, reading every field of every record.
#include <cstddef>
#include <cstdint>
#include <string>

#include "support/CsvReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mc::csv::CsvReader reader;
  reader.openText(std::string(reinterpret_cast<const char*>(data), size));
  if (!reader.readHeader()) return 0;
  (void)reader.column("member_id");
  mc::csv::Record record;
  std::size_t bytes = 0;
  while (reader.next(record) == mc::csv::ReadStatus::Record) {
    for (std::string_view field : record.fields) bytes += field.size();
    bytes += record.raw.size();
  }
  return bytes == static_cast<std::size_t>(-1);  // keep the reads
}
