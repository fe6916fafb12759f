// Statements: golden CSV and text files for a month of synthetic usage over three trades
// (over-use, a partial delivery period, under-use, a credit), byte-identical on recomputation
// and independent of the order trades and flows arrive in.
//
// BWX_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing (review the diff!).
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include "bwx/settlement/pdf_writer.h"
#include "bwx/settlement/statement.h"
#include "bwx/settlement/statement_pdf.h"
#include "test_support.h"

#include <algorithm>
#include <random>

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::test;

namespace {

const Timestamp kPeriodStart = Timestamp::fromSeconds(1'793'491'200); // 2026-11-01T00:00:00Z
const Timestamp kPeriodEnd = kPeriodStart + seconds(30 * 86400);
constexpr std::int64_t kBins = 8640;

TradeTerms trade(std::uint64_t id,
                 std::uint32_t buyer,
                 std::uint32_t seller,
                 std::string_view dest,
                 std::int64_t mbit,
                 std::int64_t priceMicro,
                 Timestamp from,
                 Timestamp to)
{
    TradeTerms t;
    t.id = TradeId(id);
    t.buyer = MemberId(buyer);
    t.seller = MemberId(seller);
    t.destination = prefix(dest);
    t.committed = mbps(mbit);
    t.price = Price(priceMicro);
    t.deliveryStart = from;
    t.deliveryEnd = to;
    return t;
}

std::vector<TradeTerms> trades()
{
    return {
        trade(101, 1, 2, "203.0.113.0/24", 100, 2'500'000, kPeriodStart - seconds(86400),
              kPeriodEnd + seconds(86400)),
        trade(102, 1, 3, "198.51.100.0/24", 50, 4'000'000, kPeriodStart + seconds(10 * 86400),
              kPeriodEnd),
        trade(103, 4, 2, "2001:db8:100::/48", 10, 3'000'000, kPeriodStart, kPeriodEnd),
    };
}

// A flow per bin and direction whose bytes give a chosen rate in that bin.
struct Usage
{
    FlowRecord flow;
    Attribution attribution;
};

std::uint64_t bytesFor(std::int64_t kbit)
{
    return std::uint64_t(kbit) * 1000 * 300 / 8;
}

std::vector<Usage> usage()
{
    std::vector<Usage> u;
    const auto add = [&](std::uint64_t trade, Direction dir, std::int64_t bin, std::uint64_t bytes,
                         std::int64_t offset, std::int64_t length) {
        Usage x;
        x.flow.bytes = bytes;
        x.flow.start = binStart(binOf(kPeriodStart) + bin) + seconds(offset);
        x.flow.end = x.flow.start + seconds(length);
        x.attribution.attributed = true;
        x.attribution.trade = TradeId(trade);
        x.attribution.direction = dir;
        u.push_back(x);
    };
    for (std::int64_t i = 0; i < kBins; ++i) {
        // Trade 101: 80..139 Mbit/s in a repeating pattern, return traffic a quarter of it.
        const std::int64_t r1 = 80'000 + (i * 37 % 60) * 1000;
        add(101, Direction::ToDestination, i, bytesFor(r1), 0, 0);
        add(101, Direction::FromDestination, i, bytesFor(r1 / 4), 10, 0);
        // Trade 102: 30 Mbit/s with a 55 Mbit/s hour each day, flows spanning two bins.
        const std::int64_t r2 = (i % 288) < 12 ? 55'000 : 30'000;
        add(102, Direction::ToDestination, i, bytesFor(r2), 150, 300);
        // Trade 103: about 1 Mbit/s, traffic in every third bin only.
        if (i % 3 == 0)
            add(103, Direction::ToDestination, i, bytesFor(1'200 + i % 7), 20, 100);
    }
    return u;
}

std::vector<Credit> credits()
{
    return {{TradeId(101), wholeUnits(10), "SLA: latency above limit on 2026-11-12"}};
}

std::vector<Statement> build(std::vector<TradeTerms> t, std::vector<Usage> u)
{
    UsageAccumulator acc;
    for (const Usage &x : u)
        acc.add(x.flow, x.attribution);
    StatementConfig c;
    c.periodStart = kPeriodStart;
    c.periodEnd = kPeriodEnd;
    auto s = buildStatements(t, acc, credits(), c);
    if (!s)
        qFatal("%s", s.error().c_str());
    return *s;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Every literal string drawn in a PDF's content, unescaped (the writer compresses nothing).
QStringList pdfStrings(const std::vector<std::uint8_t> &pdf)
{
    QStringList strings;
    QString current;
    bool inside = false;
    for (std::size_t i = 0; i < pdf.size(); ++i) {
        const char c = static_cast<char>(pdf[i]);
        if (!inside) {
            inside = c == '(';
        } else if (c == '\\' && i + 1 < pdf.size()) {
            current += QLatin1Char(static_cast<char>(pdf[++i]));
        } else if (c == ')') {
            strings << current;
            current.clear();
            inside = false;
        } else {
            current += QLatin1Char(c);
        }
    }
    return strings;
}

} // namespace

class TestStatement : public QObject
{
    Q_OBJECT

private slots:
    void golden();
    void orderIndependent();
    void figures();
    void cancelledTrade();
    void cancelledTradePdf_data();
    void cancelledTradePdf();
    void badConfig();
};

void TestStatement::golden()
{
    const std::vector<Statement> statements = build(trades(), usage());
    QCOMPARE(statements.size(), std::size_t(4));
    const QString dir
        = qEnvironmentVariable("BWX_SOURCE_DIR") + QStringLiteral("/tests/data/settlement/");
    const bool update = qEnvironmentVariableIsSet("BWX_UPDATE_GOLDEN");
    std::string text;
    for (const Statement &s : statements) {
        const QString name = dir + QStringLiteral("statement_member_%1.csv").arg(s.member.value());
        const std::string csv = toCsv(s);
        text += toText(s);
        if (update) {
            QFile f(name);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(csv.data(), qint64(csv.size()));
        } else {
            QCOMPARE(QByteArray::fromStdString(csv), readFile(name));
        }
    }
    const QString textName = dir + QStringLiteral("statements.txt");
    if (update) {
        QFile f(textName);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text.data(), qint64(text.size()));
    } else {
        QCOMPARE(QByteArray::fromStdString(text), readFile(textName));
    }
}

void TestStatement::orderIndependent()
{
    auto t = trades();
    auto u = usage();
    std::mt19937_64 rng(99);
    std::shuffle(t.begin(), t.end(), rng);
    std::shuffle(u.begin(), u.end(), rng);
    const auto a = build(trades(), usage());
    const auto b = build(t, u);
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(toCsv(a[i]), toCsv(b[i]));
        QCOMPARE(toText(a[i]), toText(b[i]));
    }
}

void TestStatement::figures()
{
    // Checked by hand, independently of the golden files.
    const auto s = build(trades(), usage());
    const Statement &buyer = s[0];
    QCOMPARE(buyer.member, MemberId(1));
    QCOMPARE(buyer.lines.size(), std::size_t(2));
    const StatementLine &l1 = buyer.lines[0];
    QCOMPARE(l1.trade, TradeId(101));
    QCOMPARE(l1.samples, kBins);
    // 8640 bins cycle through 60 rates 80..139 Mbit/s, 144 times each; dropping the top 432
    // (three rates) leaves 136 Mbit/s as the 95th.
    QCOMPARE(l1.p95ToDestination, mbps(136));
    QCOMPARE(l1.p95FromDestination, mbps(34));
    QCOMPARE(l1.p95, mbps(136));
    QVERIFY(l1.usage == UsageFlag::Over);
    QCOMPARE(l1.amount, Money(250'000'000));     // 100 Mbit/s × 2.50 × 1 month
    QCOMPARE(l1.overagePrice, Price(3'750'000)); // 150 %
    QCOMPARE(l1.overage, Money(135'000'000));    // 36 Mbit/s × 3.75
    QCOMPARE(l1.credits, wholeUnits(10));
    QCOMPARE(l1.net, Money(375'000'000));
    const StatementLine &l2 = buyer.lines[1];
    QCOMPARE(l2.samples, std::int64_t(20 * 288));
    QCOMPARE(l2.from, kPeriodStart + seconds(10 * 86400));
    QCOMPARE(l2.amount, Money(4'000'000LL * 50 * 20 / 30)); // 20 of 30 days
    const Statement &small = s[3];
    QCOMPARE(small.member, MemberId(4));
    QVERIFY(small.lines[0].usage == UsageFlag::Under);
    QCOMPARE(small.lines[0].overage, Money(0));
    const Statement &seller = s[1];
    QCOMPARE(seller.member, MemberId(2));
    QCOMPARE(seller.payable, Money(0));
    QCOMPARE(seller.receivable, l1.net + small.lines[0].net);
}

void TestStatement::cancelledTrade()
{
    // Cancelled ten days into the period: billed for those ten days, marked in every rendering.
    TradeTerms t = trade(104, 5, 6, "192.0.2.0/24", 30, 3'000'000, kPeriodStart - seconds(86400),
                         kPeriodStart + seconds(10 * 86400));
    t.cancelled = true;
    const auto s = build({t}, {});
    QCOMPARE(s.size(), std::size_t(2));
    const StatementLine &line = s[0].lines.at(0);
    QCOMPARE(line.to, kPeriodStart + seconds(10 * 86400));
    QCOMPARE(line.amount, Money(3'000'000LL * 30 * 10 / 30));
    QCOMPARE(line.destinationLabel, std::string("192.0.2.0/24 (cancelled)"));
    QVERIFY(toCsv(s[0]).find("192.0.2.0/24 (cancelled)") != std::string::npos);
    QVERIFY(toText(s[1]).find("192.0.2.0/24 (cancelled)") != std::string::npos);
    t.cancelled = false;
    QCOMPARE(build({t}, {})[0].lines.at(0).destinationLabel, std::string("192.0.2.0/24"));
}

void TestStatement::cancelledTradePdf_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("label"); // an origin AS instead of the prefix when set
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<QString>("cell"); // the Destination column, 80 points of 7-point Helvetica

    QTest::newRow("IPv4 /8") << "10.0.0.0/8" << "" << true << "10.0.0.0/8 *";
    QTest::newRow("origin AS label") << "0.0.0.0/0" << "AS64500" << true << "AS64500 *";
    QTest::newRow("IPv4 /24") << "203.0.113.0/24" << "" << true << "203.0.113.0/24 *";
    QTest::newRow("IPv6 /48") << "2001:db8:99::/48" << "" << true << "2001:db8:99::/48 *";
    // Too long for the column even unmarked: the destination is shortened, never the mark.
    QTest::newRow("long IPv6: shortened before the mark")
        << "2001:db8:1234:5678:9abc:def0:1234:0/112" << "" << true
        << "2001:db8:1234:5678:... *";
    QTest::newRow("not cancelled: no mark") << "203.0.113.0/24" << "" << false
                                            << "203.0.113.0/24";
}

void TestStatement::cancelledTradePdf()
{
    QFETCH(QString, destination);
    QFETCH(QString, label);
    QFETCH(bool, cancelled);
    QFETCH(QString, cell);
    TradeTerms t = trade(104, 5, 6, destination.toStdString(), 30, 3'000'000, kPeriodStart,
                         kPeriodStart + seconds(10 * 86400));
    t.label = label.toStdString();
    t.cancelled = cancelled;
    const auto s = build({t}, {});
    QCOMPARE(s.size(), std::size_t(2));
    for (const Statement &member : s) {
        const QStringList strings = pdfStrings(toPdf(member, {}, {}));
        QVERIFY2(strings.contains(cell), qPrintable(strings.join(QLatin1Char('|'))));
        QVERIFY(PdfWriter::textWidth(PdfFont::Helvetica, 7, cell.toStdString()) <= 80);
        // The note under the table explains the mark, and only when there is one.
        QCOMPARE(strings.filter(QStringLiteral("Trade cancelled during delivery")).size(),
                 cancelled ? 1 : 0);
        QCOMPARE(strings.filter(QRegularExpression(QStringLiteral(" \\*$"))).size(),
                 cancelled ? 1 : 0);
    }
}

void TestStatement::badConfig()
{
    UsageAccumulator acc;
    StatementConfig c;
    c.periodStart = kPeriodEnd;
    c.periodEnd = kPeriodStart;
    QVERIFY(!buildStatements(trades(), acc, {}, c).hasValue());
    c.periodStart = kPeriodStart;
    c.periodEnd = kPeriodEnd;
    c.overagePercent = -1;
    QVERIFY(!buildStatements(trades(), acc, {}, c).hasValue());
    std::vector<TradeTerms> huge = trades();
    huge[0].price = Price(std::int64_t(1) << 62);
    c.overagePercent = 150;
    QVERIFY(!buildStatements(huge, acc, {}, c).hasValue());
}

QTEST_APPLESS_MAIN(TestStatement)
#include "tst_statement.moc"
