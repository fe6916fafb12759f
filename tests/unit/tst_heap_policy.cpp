// The heap policy: after applyHeapPolicy(), large blocks get mappings of their own even after
// a larger mapped block was freed (glibc's dynamic threshold would have risen past them).
#include "bwx/heap_policy.h"

#include <QTest>
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

class TestHeapPolicy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void largeBlockIsMapped_data();
    void largeBlockIsMapped();
};

void TestHeapPolicy::initTestCase()
{
#if !defined(__GLIBC__)
    QSKIP("the heap policy only applies to glibc");
#endif
    bwx::applyHeapPolicy();
}

void TestHeapPolicy::largeBlockIsMapped_data()
{
    QTest::addColumn<qulonglong>("freedFirst");
    QTest::addColumn<qulonglong>("bytes");
    QTest::newRow("at the threshold") << qulonglong(0) << qulonglong(bwx::kLargeBlockBytes);
    QTest::newRow("after a 4 MiB block was freed") << qulonglong(4u << 20) << qulonglong(2u << 20);
    QTest::newRow("after a 24 MiB block was freed")
        << qulonglong(24u << 20) << qulonglong(bwx::kLargeBlockBytes + 4096);
}

void TestHeapPolicy::largeBlockIsMapped()
{
#if defined(__GLIBC__)
    QFETCH(qulonglong, freedFirst);
    QFETCH(qulonglong, bytes);
    if (freedFirst) {
        void *big = std::malloc(freedFirst);
        QVERIFY(big);
        static_cast<volatile char *>(big)[0] = 1;
        std::free(big);
    }
    const auto before = mallinfo2();
    void *block = std::malloc(bytes);
    QVERIFY(block);
    const auto during = mallinfo2();
    std::free(block);
    QCOMPARE(during.hblks, before.hblks + 1);
    QVERIFY2(during.hblkhd >= before.hblkhd + bytes, "the block is not in a mapping of its own");
    const auto after = mallinfo2();
    QCOMPARE(after.hblks, before.hblks); // and the mapping went back when freed
#endif
}

QTEST_APPLESS_MAIN(TestHeapPolicy)
#include "tst_heap_policy.moc"
