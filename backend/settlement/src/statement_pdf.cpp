#include "bwx/settlement/statement_pdf.h"

#include "bwx/settlement/pdf_writer.h"

#include <algorithm>
#include <array>

namespace bwx::settlement {

namespace {

constexpr int kPageWidth = 842; // A4 landscape
constexpr int kPageHeight = 595;
constexpr int kMargin = 36;
constexpr int kRow = 12;
constexpr int kTableSize = 7;
constexpr int kBottom = 56; // below this: footer only
constexpr int kTotalsHeight = 8 * kRow;

struct Column
{
    const char *header;
    int width;
    bool right;
};

constexpr std::array<Column, 14> kColumns = {{
    {"Trade", 32, true},
    {"Role", 30, false},
    {"Destination", 84, false},
    {"Counterpart", 80, false},
    {"Billed window (UTC)", 96, false},
    {"Samples", 38, true},
    {"Committed kbit/s", 64, true},
    {"95th kbit/s", 50, true},
    {"Usage", 32, false},
    {"Price", 50, true},
    {"Amount", 58, true},
    {"Overage", 54, true},
    {"Credits", 46, true},
    {"Net", 56, true},
}};

std::string nameOf(const MemberNames &names, MemberId id)
{
    const auto it = names.find(id.value());
    const std::string number = "#" + std::to_string(id.value());
    return it == names.end() || it->second.empty() ? number : it->second + " (" + number + ")";
}

// "11-01 00:00": the window lies inside the period, the year is on the header.
std::string shortTime(Timestamp t)
{
    const std::string full = formatTimestamp(t); // 2026-11-01T00:00:00Z
    return full.substr(5, 5) + " " + full.substr(11, 5);
}

// A cancelled trade's line is marked with an asterisk explained under the table: the CSV's
// " (cancelled)" does not fit the column beside most prefixes. When even the asterisk does not
// fit, the destination is shortened, never the mark.
constexpr std::string_view kCancelledMark = " *";
constexpr const char *kCancelledNote
    = "* Trade cancelled during delivery: billed up to the cancellation, the end of its billed "
      "window.";

std::string destinationCell(const StatementLine &l)
{
    std::string text = l.destinationLabel.empty() ? l.destination.toString() : l.destinationLabel;
    if (!l.cancelled)
        return text;
    if (text.ends_with(kCancelledMarker))
        text.resize(text.size() - kCancelledMarker.size());
    const int room = kColumns[2].width - 4 // what row() fits the cell into
                     - PdfWriter::textWidth(PdfFont::Helvetica, kTableSize, kCancelledMark);
    return PdfWriter::fit(PdfFont::Helvetica, kTableSize, text, room) + std::string(kCancelledMark);
}

std::vector<std::string> cells(const StatementLine &l, const MemberNames &names)
{
    return {std::to_string(l.trade.value()),
            std::string(toString(l.role)),
            destinationCell(l),
            nameOf(names, l.counterpart),
            shortTime(l.from) + " - " + shortTime(l.to),
            std::to_string(l.samples),
            std::to_string(l.committed.value()),
            std::to_string(l.p95.value()),
            std::string(toString(l.usage)),
            formatPrice(l.price),
            formatMoney(l.amount),
            formatMoney(l.overage),
            formatMoney(l.credits),
            formatMoney(l.net)};
}

class Layout
{
public:
    Layout(PdfWriter &pdf, const Statement &s, const MemberNames &names,
           const StatementPdfOptions &options, int pages)
        : m_pdf(pdf)
        , m_statement(s)
        , m_names(names)
        , m_options(options)
        , m_pages(pages)
    {}

    // Lays the document out; returns the number of pages it took.
    int run()
    {
        newPage();
        for (const StatementLine &line : m_statement.lines) {
            if (m_y - kRow < kBottom) {
                newPage();
            }
            row(cells(line, m_names), PdfFont::Helvetica);
        }
        if (std::any_of(m_statement.lines.begin(), m_statement.lines.end(),
                        [](const StatementLine &l) { return l.cancelled; })) {
            if (m_y - kRow < kBottom)
                newPage(false);
            m_y -= kRow;
            m_pdf.text(PdfFont::Helvetica, kTableSize, kMargin + 2, m_y, kCancelledNote);
        }
        if (m_statement.lines.empty()) {
            m_pdf.text(PdfFont::Helvetica, 9, kMargin, m_y - kRow,
                       "No trade of this member overlaps the period.");
            m_y -= kRow;
        }
        if (m_y - kTotalsHeight < kBottom)
            newPage(false);
        totals();
        return m_page;
    }

private:
    void newPage(bool withTableHeader = true)
    {
        m_pdf.beginPage(kPageWidth, kPageHeight);
        ++m_page;
        m_y = kPageHeight - kMargin;
        m_pdf.text(PdfFont::HelveticaBold, 16, kMargin, m_y - 12, "Statement");
        m_pdf.textRight(PdfFont::HelveticaBold, 12, kPageWidth - kMargin, m_y - 12,
                        m_options.issuer);
        m_y -= 30;
        m_pdf.text(PdfFont::Helvetica, 10, kMargin, m_y,
                   "Member: " + nameOf(m_names, m_statement.member));
        m_pdf.textRight(PdfFont::Helvetica, 10, kPageWidth - kMargin, m_y,
                        "Billing period: " + formatTimestamp(m_statement.periodStart) + " to "
                            + formatTimestamp(m_statement.periodEnd));
        m_y -= 14;
        if (m_page == 1) {
            std::string money = "Money";
            if (!m_options.currency.empty())
                money += " in " + m_options.currency;
            m_pdf.text(PdfFont::Helvetica, 8, kMargin, m_y,
                       money + " and prices per Mbit/s per month (30-day months), exact to the "
                               "micro-unit. 95th percentile of 5-minute samples, the higher of "
                               "the two directions; IP bytes.");
            m_y -= 10;
        }
        footer();
        m_y -= 8;
        if (withTableHeader)
            tableHeader();
    }

    void tableHeader()
    {
        m_pdf.fillRect(kMargin, m_y - kRow + 3, tableWidth(), kRow, 88);
        std::vector<std::string> headers;
        for (const Column &c : kColumns)
            headers.emplace_back(c.header);
        row(headers, PdfFont::HelveticaBold);
    }

    static int tableWidth()
    {
        int w = 0;
        for (const Column &c : kColumns)
            w += c.width;
        return w;
    }

    void row(const std::vector<std::string> &texts, PdfFont font)
    {
        m_y -= kRow;
        int x = kMargin;
        for (std::size_t i = 0; i < kColumns.size(); ++i) {
            const Column &c = kColumns[i];
            const std::string t = PdfWriter::fit(font, kTableSize, texts[i], c.width - 4);
            if (c.right)
                m_pdf.textRight(font, kTableSize, x + c.width - 2, m_y, t);
            else
                m_pdf.text(font, kTableSize, x + 2, m_y, t);
            x += c.width;
        }
        m_pdf.line(kMargin, m_y - 3, kMargin + tableWidth(), m_y - 3, 2);
    }

    void totals()
    {
        const Statement &s = m_statement;
        const int labelRight = kMargin + tableWidth() - 110;
        const int valueRight = kMargin + tableWidth() - 2;
        m_y -= 10;
        const auto pair = [&](const std::string &label, Money value, bool bold) {
            m_y -= kRow;
            const PdfFont font = bold ? PdfFont::HelveticaBold : PdfFont::Helvetica;
            m_pdf.textRight(font, 9, labelRight, m_y, label);
            m_pdf.textRight(font, 9, valueRight, m_y, formatMoney(value));
        };
        pair("Total amount (committed capacity)", s.totalAmount, false);
        pair("Total overage", s.totalOverage, false);
        pair("Total credits", s.totalCredits, false);
        pair("Payable (trades you bought)", s.payable, false);
        pair("Receivable (trades you sold)", s.receivable, false);
        m_pdf.line(labelRight - 150, m_y - 4, valueRight, m_y - 4, 5);
        pair("Net (receivable - payable)", s.receivable - s.payable, true);
    }

    void footer()
    {
        m_pdf.line(kMargin, 40, kPageWidth - kMargin, 40, 3);
        m_pdf.text(PdfFont::Helvetica, 7, kMargin, 28,
                   "Computed from the exchange journal (trades) and the usage database "
                   "(5-minute samples); recomputing gives the same document.");
        m_pdf.textRight(PdfFont::Helvetica, 7, kPageWidth - kMargin, 28,
                        "page " + std::to_string(m_page) + " of " + std::to_string(m_pages));
    }

    PdfWriter &m_pdf;
    const Statement &m_statement;
    const MemberNames &m_names;
    const StatementPdfOptions &m_options;
    int m_pages = 0; // as counted by a first pass
    int m_page = 0;
    int m_y = 0;
};

} // namespace

std::vector<std::uint8_t> toPdf(const Statement &statement,
                                const MemberNames &names,
                                const StatementPdfOptions &options)
{
    // Two passes: the first counts the pages so every footer can say "page i of n".
    PdfWriter counting;
    const int pages = Layout(counting, statement, names, options, 0).run();
    PdfWriter pdf;
    pdf.setTitle("Statement " + nameOf(names, statement.member) + " "
                 + formatTimestamp(statement.periodStart).substr(0, 7));
    Layout(pdf, statement, names, options, pages).run();
    return pdf.finish();
}

} // namespace bwx::settlement
