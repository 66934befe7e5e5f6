// Edit distance with two rolling rows: names are short, so this is cheap.
#include "support/ClosestName.h"

#include <algorithm>
#include <cctype>

namespace mc {

int editDistance(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closestName(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  int bestDistance = std::max<int>(2, static_cast<int>(name.size()) / 3) + 1;
  for (const std::string& c : candidates) {
    const int d = editDistance(name, c);
    if (d < bestDistance || (d == bestDistance && !best.empty() && c < best)) {
      if (d < bestDistance) bestDistance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace mc
