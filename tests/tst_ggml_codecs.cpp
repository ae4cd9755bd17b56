// ggml's block types bit for bit against ggml itself: tests/data/ggml holds the bytes
// ggml_quantize_chunk wrote for awkward rows (zero, constant, tie-heavy, tiny, subnormal and
// wide-range blocks, negative peaks, single non-zeros; make_ggml_fixtures.py names each row), with
// and without an importance matrix, and ggml's own dequantization of those bytes. QuantScope's
// quantizer must write the same bytes, its decoder give the same floats, and its decoded grids the
// same R′ as ggml's dequantizer.

#include "analysis/analyze.h"
#include "analysis/ggml_quantization.h"
#include "analysis/range_usage.h"
#include "ggml/block_codec.h"
#include "ggml/ggml_scalars.h"
#include "quant/element_quantizer.h"
#include "quant/ggml_formats.h"
#include "quant/presets.h"
#include "support/fixtures.h"
#include "support/test_paths.h"

#include <QFile>
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstring>

using namespace qs;

namespace {

std::vector<std::byte> fileBytes(const QString& name)
{
    QFile file(test::testData(name));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray data = file.readAll();
    std::vector<std::byte> bytes(static_cast<std::size_t>(data.size()));
    std::memcpy(bytes.data(), data.constData(), bytes.size());
    return bytes;
}

// The first differing block, as "row r, block b" (empty when equal).
QString firstDifference(std::span<const std::byte> got, std::span<const std::byte> want,
                        const ggml::TypeInfo& type, std::size_t rowLength)
{
    if (got.size() != want.size()) {
        return QStringLiteral("%1 bytes against %2").arg(got.size()).arg(want.size());
    }
    const std::size_t blocksPerRow = rowLength / type.blockValues;
    for (std::size_t at = 0; at < got.size(); ++at) {
        if (got[at] != want[at]) {
            const std::size_t block = at / type.blockBytes;
            return QStringLiteral("row %1, block %2, byte %3")
                .arg(block / blocksPerRow)
                .arg(block % blocksPerRow)
                .arg(at % type.blockBytes);
        }
    }
    return {};
}

bool sameFloat(float a, float b)
{
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b) ||
           (std::isnan(a) && std::isnan(b));
}

} // namespace

class TestGgmlCodecs : public QObject
{
    Q_OBJECT

private slots:
    void quantizesAsGgml_data();
    void quantizesAsGgml();
    void quantizesWithImportanceAsGgml_data() { quantizesAsGgml_data(); }
    void quantizesWithImportanceAsGgml();
    void decodesAsGgml_data() { quantizesAsGgml_data(); }
    void decodesAsGgml();
    void threadCountDoesNotChangeBytes();
    void catalogKnowsEveryFileType();
    void rowsMustBeWholeBlocks();
    void fp16RoundsToNearestEven();
    void llamaPresetsAgreeWithTheirTypes_data();
    void llamaPresetsAgreeWithTheirTypes();
    void gridsKnowTheirEnds();
};

void TestGgmlCodecs::quantizesAsGgml_data()
{
    QTest::addColumn<QString>("type");
    for (const ggml::TypeInfo& type : ggml::typeCatalog()) {
        if (type.kind == ggml::TypeKind::Block) {
            QTest::newRow(type.name.data()) << QString::fromLatin1(type.name);
        }
    }
}

void TestGgmlCodecs::quantizesAsGgml()
{
    QFETCH(QString, type);
    const ggml::TypeInfo& info = *ggml::typeByName(type.toStdString());
    const Tensor input = test::npyFixture("ggml/inputs.npy");
    const auto rowLength = static_cast<std::size_t>(input.shape.back());
    const std::vector<std::byte> want = fileBytes("ggml/" + type + ".bin");
    QVERIFY(!want.empty());
    std::vector<std::byte> got(want.size());
    ggml::quantizeRows(info, input.values, rowLength, got);
    const QString difference = firstDifference(got, want, info, rowLength);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestGgmlCodecs::quantizesWithImportanceAsGgml()
{
    QFETCH(QString, type);
    const ggml::TypeInfo& info = *ggml::typeByName(type.toStdString());
    const std::vector<std::byte> want = fileBytes("ggml/" + type + "_imatrix.bin");
    if (!info.usesImportance) {
        QVERIFY2(want.empty(), "ggml weighs this type's quantizer: the catalog must say so");
        return;
    }
    QVERIFY(!want.empty());
    const Tensor input = test::npyFixture("ggml/inputs.npy");
    const Tensor weights = test::npyFixture("ggml/importance.npy");
    const auto rowLength = static_cast<std::size_t>(input.shape.back());
    std::vector<std::byte> got(want.size());
    ggml::quantizeRows(info, input.values, rowLength, got, weights.values);
    const QString difference = firstDifference(got, want, info, rowLength);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestGgmlCodecs::decodesAsGgml()
{
    QFETCH(QString, type);
    const ggml::TypeInfo& info = *ggml::typeByName(type.toStdString());
    const std::vector<std::byte> blocks = fileBytes("ggml/" + type + ".bin");
    const Tensor want = test::npyFixture("ggml/" + type + "_dequant.npy");
    std::vector<float> got(want.values.size());
    ggml::dequantizeBlocks(info, blocks, got);
    for (std::size_t i = 0; i < got.size(); ++i) {
        QVERIFY2(sameFloat(got[i], want.values[i]),
                 qPrintable(QStringLiteral("value %1: %2 against ggml's %3")
                                .arg(i)
                                .arg(double(got[i]), 0, 'g', 9)
                                .arg(double(want.values[i]), 0, 'g', 9)));
    }
    // The decoding the analysis uses: codes in the type's range, grids that give the same R′.
    auto decoded = decodeGgml(blocks, info);
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->params.size(), got.size() / info.gridValues);
    for (std::size_t i = 0; i < got.size(); ++i) {
        const std::int32_t code = decoded->codes[i];
        QVERIFY(code >= info.codeMin &&
                code < info.codeMin + static_cast<std::int32_t>(info.codeCount()));
        QVERIFY(sameFloat(decoded->dequantized[i], want.values[i]));
        // The grid the window draws holds the stored value.
        QCOMPARE(decoded->params[i / info.gridValues].dequantize(code), want.values[i]);
    }
}

void TestGgmlCodecs::threadCountDoesNotChangeBytes()
{
    const Tensor input = test::generated(Distribution::Normal, {64, 512}, 3);
    const ggml::TypeInfo& q4k = *ggml::typeByName("q4_k");
    auto one = quantizeToGgml(input.values, 512, q4k, {}, 1);
    auto two = quantizeToGgml(input.values, 512, q4k, {}, 2);
    QVERIFY(one && two);
    QVERIFY(one->blocks == two->blocks);
    QCOMPARE(one->blocks.size(), std::size_t{64 * 2 * 144});
}

void TestGgmlCodecs::catalogKnowsEveryFileType()
{
    // Sizes as ggml's type traits give them; the bits per value of FORMATS.md §6.
    const std::vector<std::tuple<const char*, std::uint32_t, std::size_t, std::size_t>> expected{
        {"q4_0", 2, 32, 18},    {"q8_0", 8, 32, 34},      {"q2_k", 10, 256, 84},
        {"q6_k", 14, 256, 210}, {"iq2_xxs", 16, 256, 66}, {"iq3_xxs", 18, 256, 98},
        {"iq4_nl", 20, 32, 18}, {"iq4_xs", 23, 256, 136}, {"iq1_m", 29, 256, 56},
        {"bf16", 30, 1, 2},     {"tq1_0", 34, 256, 54},   {"tq2_0", 35, 256, 66},
        {"mxfp4", 39, 32, 17},  {"nvfp4", 40, 64, 36}};
    for (const auto& [name, id, values, bytes] : expected) {
        const ggml::TypeInfo* type = ggml::typeById(id);
        QVERIFY2(type != nullptr, name);
        QCOMPARE(type->name, std::string_view(name));
        QCOMPARE(type->blockValues, values);
        QCOMPARE(type->blockBytes, bytes);
    }
    QCOMPARE(ggml::typeByName("q4_k")->bitsPerValue(), 4.5);
    QCOMPARE(ggml::typeByName("q6_k")->bitsPerValue(), 6.5625);
    QCOMPARE(ggml::typeByName("q8_0")->bitsPerValue(), 8.5);
    QCOMPARE(ggml::typeByName("mxfp4")->bitsPerValue(), 4.25);
    QCOMPARE(ggml::typeByName("nvfp4")->bitsPerValue(), 4.5);
    QCOMPARE(ggml::typeByOption("mxfp4-ggml")->id, 39u);
    QCOMPARE(ggml::typeByName("iq3_xxs")->kind, ggml::TypeKind::Lattice);
    QVERIFY(ggml::typeById(4) == nullptr); // a removed id
    QCOMPARE(ggml::formatOptionNames().size(), std::size_t{16});
}

void TestGgmlCodecs::rowsMustBeWholeBlocks()
{
    const ggml::TypeInfo& q4k = *ggml::typeByName("q4_k");
    const auto refused = ggml::checkRowLength(q4k, 320);
    QVERIFY(!refused);
    QVERIFY(refused.error().message.find("320") != std::string::npos);
    QVERIFY(refused.error().message.find("256") != std::string::npos);
    QVERIFY(ggml::checkRowLength(q4k, 512));
    const std::vector<float> values(320, 1.0f);
    QVERIFY(!quantizeToGgml(values, 320, q4k));
    const std::vector<float> weights(31, 1.0f);
    QVERIFY(!quantizeToGgml(std::vector<float>(64, 1.0f), 32, *ggml::typeByName("q4_0"), weights));
}

void TestGgmlCodecs::fp16RoundsToNearestEven()
{
    // Values written out by hand: 1 + 2^−11 is a tie between 1 and 1 + 2^−10 (even: 1);
    // 1 + 3·2^−11 ties up to the even 1 + 2^−9; 65520 rounds to infinity, 65519 to 65504;
    // 2^−25 ties to 0 and 3·2^−25 to the subnormal 2·2^−24.
    QCOMPARE(ggml::floatToFp16Bits(1.0f + 0x1p-11f), std::uint16_t{0x3c00});
    QCOMPARE(ggml::floatToFp16Bits(1.0f + 0x3p-11f), std::uint16_t{0x3c02});
    QCOMPARE(ggml::floatToFp16Bits(65520.0f), std::uint16_t{0x7c00});
    QCOMPARE(ggml::floatToFp16Bits(65519.0f), std::uint16_t{0x7bff});
    QCOMPARE(ggml::floatToFp16Bits(0x1p-25f), std::uint16_t{0x0000});
    QCOMPARE(ggml::floatToFp16Bits(0x3p-25f), std::uint16_t{0x0002});
    QCOMPARE(ggml::floatToFp16Bits(-0.0f), std::uint16_t{0x8000});
    QCOMPARE(ggml::floatToFp16Bits(NAN) & 0x7fffu, 0x7e00u);
    QCOMPARE(ggml::fp16BitsToFloat(0x0001), 0x1p-24f);
    QCOMPARE(ggml::fp16BitsToFloat(0xfbff), -65504.0f);
    QVERIFY(std::isinf(ggml::fp16BitsToFloat(0x7c00)));
}

void TestGgmlCodecs::llamaPresetsAgreeWithTheirTypes_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("format");
    QTest::newRow("llama-q8_0") << "llama-q8_0" << int(NumberFormat::GgmlQ8_0);
    QTest::newRow("llama-q4_0") << "llama-q4_0" << int(NumberFormat::GgmlQ4_0);
}

void TestGgmlCodecs::llamaPresetsAgreeWithTheirTypes()
{
    // The presets' integer-grid path and ggml's own codec give the same codes and values.
    QFETCH(QString, preset);
    QFETCH(int, format);
    const Tensor input = test::npyFixture("ggml/inputs.npy");
    QuantSpec viaPreset = *schemePreset(preset.toStdString());
    QuantSpec viaType;
    viaType.format.format = static_cast<NumberFormat>(format);
    const auto run = [&](const QuantSpec& spec, std::vector<std::int32_t>& codes,
                         std::vector<float>& values) {
        codes.resize(input.values.size());
        values.resize(input.values.size());
        AnalysisOptions options;
        options.codesOut = codes;
        options.dequantOut = values;
        return analyzeTensor(input.view(), spec, options);
    };
    std::vector<std::int32_t> presetCodes;
    std::vector<std::int32_t> typeCodes;
    std::vector<float> presetValues;
    std::vector<float> typeValues;
    const auto a = run(viaPreset, presetCodes, presetValues);
    const auto b = run(viaType, typeCodes, typeValues);
    QVERIFY(a && b);
    // Rows 10–12 (tiny, subnormal, wide range; see inputs.txt) hold blocks whose fp16 d underflows
    // to 0 or overflows: ggml still stores the codes of 1/d there, the preset's grid code 0 or
    // non-finite values. Everywhere else the two must agree.
    for (std::size_t i = 0; i < input.values.size(); ++i) {
        if (const std::size_t row = i / 256; row < 10 || row > 12) {
            QVERIFY2(presetCodes[i] == typeCodes[i],
                     qPrintable(QStringLiteral("code %1 (row %2): %3 against ggml's %4")
                                    .arg(i)
                                    .arg(i / 256)
                                    .arg(presetCodes[i])
                                    .arg(typeCodes[i])));
            // Equal values; the sign of a zero may differ: the preset's integer grid keeps the
            // −0 of a small negative value's rounding (as NumPy would), ggml's code 0 gives +0.
            QVERIFY2(presetValues[i] == typeValues[i],
                     qPrintable(QStringLiteral("value %1 (row %2): %3 against %4")
                                    .arg(i)
                                    .arg(i / 256)
                                    .arg(double(presetValues[i]), 0, 'g', 9)
                                    .arg(double(typeValues[i]), 0, 'g', 9)));
        }
    }
}

void TestGgmlCodecs::gridsKnowTheirEnds()
{
    // IQ4's table is not symmetric (−127 … 113); a k-quant's grid is shifted by its minimum.
    const ggml::SubBlockGrid iq4{0.5f, 0.0f};
    const QuantParams table =
        ggmlGridParams(*ggml::typeByName("iq4_nl"), std::span(&iq4, 1)).front();
    QCOMPARE(table.representableMin(), -63.5f);
    QCOMPARE(table.representableMax(), 56.5f);
    const ggml::SubBlockGrid flipped{-0.5f, 0.0f}; // ggml's d may be negative
    const QuantParams turned =
        ggmlGridParams(*ggml::typeByName("iq4_nl"), std::span(&flipped, 1)).front();
    QCOMPARE(turned.representableMin(), -56.5f);
    QCOMPARE(turned.representableMax(), 63.5f);
    const ggml::SubBlockGrid q4k{0.25f, -1.0f}; // R′ = 0.25·q − 1, q in 0..15
    const QuantParams shifted =
        ggmlGridParams(*ggml::typeByName("q4_k"), std::span(&q4k, 1)).front();
    QCOMPARE(shifted.representableMin(), -1.0f);
    QCOMPARE(shifted.representableMax(), 2.75f);
    const RealInterval clip = clipThresholds(shifted, Rounding::HalfEven);
    QCOMPARE(clip.lo, -1.125);
    QCOMPARE(clip.hi, 2.875);
    QCOMPARE(quantizeElement(shifted, Rounding::HalfEven, 0.1f).code, 4); // (0.1 + 1)/0.25 = 4.4
    QCOMPARE(quantizeElement(shifted, Rounding::HalfEven, 0.1f).dequantized, 0.0f);
}

QTEST_GUILESS_MAIN(TestGgmlCodecs)
#include "tst_ggml_codecs.moc"
