// Parsing and printing a day with an optional time of day.
#include "support/DateTime.h"

namespace mc {
namespace {

bool digits(std::string_view s, size_t at, size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool failWith(std::string* why, const char* what) {
  if (why != nullptr) *why = what;
  return false;
}

// `hh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm]` into seconds since midnight.
bool parseTime(std::string_view t, Seconds& out, std::string* why) {
  int h = 0, m = 0, s = 0;
  if (!digits(t, 0, 2, h) || t.size() < 5 || t[2] != ':' || !digits(t, 3, 2, m))
    return failWith(why, "the time of day is not hh:mm");
  size_t at = 5;
  if (at < t.size() && t[at] == ':') {
    if (!digits(t, at + 1, 2, s)) return failWith(why, "the seconds are not two digits");
    at += 3;
    if (at < t.size() && t[at] == '.') {
      const size_t first = ++at;
      while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
      if (at == first) return failWith(why, "the fraction of a second has no digits");
    }
  }
  if (h > 23 || m > 59 || s > 59) return failWith(why, "no such time of day");
  if (at < t.size()) {
    const std::string_view zone = t.substr(at);
    int oh = 0, om = 0;
    const bool offset = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
                        digits(zone, 1, 2, oh) && zone[3] == ':' && digits(zone, 4, 2, om);
    if (!(zone == "Z" || (offset && oh <= 23 && om <= 59)))
      return failWith(why, "the offset is not Z, +hh:mm or -hh:mm");
  }
  out = h * 3600 + m * 60 + s;
  return true;
}

}  // namespace

std::optional<DayTime> parseIsoDayTime(std::string_view text, std::string* why) {
  if (why != nullptr) why->clear();
  const std::optional<Days> day = parseIsoDate(text.substr(0, 10));
  if (!day) return std::nullopt;
  if (text.size() == 10) return DayTime{*day, kNoTime};
  if (text[10] != 'T') {
    failWith(why, "a time of day follows the date after 'T'");
    return std::nullopt;
  }
  Seconds time = kNoTime;
  if (!parseTime(text.substr(11), time, why)) return std::nullopt;
  return DayTime{*day, time};
}

std::string formatIsoDayTime(Days day, Seconds time) {
  std::string out = formatIsoDate(day);
  if (time == kNoTime) return out;
  const int parts[3] = {time / 3600, time / 60 % 60, time % 60};
  out += 'T';
  for (int i = 0; i < 3; ++i) {
    if (i > 0) out += ':';
    out += static_cast<char>('0' + parts[i] / 10);
    out += static_cast<char>('0' + parts[i] % 10);
  }
  return out;
}

}  // namespace mc
