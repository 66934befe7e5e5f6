// Cells every row writer of a generated member shares (MemberSheet.cpp, the
// eCQM rows of MemberSheetEcqm.cpp): a code list, a provider id.
#pragma once

#include <string>
#include <string_view>

#include "gen/MemberSheet.h"
#include "gen/RowWriter.h"

namespace mc::gen {

// Codes joined by spaces, as DATA.md's code lists are written.
inline void appendCodes(std::string& out, Codes codes) {
  bool first = true;
  for (const std::string_view c : codes) {
    if (!first) out.push_back(' ');
    first = false;
    out.append(c.data(), c.size());
  }
}

// The provider's id, or an empty cell.
inline void provider(RowWriter& w, ProviderRef p) {
  std::string& out = w.open();
  if (p.valid) ProviderNetwork::appendId(out, p);
}

}  // namespace mc::gen
