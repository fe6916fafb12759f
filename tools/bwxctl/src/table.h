#pragma once
// Aligned text tables for people: columns padded to their widest cell, numbers right-aligned.
#include <string>
#include <vector>

namespace bwx::ctl {

class Table
{
public:
    enum class Align { Left, Right };
    struct Column
    {
        std::string header;
        Align align = Align::Left;
    };

    explicit Table(std::vector<Column> columns);

    // Must have one cell per column.
    void addRow(std::vector<std::string> cells);
    bool empty() const noexcept { return m_rows.empty(); }
    std::size_t rowCount() const noexcept { return m_rows.size(); }

    // Header line and rows, two spaces between columns, no trailing blanks, '\n' after each.
    std::string render() const;

private:
    std::vector<Column> m_columns;
    std::vector<std::vector<std::string>> m_rows;
};

// Width on a terminal: UTF-8 code points, not bytes.
std::size_t displayWidth(const std::string &text);

} // namespace bwx::ctl
