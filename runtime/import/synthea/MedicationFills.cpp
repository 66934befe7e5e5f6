// The fills of a Synthea medication row (the reading is in MedicationFills.h).
#include "import/synthea/MedicationFills.h"

#include <algorithm>

namespace mc::import::synthea {

std::vector<Fill> medicationFills(Days start, Days stop, long dispenses) {
  std::vector<Fill> fills;
  if (dispenses <= 0) return fills;
  long interval = kOpenPrescriptionInterval;
  long count = dispenses;
  if (stop != kNoDate) {
    const long span = std::max<long>(1, static_cast<long>(stop) - start);
    interval = std::max<long>(1, span / dispenses);
    count = std::min(dispenses, std::max<long>(1, span / interval));
  }
  fills.reserve(static_cast<size_t>(count));
  for (long k = 0; k < count; ++k)
    fills.push_back({static_cast<Days>(start + k * interval), static_cast<int>(interval)});
  return fills;
}

}  // namespace mc::import::synthea
