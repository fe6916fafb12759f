// Reloading VRP and IRR data (and the configuration) revalidates exactly the affected routes,
// reports which changed state, notifies the listener the same way, and ends in the state a
// registry would have had with the new data from the start.
#include "registry_fixture.h"

#include <QTest>
#include <random>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

namespace {

const net::Address kAlphaV4 = addr("192.0.2.1");
const net::Address kBravoV4 = addr("192.0.2.2");

void announce(Registry &registry,
              MemberId member,
              const net::Address &peer,
              const RouteInput &route)
{
    const auto result = registry.announce(member, peer, route);
    if (!result)
        qFatal("announce: %s", result.error().c_str());
}

QStringList described(const std::vector<RouteChange> &changes)
{
    QStringList out;
    for (const RouteChange &change : changes)
        out << describe(change);
    return out;
}

} // namespace

class TestRegistryReload : public QObject
{
    Q_OBJECT

private slots:
    void vrpReload();
    void irrReload();
    void identicalReloadChangesNothing();
    void configReload();
    void reloadEqualsValidationFromScratch();
};

void TestRegistryReload::vrpReload()
{
    Registry registry(labConfig());
    addMembers(registry);
    registry.loadVrps(vrps("203.0.113.0/24-24 AS64500; 198.51.100.0/24-24 AS64509"));
    announce(registry, kAlpha, kAlphaV4,
             makeRoute("203.0.113.0/24", "64500", "192.0.2.1")); // valid
    announce(registry, kAlpha, kAlphaV4,
             makeRoute("198.51.100.0/24", "64500", "192.0.2.1")); // invalid
    announce(registry, kAlpha, kAlphaV4,
             makeRoute("11.0.0.0/8", "64500", "192.0.2.1")); // not found
    announce(registry, kBravo, kBravoV4,
             makeRoute("203.0.113.0/24", "64510", "192.0.2.2")); // invalid
    announce(registry, kBravo, kBravoV4,
             makeRoute("12.0.0.0/8", "64510", "192.0.2.2")); // not found
    // Enough routes elsewhere that alpha's session is revalidated route by route, not in one pass.
    for (int i = 0; i < 40; ++i)
        announce(registry, kAlpha, kAlphaV4,
                 makeRoute("13." + std::to_string(i) + ".0.0/16", "64500", "192.0.2.1"));
    RecordingListener listener;
    registry.setListener(&listener);

    // The ROA for 203.0.113.0/24 moves from AS64500 to AS64510; 198.51.100.0/24 is authorised
    // for AS64500; 12.0.0.0/8 gets an AS0 ROA.
    const ReloadReport report = registry.loadVrps(
        vrps("203.0.113.0/24-24 AS64510; 198.51.100.0/24-24 AS64500; 12.0.0.0/8-24 AS0"));
    const QStringList expected = {
        "1 192.0.2.1 198.51.100.0/24 invalid->valid none",
        "1 192.0.2.1 203.0.113.0/24 valid->invalid rpki-invalid",
        "2 192.0.2.2 12.0.0.0/8 valid->invalid rpki-invalid",
        "2 192.0.2.2 203.0.113.0/24 invalid->valid none",
    };
    QCOMPARE(described(report.changes), expected);
    QCOMPARE(described(listener.changes), expected);
    QVERIFY(report.changes[1].stoppedBeingValid());
    QVERIFY(report.changes[0].becameValid());
    QCOMPARE(nameOf(report.changes[0].rpkiBefore), nameOf(RpkiState::Invalid));
    QCOMPARE(nameOf(report.changes[0].rpkiAfter), nameOf(RpkiState::Valid));
    // Alpha's routes outside the changed VRPs were not looked at; bravo's two were checked in
    // one pass (a walk per changed VRP would cost more than that).
    QCOMPARE(report.routesChecked, std::uint64_t(4));
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
    QCOMPARE(registry.counters(kAlpha).rejectedByReason[std::size_t(Reason::RpkiInvalid)],
             std::uint64_t(1));
}

void TestRegistryReload::irrReload()
{
    Registry registry(labConfig());
    addMembers(registry);
    announce(registry, kAlpha, kAlphaV4, makeRoute("203.0.113.0/24", "64500", "192.0.2.1"));
    announce(registry, kAlpha, kAlphaV4, makeRoute("11.1.0.0/16", "64500", "192.0.2.1"));
    announce(registry, kBravo, kBravoV4, makeRoute("11.2.0.0/16", "64510", "192.0.2.2"));
    QCOMPARE(registry.counters(kAlpha).accepted, std::uint64_t(2));

    // Objects for 11.0.0.0/8 registered to AS64500 make bravo's more specific IRR-invalid.
    const auto parsed = parseRpsl("route: 11.0.0.0/8\norigin: AS64500\n");
    QVERIFY(parsed.ok());
    ReloadReport report = registry.loadIrr(parsed.value());
    // Alpha's more specific changes IRR state (not found -> valid) without changing status.
    const QStringList expected = {"1 192.0.2.1 11.1.0.0/16 valid->valid none",
                                  "2 192.0.2.2 11.2.0.0/16 valid->invalid irr-invalid"};
    QCOMPARE(described(report.changes), expected);
    QCOMPARE(nameOf(report.changes[0].irrAfter), nameOf(IrrState::Valid));

    // The operator also registers bravo's route: it becomes valid again; alpha's stays valid.
    report = registry.loadIrr(irr("11.0.0.0/8 AS64500; 11.2.0.0/16 AS64510"));
    QCOMPARE(described(report.changes), QStringList{"2 192.0.2.2 11.2.0.0/16 invalid->valid none"});

    // Registering a route's exact prefix changes its IRR state from NotFound to Valid: a state
    // change without a status change is reported too.
    report
        = registry.loadIrr(irr("11.0.0.0/8 AS64500; 11.2.0.0/16 AS64510; 203.0.113.0/24 AS64500"));
    QCOMPARE(report.changes.size(), std::size_t(1));
    QCOMPARE(nameOf(report.changes[0].irrBefore), nameOf(IrrState::NotFound));
    QCOMPARE(nameOf(report.changes[0].irrAfter), nameOf(IrrState::Valid));
    QCOMPARE(nameOf(report.changes[0].after), nameOf(RouteStatus::Valid));
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryReload::identicalReloadChangesNothing()
{
    Registry registry(labConfig());
    addMembers(registry);
    registry.loadVrps(vrps("203.0.113.0/24-24 AS64500"));
    announce(registry, kAlpha, kAlphaV4, makeRoute("203.0.113.0/24", "64500", "192.0.2.1"));
    const std::uint64_t before = registry.stateHash();
    const ReloadReport report = registry.loadVrps(vrps("203.0.113.0/24-24 AS64500"));
    QVERIFY(report.changes.empty());
    QCOMPARE(report.routesChecked, std::uint64_t(0));
    QCOMPARE(registry.stateHash(), before);
}

void TestRegistryReload::configReload()
{
    Registry registry(labConfig());
    addMembers(registry);
    announce(registry, kAlpha, kAlphaV4, makeRoute("203.0.113.0/24", "64500", "192.0.2.1"));
    announce(registry, kAlpha, kAlphaV4, makeRoute("11.0.0.0/8", "64500", "192.0.2.1"));
    RegistryConfig config = labConfig();
    config.allowDocumentationPrefixes = false;
    auto report = registry.setConfig(config);
    QVERIFY(report.hasValue());
    QCOMPARE(described(report->changes),
             QStringList{"1 192.0.2.1 203.0.113.0/24 valid->invalid bogon"});
    config.allowDocumentationPrefixes = true;
    report = registry.setConfig(config);
    QCOMPARE(described(report->changes),
             QStringList{"1 192.0.2.1 203.0.113.0/24 invalid->valid none"});
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryReload::reloadEqualsValidationFromScratch()
{
    // Routes announced first and VRP/IRR sets reloaded several times must end exactly where a
    // registry that had the last data sets from the start ends: same verdicts, same counters,
    // same hash. Any route the targeted revalidation misses breaks the equality.
    std::mt19937 rng(6811);
    const auto draw = [&](std::uint32_t n) {
        return static_cast<std::uint32_t>(rng() % n);
    };
    const auto randomPrefix = [&] {
        // Everything inside 11.0.0.0/8, so prefixes nest and VRPs overlap routes.
        const int length = 8 + int(draw(17));
        const std::uint32_t bits = (0x0b000000u | draw(1u << 24)) & ~((1u << (32 - length)) - 1u);
        return net::Prefix::makeTruncating(net::Address::v4(bits), length);
    };
    const auto randomVrps = [&] {
        std::vector<Vrp> list;
        for (int i = 0; i < 150; ++i) {
            const net::Prefix prefix = randomPrefix();
            const int maxLength = prefix.length() + int(draw(std::uint32_t(33 - prefix.length())));
            const std::uint32_t asn = draw(8) == 0 ? 0 : 64500 + draw(3);
            list.push_back({prefix, asn, static_cast<std::uint8_t>(maxLength)});
        }
        return std::move(*VrpSet::make(std::move(list)));
    };
    const auto randomIrr = [&] {
        std::vector<IrrRoute> list;
        for (int i = 0; i < 100; ++i)
            list.push_back({randomPrefix(), 64500 + draw(3)});
        return IrrSet::make(std::move(list));
    };
    std::vector<RouteInput> routes;
    for (int i = 0; i < 600; ++i) {
        const std::uint32_t origin = 64500 + draw(3);
        routes.push_back(
            makeRoute(randomPrefix().toString(), "64500 " + std::to_string(origin), "192.0.2.1"));
    }

    RegistryConfig config = labConfig();
    config.irr.rejectNotFound = true; // more state changes to get right
    Registry reloaded(config);
    addMembers(reloaded);
    for (const RouteInput &route : routes)
        announce(reloaded, kAlpha, kAlphaV4, route);
    VrpSet lastVrps;
    IrrSet lastIrr;
    std::size_t changes = 0;
    for (int round = 0; round < 6; ++round) {
        lastVrps = randomVrps();
        lastIrr = randomIrr();
        changes += reloaded.loadVrps(lastVrps).changes.size();
        changes += reloaded.loadIrr(lastIrr).changes.size();
        QCOMPARE(QString::fromStdString(reloaded.checkInvariants()), QString());
    }
    QVERIFY2(changes > 100, "the random data sets must actually change verdicts");

    Registry fresh(config);
    addMembers(fresh);
    fresh.loadVrps(lastVrps);
    fresh.loadIrr(lastIrr);
    for (const RouteInput &route : routes)
        announce(fresh, kAlpha, kAlphaV4, route);
    QCOMPARE(reloaded.stateHash(), fresh.stateHash());
}

QTEST_APPLESS_MAIN(TestRegistryReload)
#include "tst_registry_reload.moc"
