// The `attributes` cell of providers.csv (DATA.md): dated recognitions such
// as `pcmh_recognized=2022-05-01;bh_distinction=2022-09-01`, each the date
// the plan received it. The loader refuses a cell that does not read so; the
// fee-for-service payments of a program read the dates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "support/Date.h"

namespace mc::store {

struct ProviderAttribute {
  std::string name;
  Days date = 0;
};

// The cell's attributes in the order written (an empty cell: none). A bad
// item (no `=`, an empty or malformed name, a value that is not a
// YYYY-MM-DD date, a name given twice) stops the parse: false, with what is
// wrong in `problem` and what to write instead in `todo`.
bool parseProviderAttributes(std::string_view cell, std::vector<ProviderAttribute>& out,
                             std::string& problem, std::string& todo);

}  // namespace mc::store
