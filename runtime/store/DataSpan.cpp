#include "store/DataSpan.h"

namespace mc::store {

Days latestEventDate(const MemberStore& store) {
  Days latest = kNoDate;
  for (int k = 0; k < kEventKindCount; ++k)
    for (const Days d : store.table(static_cast<EventKind>(k)).date)
      if (d > latest) latest = d;
  return latest;
}

}  // namespace mc::store
