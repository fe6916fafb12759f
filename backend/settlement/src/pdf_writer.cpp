#include "bwx/settlement/pdf_writer.h"

#include <array>
#include <cstdio>

namespace bwx::settlement {

namespace {

// Advance widths of printable ASCII (32..126) in the standard fonts, from Adobe's AFM metrics
// (WinAnsiEncoding: 39 is quotesingle, 96 is grave). Courier is fixed at 600.
constexpr std::array<short, 95> kHelvetica = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};
constexpr std::array<short, 95> kHelveticaBold = {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584};

char printable(char c) noexcept
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 32 && u <= 126 ? c : '?';
}

int charWidth(PdfFont font, char c) noexcept
{
    if (font == PdfFont::Courier)
        return 600;
    const auto index = static_cast<std::size_t>(static_cast<unsigned char>(printable(c)) - 32);
    return font == PdfFont::HelveticaBold ? kHelveticaBold[index] : kHelvetica[index];
}

const char *fontName(PdfFont font) noexcept
{
    switch (font) {
    case PdfFont::Helvetica:
        return "F1";
    case PdfFont::HelveticaBold:
        return "F2";
    case PdfFont::Courier:
        return "F3";
    }
    return "F1";
}

// A PDF literal string: parentheses and backslashes escaped, anything unprintable as '?'.
std::string literal(std::string_view text)
{
    std::string out = "(";
    for (char c : text) {
        c = printable(c);
        if (c == '(' || c == ')' || c == '\\')
            out += '\\';
        out += c;
    }
    out += ')';
    return out;
}

std::string format(const char *pattern, auto... values)
{
    char buffer[256];
    const int n = std::snprintf(buffer, sizeof buffer, pattern, values...);
    return std::string(buffer, n < 0 ? 0 : static_cast<std::size_t>(n));
}

} // namespace

PdfWriter::Page &PdfWriter::current()
{
    if (m_pages.empty())
        beginPage(595, 842);
    return m_pages.back();
}

void PdfWriter::beginPage(int width, int height)
{
    m_pages.push_back(Page{width, height, {}});
}

void PdfWriter::text(PdfFont font, int size, int x, int y, std::string_view text)
{
    if (text.empty())
        return;
    current().content += format("BT /%s %d Tf %d %d Td ", fontName(font), size, x, y)
                         + literal(text) + " Tj ET\n";
}

void PdfWriter::textRight(PdfFont font, int size, int xRight, int y, std::string_view text)
{
    // Exact right edge: the width in AFM units is divided here, not rounded per character.
    const int units = textWidthUnits(font, text) * size;
    current().content += format("BT /%s %d Tf %d.%03d %d Td ", fontName(font), size,
                                (xRight * 1000 - units) / 1000, (xRight * 1000 - units) % 1000, y)
                         + literal(text) + " Tj ET\n";
}

void PdfWriter::line(int x1, int y1, int x2, int y2, int widthTenths)
{
    current().content += format("%d.%d w %d %d m %d %d l S\n", widthTenths / 10, widthTenths % 10,
                                x1, y1, x2, y2);
}

void PdfWriter::fillRect(int x, int y, int width, int height, int greyPercent)
{
    current().content += format("%d.%02d g %d %d %d %d re f 0 g\n", greyPercent / 100,
                                greyPercent % 100, x, y, width, height);
}

int PdfWriter::textWidthUnits(PdfFont font, std::string_view text)
{
    int units = 0;
    for (char c : text)
        units += charWidth(font, c);
    return units;
}

int PdfWriter::textWidth(PdfFont font, int size, std::string_view text)
{
    return (textWidthUnits(font, text) * size + 999) / 1000;
}

std::string PdfWriter::fit(PdfFont font, int size, std::string_view text, int width)
{
    if (textWidth(font, size, text) <= width)
        return std::string(text);
    const int ellipsis = textWidth(font, size, "...");
    std::string out;
    for (char c : text) {
        if (textWidth(font, size, out + c) + ellipsis > width)
            break;
        out += c;
    }
    return out + "...";
}

std::vector<std::uint8_t> PdfWriter::finish() const
{
    std::vector<Page> pages = m_pages;
    if (pages.empty())
        pages.push_back(Page{595, 842, {}});
    // Objects: 1 catalog, 2 page tree, 3-5 fonts, 6 info, then a page and its content each.
    const std::size_t objectCount = 6 + 2 * pages.size();
    std::vector<std::string> objects(objectCount + 1);
    std::string kids;
    for (std::size_t i = 0; i < pages.size(); ++i)
        kids += (i ? " " : "") + std::to_string(7 + 2 * i) + " 0 R";
    objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
    objects[2] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size())
                 + " >>";
    const auto font = [](const char *base) {
        return std::string("<< /Type /Font /Subtype /Type1 /BaseFont /") + base
               + " /Encoding /WinAnsiEncoding >>";
    };
    objects[3] = font("Helvetica");
    objects[4] = font("Helvetica-Bold");
    objects[5] = font("Courier");
    objects[6] = "<< /Title " + literal(m_title) + " /Producer (bwxd) >>";
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const Page &p = pages[i];
        objects[7 + 2 * i] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
                             + std::to_string(p.width) + " " + std::to_string(p.height)
                             + "] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >>"
                               " /Contents "
                             + std::to_string(8 + 2 * i) + " 0 R >>";
        objects[8 + 2 * i] = "<< /Length " + std::to_string(p.content.size()) + " >>\nstream\n"
                             + p.content + "endstream";
    }

    // The second line's bytes above 127 tell transfer tools that the file is binary.
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets(objectCount + 1, 0);
    for (std::size_t n = 1; n <= objectCount; ++n) {
        offsets[n] = out.size();
        out += std::to_string(n) + " 0 obj\n" + objects[n] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objectCount + 1) + "\n0000000000 65535 f \n";
    for (std::size_t n = 1; n <= objectCount; ++n)
        out += format("%010zu 00000 n \n", offsets[n]);
    out += "trailer\n<< /Size " + std::to_string(objectCount + 1)
           + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return {out.begin(), out.end()};
}

void PdfWriter::clear()
{
    m_pages.clear();
    m_title.clear();
}

} // namespace bwx::settlement
