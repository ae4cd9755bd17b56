// The model-wide report: outlier statistics against naive formulas, each row against separate
// analyses of its tensor, streaming over a file, cancellation, and the JSON / CSV output.

#include "analysis/analyze.h"
#include "analysis/model_report.h"
#include "analysis/outlier_stats.h"
#include "analysis/shootout.h"
#include "analysis/streamed_quantization.h"
#include "calibrate/percentile.h"
#include "ggml/block_codec.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "quant/bits_per_value.h"
#include "report/model_report_output.h"
#include "support/fixtures.h"
#include "support/gguf_files.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace qs;

namespace {

// The textbook formulas, in double, one value at a time.
struct NaiveOutliers
{
    double kurtosis = 0;
    std::uint64_t beyondSix = 0;
    std::uint64_t atLeastSix = 0;
    double p975 = 0;
    double absMax = 0;
};

NaiveOutliers naiveOutliers(const std::vector<float>& values)
{
    std::vector<double> finite;
    for (const float v : values) {
        if (std::isfinite(v)) {
            finite.push_back(v);
        }
    }
    double mean = 0;
    for (const double v : finite) {
        mean += v;
    }
    mean /= static_cast<double>(finite.size());
    double m2 = 0;
    double m4 = 0;
    for (const double v : finite) {
        m2 += (v - mean) * (v - mean);
        m4 += std::pow(v - mean, 4);
    }
    m2 /= static_cast<double>(finite.size());
    m4 /= static_cast<double>(finite.size());
    NaiveOutliers out;
    out.kurtosis = m4 / (m2 * m2) - 3;
    for (const double v : finite) {
        out.beyondSix += std::abs(v - mean) > 6 * std::sqrt(m2) ? 1 : 0;
        out.atLeastSix += std::abs(v) >= 6 ? 1 : 0;
        out.absMax = std::max(out.absMax, std::abs(v));
    }
    std::vector<float> magnitudes;
    for (const double v : finite) {
        magnitudes.push_back(static_cast<float>(std::abs(v)));
    }
    out.p975 = percentileInPlace(magnitudes, 97.5);
    return out;
}

Tensor withOutliers()
{
    Tensor tensor = test::generated(Distribution::Normal, {64, 32}, 11);
    tensor.values[5] = 40.0f;   // channel 0
    tensor.values[700] = -9.0f; // channel 21
    tensor.values[900] = std::numeric_limits<float>::quiet_NaN();
    return tensor;
}

std::string writeModelFile(test::ScratchDir& dir)
{
    const Tensor weight = withOutliers();
    Tensor bias = test::generated(Distribution::Normal, {64}, 12);
    QByteArray data = test::floatBytes(weight.values);
    const qsizetype biasAt = data.size();
    data += test::floatBytes(bias.values);
    const qsizetype stepsAt = data.size();
    data += QByteArray("\x01\x00\x00\x00\x00\x00\x00\x00", 8);
    const QByteArray header =
        QStringLiteral(
            "{\"layer.weight\":{\"dtype\":\"F32\",\"shape\":[64,32],\"data_offsets\":[0,%1]},"
            "\"layer.bias\":{\"dtype\":\"F32\",\"shape\":[64],\"data_offsets\":[%1,%2]},"
            "\"steps\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[%2,%3]}}")
            .arg(biasAt)
            .arg(stepsAt)
            .arg(data.size())
            .toUtf8();
    return dir.write("model.safetensors", test::safetensorsBytes(header, data));
}

QuantSpec symmetric8()
{
    QuantSpec spec;
    spec.scheme = Scheme::Symmetric;
    return spec;
}

} // namespace

class TestModelReport : public QObject
{
    Q_OBJECT

private slots:
    void outlierStatsMatchNaive_data();
    void outlierStatsMatchNaive();
    void absPercentileMatchesSelection_data();
    void absPercentileMatchesSelection();
    void peakRatioEdges();
    void rowsMatchSeparateAnalyses();
    void streamedMatchesWholeTensor_data();
    void streamedMatchesWholeTensor();
    void storedBfloat16NeedsNoCopy();
    void percentileBracketIsExact_data();
    void percentileBracketIsExact();
    void ggmlBlocksReadUnaligned();
    void ggufBlocksStreamAsDecoded();
    void streamsCancelsAndSkips();
    void jsonAndCsv();
    void numberFormatsAreAnalysedWhole();
    void bestFormatWithinTheBudget();
    void bestFormatInJsonAndCsv();
};

void TestModelReport::outlierStatsMatchNaive_data()
{
    QTest::addColumn<int>("distribution");
    QTest::addColumn<int>("count");
    QTest::newRow("normal") << int(Distribution::Normal) << 100000;
    QTest::newRow("laplace") << int(Distribution::Laplace) << 77777;
    QTest::newRow("student-t (heavy)") << int(Distribution::StudentT) << 50001;
    QTest::newRow("uniform") << int(Distribution::Uniform) << 3;
}

void TestModelReport::outlierStatsMatchNaive()
{
    QFETCH(int, distribution);
    QFETCH(int, count);
    Tensor tensor = test::generated(static_cast<Distribution>(distribution), {count}, 5);
    tensor.values[0] = 12.5f; // one big value, beyond 6 and beyond 6σ
    const NaiveOutliers expected = naiveOutliers(tensor.values);
    const TensorStats stats = computeStats(tensor.values);
    for (const unsigned threads : {1u, 2u}) {
        const OutlierStats got =
            computeOutlierStats(ValueSource::floats(tensor.values), stats, threads);
        // The mean comes from the stats pass (float lanes, ~1e-7 relative); the moments are double.
        QVERIFY(std::abs(got.excessKurtosis - expected.kurtosis) <=
                1e-6 * std::max(1.0, std::abs(expected.kurtosis)));
        QCOMPARE(got.beyondSixSigma, expected.beyondSix);
        QCOMPARE(got.magnitudeAtLeastSix, expected.atLeastSix);
        QCOMPARE(got.absPercentile, expected.p975);
        QCOMPARE(got.absMax, expected.absMax);
    }
}

void TestModelReport::absPercentileMatchesSelection_data()
{
    QTest::addColumn<std::vector<float>>("values");
    QTest::addColumn<double>("p");
    QTest::newRow("one value") << std::vector<float>{-3} << 97.5;
    QTest::newRow("ties") << std::vector<float>{1, 1, 1, -1, 1, 1, 2} << 50.0;
    QTest::newRow("zeros and signs") << std::vector<float>{0, -0.0f, 0, 5, -5} << 97.5;
    QTest::newRow("max") << std::vector<float>{0.1f, -7, 3} << 100.0;
    QTest::newRow("min") << std::vector<float>{0.1f, -7, 3} << 0.0;
    QTest::newRow("NaN and Inf ignored")
        << std::vector<float>{1, std::numeric_limits<float>::quiet_NaN(), 2,
                              -std::numeric_limits<float>::infinity(), 3}
        << 97.5;
    QTest::newRow("subnormals") << std::vector<float>{1e-42f, -3e-41f, 2e-45f, 0} << 60.0;
    std::vector<float> wide(30001);
    for (std::size_t i = 0; i < wide.size(); ++i) {
        wide[i] = std::ldexp(static_cast<float>(i % 101) - 50.0f, static_cast<int>(i % 40) - 20);
    }
    QTest::newRow("30001 values over 40 octaves") << wide << 97.5;
}

void TestModelReport::absPercentileMatchesSelection()
{
    QFETCH(std::vector<float>, values);
    QFETCH(double, p);
    std::vector<float> magnitudes;
    for (const float v : values) {
        if (std::isfinite(v)) {
            magnitudes.push_back(std::abs(v));
        }
    }
    const double expected = percentileInPlace(magnitudes, p);
    QCOMPARE(absPercentile(values, p, 1), expected);
    QCOMPARE(absPercentile(values, p, 2), expected);
}

void TestModelReport::peakRatioEdges()
{
    OutlierStats zero;
    QCOMPARE(zero.peakRatio(), 1.0);
    QVERIFY(!zero.modelReportOutlier());
    OutlierStats sparse;
    sparse.absMax = 3;
    QVERIFY(std::isinf(sparse.peakRatio()));
    QVERIFY(sparse.modelReportOutlier());
    OutlierStats mild{0, 0, 0, 1.0, 3.5};
    QVERIFY(!mild.modelReportOutlier()); // the rule is strictly greater than 3.5
}

void TestModelReport::rowsMatchSeparateAnalyses()
{
    const Tensor tensor = withOutliers();
    TensorEntry entry;
    entry.name = "w";
    entry.dtype = "float32";
    const auto row = analyzeModelTensor(tensor, entry, symmetric8(), 0);
    QVERIFY(row);
    const auto whole = analyzeTensor(tensor.view(), symmetric8());
    QuantSpec perChannel = symmetric8();
    perChannel.granularity = Granularity::Channel;
    const auto channels = analyzeTensor(tensor.view(), perChannel);
    QVERIFY(whole && channels);
    // The row's passes add the same errors in other partial sums (~1e-10 relative).
    const auto sameDb = [](double a, double b) {
        return std::abs(a - b) < 1e-6;
    };
    QVERIFY(sameDb(row->sqnrDb, whole->metrics.sqnrDb));
    QCOMPARE(row->zeroCodeFraction, whole->metrics.zeroCodeFraction);
    QVERIFY(sameDb(*row->perTensorSqnrDb, whole->metrics.sqnrDb));
    QVERIFY(sameDb(*row->perChannelSqnrDb, channels->metrics.sqnrDb));
    QVERIFY(*row->perChannelGainDb() > 3); // two extreme channels: per-channel scales help
    QCOMPARE(row->maxAbsOverStd, whole->stats.absMax / whole->stats.std);
    QCOMPARE(row->count, std::uint64_t{64 * 32});
    QVERIFY(row->outliers.modelReportOutlier());
    QCOMPARE(row->outliers.magnitudeAtLeastSix, std::uint64_t{2});

    // TF.js kernels keep output channels last.
    const auto last = analyzeModelTensor(tensor, entry, symmetric8(), -1);
    QuantSpec lastAxis = perChannel;
    lastAxis.axis = 1;
    QVERIFY(
        sameDb(*last->perChannelSqnrDb, analyzeTensor(tensor.view(), lastAxis)->metrics.sqnrDb));
}

void TestModelReport::streamedMatchesWholeTensor_data()
{
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<int>("granularity");
    QTest::addColumn<int>("axis");
    QTest::addColumn<int>("convention");
    QTest::addColumn<bool>("withNaN");
    const int tensor = int(Granularity::Tensor);
    const int channel = int(Granularity::Channel);
    const int tutorial = int(Convention::Tutorial);
    const int pytorch = int(Convention::PyTorch);
    const int sym = int(Scheme::Symmetric);
    const int asym = int(Scheme::Asymmetric);
    QTest::newRow("per tensor, several slices")
        << Shape{700, 1000} << sym << tensor << 0 << tutorial << false;
    QTest::newRow("per tensor asymmetric with NaN")
        << Shape{333, 777} << asym << tensor << 0 << tutorial << true;
    QTest::newRow("channels first, many per slice")
        << Shape{640, 3, 3} << sym << channel << 0 << pytorch << false;
    QTest::newRow("channels first, longer than a slice")
        << Shape{3, 300000} << asym << channel << 0 << pytorch << false;
    QTest::newRow("channels last (Keras kernels)")
        << Shape{3, 3, 64, 96} << sym << channel << -1 << tutorial << false;
    QTest::newRow("channels last, wider than a slice")
        << Shape{2, 300000} << asym << channel << 1 << tutorial << true;
    QTest::newRow("rank 1 per channel") << Shape{5000} << sym << channel << 0 << tutorial << false;
}

void TestModelReport::streamedMatchesWholeTensor()
{
    QFETCH(Shape, shape);
    QFETCH(int, scheme);
    QFETCH(int, granularity);
    QFETCH(int, axis);
    QFETCH(int, convention);
    QFETCH(bool, withNaN);
    Tensor tensor = test::generated(Distribution::StudentT, shape, 21);
    if (withNaN) {
        tensor.values[17] = std::numeric_limits<float>::quiet_NaN();
    }
    QuantSpec spec;
    spec.scheme = static_cast<Scheme>(scheme);
    spec.granularity = static_cast<Granularity>(granularity);
    spec.axis = axis;
    spec.convention = static_cast<Convention>(convention);
    QVERIFY(canStream(spec, shape));
    // Beside the chosen spec, the variants a model row measures in the same two reads.
    QuantSpec perTensor = spec;
    perTensor.granularity = Granularity::Tensor;
    QuantSpec perChannel = spec;
    perChannel.granularity = Granularity::Channel;
    perChannel.axis = shape.size() > 1 ? 0 : axis;
    const std::vector<QuantSpec> specs{spec, perTensor, perChannel};
    const ValueSource source = ValueSource::floats(tensor.values);
    const TensorStats whole = computeStats(tensor.values);
    const NaiveOutliers naive = naiveOutliers(tensor.values);
    std::vector<Analysis> analyses;
    for (const QuantSpec& s : specs) {
        auto analysis = analyzeTensor(tensor.view(), s);
        QVERIFY(analysis);
        analyses.push_back(std::move(*analysis));
    }
    for (const unsigned threads : {1u, 2u}) {
        const auto streamed = measureStreamed(source, shape, specs, threads);
        QVERIFY(streamed);
        const TensorStats& stats = streamed->stats;
        QCOMPARE(stats.min, whole.min);
        QCOMPARE(stats.max, whole.max);
        QCOMPARE(stats.finiteCount, whole.finiteCount);
        QCOMPARE(stats.nanCount, whole.nanCount);
        QVERIFY(std::abs(stats.std - whole.std) <= 1e-6 * whole.std);
        // Outliers against the textbook formulas; the percentile exactly (by selection for the
        // small tensors, by the two-level count for the others).
        const OutlierStats& outliers = streamed->outliers;
        QVERIFY(std::abs(outliers.excessKurtosis - naive.kurtosis) <=
                1e-6 * std::max(1.0, std::abs(naive.kurtosis)));
        QCOMPARE(outliers.beyondSixSigma, naive.beyondSix);
        QCOMPARE(outliers.magnitudeAtLeastSix, naive.atLeastSix);
        QCOMPARE(outliers.absPercentile, naive.p975);
        QCOMPARE(outliers.absMax, naive.absMax);
        QCOMPARE(streamed->schemes.size(), specs.size());
        for (std::size_t k = 0; k < specs.size(); ++k) {
            const auto& summary = streamed->schemes[k];
            QVERIFY(summary);
            // The same parameters and errors; only how the values split into float-lane partial
            // sums differs (~1e-10 relative).
            QVERIFY2(std::abs(summary->sqnrDb - analyses[k].metrics.sqnrDb) < 1e-6,
                     qPrintable(QStringLiteral("spec %1: %2 vs %3")
                                    .arg(k)
                                    .arg(summary->sqnrDb, 0, 'g', 17)
                                    .arg(analyses[k].metrics.sqnrDb, 0, 'g', 17)));
            QCOMPARE(summary->zeroCodeFraction, analyses[k].metrics.zeroCodeFraction);
        }
    }
}

void TestModelReport::percentileBracketIsExact_data()
{
    QTest::addColumn<std::vector<float>>("values");
    std::vector<float> normal = test::generated(Distribution::Normal, {300000}, 3).values;
    QTest::newRow("a sample that represents the tensor") << normal;
    // Every 61st value (the sampling stride) is large: the sample's bracket misses the ranks.
    std::vector<float> unrepresentative = normal;
    for (std::size_t i = 0; i < unrepresentative.size(); i += 61) {
        unrepresentative[i] = 50.0f + static_cast<float>(i) * 1e-6f;
    }
    QTest::newRow("a sample that does not") << unrepresentative;
    // Ties inside the bracket, and so many of them that the bracket overflows its cap.
    std::vector<float> ties(300000, 1.0f);
    std::copy_n(normal.begin(), 3000, ties.begin());
    QTest::newRow("ties") << ties;
    std::vector<float> constant(std::size_t{1} << 21, -2.5f);
    constant[12345] = 7.0f;
    QTest::newRow("too many ties") << constant;
}

void TestModelReport::percentileBracketIsExact()
{
    QFETCH(std::vector<float>, values);
    const NaiveOutliers expected = naiveOutliers(values);
    const Shape shape{static_cast<std::int64_t>(values.size())};
    const std::vector<QuantSpec> specs{symmetric8()};
    for (const unsigned threads : {1u, 2u}) {
        const auto streamed = measureStreamed(ValueSource::floats(values), shape, specs, threads);
        QVERIFY(streamed);
        QCOMPARE(streamed->outliers.absPercentile, expected.p975);
        QCOMPARE(streamed->outliers.magnitudeAtLeastSix, expected.atLeastSix);
    }
}

void TestModelReport::ggmlBlocksReadUnaligned()
{
    // Any slice of a block tensor decodes as the whole tensor does, bit for bit.
    const ggml::TypeInfo& q4k = *ggml::typeByName("q4_k");
    const Tensor tensor = test::generated(Distribution::Laplace, {4, 1024}, 8);
    std::vector<std::byte> blocks(*ggml::storedBytes(q4k, tensor.values.size()));
    ggml::quantizeRows(q4k, tensor.values, 1024, blocks);
    std::vector<float> decoded(tensor.values.size());
    ggml::dequantizeBlocks(q4k, blocks, decoded);
    const ValueSource source = ValueSource::ggmlBlocks(blocks, q4k);
    QCOMPARE(source.size(), tensor.values.size());
    std::vector<float> scratch;
    for (const SliceRange range : {SliceRange{0, 4096}, SliceRange{3, 700}, SliceRange{256, 512},
                                   SliceRange{1000, 1001}, SliceRange{4095, 4096}}) {
        const auto got = source.read(range, scratch);
        QCOMPARE(got.size(), range.size());
        QVERIFY(
            std::equal(got.begin(), got.end(), decoded.begin() + range.begin, [](float a, float b) {
                return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
            }));
    }
}

void TestModelReport::ggufBlocksStreamAsDecoded()
{
    // A q4_k tensor of a GGUF file: its row read from the blocks in place is the row of its
    // decoded values loaded whole.
    const ggml::TypeInfo& q4k = *ggml::typeByName("q4_k");
    const Tensor tensor = test::generated(Distribution::StudentT, {96, 512}, 9);
    std::vector<std::byte> blocks(*ggml::storedBytes(q4k, tensor.values.size()));
    ggml::quantizeRows(q4k, tensor.values, 512, blocks);
    test::ScratchDir dir;
    const std::string path = dir.write(
        "model.gguf", test::ggufBytes({{"blk.0.ffn_down.weight",
                                        {512, 96},
                                        q4k.id,
                                        QByteArray(reinterpret_cast<const char*>(blocks.data()),
                                                   static_cast<qsizetype>(blocks.size()))}}));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY(archive);
    QVERIFY((*archive)->storedBlocks(0).has_value());
    const auto report = analyzeModel(**archive, symmetric8());
    QVERIFY(report);
    QCOMPARE(report->tensors.size(), std::size_t{1});
    const TensorReportRow& row = report->tensors.front();
    QVERIFY(row.alreadyQuantized);

    auto loaded = (*archive)->load(0);
    QVERIFY(loaded);
    const auto whole = analyzeTensor(loaded->tensor.view(), symmetric8());
    QVERIFY(whole);
    QVERIFY(std::abs(row.sqnrDb - whole->metrics.sqnrDb) < 1e-6);
    QCOMPARE(row.max, whole->stats.max);
    QCOMPARE(row.min, whole->stats.min);
    const OutlierStats outliers = computeOutlierStats(ValueSource::floats(loaded->tensor.values),
                                                      computeStats(loaded->tensor.values));
    QCOMPARE(row.outliers.absPercentile, outliers.absPercentile);
    QCOMPARE(row.outliers.beyondSixSigma, outliers.beyondSixSigma);
    QVERIFY(row.perChannelSqnrDb.has_value());
}

void TestModelReport::storedBfloat16NeedsNoCopy()
{
    // bfloat16 bytes read in place give the row of the same values loaded as float32.
    const Tensor tensor = withOutliers();
    std::vector<std::byte> bf16;
    std::vector<float> rounded;
    for (const float v : tensor.values) {
        const auto bits = static_cast<std::uint16_t>(std::bit_cast<std::uint32_t>(v) >> 16);
        bf16.push_back(static_cast<std::byte>(bits & 0xff));
        bf16.push_back(static_cast<std::byte>(bits >> 8));
        rounded.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16));
    }
    TensorEntry entry;
    entry.name = "w";
    entry.dtype = "bfloat16";
    const auto fromBytes =
        streamedModelRow(ValueSource::stored(bf16, Dtype::BFloat16, ByteOrder::Little),
                         tensor.shape, entry, symmetric8(), 0);
    Tensor asFloat = tensor;
    asFloat.values = rounded;
    const auto fromFloats = analyzeModelTensor(asFloat, entry, symmetric8(), 0);
    QVERIFY(fromBytes && fromFloats);
    QCOMPARE(fromBytes->sqnrDb, fromFloats->sqnrDb);
    QCOMPARE(*fromBytes->perChannelGainDb(), *fromFloats->perChannelGainDb());
    QCOMPARE(fromBytes->outliers.absPercentile, fromFloats->outliers.absPercentile);
    QCOMPARE(fromBytes->outliers.beyondSixSigma, fromFloats->outliers.beyondSixSigma);
    QCOMPARE(fromBytes->max, fromFloats->max);

    // A scheme that needs the whole tensor is not streamed.
    QuantSpec percentile = symmetric8();
    percentile.calibration.method = CalibrationMethod::Percentile;
    QVERIFY(!canStream(percentile, tensor.shape));
    QuantSpec stochastic = symmetric8();
    stochastic.rounding = Rounding::Stochastic;
    QVERIFY(!canStream(stochastic, tensor.shape));
    QuantSpec middleAxis = symmetric8();
    middleAxis.granularity = Granularity::Channel;
    middleAxis.axis = 1;
    QVERIFY(!canStream(middleAxis, Shape{4, 5, 6}));
}

void TestModelReport::streamsCancelsAndSkips()
{
    test::ScratchDir dir;
    const auto path = writeModelFile(dir);
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY(archive);
    std::vector<std::string> streamed;
    std::vector<double> fractions;
    ModelReportOptions options;
    options.onTensor = [&](const TensorReportRow& row) {
        streamed.push_back(row.name);
    };
    options.progress = [&](double f) {
        fractions.push_back(f);
        return true;
    };
    const auto report = analyzeModel(**archive, symmetric8(), options);
    QVERIFY(report);
    QCOMPARE(streamed, (std::vector<std::string>{"layer.weight", "layer.bias"}));
    QCOMPARE(report->tensors.size(), std::size_t{2});
    QCOMPARE(report->skipped.size(), std::size_t{1});
    QCOMPARE(report->skipped[0].name, std::string("steps"));
    QVERIFY(report->skipped[0].reason.starts_with(kNotFloatingPoint));
    QVERIFY(std::ranges::is_sorted(fractions));
    QCOMPARE(fractions.back(), 1.0);
    QVERIFY(!report->tensors[1].perChannelSqnrDb); // rank 1: no channels
    // The rows are those of the tensors loaded one by one.
    const auto weight = analyzeTensor(test::loadNamed(path, "layer.weight").view(), symmetric8());
    QCOMPARE(report->tensors[0].sqnrDb, weight->metrics.sqnrDb);

    // Cancelling after the first tensor stops the report.
    int calls = 0;
    options.onTensor = {};
    options.progress = [&](double) {
        return ++calls < 2;
    };
    const auto cancelled = analyzeModel(**archive, symmetric8(), options);
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
}

void TestModelReport::jsonAndCsv()
{
    test::ScratchDir dir;
    const auto path = writeModelFile(dir);
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    const auto report = analyzeModel(**archive, symmetric8());
    QVERIFY(report);
    QJsonParseError error;
    const QJsonDocument json =
        QJsonDocument::fromJson(QByteArray::fromStdString(modelReportJson(*report)), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = json.object();
    QCOMPARE(root["file"].toString().toStdString(), path);
    QCOMPARE(root["format"].toString(), QStringLiteral("safetensors"));
    QCOMPARE(root["scheme"].toObject()["name"].toString(), QStringLiteral("symmetric"));
    const QJsonObject first = root["tensors"].toArray()[0].toObject();
    QCOMPARE(first["name"].toString(), QStringLiteral("layer.weight"));
    QCOMPARE(first["shape"].toArray(), (QJsonArray{64, 32}));
    QCOMPARE(first["sqnr_db"].toDouble(), report->tensors[0].sqnrDb);
    QCOMPARE(first["per_channel_gain_db"].toDouble(), *report->tensors[0].perChannelGainDb());
    QCOMPARE(first["outlier_llm_int8"].toBool(), true);
    QCOMPARE(first["magnitude_ge_6"].toInt(), 2);
    QVERIFY(root["tensors"].toArray()[1].toObject()["per_channel_gain_db"].isNull());
    QCOMPARE(root["skipped"].toArray()[0].toObject()["name"].toString(), QStringLiteral("steps"));

    const QStringList lines = QString::fromStdString(modelReportCsv(*report)).split('\n');
    QVERIFY(lines[0].startsWith(QStringLiteral("name,shape,dtype,count,min,max")));
    QCOMPARE(lines.size(), 4); // header, two rows, final newline
    QVERIFY(lines[1].startsWith(QStringLiteral("layer.weight,\"[64, 32]\",float32,2048,")));
    const int gainColumn = lines[0].split(',').indexOf(QStringLiteral("per_channel_gain_db"));
    // The bias row: no channels, an empty cell (its shape has no comma to shift the columns).
    QCOMPARE(lines[2].split(',')[gainColumn], QString());
}

void TestModelReport::numberFormatsAreAnalysedWhole()
{
    // A number format's row is the whole-tensor analysis of that format (the streamed path only
    // knows the integer grid), and bias rows of one axis take the format too.
    test::ScratchDir dir;
    const auto path = writeModelFile(dir);
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    for (const char* name : {"fp8-e4m3", "mxfp4", "nvfp4", "nf4"}) {
        QuantSpec spec;
        spec.format.format = *numberFormatFromName(name);
        const auto report = analyzeModel(**archive, spec);
        QVERIFY2(report, name);
        QCOMPARE(report->tensors.size(), std::size_t{2});
        const Tensor weight = withOutliers();
        const auto whole = analyzeTensor(weight.view(), spec);
        QVERIFY(whole);
        QCOMPARE(report->tensors[0].sqnrDb, whole->metrics.sqnrDb);
        QCOMPARE(report->tensors[0].zeroCodeFraction, whole->metrics.zeroCodeFraction);
        // The JSON names the format and its options; the text says what it ran under.
        const QJsonObject root =
            QJsonDocument::fromJson(QByteArray::fromStdString(modelReportJson(*report))).object();
        QCOMPARE(root["number_format"].toString(), QString(name));
        const QJsonObject options = root["number_format_options"].toObject();
        QVERIFY(options.contains("scale_format"));
        if (spec.format.format == NumberFormat::Mxfp4) {
            QCOMPARE(options["block_size"].toInt(), 32);
            QCOMPARE(options["mx_scale"].toString(), QStringLiteral("floor"));
        }
        QVERIFY(modelReportText(*report).find(std::string(" under ") + name + ", calibration") !=
                std::string::npos);
        // No per-channel variant of a block format: no gain column.
        if (spec.format.format != NumberFormat::Fp8E4m3) {
            QVERIFY(!report->tensors[0].perChannelGainDb());
        }
    }
}

void TestModelReport::bestFormatWithinTheBudget()
{
    // Each candidate of the 4-bit class analysed on its own: the row's best format has the
    // highest SQNR among those of at most 5 bits per value on this tensor.
    test::ScratchDir dir;
    const auto path = writeModelFile(dir);
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    const Tensor tensor = withOutliers(); // layer.weight
    ModelReportOptions options;
    options.bestFormatBits = 4;
    const auto rows = analyzeModel(**archive, symmetric8(), options);
    QVERIFY(rows);
    QCOMPARE(rows->bestFormatBits, 4);
    QCOMPARE(rows->tensors.at(0).name, std::string("layer.weight"));
    const auto& best = rows->tensors.at(0).bestFormat;
    QVERIFY(best);
    double bestSqnr = -1e300;
    std::string bestName;
    const auto candidates = bitsClassCandidates(4);
    QVERIFY(candidates);
    for (const ShootoutCandidate& candidate : *candidates) {
        const auto bits = bitsPerValueOn(candidate.spec, tensor.shape);
        QVERIFY(bits);
        const auto analysis = analyzeTensor(tensor.view(), candidate.spec);
        QVERIFY2(analysis, candidate.name.c_str());
        if (*bits <= 5.0 && analysis->metrics.sqnrDb > bestSqnr) {
            bestSqnr = analysis->metrics.sqnrDb;
            bestName = candidate.name;
        }
        if (candidate.name == best->name) {
            QCOMPARE(best->bitsPerValue, *bits);
        }
    }
    QCOMPARE(best->name, bestName);
    QCOMPARE(best->sqnrDb, bestSqnr);
    QVERIFY(best->bitsPerValue <= 5.0);

    // Without the option no shoot-out runs.
    const auto plain = analyzeModel(**archive, symmetric8());
    QVERIFY(plain && !plain->tensors[0].bestFormat && plain->bestFormatBits == 0);
    // Another class is refused.
    options.bestFormatBits = 6;
    const auto refused = analyzeModel(**archive, symmetric8(), options);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
}

void TestModelReport::bestFormatInJsonAndCsv()
{
    test::ScratchDir dir;
    const auto path = writeModelFile(dir);
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    ModelReportOptions options;
    options.bestFormatBits = 8;
    const auto report = analyzeModel(**archive, symmetric8(), options);
    QVERIFY(report);
    const QJsonObject root =
        QJsonDocument::fromJson(QByteArray::fromStdString(modelReportJson(*report))).object();
    QCOMPARE(root["best_format_bits"].toInt(), 8);
    const QJsonObject best = root["tensors"].toArray()[0].toObject()["best_format"].toObject();
    QCOMPARE(best["format"].toString().toStdString(), report->tensors[0].bestFormat->name);
    QCOMPARE(best["sqnr_db"].toDouble(), report->tensors[0].bestFormat->sqnrDb);
    QVERIFY(best["bits_per_value"].toDouble() <= 9.0);

    const QStringList lines = QString::fromStdString(modelReportCsv(*report)).split('\n');
    const QStringList header = lines[0].split(',');
    const int column = header.indexOf(QStringLiteral("best_format"));
    QVERIFY(column > 0);
    // The shape "[64, 32]" holds one quoted comma: the row's fields sit one further right.
    QCOMPARE(lines[1].split(',').at(column + 1).toStdString(), report->tensors[0].bestFormat->name);
}

QTEST_GUILESS_MAIN(TestModelReport)
#include "tst_model_report.moc"
