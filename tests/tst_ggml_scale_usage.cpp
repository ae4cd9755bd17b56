// A ggml block type's stored scales: the fields of each block read as ggml lays them out (fp16 d,
// m or dmin, the k-quants' and IQ4_XS's packed sub-block codes, MXFP4's E8M0 and NVFP4's UE4M3
// bytes), and how often each occurs. Blocks are built here byte by byte with chosen fields, so
// every count is known; tests/data/ggml's blocks (written by ggml itself) are checked against
// counts a separate reading of ggml's struct layouts gave.

#include "analysis/analyze.h"
#include "analysis/ggml_scale_usage.h"
#include "analysis/scale_usage.h"
#include "ggml/block_codec.h"
#include "ggml/block_scales.h"
#include "quant/ggml_formats.h"
#include "support/test_paths.h"

#include <QFile>
#include <QtTest>

#include <array>
#include <cmath>
#include <cstring>
#include <vector>

using namespace qs;

namespace {

// fp16 bit patterns of the values the blocks are built from.
constexpr std::uint16_t kHalf = 0x3800;            // 0.5
constexpr std::uint16_t kOne = 0x3C00;             // 1
constexpr std::uint16_t kOneAndHalf = 0x3E00;      // 1.5
constexpr std::uint16_t kQuarter = 0x3400;         // 0.25
constexpr std::uint16_t kEighth = 0x3000;          // 0.125
constexpr std::uint16_t kThreeQuarters = 0x3A00;   // 0.75
constexpr std::uint16_t kTwo = 0x4000;             // 2
constexpr std::uint16_t kMinusTwo = 0xC000;        // −2
constexpr std::uint16_t kMinusOneAndHalf = 0xBE00; // −1.5
constexpr std::uint16_t kInfinity = 0x7C00;

const ggml::TypeInfo& type(const char* name)
{
    const ggml::TypeInfo* info = ggml::typeByName(name);
    if (info == nullptr) {
        qFatal("no ggml type %s", name);
    }
    return *info;
}

void put16(std::vector<std::byte>& blocks, std::size_t at, std::uint16_t value)
{
    blocks[at] = std::byte(value & 0xFF);
    blocks[at + 1] = std::byte(value >> 8);
}

void orByte(std::vector<std::byte>& blocks, std::size_t at, unsigned bits)
{
    blocks[at] |= std::byte(bits & 0xFF);
}

// Q4_K / Q5_K's 12 scale bytes, as ggml's get_scale_min_k4 reads them back: sub-blocks 0–3 keep
// their 6-bit codes in bytes j and j + 4; 4–7 put low nibbles in byte j + 4 (scale low, minimum
// high) and their top two bits in bits 6–7 of bytes j − 4 (scale) and j (minimum).
void putQ4KBlock(std::vector<std::byte>& blocks, std::size_t block, std::uint16_t d,
                 std::uint16_t dmin, const std::array<int, 8>& scales,
                 const std::array<int, 8>& mins)
{
    const std::size_t at = block * 144;
    put16(blocks, at, d);
    put16(blocks, at + 2, dmin);
    for (std::size_t j = 0; j < 4; ++j) {
        orByte(blocks, at + 4 + j, unsigned(scales[j]) | (unsigned(scales[j + 4]) >> 4) << 6);
        orByte(blocks, at + 8 + j, unsigned(mins[j]) | (unsigned(mins[j + 4]) >> 4) << 6);
        orByte(blocks, at + 12 + j,
               (unsigned(scales[j + 4]) & 0xF) | (unsigned(mins[j + 4]) & 0xF) << 4);
    }
}

std::vector<std::byte> fixture(const QString& name)
{
    QFile file(test::testData("ggml/" + name + ".bin"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read the fixture %s", qPrintable(name));
    }
    const QByteArray data = file.readAll();
    std::vector<std::byte> bytes(static_cast<std::size_t>(data.size()));
    std::memcpy(bytes.data(), data.constData(), bytes.size());
    return bytes;
}

std::vector<ggml::SubBlockGrid> decodedGrids(const ggml::TypeInfo& t,
                                             const std::vector<std::byte>& blocks)
{
    const std::size_t count = blocks.size() / t.blockBytes;
    std::vector<std::int32_t> codes(count * t.blockValues);
    std::vector<ggml::SubBlockGrid> grids(codes.size() / t.gridValues);
    ggml::decodeBlocks(t, blocks, codes, grids);
    return grids;
}

} // namespace

class TestGgmlScaleUsage : public QObject
{
    Q_OBJECT

private slots:
    void layoutsFollowTheTypes_data();
    void layoutsFollowTheTypes();
    void q4KFieldsAndCounts();
    void q6KScalesAreSignedBytes();
    void q3KAndIq4XsStoreTheFactorPlus32();
    void q2KNibbles();
    void blocksWithoutSubScales();
    void fp4TypesCountTheirScaleBytes();
    void ggmlsOwnBlocks_data();
    void ggmlsOwnBlocks();
    void analysisReadsItsBlocks();
};

void TestGgmlScaleUsage::layoutsFollowTheTypes_data()
{
    // FORMATS.md §5 and ggml's block structs.
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("scaleValues");
    QTest::addColumn<bool>("minimum");
    QTest::addColumn<int>("subBlock");
    QTest::addColumn<int>("lowest");
    QTest::addColumn<int>("highest");
    QTest::addColumn<int>("bias");
    QTest::addColumn<bool>("subMinimums");
    QTest::newRow("q4_0") << "q4_0" << 32 << false << 0 << 0 << 0 << 0 << false;
    QTest::newRow("q4_1") << "q4_1" << 32 << true << 0 << 0 << 0 << 0 << false;
    QTest::newRow("q5_1") << "q5_1" << 32 << true << 0 << 0 << 0 << 0 << false;
    QTest::newRow("q8_0") << "q8_0" << 32 << false << 0 << 0 << 0 << 0 << false;
    QTest::newRow("iq4_nl") << "iq4_nl" << 32 << false << 0 << 0 << 0 << 0 << false;
    QTest::newRow("q2_k") << "q2_k" << 256 << true << 16 << 0 << 15 << 0 << true;
    QTest::newRow("q3_k") << "q3_k" << 256 << false << 16 << 0 << 63 << 32 << false;
    QTest::newRow("q4_k") << "q4_k" << 256 << true << 32 << 0 << 63 << 0 << true;
    QTest::newRow("q5_k") << "q5_k" << 256 << true << 32 << 0 << 63 << 0 << true;
    QTest::newRow("q6_k") << "q6_k" << 256 << false << 16 << -128 << 127 << 0 << false;
    QTest::newRow("iq4_xs") << "iq4_xs" << 256 << false << 32 << 0 << 63 << 32 << false;
    QTest::newRow("tq1_0") << "tq1_0" << 256 << false << 0 << 0 << 0 << 0 << false;
    QTest::newRow("tq2_0") << "tq2_0" << 256 << false << 0 << 0 << 0 << 0 << false;
    QTest::newRow("mxfp4") << "mxfp4" << 32 << false << 0 << 0 << 0 << 0 << false;
    QTest::newRow("nvfp4") << "nvfp4" << 16 << false << 0 << 0 << 0 << 0 << false;
}

void TestGgmlScaleUsage::layoutsFollowTheTypes()
{
    QFETCH(QString, name);
    QFETCH(int, scaleValues);
    QFETCH(bool, minimum);
    QFETCH(int, subBlock);
    QFETCH(int, lowest);
    QFETCH(int, highest);
    QFETCH(int, bias);
    QFETCH(bool, subMinimums);
    const ggml::ScaleLayout layout = ggml::scaleLayoutOf(type(qPrintable(name)));
    QCOMPARE(int(layout.scaleValues), scaleValues);
    QCOMPARE(layout.hasMinimum, minimum);
    QCOMPARE(layout.minimumIsFactor, minimum && scaleValues == 256);
    QCOMPARE(int(layout.subBlockValues), subBlock);
    QCOMPARE(layout.subScaleLowest, lowest);
    QCOMPARE(layout.subScaleHighest, highest);
    QCOMPARE(layout.subScaleBias, bias);
    QCOMPARE(layout.hasSubMinimums, subMinimums);
    const ggml::BlockScaleStorage storage = name == "mxfp4"   ? ggml::BlockScaleStorage::E8M0
                                            : name == "nvfp4" ? ggml::BlockScaleStorage::UE4M3
                                                              : ggml::BlockScaleStorage::Fp16;
    QCOMPARE(layout.storage, storage);
}

void TestGgmlScaleUsage::q4KFieldsAndCounts()
{
    const ggml::TypeInfo& q4k = type("q4_k");
    std::vector<std::byte> blocks(2 * 144);
    putQ4KBlock(blocks, 0, kHalf, kQuarter, {0, 1, 2, 3, 60, 61, 62, 63},
                {63, 0, 17, 33, 5, 48, 16, 32});
    putQ4KBlock(blocks, 1, kOneAndHalf, kEighth, {37, 37, 37, 37, 37, 37, 37, 37},
                {12, 12, 12, 12, 12, 12, 12, 12});

    const std::vector<ggml::GridScaleFields> fields = ggml::readScaleFields(q4k, blocks);
    QCOMPARE(fields.size(), std::size_t(16));
    const ggml::GridScaleFields fifth{kHalf, 0.5f, kQuarter, 0.25f, 61, 48};
    QCOMPARE(fields[5], fifth);
    QCOMPARE(fields[3].subScale, 3);
    QCOMPARE(fields[7].subMinimum, 32);
    QCOMPARE(fields[12].d, 1.5f);
    QCOMPARE(fields[12].subScale, 37);
    QCOMPARE(ggml::readGridScaleFields(q4k, blocks, 5), fifth);
    // The decoded grid is made of them: scale d·sc, offset −dmin·m.
    const auto grids = decodedGrids(q4k, blocks);
    QCOMPARE(grids[5].scale, 0.5f * 61);
    QCOMPARE(grids[5].offset, -0.25f * 48);

    const ScaleUsage usage = ggmlScaleUsage(q4k, blocks, 2);
    QCOMPARE(usage.storage, ScaleStorageKind::Fp16);
    QCOMPARE(usage.blocks, std::size_t(2));
    QCOMPARE(usage.values.lo, 0.5);
    QCOMPARE(usage.values.hi, 1.5);
    QCOMPARE(usage.values.counts, (std::vector<std::uint64_t>{1, 1}));
    QCOMPARE(usage.minimums.lo, 0.125);
    QCOMPARE(usage.minimums.hi, 0.25);
    QCOMPARE(usage.minimums.counts, (std::vector<std::uint64_t>{1, 1}));
    const SubScaleCounts& sc = usage.subScales;
    QCOMPARE(sc.first, 0);
    QCOMPARE(sc.counts.size(), std::size_t(64));
    QCOMPARE(sc.bits, 6);
    QCOMPARE(sc.bias, 0);
    QCOMPARE(sc.codesUsed(), std::size_t(9)); // 0 1 2 3 60 61 62 63 and 37
    QCOMPARE(sc.count(37), std::uint64_t(8));
    QCOMPARE(sc.count(61), std::uint64_t(1));
    QCOMPARE(sc.count(4), std::uint64_t(0));
    QCOMPARE(sc.lowest, 0);
    QCOMPARE(sc.highest, 63);
    QCOMPARE(sc.total(), std::uint64_t(16));
    const SubScaleCounts& m = usage.subMinimums;
    QCOMPARE(m.codesUsed(), std::size_t(9)); // 63 0 17 33 5 48 16 32 and 12
    QCOMPARE(m.count(12), std::uint64_t(8));
    QCOMPARE(m.count(48), std::uint64_t(1));
    QCOMPARE(m.lowest, 0);
    QCOMPARE(m.highest, 63);
}

void TestGgmlScaleUsage::q6KScalesAreSignedBytes()
{
    const ggml::TypeInfo& q6k = type("q6_k");
    std::vector<std::byte> blocks(2 * 210);
    const std::array<int, 16> scales{-128, -1, 0, 1, 127, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
    for (std::size_t j = 0; j < 16; ++j) {
        blocks[192 + j] = std::byte(static_cast<std::uint8_t>(scales[j]));
    }
    put16(blocks, 208, kMinusTwo);
    put16(blocks, 210 + 208, 0); // the second super-block: d 0, every scale 0
    const auto fields = ggml::readScaleFields(q6k, blocks);
    QCOMPARE(fields[0].subScale, -128);
    QCOMPARE(fields[4].subScale, 127);
    QCOMPARE(fields[1].d, -2.0f);
    QCOMPARE(decodedGrids(q6k, blocks)[0].scale, 256.0f); // −2 · −128

    const ScaleUsage usage = ggmlScaleUsage(q6k, blocks, 4);
    QCOMPARE(usage.blocks, std::size_t(2));
    QCOMPARE(usage.values.lo, -2.0);
    QCOMPARE(usage.values.hi, 0.0);
    QCOMPARE(usage.values.counts, (std::vector<std::uint64_t>{1, 0, 0, 1}));
    QVERIFY(usage.minimums.counts.empty());
    QVERIFY(usage.subMinimums.empty());
    const SubScaleCounts& sc = usage.subScales;
    QCOMPARE(sc.first, -128);
    QCOMPARE(sc.counts.size(), std::size_t(256));
    QCOMPARE(sc.bits, 8);
    QCOMPARE(sc.codesUsed(), std::size_t(6));
    QCOMPARE(sc.count(5), std::uint64_t(11));
    QCOMPARE(sc.count(0), std::uint64_t(17));
    QCOMPARE(sc.count(-128), std::uint64_t(1));
    QCOMPARE(sc.lowest, -128);
    QCOMPARE(sc.highest, 127);
}

void TestGgmlScaleUsage::q3KAndIq4XsStoreTheFactorPlus32()
{
    // Q3_K: sixteen 6-bit codes, low nibbles in bytes 96–103 (sub-blocks 8–15 high), the high
    // two bits of sub-block j in byte 104 + j % 4 at bit 2·(j / 4); the factor is code − 32.
    const ggml::TypeInfo& q3k = type("q3_k");
    std::vector<std::byte> q3(110);
    const std::array<int, 16> codes{0, 63, 32, 31, 33, 16, 47, 1, 62, 32, 32, 32, 32, 32, 32, 32};
    for (std::size_t j = 0; j < 16; ++j) {
        orByte(q3, 96 + j % 8, (unsigned(codes[j]) & 0xF) << (j < 8 ? 0 : 4));
        orByte(q3, 104 + j % 4, (unsigned(codes[j]) >> 4) << (2 * (j / 4)));
    }
    put16(q3, 108, kQuarter);
    const auto fields = ggml::readScaleFields(q3k, q3);
    for (std::size_t j = 0; j < 16; ++j) {
        QCOMPARE(fields[j].subScale, codes[j]);
    }
    const auto grids = decodedGrids(q3k, q3);
    QCOMPARE(grids[0].scale, -8.0f); // 0.25 · (0 − 32)
    QCOMPARE(grids[1].scale, 7.75f); // 0.25 · (63 − 32)
    QCOMPARE(grids[8].scale, 7.5f);  // 0.25 · (62 − 32)
    const ScaleUsage usage = ggmlScaleUsage(q3k, q3);
    QCOMPARE(usage.subScales.bias, 32);
    QCOMPARE(usage.subScales.codesUsed(), std::size_t(9));
    QCOMPARE(usage.subScales.count(32), std::uint64_t(8));
    QCOMPARE(usage.subScales.lowest, 0);
    QCOMPARE(usage.subScales.highest, 63);

    // IQ4_XS: after d, the u16 scales_h (bits 2·ib, 2·ib + 1) and scales_l (ib even low).
    const ggml::TypeInfo& xs = type("iq4_xs");
    std::vector<std::byte> iq(136);
    const std::array<int, 8> ls{0, 63, 32, 17, 48, 33, 31, 1};
    unsigned high = 0;
    for (std::size_t ib = 0; ib < 8; ++ib) {
        orByte(iq, 4 + ib / 2, (unsigned(ls[ib]) & 0xF) << (4 * (ib % 2)));
        high |= (unsigned(ls[ib]) >> 4) << (2 * ib);
    }
    put16(iq, 0, kEighth);
    put16(iq, 2, static_cast<std::uint16_t>(high));
    const auto xsFields = ggml::readScaleFields(xs, iq);
    const auto xsGrids = decodedGrids(xs, iq);
    for (std::size_t ib = 0; ib < 8; ++ib) {
        QCOMPARE(xsFields[ib].subScale, ls[ib]);
        QCOMPARE(xsGrids[ib].scale, 0.125f * float(ls[ib] - 32));
    }
    const ScaleUsage xsUsage = ggmlScaleUsage(xs, iq);
    QCOMPARE(xsUsage.subScales.codesUsed(), std::size_t(8));
    QCOMPARE(xsUsage.subScales.bias, 32);
    QCOMPARE(xsUsage.blocks, std::size_t(1));
    // One d: a bin around it.
    QCOMPARE(xsUsage.values.total(), std::uint64_t(1));
    QVERIFY(xsUsage.values.lo < 0.125 && xsUsage.values.hi > 0.125);
}

void TestGgmlScaleUsage::q2KNibbles()
{
    // Q2_K: byte j holds sub-block j's scale code (low nibble) and minimum code (high nibble);
    // d and dmin follow the codes at bytes 80 and 82.
    const ggml::TypeInfo& q2k = type("q2_k");
    std::vector<std::byte> blocks(84);
    for (std::size_t j = 0; j < 16; ++j) {
        blocks[j] = std::byte(j | (15 - j) << 4);
    }
    put16(blocks, 80, kOne);
    put16(blocks, 82, kHalf);
    const auto fields = ggml::readScaleFields(q2k, blocks);
    QCOMPARE(fields[3].subScale, 3);
    QCOMPARE(fields[3].subMinimum, 12);
    QCOMPARE(fields[3].d, 1.0f);
    QCOMPARE(fields[3].minimum, 0.5f);
    const ScaleUsage usage = ggmlScaleUsage(q2k, blocks);
    QCOMPARE(usage.subScales.counts, std::vector<std::uint64_t>(16, 1));
    QCOMPARE(usage.subMinimums.counts, std::vector<std::uint64_t>(16, 1));
    QCOMPARE(usage.subScales.bits, 4);
}

void TestGgmlScaleUsage::blocksWithoutSubScales()
{
    // Q4_1: d and m per 32 values; no sub-block codes.
    const ggml::TypeInfo& q41 = type("q4_1");
    std::vector<std::byte> q4(2 * 20);
    put16(q4, 0, kHalf);
    put16(q4, 2, kMinusTwo);
    put16(q4, 20, kThreeQuarters);
    put16(q4, 22, kMinusOneAndHalf);
    const ScaleUsage usage = ggmlScaleUsage(q41, q4, 1);
    QCOMPARE(usage.blocks, std::size_t(2));
    QCOMPARE(usage.values.lo, 0.5);
    QCOMPARE(usage.values.hi, 0.75);
    QCOMPARE(usage.minimums.lo, -2.0);
    QCOMPARE(usage.minimums.hi, -1.5);
    QCOMPARE(usage.minimums.counts, (std::vector<std::uint64_t>{2}));
    QVERIFY(usage.subScales.empty());
    QVERIFY(usage.subMinimums.empty());
    QCOMPARE(ggml::readScaleFields(q41, q4)[1].minimum, -1.5f);

    // Q4_0: a negative d (m/−8 of a positive peak) and an infinite one, which no bin takes.
    const ggml::TypeInfo& q40 = type("q4_0");
    std::vector<std::byte> q0(3 * 18);
    put16(q0, 0, kMinusTwo);
    put16(q0, 18, kHalf);
    put16(q0, 36, kInfinity);
    const ScaleUsage legacy = ggmlScaleUsage(q40, q0, 5);
    QCOMPARE(legacy.blocks, std::size_t(3));
    QCOMPARE(legacy.values.lo, -2.0);
    QCOMPARE(legacy.values.hi, 0.5);
    QCOMPARE(legacy.values.counts, (std::vector<std::uint64_t>{1, 0, 0, 0, 1}));
    QVERIFY(std::isinf(ggml::readScaleFields(q40, q0)[2].d));

    // TQ2_0: the ternary types have their fp16 d too, after the codes (byte 64).
    const ggml::TypeInfo& tq2 = type("tq2_0");
    std::vector<std::byte> tq(2 * 66);
    put16(tq, 64, kOne);
    put16(tq, 66 + 64, kTwo);
    const ScaleUsage ternary = ggmlScaleUsage(tq2, tq, 2);
    QCOMPARE(ternary.storage, ScaleStorageKind::Fp16);
    QCOMPARE(ternary.values.lo, 1.0);
    QCOMPARE(ternary.values.hi, 2.0);
    QCOMPARE(ternary.values.counts, (std::vector<std::uint64_t>{1, 1}));
    QCOMPARE(decodedGrids(tq2, tq)[1].scale, 2.0f);
}

void TestGgmlScaleUsage::fp4TypesCountTheirScaleBytes()
{
    // MXFP4: the E8M0 byte leads each block of 32 (X = 2^(e − 127)).
    const ggml::TypeInfo& mx = type("mxfp4");
    std::vector<std::byte> mxBlocks(4 * 17);
    const std::array<int, 4> exponents{127, 127, 130, 0};
    for (std::size_t block = 0; block < exponents.size(); ++block) {
        mxBlocks[block * 17] = std::byte(exponents[block]);
    }
    const auto mxFields = ggml::readScaleFields(mx, mxBlocks);
    QCOMPARE(mxFields[2].d, 8.0f);
    QCOMPARE(mxFields[0].d, 1.0f);
    QCOMPARE(double(mxFields[3].d), std::ldexp(1.0, -127));
    const ScaleUsage mxUsage = ggmlScaleUsage(mx, mxBlocks);
    QCOMPARE(mxUsage.storage, ScaleStorageKind::E8M0);
    QCOMPARE(mxUsage.blocks, std::size_t(4));
    QCOMPARE(mxUsage.codeCounts[127], std::uint64_t(2));
    QCOMPARE(mxUsage.codeCounts[130], std::uint64_t(1));
    QCOMPARE(mxUsage.codesUsed(), std::size_t(3));
    QCOMPARE(mxUsage.lowestCode, 0);
    QCOMPARE(mxUsage.highestCode, 130);

    // NVFP4: four UE4M3 bytes lead each block of 64, one per 16 values; 0x7F reads as 0.
    const ggml::TypeInfo& nv = type("nvfp4");
    std::vector<std::byte> nvBlocks(36);
    const std::array<int, 4> scaleCodes{0x38, 0x38, 0x40, 0x7F};
    for (std::size_t sub = 0; sub < scaleCodes.size(); ++sub) {
        nvBlocks[sub] = std::byte(scaleCodes[sub]);
    }
    const auto nvFields = ggml::readScaleFields(nv, nvBlocks);
    QCOMPARE(nvFields.size(), std::size_t(4));
    QCOMPARE(nvFields[0].d, 1.0f);
    QCOMPARE(nvFields[2].d, 2.0f);
    QCOMPARE(nvFields[3].d, 0.0f);
    QCOMPARE(nvFields[2].dBits, std::uint16_t(0x40));
    const ScaleUsage nvUsage = ggmlScaleUsage(nv, nvBlocks);
    QCOMPARE(nvUsage.storage, ScaleStorageKind::E4M3);
    QCOMPARE(nvUsage.blocks, std::size_t(4)); // the sub-blocks of 16, each with its scale
    QCOMPARE(nvUsage.codeCounts[0x38], std::uint64_t(2));
    QCOMPARE(nvUsage.codesUsed(), std::size_t(3));
}

void TestGgmlScaleUsage::ggmlsOwnBlocks_data()
{
    // From a reading of ggml's block structs written apart from QuantScope (ggml-common.h's
    // block_q4_K, get_scale_min_k4, dequantize_row_q3_K's kmask unpacking, ...) over
    // tests/data/ggml/T.bin. dFinite: the blocks whose d is finite (the wide-range rows overflow
    // fp16); codes: the sub-block scale codes used, lowest, highest, and the count of `code`.
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("blocks");
    QTest::addColumn<int>("dFinite");
    QTest::addColumn<double>("dLowest");
    QTest::addColumn<double>("dHighest");
    QTest::addColumn<int>("used");
    QTest::addColumn<int>("lowest");
    QTest::addColumn<int>("highest");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("codeCount");
    QTest::addColumn<int>("minimumsUsed");
    QTest::addColumn<int>("zeroMinimums");
    QTest::newRow("q4_0") << "q4_0" << 128 << 120 << -124.4375 << 124.8125 << 0 << 0 << 0 << 0 << 0
                          << 0 << 0;
    QTest::newRow("q8_0") << "q8_0" << 128 << 120 << 0.0 << 7.86328125 << 0 << 0 << 0 << 0 << 0 << 0
                          << 0;
    QTest::newRow("q2_k") << "q2_k" << 16 << 15 << 0.0 << 43.75 << 16 << 0 << 15 << 0 << 66 << 16
                          << 87;
    QTest::newRow("q3_k") << "q3_k" << 16 << 15 << -9.453125 << 0.0232391357421875 << 47 << 0 << 63
                          << 0 << 97 << 0 << 0;
    QTest::newRow("q4_k") << "q4_k" << 16 << 15 << 0.0 << 2.224609375 << 38 << 0 << 63 << 63 << 26
                          << 35 << 40;
    QTest::newRow("q5_k") << "q5_k" << 16 << 15 << 0.0 << 0.998046875 << 37 << 0 << 63 << 63 << 28
                          << 36 << 37;
    QTest::newRow("q6_k") << "q6_k" << 16 << 15 << -0.24951171875 << 0.0007395744323730469 << 94
                          << -128 << 127 << 0 << 72 << 0 << 0;
    QTest::newRow("iq4_xs") << "iq4_xs" << 16 << 16 << -0.003108978271484375 << 0.2548828125 << 31
                            << 0 << 63 << 0 << 34 << 0 << 0;
    QTest::newRow("tq1_0") << "tq1_0" << 16 << 15 << 0.0 << 998.5 << 0 << 0 << 0 << 0 << 0 << 0
                           << 0;
}

void TestGgmlScaleUsage::ggmlsOwnBlocks()
{
    QFETCH(QString, name);
    QFETCH(int, blocks);
    QFETCH(int, dFinite);
    QFETCH(double, dLowest);
    QFETCH(double, dHighest);
    QFETCH(int, used);
    QFETCH(int, lowest);
    QFETCH(int, highest);
    QFETCH(int, code);
    QFETCH(int, codeCount);
    QFETCH(int, minimumsUsed);
    QFETCH(int, zeroMinimums);
    const ScaleUsage usage = ggmlScaleUsage(type(qPrintable(name)), fixture(name));
    QCOMPARE(usage.storage, ScaleStorageKind::Fp16);
    QCOMPARE(int(usage.blocks), blocks);
    QCOMPARE(int(usage.values.total()), dFinite);
    QCOMPARE(usage.values.lo, dLowest);
    QCOMPARE(usage.values.hi, dHighest);
    QCOMPARE(int(usage.subScales.codesUsed()), used);
    if (used == 0) {
        QVERIFY(usage.subScales.empty());
        return;
    }
    QCOMPARE(usage.subScales.lowest, lowest);
    QCOMPARE(usage.subScales.highest, highest);
    QCOMPARE(int(usage.subScales.count(code)), codeCount);
    QCOMPARE(int(usage.subMinimums.codesUsed()), minimumsUsed);
    if (minimumsUsed > 0) {
        QCOMPARE(int(usage.subMinimums.count(0)), zeroMinimums);
    }
}

void TestGgmlScaleUsage::analysisReadsItsBlocks()
{
    // 4 rows of 512: 8 super-blocks of q4_k, freshly quantized; the analysis hands out its blocks.
    std::vector<float> values(4 * 512);
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = std::sin(0.37f * float(i)) * (1.0f + float(i % 512) / 64.0f);
    }
    QuantSpec spec;
    spec.format.format = NumberFormat::GgmlQ4K;
    std::vector<std::byte> blocks;
    AnalysisOptions options;
    options.ggmlBlocksOut = &blocks;
    const Shape shape{4, 512};
    const auto analysis = analyzeTensor({values, shape}, spec, options);
    QVERIFY(analysis);
    QCOMPARE(blocks.size(), std::size_t(8 * 144));
    QCOMPARE(scaleStorageOf(*analysis), ScaleStorageKind::Fp16);
    QVERIFY(scaleUsage(*analysis).empty()); // the params alone do not hold the fields
    const ScaleUsage usage = scaleUsage(*analysis, blocks);
    QCOMPARE(usage, ggmlScaleUsage(type("q4_k"), blocks));
    QCOMPARE(usage.blocks, std::size_t(8));
    QCOMPARE(usage.values.total(), std::uint64_t(8));
    QCOMPARE(usage.subScales.total(), std::uint64_t(analysis->params.size()));
    // Every grid the analysis draws is the product of its fields.
    const auto fields = ggml::readScaleFields(type("q4_k"), blocks);
    for (std::size_t g = 0; g < fields.size(); ++g) {
        QCOMPARE(float(analysis->params[g].scale), fields[g].d * float(fields[g].subScale));
    }
    QCOMPARE(ggmlScaleStorage(ggmlTypeOf(NumberFormat::GgmlMxfp4)), ScaleStorageKind::E8M0);
    QCOMPARE(ggmlScaleStorage(ggmlTypeOf(NumberFormat::GgmlNvfp4)), ScaleStorageKind::E4M3);
    QCOMPARE(ggmlScaleStorage(ggmlTypeOf(NumberFormat::GgmlTq1_0)), ScaleStorageKind::Fp16);
}

QTEST_GUILESS_MAIN(TestGgmlScaleUsage)
#include "tst_ggml_scale_usage.moc"
