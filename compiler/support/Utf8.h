// UTF-8 validation for source files: the ANTLR input stream assumes valid
// UTF-8 and misbehaves (or throws) on anything else.
#pragma once

#include <cstddef>
#include <string_view>

namespace mc {

// Byte offset of the first byte that breaks UTF-8 as RFC 3629 defines it
// (no overlong forms, no UTF-16 surrogates U+D800..U+DFFF, nothing above
// U+10FFFF, no truncated sequence), or std::string_view::npos.
size_t firstInvalidUtf8(std::string_view text);

}  // namespace mc
