// A column of texts (store/TextColumn.h): owned or a view of a cache's
// offsets and bytes, read alike, copied before any change to a view, and
// changed text by text as a std::vector<std::string> would be.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/TextColumn.h"

using namespace mc::store;

namespace {

std::vector<std::string> texts(const TextColumn& c) { return {c.begin(), c.end()}; }

}  // namespace

TEST_CASE("text column: appended texts read back, empty ones too") {
  TextColumn c;
  CHECK(c.empty());
  CHECK(c.byteCount() == 0);
  c.push_back("M1");
  c.push_back("");
  c.emplace_back("a longer member id, past any short-string buffer");
  c.push_back("x");
  REQUIRE(c.size() == 4);
  CHECK(c[0] == "M1");
  CHECK(c[1].empty());
  CHECK(c[2] == "a longer member id, past any short-string buffer");
  CHECK(c[3] == "x");
  CHECK(c.byteCount() == 2 + c[2].size() + 1);
  CHECK(c[2].size() == 48);
  CHECK(texts(c) == std::vector<std::string>{
                        "M1", "", "a longer member id, past any short-string buffer", "x"});
  // The sections a cache stores: size() + 1 offsets from 0, then the bytes.
  CHECK(c.offsets()[0] == 0);
  CHECK(c.offsets()[4] == c.byteCount());
  CHECK(std::string(c.bytes(), c.byteCount()) ==
        "M1a longer member id, past any short-string bufferx");
}

TEST_CASE("text column: set replaces one text, the last in place, any other shifting the rest") {
  TextColumn c{"a", "bb", "ccc"};
  c.set(2, "Ottawa");  // the last
  CHECK(texts(c) == std::vector<std::string>{"a", "bb", "Ottawa"});
  c.set(0, "");  // shorter: the texts after it move back
  CHECK(texts(c) == std::vector<std::string>{"", "bb", "Ottawa"});
  c.set(1, "Santa Cruz");  // longer: they move on
  CHECK(texts(c) == std::vector<std::string>{"", "Santa Cruz", "Ottawa"});
  CHECK(c.byteCount() == 16);
  c.push_back("d");
  CHECK(texts(c) == std::vector<std::string>{"", "Santa Cruz", "Ottawa", "d"});
}

TEST_CASE("text column: a view reads the sections in place and is copied before a change") {
  const std::uint64_t offsets[] = {0, 2, 2, 5};
  const char bytes[] = "M1M22";
  const TextColumn view = TextColumn::view(offsets, bytes, 3);
  CHECK(view.isView());
  REQUIRE(view.size() == 3);
  CHECK(view[0] == "M1");
  CHECK(view[1].empty());
  CHECK(view[2] == "M22");
  CHECK(view[2].data() == bytes + 2);  // in place, not copied
  CHECK(view == TextColumn{"M1", "", "M22"});
  CHECK(view != TextColumn{"M1", "", "M2"});
  CHECK(view != TextColumn{"M1", ""});

  TextColumn copy = view;  // a copy of a view is a view of the same bytes
  CHECK(copy.isView());
  copy.push_back("M3");
  CHECK_FALSE(copy.isView());
  CHECK(texts(copy) == std::vector<std::string>{"M1", "", "M22", "M3"});
  CHECK(texts(view) == std::vector<std::string>{"M1", "", "M22"});  // the view is untouched

  TextColumn changed = view;
  changed.set(0, "M0");
  CHECK(texts(changed) == std::vector<std::string>{"M0", "", "M22"});
  CHECK(view[0] == "M1");
}

TEST_CASE("text column: moves and copies keep the texts, short or long") {
  TextColumn a{"x", "yy"};
  TextColumn b = std::move(a);
  CHECK(texts(b) == std::vector<std::string>{"x", "yy"});
  CHECK(a.empty());  // NOLINT(bugprone-use-after-move): a moved-from column is empty
  a.push_back("again");
  CHECK(texts(a) == std::vector<std::string>{"again"});
  TextColumn c;
  c = b;
  b.set(0, "changed");
  CHECK(texts(c) == std::vector<std::string>{"x", "yy"});
  c.clear();
  CHECK(c.empty());
  CHECK(c.byteCount() == 0);
}

// Texts of every length from 0 to 40, in one batch and after texts already
// there: the word moves of each length (whole, overlapping, three bytes)
// give the bytes push_back gives. A view is copied first.
TEST_CASE("text column: appendEach is push_back text by text") {
  std::vector<std::string> batch;
  for (size_t n = 0; n <= 40; ++n) {
    std::string t;
    for (size_t i = 0; i < n; ++i) t += static_cast<char>('a' + (i * 7 + n) % 26);
    batch.push_back(t);
  }
  TextColumn byOne{"M1", ""};
  for (const std::string& t : batch) byOne.push_back(t);
  TextColumn atOnce{"M1", ""};
  atOnce.appendEach(batch.size(), [&](size_t k) { return std::string_view(batch[k]); });
  CHECK(texts(atOnce) == texts(byOne));
  CHECK(std::string(atOnce.bytes(), atOnce.byteCount()) ==
        std::string(byOne.bytes(), byOne.byteCount()));
  atOnce.appendEach(0, [&](size_t k) { return std::string_view(batch[k]); });
  CHECK(atOnce.size() == byOne.size());

  const TextColumn source{"x", "yy"};
  TextColumn view = TextColumn::view(source.offsets(), source.bytes(), source.size());
  view.appendEach(2, [&](size_t k) { return std::string_view(batch[k + 9]); });
  CHECK_FALSE(view.isView());
  CHECK(texts(view) == std::vector<std::string>{"x", "yy", batch[9], batch[10]});
  CHECK(texts(source) == std::vector<std::string>{"x", "yy"});
}
