// NumpyRandom against values NumPy 1.24 produced (np.random.seed(S); np.random.<dist>(...)),
// compared bit for bit as hexadecimal doubles.

#include "generate/data_presets.h"
#include "generate/numpy_random.h"

#include <QtTest>

#include <bit>
#include <functional>
#include <vector>

using namespace qs;

class TestNumpyRandom : public QObject
{
    Q_OBJECT

private slots:
    void mt19937ReferenceOutput();
    void randnMatchesNumpy_data();
    void randnMatchesNumpy();
    void distributionsMatchNumpy_data();
    void distributionsMatchNumpy();
    void tutorialPresetIsTheTutorialsInput();
};

void TestNumpyRandom::mt19937ReferenceOutput()
{
    // Matsumoto & Nishimura's reference: init_genrand(5489) starts 3499211612, 581869302, ...
    NumpyRandom rng(5489);
    QCOMPARE(rng.nextUInt32(), 3499211612u);
    QCOMPARE(rng.nextUInt32(), 581869302u);
    QCOMPARE(rng.nextUInt32(), 3890346734u);
}

void TestNumpyRandom::randnMatchesNumpy_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::addColumn<QList<int>>("indices");
    QTest::addColumn<QList<double>>("expected");
    QTest::newRow("seed 8215 (the tutorial)")
        << 8215u << 8 << QList<int>{0, 1, 2, 3, 4, 5, 6, 7}
        << QList<double>{0x1.b9099d45b0850p-3,  0x1.4bd619e1544d8p+0, -0x1.042430f6f767ap+0,
                         0x1.c1feb791dfe36p-2,  0x1.754af8bb52b9ep-1, -0x1.6d6e66d53e425p+0,
                         -0x1.a3ec094c8b8acp-1, -0x1.29b0903182731p+0};
    // Past the first 624-word state refill, and odd/even positions of the cached pair.
    QTest::newRow("seed 0, far into the stream")
        << 0u << 2001 << QList<int>{0, 1, 999, 1000, 2000}
        << QList<double>{0x1.c398ef3e5cfa5p+0, 0x1.99c2cfacc8953p-2, -0x1.6eb574c9b16b2p-2,
                         0x1.1ca723ee4cda9p-1, -0x1.886d839fd50f8p+0};
    QTest::newRow("largest seed 2^32-1")
        << 4294967295u << 3 << QList<int>{0, 1, 2}
        << QList<double>{0x1.4bfc38c486d8ap-1, 0x1.56b192e507eeep-1, -0x1.149e836f192fdp+0};
}

void TestNumpyRandom::randnMatchesNumpy()
{
    QFETCH(quint32, seed);
    QFETCH(int, count);
    QFETCH(QList<int>, indices);
    QFETCH(QList<double>, expected);
    NumpyRandom rng(seed);
    std::vector<double> values;
    for (int i = 0; i < count; ++i) {
        values.push_back(rng.gauss());
    }
    for (qsizetype k = 0; k < indices.size(); ++k) {
        const double got = values[static_cast<std::size_t>(indices[k])];
        QVERIFY2(std::bit_cast<quint64>(got) == std::bit_cast<quint64>(expected[k]),
                 qPrintable(QStringLiteral("index %1: %2 != %3")
                                .arg(indices[k])
                                .arg(got, 0, 'g', 17)
                                .arg(expected[k], 0, 'g', 17)));
    }
}

using Draw = std::function<double(NumpyRandom&)>;
Q_DECLARE_METATYPE(Draw)

void TestNumpyRandom::distributionsMatchNumpy_data()
{
    QTest::addColumn<Draw>("draw");
    QTest::addColumn<QList<double>>("expected");
    // All with np.random.seed(7).
    QTest::newRow("uniform(-2, 3)") << Draw([](NumpyRandom& r) { return -2.0 + 5.0 * r.uniform(); })
                                    << QList<double>{-0x1.9e534cbba0310p+0, 0x1.e64bca33091a2p+0,
                                                     0x1.894f7ee420140p-3, 0x1.9e0911c8e4c1ep+0};
    QTest::newRow("laplace(0.5, 2)") << Draw([](NumpyRandom& r) { return r.laplace(0.5, 2.0); })
                                     << QList<double>{-0x1.a13c4fa379425p+1, 0x1.12139849725cap+1,
                                                      0x1.e58f1f04fb61ep-3, 0x1.af3e309d18bbdp+0};
    QTest::newRow("standard_t(3): Marsaglia-Tsang gamma")
        << Draw([](NumpyRandom& r) { return r.standardT(3.0); })
        << QList<double>{0x1.35b1fe8027ef1p+1, 0x1.34c865e6c5539p-5, -0x1.aa43c2fb2d3f2p-9,
                         -0x1.57463ddc9634bp-2};
    QTest::newRow("standard_t(0.7): gamma with shape < 1")
        << Draw([](NumpyRandom& r) { return r.standardT(0.7); })
        << QList<double>{0x1.a2f54a64614a5p+2, -0x1.e92ad6132dc99p-2, -0x1.1828c00c2dd0ap+1,
                         -0x1.d81788ee48b6cp-1};
    QTest::newRow("lognormal(-1, 0.5)")
        << Draw([](NumpyRandom& r) { return std::exp(-1.0 + 0.5 * r.gauss()); })
        << QList<double>{0x1.b6998f4794428p-1, 0x1.2a6b9d2d7f092p-2, 0x1.7ef0fd657701cp-2,
                         0x1.cdd8646333a4cp-2};
    QTest::newRow("normal(2, 3)") << Draw([](NumpyRandom& r) { return 2.0 + 3.0 * r.gauss(); })
                                  << QList<double>{0x1.c494b82a2705fp+2, 0x1.3451f88d41e0cp-1,
                                                   0x1.0c9a5a76792c3p+1, 0x1.9c7c7b0e1612cp+1};
}

void TestNumpyRandom::distributionsMatchNumpy()
{
    QFETCH(Draw, draw);
    QFETCH(QList<double>, expected);
    NumpyRandom rng(7);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const double got = draw(rng);
        QVERIFY2(std::bit_cast<quint64>(got) == std::bit_cast<quint64>(expected[i]),
                 qPrintable(QStringLiteral("draw %1: %2 != %3")
                                .arg(i)
                                .arg(got, 0, 'g', 17)
                                .arg(expected[i], 0, 'g', 17)));
    }
}

void TestNumpyRandom::tutorialPresetIsTheTutorialsInput()
{
    // np.random.seed(8215); np.random.randn(3).astype('float32').view(np.uint32)
    const auto tensor = makePresetTensor("tutorial-3");
    QVERIFY(tensor);
    QCOMPARE(tensor->shape, (Shape{3}));
    QCOMPARE(std::bit_cast<quint32>(tensor->values[0]), 1046250703u); // 0.21535037
    QCOMPARE(std::bit_cast<quint32>(tensor->values[1]), 1067838221u); // 1.2962357
    QCOMPARE(std::bit_cast<quint32>(tensor->values[2]), 3212972568u); // -1.0161772
}

QTEST_GUILESS_MAIN(TestNumpyRandom)
#include "tst_numpy_random.moc"
