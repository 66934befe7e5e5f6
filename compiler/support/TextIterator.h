// A forward iterator over a container of texts read by position
// (`container[i]` gives a std::string_view): a CSV record's fields, a store
// column of member texts. Range-for loops and a std::vector<std::string>
// made from a begin/end pair read either without a copy of their own.
#pragma once

#include <cstddef>
#include <iterator>
#include <string_view>

namespace mc {

template <class Container>
class TextIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = std::string_view;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = std::string_view;

  TextIterator() = default;
  TextIterator(const Container* container, std::size_t i) : container_(container), i_(i) {}
  std::string_view operator*() const { return (*container_)[i_]; }
  TextIterator& operator++() {
    ++i_;
    return *this;
  }
  TextIterator operator++(int) {
    TextIterator before = *this;
    ++i_;
    return before;
  }
  bool operator==(const TextIterator& o) const { return i_ == o.i_; }
  bool operator!=(const TextIterator& o) const { return i_ != o.i_; }

 private:
  const Container* container_ = nullptr;
  std::size_t i_ = 0;
};

}  // namespace mc
