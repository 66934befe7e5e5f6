// A generated CSV file as rows of cells addressed by column name, for the gen
// tests (generated fields hold no comma, so no field is quoted).
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace mc::gen::test {

class GenTable {
 public:
  explicit GenTable(const std::string& text) {
    std::stringstream in(text);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::stringstream cellsIn(line);
      std::string cell;
      while (std::getline(cellsIn, cell, ',')) cells.push_back(cell);
      if (!line.empty() && line.back() == ',') cells.emplace_back();
      if (header) {
        for (size_t i = 0; i < cells.size(); ++i) columns_[cells[i]] = i;
        header = false;
      } else {
        cells.resize(columns_.size());
        rows_.push_back(std::move(cells));
      }
    }
  }
  size_t size() const { return rows_.size(); }
  const std::map<std::string, size_t>& columns() const { return columns_; }
  const std::string& at(size_t row, const std::string& column) const {
    return rows_[row][columns_.at(column)];
  }

 private:
  std::map<std::string, size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace mc::gen::test
