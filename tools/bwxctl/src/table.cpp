#include "table.h"

#include <algorithm>
#include <cassert>

namespace bwx::ctl {

std::size_t displayWidth(const std::string &text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

Table::Table(std::vector<Column> columns)
    : m_columns(std::move(columns))
{}

void Table::addRow(std::vector<std::string> cells)
{
    assert(cells.size() == m_columns.size());
    cells.resize(m_columns.size());
    m_rows.push_back(std::move(cells));
}

std::string Table::render() const
{
    std::vector<std::size_t> widths;
    for (const auto &c : m_columns)
        widths.push_back(displayWidth(c.header));
    for (const auto &row : m_rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row[i]));

    std::string out;
    auto line = [&](const std::vector<std::string> &cells) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string pad(widths[i] - displayWidth(cells[i]), ' ');
            if (i > 0)
                text += "  ";
            if (m_columns[i].align == Align::Right)
                text += pad + cells[i];
            else
                text += cells[i] + pad;
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out += text + "\n";
    };
    std::vector<std::string> headers;
    for (const auto &c : m_columns)
        headers.push_back(c.header);
    line(headers);
    for (const auto &row : m_rows)
        line(row);
    return out;
}

} // namespace bwx::ctl
