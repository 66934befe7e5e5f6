// Source text in one-line places (explain, reasons, gaps.csv, run output):
// each run of white space becomes one space, none at the ends.
#pragma once

#include <string>
#include <string_view>

namespace mc {

std::string oneLine(std::string_view text);

}  // namespace mc
