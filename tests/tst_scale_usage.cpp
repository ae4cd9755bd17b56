// How often each block scale occurs: E8M0 codes of MX, E4M3 codes of NVFP4, bitsandbytes'
// float32 absmax binned; nothing for the integer grid and a single minifloat scale.

#include "analysis/analyze.h"
#include "analysis/scale_usage.h"

#include <QtTest>

#include <cmath>
#include <numeric>
#include <vector>

using namespace qs;

namespace {

Analysis analyse(const std::vector<float>& values, const Shape& shape, const QuantSpec& spec)
{
    auto analysis = analyzeTensor({values, shape}, spec);
    if (!analysis) {
        qFatal("analyzeTensor: %s", analysis.error().message.c_str());
    }
    return std::move(*analysis);
}

QuantSpec formatSpec(NumberFormat format)
{
    QuantSpec spec;
    spec.format.format = format;
    return spec;
}

// Two rows of 64: four blocks of 32 whose largest magnitudes are `amax`.
std::vector<float> blocksWithAmax(const std::vector<float>& amax, std::size_t block)
{
    std::vector<float> values(amax.size() * block, 0.0f);
    for (std::size_t b = 0; b < amax.size(); ++b) {
        for (std::size_t i = 0; i < block; ++i) {
            values[b * block + i] = amax[b] * static_cast<float>(i) / static_cast<float>(block);
        }
        values[b * block + block / 2] = b % 2 == 0 ? amax[b] : -amax[b];
    }
    return values;
}

} // namespace

class TestScaleUsage : public QObject
{
    Q_OBJECT

private slots:
    void mxCountsE8M0Codes();
    void nvfp4CountsE4M3Codes();
    void bitsandbytesBinsTheAbsmax();
    void minifloatGroupsAreFloat32();
    void noScalesToCount();
};

void TestScaleUsage::mxCountsE8M0Codes()
{
    // MXFP4 (emax 2): amax 6 → floor(log2) 2 → c = 127; 12 → 128; 0.75 → 124.
    const auto values = blocksWithAmax({6, 12, 6, 0.75f}, 32);
    const Analysis a = analyse(values, {2, 64}, formatSpec(NumberFormat::Mxfp4));
    QCOMPARE(a.params.size(), std::size_t(4));
    const ScaleUsage usage = scaleUsage(a);
    QCOMPARE(usage.storage, ScaleStorageKind::E8M0);
    QCOMPARE(usage.blocks, std::size_t(4));
    QCOMPARE(usage.codeCounts[127], std::uint64_t(2));
    QCOMPARE(usage.codeCounts[128], std::uint64_t(1));
    QCOMPARE(usage.codeCounts[124], std::uint64_t(1));
    QCOMPARE(std::accumulate(usage.codeCounts.begin(), usage.codeCounts.end(), std::uint64_t(0)),
             std::uint64_t(4));
    QCOMPARE(usage.codesUsed(), std::size_t(3));
    QCOMPARE(usage.lowestCode, 124);
    QCOMPARE(usage.highestCode, 128);
    QCOMPARE(storedScale(a, 3), 0.125); // 2^(124 − 127)
    QCOMPARE(scaleCodeValue(ScaleStorageKind::E8M0, 0x80), 2.0);
    QVERIFY(std::isnan(scaleCodeValue(ScaleStorageKind::E8M0, 0xFF)));
}

void TestScaleUsage::nvfp4CountsE4M3Codes()
{
    // Blocks of 16; the tensor's amax 6 gives S_enc 448, so a block's s = E4M3(vmax · 448/6):
    // vmax 6 → 448 (0x7E), 1.5 → 112 (0x6E).
    const auto values = blocksWithAmax({6, 1.5f, 1.5f, 1.5f}, 16);
    const Analysis a = analyse(values, {64}, formatSpec(NumberFormat::Nvfp4));
    const ScaleUsage usage = scaleUsage(a);
    QCOMPARE(usage.storage, ScaleStorageKind::E4M3);
    QCOMPARE(usage.blocks, std::size_t(4));
    QCOMPARE(usage.codeCounts[0x7E], std::uint64_t(1));
    QCOMPARE(usage.codeCounts[0x6E], std::uint64_t(3));
    QCOMPARE(usage.codesUsed(), std::size_t(2));
    QCOMPARE(storedScale(a, 1), 112.0); // the block's own scale, without S_dec
    QCOMPARE(scaleCodeValue(ScaleStorageKind::E4M3, 0x38), 1.0);
}

void TestScaleUsage::bitsandbytesBinsTheAbsmax()
{
    const auto values = blocksWithAmax({1, 2, 3, 4, 4}, 64);
    const Analysis a = analyse(values, {320}, formatSpec(NumberFormat::Nf4));
    const ScaleUsage usage = scaleUsage(a, 3);
    QCOMPARE(usage.storage, ScaleStorageKind::Float32);
    QCOMPARE(usage.blocks, std::size_t(5));
    QCOMPARE(usage.values.lo, 1.0);
    QCOMPARE(usage.values.hi, 4.0);
    QCOMPARE(usage.values.counts, (std::vector<std::uint64_t>{1, 1, 3})); // 4 is in the last bin
    QCOMPARE(storedScale(a, 2), 3.0);
}

void TestScaleUsage::minifloatGroupsAreFloat32()
{
    QuantSpec spec = formatSpec(NumberFormat::Fp8E4m3);
    spec.granularity = Granularity::Channel;
    const auto values = blocksWithAmax({448, 448}, 32);
    const ScaleUsage usage = scaleUsage(analyse(values, {2, 32}, spec));
    QCOMPARE(usage.storage, ScaleStorageKind::Float32);
    // Both channels have s = 1: one bin around it holds both.
    QCOMPARE(
        std::accumulate(usage.values.counts.begin(), usage.values.counts.end(), std::uint64_t(0)),
        std::uint64_t(2));
    QVERIFY(usage.values.lo < 1.0 && usage.values.hi > 1.0);
}

void TestScaleUsage::noScalesToCount()
{
    const auto values = blocksWithAmax({1, 2}, 32);
    QuantSpec integer;
    integer.granularity = Granularity::Group;
    QVERIFY(scaleUsage(analyse(values, {64}, integer)).empty());
    QCOMPARE(scaleStorageOf(analyse(values, {64}, formatSpec(NumberFormat::Fp8E4m3))),
             ScaleStorageKind::None); // one scale for the tensor
}

QTEST_GUILESS_MAIN(TestScaleUsage)
#include "tst_scale_usage.moc"
