// The table of RFC 3629 section 4: the lead byte fixes the length of the
// sequence and the allowed range of its second byte; later bytes are
// always 80..BF. The narrowed second-byte ranges are what exclude overlong
// forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
#include "support/Utf8.h"

namespace mc {
namespace {

struct Lead {
  int length;                        // bytes in the sequence; 0: not a lead byte
  unsigned char secondLo, secondHi;  // allowed range of the second byte
};

Lead leadOf(unsigned char c) {
  if (c < 0x80) return {1, 0, 0};
  if (c >= 0xC2 && c <= 0xDF) return {2, 0x80, 0xBF};
  if (c == 0xE0) return {3, 0xA0, 0xBF};
  if (c == 0xED) return {3, 0x80, 0x9F};
  if (c >= 0xE1 && c <= 0xEF) return {3, 0x80, 0xBF};
  if (c == 0xF0) return {4, 0x90, 0xBF};
  if (c >= 0xF1 && c <= 0xF3) return {4, 0x80, 0xBF};
  if (c == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};  // 80..C1 (continuation or overlong lead), F5..FF
}

}  // namespace

size_t firstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const Lead lead = leadOf(static_cast<unsigned char>(text[i]));
    if (lead.length == 0) return i;
    if (i + static_cast<size_t>(lead.length) > text.size()) return i;
    for (int k = 1; k < lead.length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      const unsigned char lo = k == 1 ? lead.secondLo : 0x80;
      const unsigned char hi = k == 1 ? lead.secondHi : 0xBF;
      if (b < lo || b > hi) return i;
    }
    i += static_cast<size_t>(lead.length);
  }
  return std::string_view::npos;
}

}  // namespace mc
