#pragma once
// A minimal PDF 1.4 writer for statements: pages of text, lines and grey boxes, with the
// standard Type 1 fonts every PDF reader has built in (Helvetica, Helvetica-Bold, Courier), so
// nothing needs embedding and the file renders anywhere.
//
// The output is a pure function of the calls made: no dates, no random ids, coordinates in
// whole points. Two runs with the same content give the same bytes, which is what lets a
// recomputed statement be compared byte for byte.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::settlement {

enum class PdfFont : std::uint8_t { Helvetica, HelveticaBold, Courier };

class PdfWriter
{
public:
    // Sizes in points (1/72 inch); A4 portrait is 595 x 842.
    void beginPage(int width, int height);
    // Text with its baseline starting at (x, y), y counted from the bottom of the page. Bytes
    // outside printable ASCII are shown as '?' (the standard fonts have no Unicode mapping).
    void text(PdfFont font, int size, int x, int y, std::string_view text);
    // Text ending at x (right-aligned numbers).
    void textRight(PdfFont font, int size, int xRight, int y, std::string_view text);
    void line(int x1, int y1, int x2, int y2, int widthTenths = 5);
    // A filled rectangle in grey (0 black .. 100 white).
    void fillRect(int x, int y, int width, int height, int greyPercent);

    void setTitle(std::string title) { m_title = std::move(title); }
    std::size_t pageCount() const noexcept { return m_pages.size(); }

    // The whole file. The writer can be used again afterwards only after clear().
    std::vector<std::uint8_t> finish() const;
    void clear();

    // Width of `text` in thousandths of a point at size 1 (AFM units): multiply by size/1000.
    static int textWidthUnits(PdfFont font, std::string_view text);
    // Width in points, rounded up.
    static int textWidth(PdfFont font, int size, std::string_view text);
    // The longest prefix of `text` (with "..." appended when cut) that fits `width` points.
    static std::string fit(PdfFont font, int size, std::string_view text, int width);

private:
    struct Page
    {
        int width = 0;
        int height = 0;
        std::string content;
    };
    Page &current();

    std::vector<Page> m_pages;
    std::string m_title;
};

} // namespace bwx::settlement
