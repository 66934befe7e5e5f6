// The vector a column owns (store/Column.h): it grows with no zero-fill, so
// that the builder's commit writes each column's bytes once, and a column
// takes it with no copy.
#include <catch2/catch.hpp>
#include <cstdint>
#include <utility>
#include <vector>

#include "store/Column.h"

using namespace mc::store;

TEST_CASE("A column vector's room made by resize is left as it was") {
  // Bytes: an indeterminate unsigned char may be read. The room given back
  // by a shrink and taken again keeps what was written there; a vector
  // that zero-filled the room would read 0.
  ColumnVector<unsigned char> bytes(8, 7);
  const unsigned char* buffer = bytes.data();
  bytes.resize(3);
  bytes.resize(8);
  REQUIRE(bytes.data() == buffer);
  for (size_t i = 0; i < bytes.size(); ++i) CHECK(bytes[i] == 7);
}

TEST_CASE("A column vector keeps the values it is given") {
  ColumnVector<std::int32_t> values;
  values.push_back(5);
  values.emplace_back(-2);
  values.resize(4, 9);
  values.insert(values.end(), {1, 2});
  CHECK(values == ColumnVector<std::int32_t>{5, -2, 9, 9, 1, 2});
  values.assign(3, 4);
  CHECK(values == ColumnVector<std::int32_t>{4, 4, 4});
  // Grown past its room: the values move to the new buffer.
  const std::vector<std::int32_t> many(1000, 3);
  values.insert(values.end(), many.begin(), many.end());
  REQUIRE(values.size() == 1003);
  CHECK(values[2] == 4);
  CHECK(values[1002] == 3);
}

TEST_CASE("A column takes a column vector's buffer and copies a plain vector") {
  ColumnVector<double> filled(3);
  filled[0] = 1.5;
  filled[1] = 2.5;
  filled[2] = 3.5;
  const double* buffer = filled.data();
  Column<double> taken(std::move(filled));
  CHECK(taken.data() == buffer);
  CHECK(taken == std::vector<double>{1.5, 2.5, 3.5});

  Column<double> assigned;
  ColumnVector<double> more(2, 0.5);
  const double* moreBuffer = more.data();
  assigned = std::move(more);
  CHECK(assigned.data() == moreBuffer);
  CHECK(assigned == std::vector<double>{0.5, 0.5});

  const std::vector<double> plain{4.0, 5.0};
  Column<double> copied(plain);
  CHECK(copied.data() != plain.data());
  CHECK(copied == plain);
  copied = std::vector<double>{6.0};
  CHECK(copied == std::vector<double>{6.0});
}
