// One malformed UPDATE per row of the RFC 7606 decision table (error_handling.h): the decoder
// must reach exactly that row and apply its action. A row without a case fails the test, so the
// table cannot grow untested.
#include <QFile>
#include <QTest>

#include "bgp_test_util.h"
#include "bwx/bgp/codec.h"

#include <map>

using namespace bwx::bgp;
using namespace bwx::bgp::test;

namespace {

struct Case
{
    Bytes body;
    SessionParameters session;
};

// What the RFCs say, written down independently of the table under test: the action, and the
// UPDATE Message Error subcode when the session is reset.
struct Verdict
{
    ErrorAction action;
    int subcode = 0;
};

SessionParameters ebgp()
{
    SessionParameters s;
    s.ipv6Unicast = true;
    return s;
}

SessionParameters ibgp()
{
    SessionParameters s = ebgp();
    s.external = false;
    return s;
}

SessionParameters oldSpeaker()
{
    SessionParameters s = ebgp();
    s.fourOctetAs = false;
    return s;
}

const Bytes kNlri = prefix4(0xc6336400, 24); // 198.51.100.0/24
const Bytes kOldAttrs = cat({originAttr(), asPathAttr2({64500, 23456}), nextHopAttr(0xc0000201)});

Case withAttr(const Bytes &extra, SessionParameters s = ebgp())
{
    return {updateBody({}, cat({basicAttrs(), extra}), kNlri), s};
}

Case oldWithAttr(const Bytes &extra)
{
    return {updateBody({}, cat({kOldAttrs, extra}), kNlri), oldSpeaker()};
}

Bytes mpReach(std::uint16_t afi, std::uint8_t nhLength, const Bytes &nh, const Bytes &nlri)
{
    return attribute(0x90, 14, cat({u16(afi), {1, nhLength}, nh, {0}, nlri}));
}

const Bytes kNh6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

// Keyed by (type, fault, kind) of the row.
using Key = std::tuple<int, int, int>;

Key key(std::uint8_t type, AttributeFault f, ErrorRule::Kind k = ErrorRule::Kind::Any)
{
    return {type, static_cast<int>(f), static_cast<int>(k)};
}

std::map<Key, Verdict> verdicts()
{
    using F = AttributeFault;
    using K = ErrorRule::Kind;
    const Verdict taw{ErrorAction::TreatAsWithdraw};
    const Verdict discard{ErrorAction::AttributeDiscard};
    std::map<Key, Verdict> v;
    v[key(kMessageField, F::Overrun)] = {ErrorAction::SessionReset, 1};
    v[key(kMessageField, F::InvalidNlri)] = {ErrorAction::SessionReset, 10};
    v[key(kAnyAttribute, F::Overrun)] = taw;
    v[key(kAnyAttribute, F::Duplicate)] = discard;
    v[key(kAnyAttribute, F::FlagsConflict)] = taw;
    v[key(kAnyAttribute, F::Unrecognized, K::WellKnown)] = {ErrorAction::SessionReset, 2};
    v[key(kAnyAttribute, F::Unrecognized, K::OptionalTransitive)] = {ErrorAction::None};
    v[key(kAnyAttribute, F::Unrecognized, K::OptionalNonTransitive)] = discard;
    for (std::uint8_t t : {attr::Origin, attr::AsPath, attr::NextHop})
        v[key(t, F::Missing)] = taw;
    v[key(attr::Origin, F::BadLength)] = taw;
    v[key(attr::Origin, F::BadValue)] = taw;
    v[key(attr::AsPath, F::BadLength)] = taw;
    v[key(attr::AsPath, F::BadValue)] = taw;
    v[key(attr::AsPath, F::AsZero)] = taw;
    v[key(attr::NextHop, F::BadLength)] = taw;
    v[key(attr::NextHop, F::BadValue)] = taw;
    v[key(attr::MultiExitDisc, F::BadLength)] = taw;
    v[key(attr::LocalPref, F::NotAllowedFromPeer)] = discard;
    v[key(attr::LocalPref, F::BadLength)] = taw;
    v[key(attr::AtomicAggregate, F::BadLength)] = discard;
    v[key(attr::Aggregator, F::BadLength)] = discard;
    v[key(attr::Aggregator, F::AsZero)] = discard;
    v[key(attr::Communities, F::BadLength)] = taw;
    v[key(attr::OriginatorId, F::NotAllowedFromPeer)] = discard;
    v[key(attr::OriginatorId, F::BadLength)] = taw;
    v[key(attr::ClusterList, F::NotAllowedFromPeer)] = discard;
    v[key(attr::ClusterList, F::BadLength)] = taw;
    for (std::uint8_t t : {attr::MpReachNlri, attr::MpUnreachNlri}) {
        v[key(t, F::Duplicate)] = {ErrorAction::SessionReset, 1};
        v[key(t, F::Overrun)] = {ErrorAction::SessionReset, 1};
        v[key(t, F::BadLength)] = {ErrorAction::SessionReset, 9};
        v[key(t, F::InvalidNlri)] = {ErrorAction::SessionReset, 9};
        v[key(t, F::UnsupportedFamily)] = discard;
    }
    v[key(attr::MpReachNlri, F::BadValue)] = taw;
    for (F f : {F::BadLength, F::BadValue, F::AsZero, F::NotAllowedFromPeer})
        v[key(attr::As4Path, f)] = discard;
    for (F f : {F::BadLength, F::AsZero, F::NotAllowedFromPeer})
        v[key(attr::As4Aggregator, f)] = discard;
    v[key(attr::LargeCommunities, F::BadLength)] = taw;
    return v;
}

std::map<Key, Case> cases()
{
    using F = AttributeFault;
    using K = ErrorRule::Kind;
    std::map<Key, Case> c;
    c[key(kMessageField, F::Overrun)] = {cat({u16(50), {1, 2}}), ebgp()};
    c[key(kMessageField, F::InvalidNlri)] = {updateBody({}, basicAttrs(), {33, 1, 2, 3, 4, 5}),
                                             ebgp()};
    // MULTI_EXIT_DISC claiming 10 bytes where 4 remain.
    c[key(kAnyAttribute, F::Overrun)] = withAttr({0x80, 4, 10, 0, 0, 0, 1});
    c[key(kAnyAttribute, F::Duplicate)] = withAttr(
        cat({attribute(0x80, 4, u32(1)), attribute(0x80, 4, u32(2))}));
    c[key(kAnyAttribute, F::FlagsConflict)] = {
        updateBody({}, cat({attribute(0xc0, 1, {0}), asPathAttr4({64500}), nextHopAttr(0xc0000201)}),
                   kNlri),
        ebgp()};
    c[key(kAnyAttribute, F::Unrecognized, K::WellKnown)] = withAttr(attribute(0x40, 150, {1}));
    c[key(kAnyAttribute, F::Unrecognized, K::OptionalTransitive)] = withAttr(
        attribute(0xc0, 150, {1}));
    c[key(kAnyAttribute, F::Unrecognized, K::OptionalNonTransitive)] = withAttr(
        attribute(0x80, 150, {1}));

    c[key(attr::Origin, F::Missing)] = {
        updateBody({}, cat({asPathAttr4({64500}), nextHopAttr(0xc0000201)}), kNlri), ebgp()};
    c[key(attr::Origin, F::BadLength)] = {
        updateBody({}, cat({attribute(0x40, 1, {0, 0}), asPathAttr4({64500}),
                            nextHopAttr(0xc0000201)}),
                   kNlri),
        ebgp()};
    c[key(attr::Origin, F::BadValue)] = {
        updateBody({}, cat({originAttr(3), asPathAttr4({64500}), nextHopAttr(0xc0000201)}), kNlri),
        ebgp()};
    c[key(attr::AsPath, F::Missing)] = {
        updateBody({}, cat({originAttr(), nextHopAttr(0xc0000201)}), kNlri), ebgp()};
    const auto withPath = [](const Bytes &path) {
        return Case{updateBody({}, cat({originAttr(), path, nextHopAttr(0xc0000201)}), kNlri),
                    ebgp()};
    };
    c[key(attr::AsPath, F::BadLength)] = withPath(attribute(0x40, 2, {2, 3, 0, 0, 0, 1}));
    c[key(attr::AsPath, F::BadValue)] = withPath(attribute(0x40, 2, cat({{5, 1}, u32(64500)})));
    c[key(attr::AsPath, F::AsZero)] = withPath(asPathAttr4({64500, 0}));
    const auto withHop = [](const Bytes &hop) {
        return Case{updateBody({}, cat({originAttr(), asPathAttr4({64500}), hop}), kNlri), ebgp()};
    };
    c[key(attr::NextHop, F::Missing)] = withHop({});
    c[key(attr::NextHop, F::BadLength)] = withHop(attribute(0x40, 3, {192, 0, 2}));
    c[key(attr::NextHop, F::BadValue)] = withHop(nextHopAttr(0));

    c[key(attr::MultiExitDisc, F::BadLength)] = withAttr(attribute(0x80, 4, {0, 1}));
    c[key(attr::LocalPref, F::NotAllowedFromPeer)] = withAttr(attribute(0x40, 5, u32(100)));
    c[key(attr::LocalPref, F::BadLength)] = withAttr(attribute(0x40, 5, {0, 0, 100}), ibgp());
    c[key(attr::AtomicAggregate, F::BadLength)] = withAttr(attribute(0x40, 6, {1}));
    c[key(attr::Aggregator, F::BadLength)] = withAttr(attribute(0xc0, 7, {1, 2, 3}));
    c[key(attr::Aggregator, F::AsZero)] = withAttr(attribute(0xc0, 7, cat({u32(0), u32(1)})));
    c[key(attr::Communities, F::BadLength)] = withAttr(attribute(0xc0, 8, {1, 2, 3}));
    c[key(attr::OriginatorId, F::NotAllowedFromPeer)] = withAttr(attribute(0x80, 9, u32(1)));
    c[key(attr::OriginatorId, F::BadLength)] = withAttr(attribute(0x80, 9, {1, 2}), ibgp());
    c[key(attr::ClusterList, F::NotAllowedFromPeer)] = withAttr(attribute(0x80, 10, u32(1)));
    c[key(attr::ClusterList, F::BadLength)] = withAttr(attribute(0x80, 10, {1, 2, 3}), ibgp());

    const Bytes v6Nlri = prefix6({0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01}, 48);
    const auto mp = [](const Bytes &attrs) {
        return Case{updateBody({}, cat({originAttr(), asPathAttr4({64500}), attrs}), {}), ebgp()};
    };
    c[key(attr::MpReachNlri, F::Duplicate)] = mp(cat({mpReachV6Attr(), mpReachV6Attr()}));
    c[key(attr::MpReachNlri, F::Overrun)] = mp({0x90, 14, 0, 200, 0, 2, 1});
    c[key(attr::MpReachNlri, F::BadLength)] = mp(attribute(0x80, 14, {0, 2, 1}));
    c[key(attr::MpReachNlri, F::BadValue)] = mp(mpReach(2, 4, {1, 2, 3, 4}, v6Nlri));
    c[key(attr::MpReachNlri, F::InvalidNlri)] = mp(mpReach(2, 16, kNh6, {129, 1}));
    c[key(attr::MpReachNlri, F::UnsupportedFamily)] = mp(mpReach(25, 4, {1, 2, 3, 4}, {}));
    const auto unreach = [](const Bytes &value) { return attribute(0x80, 15, value); };
    const Bytes goodUnreach = unreach(cat({u16(2), {1}, v6Nlri}));
    const auto withdrawOnly = [](const Bytes &attrs) {
        return Case{updateBody({}, attrs, {}), ebgp()};
    };
    c[key(attr::MpUnreachNlri, F::Duplicate)] = withdrawOnly(cat({goodUnreach, goodUnreach}));
    c[key(attr::MpUnreachNlri, F::Overrun)] = withdrawOnly({0x90, 15, 0, 50, 0, 2, 1});
    c[key(attr::MpUnreachNlri, F::BadLength)] = withdrawOnly(unreach({0, 2}));
    c[key(attr::MpUnreachNlri, F::InvalidNlri)] = withdrawOnly(unreach(cat({u16(2), {1, 130}})));
    c[key(attr::MpUnreachNlri, F::UnsupportedFamily)] = withdrawOnly(unreach(cat({u16(25), {65}})));

    c[key(attr::As4Path, F::BadLength)] = oldWithAttr(attribute(0xc0, 17, {2, 2, 0, 0, 0, 1}));
    c[key(attr::As4Path, F::BadValue)] = oldWithAttr(attribute(0xc0, 17, cat({{7, 1}, u32(1)})));
    c[key(attr::As4Path, F::AsZero)] = oldWithAttr(attribute(0xc0, 17, cat({{2, 1}, u32(0)})));
    c[key(attr::As4Path, F::NotAllowedFromPeer)] = withAttr(
        attribute(0xc0, 17, cat({{2, 1}, u32(4200000001u)})));
    c[key(attr::As4Aggregator, F::BadLength)] = oldWithAttr(attribute(0xc0, 18, {1, 2, 3, 4}));
    c[key(attr::As4Aggregator, F::AsZero)] = oldWithAttr(
        attribute(0xc0, 18, cat({u32(0), u32(1)})));
    c[key(attr::As4Aggregator, F::NotAllowedFromPeer)] = withAttr(
        attribute(0xc0, 18, cat({u32(4200000001u), u32(1)})));
    c[key(attr::LargeCommunities, F::BadLength)] = withAttr(attribute(0xc0, 32, Bytes(13, 1)));
    return c;
}

} // namespace

class TestBgpErrorTable : public QObject
{
    Q_OBJECT

private slots:
    void row_data();
    void row();
    void strongestActionWins();
    void treatAsWithdrawKeepsNlriForWithdrawal();
    void discardKeepsRoute();
    void documented();
};

void TestBgpErrorTable::row_data()
{
    QTest::addColumn<int>("index");
    const auto rules = errorRules();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const ErrorRule &r = rules[i];
        QTest::addRow("%s %s %s: %s", attributeName(r.type), attributeFaultName(r.fault),
                      r.reference, errorActionName(r.action))
            << int(i);
    }
}

void TestBgpErrorTable::row()
{
    QFETCH(int, index);
    const ErrorRule &rule = errorRules()[std::size_t(index)];
    static const std::map<Key, Case> all = cases();
    const auto it = all.find(key(rule.type, rule.fault, rule.kind));
    if (it == all.end())
        QFAIL(qPrintable(QStringLiteral("no test case for the row \"%1\"").arg(rule.what)));
    static const std::map<Key, Verdict> expected = verdicts();
    const auto v = expected.find(key(rule.type, rule.fault, rule.kind));
    if (v == expected.end())
        QFAIL("no independent verdict for this row");
    QCOMPARE(errorActionName(rule.action), errorActionName(v->second.action));
    if (rule.action == ErrorAction::SessionReset)
        QCOMPARE(int(rule.subcode), v->second.subcode);
    const Case &c = it->second;
    Update u;
    decodeUpdate(c.body, c.session, u);
    QCOMPARE(errorActionName(u.action), errorActionName(rule.action));
    if (rule.action == ErrorAction::None) {
        QVERIFY(u.problems.empty());
        QCOMPARE(u.attributes.unknown().size(), std::size_t{1});
        return;
    }
    // The decoder reported a problem that the table resolves to this very row.
    bool found = false;
    for (const AttributeProblem &p : u.problems) {
        if (p.fault != rule.fault)
            continue;
        const ErrorRule::Kind kind = rule.kind;
        if (&errorRule(p.type, p.fault, kind) == &rule) {
            found = true;
            QCOMPARE(errorActionName(p.action), errorActionName(rule.action));
        }
    }
    QVERIFY2(found, "no problem maps to this row");
    if (rule.action == ErrorAction::SessionReset) {
        QVERIFY(u.notification.has_value());
        QCOMPARE(int(u.notification->code), 3);
        QCOMPARE(int(u.notification->subcode), int(rule.subcode));
    } else {
        QVERIFY(!u.notification.has_value());
    }
}

void TestBgpErrorTable::strongestActionWins()
{
    // ATOMIC_AGGREGATE of length 1 (discard) and COMMUNITIES of length 3 (treat-as-withdraw).
    Update u;
    decodeUpdate(updateBody({}, cat({basicAttrs(), attribute(0x40, 6, {1}),
                                     attribute(0xc0, 8, {1, 2, 3})}),
                            kNlri),
                 ebgp(), u);
    QCOMPARE(u.problems.size(), std::size_t{2});
    QCOMPARE(u.action, ErrorAction::TreatAsWithdraw);
}

void TestBgpErrorTable::treatAsWithdrawKeepsNlriForWithdrawal()
{
    Update u;
    decodeUpdate(updateBody({}, cat({basicAttrs(), mpReachV6Attr(), attribute(0xc0, 8, {1})}),
                            kNlri),
                 ebgp(), u);
    QCOMPARE(u.action, ErrorAction::TreatAsWithdraw);
    const auto all = u.allAnnounced();
    QCOMPARE(all.size(), std::size_t{2});
}

void TestBgpErrorTable::discardKeepsRoute()
{
    Update u;
    decodeUpdate(updateBody({}, cat({basicAttrs(), attribute(0xc0, 7, {1, 2, 3}),
                                     attribute(0xc0, 8, u32(0xfc000001))}),
                            kNlri),
                 ebgp(), u);
    QCOMPARE(u.action, ErrorAction::AttributeDiscard);
    QVERIFY(!u.attributes.aggregator());
    QCOMPARE(u.attributes.communities, std::vector<Community>{0xfc000001});
    QCOMPARE(u.announced.size(), std::size_t{1});
}

void TestBgpErrorTable::documented()
{
    // docs/bgp.md prints the table: every row must be there with its action.
    QFile doc(qEnvironmentVariable("BWX_SOURCE_DIR") + "/docs/bgp.md");
    if (!doc.open(QIODevice::ReadOnly))
        QSKIP("docs/bgp.md not found (BWX_SOURCE_DIR unset)");
    const QString text = QString::fromUtf8(doc.readAll());
    for (const ErrorRule &r : errorRules()) {
        const QString line = QStringLiteral("| %1 | %2 |")
                                 .arg(QString::fromLatin1(errorActionName(r.action)),
                                      r.action == ErrorAction::SessionReset
                                          ? QStringLiteral("3/%1").arg(r.subcode)
                                          : QStringLiteral("—"));
        const QString what = QStringLiteral("| %1 |").arg(QString::fromUtf8(r.what));
        bool found = false;
        for (const QString &l : text.split('\n'))
            found = found || (l.contains(line) && l.contains(what));
        QVERIFY2(found, r.what);
    }
}

QTEST_APPLESS_MAIN(TestBgpErrorTable)
#include "tst_bgp_error_table.moc"
