// RFC 6811 origin validation outcomes, including maxLength boundaries, AS0 ROAs and the
// unknown origin of a path ending in an AS_SET; and the IRR coverage rule.
#include "registry_fixture.h"

#include <QTest>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

class TestRpkiValidation : public QObject
{
    Q_OBJECT

private slots:
    void outcomes_data();
    void outcomes();
    void throughTheRegistry();
    void irrOutcomes_data();
    void irrOutcomes();
};

void TestRpkiValidation::outcomes_data()
{
    QTest::addColumn<QString>("vrpList");
    QTest::addColumn<QString>("route");
    QTest::addColumn<qint64>("origin"); // -1: NONE
    QTest::addColumn<int>("state");

    const int valid = int(RpkiState::Valid);
    const int invalid = int(RpkiState::Invalid);
    const int notFound = int(RpkiState::NotFound);

    QTest::newRow("exact match") << "203.0.113.0/24-24 AS64500"
                                 << "203.0.113.0/24" << 64500ll << valid;
    QTest::newRow("wrong origin") << "203.0.113.0/24-24 AS64500"
                                  << "203.0.113.0/24" << 64501ll << invalid;
    QTest::newRow("no covering VRP") << "203.0.113.0/24-24 AS64500"
                                     << "198.51.100.0/24" << 64500ll << notFound;
    QTest::newRow("VRP more specific than route does not cover it")
        << "203.0.113.0/24-24 AS64500"
        << "203.0.0.0/16" << 64500ll << notFound;
    QTest::newRow("more specific within maxLength") << "203.0.0.0/16-24 AS64500"
                                                    << "203.0.113.0/24" << 64500ll << valid;
    QTest::newRow("more specific beyond maxLength") << "203.0.113.0/24-24 AS64500"
                                                    << "203.0.113.0/25" << 64500ll << invalid;
    QTest::newRow("maxLength boundary: equal") << "203.0.112.0/22-23 AS64500"
                                               << "203.0.112.0/23" << 64500ll << valid;
    QTest::newRow("maxLength boundary: one longer") << "203.0.112.0/22-23 AS64500"
                                                    << "203.0.113.0/24" << 64500ll << invalid;
    QTest::newRow("VRP beside the route does not cover it")
        << "203.0.113.0/24-24 AS64500"
        << "203.0.112.0/24" << 64500ll << notFound;
    QTest::newRow("one of several VRPs matches")
        << "203.0.0.0/16-16 AS64501; 203.0.113.0/24-24 AS64502; 203.0.0.0/16-24 AS64500"
        << "203.0.113.0/24" << 64500ll << valid;
    QTest::newRow("covering VRP of origin too short, other origin long enough")
        << "203.0.0.0/16-16 AS64500; 203.0.0.0/16-24 AS64501"
        << "203.0.113.0/24" << 64500ll << invalid;
    QTest::newRow("AS0 ROA makes covered routes invalid") << "203.0.0.0/16-24 AS0"
                                                          << "203.0.113.0/24" << 64500ll << invalid;
    QTest::newRow("AS0 ROA never matches origin 0") << "203.0.0.0/16-24 AS0"
                                                    << "203.0.113.0/24" << 0ll << invalid;
    QTest::newRow("AS0 ROA next to a real one") << "203.0.0.0/16-24 AS0; 203.0.113.0/24-24 AS64500"
                                                << "203.0.113.0/24" << 64500ll << valid;
    QTest::newRow("AS0 ROA for the whole space") << "0.0.0.0/0-32 AS0"
                                                 << "198.51.100.0/24" << 64500ll << invalid;
    QTest::newRow("origin NONE covered") << "203.0.113.0/24-24 AS64500"
                                         << "203.0.113.0/24" << -1ll << invalid;
    QTest::newRow("origin NONE not covered") << "203.0.113.0/24-24 AS64500"
                                             << "198.51.100.0/24" << -1ll << notFound;
    QTest::newRow("IPv6 within maxLength") << "2001:db8::/32-48 AS64500"
                                           << "2001:db8:1::/48" << 64500ll << valid;
    QTest::newRow("IPv6 beyond maxLength") << "2001:db8::/32-48 AS64500"
                                           << "2001:db8:1::/49" << 64500ll << invalid;
    QTest::newRow("families do not mix") << "0.0.0.0/0-32 AS0"
                                         << "2001:db8::/32" << 64500ll << notFound;
    QTest::newRow("32-bit origin") << "203.0.113.0/24-24 AS4200000000"
                                   << "203.0.113.0/24" << 4200000000ll << valid;
    QTest::newRow("empty VRP set") << ""
                                   << "203.0.113.0/24" << 64500ll << notFound;
}

void TestRpkiValidation::outcomes()
{
    QFETCH(QString, vrpList);
    QFETCH(QString, route);
    QFETCH(qint64, origin);
    QFETCH(int, state);
    const RpkiValidator validator(vrps(vrpList.toStdString()));
    const std::optional<std::uint32_t> originAsn
        = origin < 0 ? std::nullopt : std::optional(std::uint32_t(origin));
    QCOMPARE(nameOf(validator.validate(pfx(route.toStdString()), originAsn)),
             nameOf(RpkiState(state)));
}

void TestRpkiValidation::throughTheRegistry()
{
    // The same outcomes reach the stored route, with the AS_SET origin of RouteInput.
    Registry registry(labConfig());
    addMembers(registry);
    registry.loadVrps(vrps("203.0.0.0/16-24 AS64502"));
    const net::Address router = addr("192.0.2.1");
    const auto set = registry.announce(kAlpha, router,
                                       makeRoute("203.0.113.0/24", "64500 {64502}", "192.0.2.1"));
    QCOMPARE(nameOf(set->rpki), nameOf(RpkiState::Invalid));
    const auto sequence = registry.announce(
        kAlpha, router, makeRoute("203.0.112.0/24", "64500 64502", "192.0.2.1"));
    QCOMPARE(nameOf(sequence->rpki), nameOf(RpkiState::Valid));
    const auto beyond = registry.announce(
        kAlpha, router, makeRoute("203.0.114.0/24", "64500 64502 64503", "192.0.2.1"));
    QCOMPARE(nameOf(beyond->rpki), nameOf(RpkiState::Invalid));
    QCOMPARE(nameOf(beyond->reason), nameOf(Reason::RpkiInvalid));
    const auto view = registry.route(kAlpha, router, pfx("203.0.114.0/24"));
    QVERIFY2(
        QString::fromStdString(view->reasonText).contains(QLatin1String("203.0.0.0/16-24 AS64502")),
        view->reasonText.c_str());
}

void TestRpkiValidation::irrOutcomes_data()
{
    QTest::addColumn<QString>("objects");
    QTest::addColumn<QString>("route");
    QTest::addColumn<qint64>("origin");
    QTest::addColumn<bool>("moreSpecifics");
    QTest::addColumn<int>("state");

    const int valid = int(IrrState::Valid);
    const int invalid = int(IrrState::Invalid);
    const int notFound = int(IrrState::NotFound);
    QTest::newRow("exact object") << "203.0.113.0/24 AS64500"
                                  << "203.0.113.0/24" << 64500ll << true << valid;
    QTest::newRow("exact object, other origin") << "203.0.113.0/24 AS64501"
                                                << "203.0.113.0/24" << 64500ll << true << invalid;
    QTest::newRow("more specific of an object") << "203.0.0.0/16 AS64500"
                                                << "203.0.113.0/24" << 64500ll << true << valid;
    QTest::newRow("more specific, exact only") << "203.0.0.0/16 AS64500"
                                               << "203.0.113.0/24" << 64500ll << false << notFound;
    QTest::newRow("exact only, exact object") << "203.0.113.0/24 AS64500"
                                              << "203.0.113.0/24" << 64500ll << false << valid;
    QTest::newRow("less specific route than the object")
        << "203.0.113.0/24 AS64500"
        << "203.0.0.0/16" << 64500ll << true << notFound;
    QTest::newRow("any of several objects") << "203.0.0.0/16 AS64501; 203.0.113.0/24 AS64500"
                                            << "203.0.113.0/24" << 64500ll << true << valid;
    QTest::newRow("covering object with the origin, exact with another")
        << "203.0.0.0/16 AS64500; 203.0.113.0/24 AS64501"
        << "203.0.113.0/24" << 64500ll << true << valid;
    QTest::newRow("unknown origin never valid") << "203.0.113.0/24 AS64500"
                                                << "203.0.113.0/24" << -1ll << true << invalid;
    QTest::newRow("route6") << "2001:db8::/32 AS64500"
                            << "2001:db8:1::/48" << 64500ll << true << valid;
}

void TestRpkiValidation::irrOutcomes()
{
    QFETCH(QString, objects);
    QFETCH(QString, route);
    QFETCH(qint64, origin);
    QFETCH(bool, moreSpecifics);
    QFETCH(int, state);
    const IrrValidator validator(irr(objects.toStdString()));
    const std::optional<std::uint32_t> originAsn
        = origin < 0 ? std::nullopt : std::optional(std::uint32_t(origin));
    QCOMPARE(nameOf(validator.validate(pfx(route.toStdString()), originAsn, moreSpecifics)),
             nameOf(IrrState(state)));
}

QTEST_APPLESS_MAIN(TestRpkiValidation)
#include "tst_rpki_validation.moc"
