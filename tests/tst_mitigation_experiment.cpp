// One linear layer quantized with and without the mitigation transforms, against a pipeline
// written here from the papers' formulas: symmetric int8 (−127..127, round half to even) per
// tensor or per row, SmoothQuant's s_j, LLM.int8()'s float16 channels, and the output SQNR of
// the quantized product against X·Wᵀ in double. Also the matrix product kernels against a plain
// triple loop, the α scan against a brute-force scan of the same formulas, and the synthetic
// activations' shape.

#include "analysis/shootout.h"
#include "generate/activation_generator.h"
#include "io/tensor_source.h"
#include "mitigate/hadamard.h"
#include "mitigate/mitigation.h"
#include "mitigate/product.h"
#include "support/test_paths.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace qs;

namespace {

std::vector<float> gaussian(std::size_t count, float sigma, unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<float> normal(0.0F, sigma);
    std::vector<float> values(count);
    for (float& v : values) {
        v = normal(random);
    }
    return values;
}

Tensor matrix(std::string name, std::size_t rows, std::size_t columns, std::vector<float> values)
{
    return {std::move(name),
            {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(columns)},
            Dtype::Float32,
            std::move(values)};
}

// Σ_k a[i,k]·b[j,k] in double, one term after another.
std::vector<double> naiveProduct(std::span<const float> a, std::span<const float> b,
                                 std::size_t inner)
{
    const std::size_t rows = a.size() / inner;
    const std::size_t columns = b.size() / inner;
    std::vector<double> out(rows * columns, 0.0);
    for (std::size_t i = 0; i < rows; ++i) {
        for (std::size_t j = 0; j < columns; ++j) {
            double sum = 0;
            for (std::size_t k = 0; k < inner; ++k) {
                sum += static_cast<double>(a[i * inner + k]) * b[j * inner + k];
            }
            out[i * columns + j] = sum;
        }
    }
    return out;
}

// The tutorial's symmetric int8: Scale = max|R|/127 over the tensor or over each row,
// Q = round half to even (R/Scale), R' = Q·Scale.
std::vector<float> naiveInt8(std::span<const float> m, std::size_t columns, bool perRow)
{
    std::vector<float> out(m.size());
    const std::size_t rows = m.size() / columns;
    const auto scaleOf = [&](std::size_t begin, std::size_t end) {
        double peak = 0;
        for (std::size_t i = begin; i < end; ++i) {
            peak = std::max(peak, std::abs(static_cast<double>(m[i])));
        }
        return static_cast<float>(peak / 127.0);
    };
    const float tensorScale = scaleOf(0, m.size());
    for (std::size_t r = 0; r < rows; ++r) {
        const float scale = perRow ? scaleOf(r * columns, (r + 1) * columns) : tensorScale;
        for (std::size_t c = 0; c < columns; ++c) {
            const float x = m[r * columns + c];
            const double q = scale == 0 ? 0.0 : std::nearbyint(static_cast<double>(x) / scale);
            out[r * columns + c] = static_cast<float>(std::clamp(q, -127.0, 127.0) * scale);
        }
    }
    return out;
}

double sqnrOf(std::span<const double> reference, std::span<const double> approximation)
{
    double signal = 0;
    double error = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        signal += reference[i] * reference[i];
        const double e = reference[i] - approximation[i];
        error += e * e;
    }
    return 10.0 * std::log10(signal / error);
}

// The whole pipeline from the formulas: optional SmoothQuant with α, then int8 of X per tensor
// and of W per row, then the output SQNR.
double naiveOutputSqnr(const Tensor& w, const Tensor& x, std::optional<double> alpha)
{
    const auto n = static_cast<std::size_t>(w.shape[1]);
    std::vector<float> xs = x.values;
    std::vector<float> ws = w.values;
    if (alpha) {
        for (std::size_t j = 0; j < n; ++j) {
            double xMax = 0;
            double wMax = 0;
            for (std::size_t r = 0; r < xs.size() / n; ++r) {
                xMax = std::max(xMax, std::abs(static_cast<double>(xs[r * n + j])));
            }
            for (std::size_t r = 0; r < ws.size() / n; ++r) {
                wMax = std::max(wMax, std::abs(static_cast<double>(ws[r * n + j])));
            }
            const double s =
                xMax == 0 || wMax == 0 ? 1.0 : std::pow(xMax, *alpha) / std::pow(wMax, 1 - *alpha);
            for (std::size_t r = 0; r < xs.size() / n; ++r) {
                xs[r * n + j] = static_cast<float>(xs[r * n + j] / s);
            }
            for (std::size_t r = 0; r < ws.size() / n; ++r) {
                ws[r * n + j] = static_cast<float>(ws[r * n + j] * s);
            }
        }
    }
    const std::vector<double> reference = naiveProduct(x.values, w.values, n);
    const std::vector<double> quantized =
        naiveProduct(naiveInt8(xs, n, false), naiveInt8(ws, n, true), n);
    return sqnrOf(reference, quantized);
}

// A weight [outputs, inputs] and synthetic activations with outlier channels.
struct Layer
{
    Tensor weight;
    Tensor activations;
};

ActivationSpec outlierActivations(std::size_t inputs, std::size_t tokens)
{
    ActivationSpec spec;
    spec.tokens = tokens;
    spec.features = inputs;
    spec.outlierChannels = 3;
    spec.outlierScale = 40;
    spec.seed = 7;
    return spec;
}

Layer outlierLayer(std::size_t outputs = 48, std::size_t inputs = 128, std::size_t tokens = 64)
{
    return {matrix("w", outputs, inputs, gaussian(outputs * inputs, 0.05F, 11)),
            *generateActivations(outlierActivations(inputs, tokens))};
}

MitigationProblem prepared(Layer layer)
{
    auto problem = prepareMitigation(std::move(layer.weight), std::move(layer.activations));
    if (!problem) {
        qFatal("prepareMitigation: %s", problem.error().message.c_str());
    }
    return std::move(*problem);
}

} // namespace

class TestMitigationExperiment : public QObject
{
    Q_OBJECT

private slots:
    void productKernelMatchesTheTripleLoopOnAwkwardSizes_data();
    void productKernelMatchesTheTripleLoopOnAwkwardSizes();
    void productIsTheSameForEveryThreadCount();
    void referenceProductIsExactInDouble();
    void plainQuantizationMatchesTheFormulas();
    void smoothQuantMatchesTheFormulasAndHelpsOutlierActivations();
    void alphaScanPicksTheBruteForceBest();
    void rotationSpreadsTheOutlierChannelsAndHelpsTheOutput();
    void rotationOfANonPowerOfTwoSizeIsBlockDiagonal();
    void int8DecompositionKeepsTheOutlierChannelsInFloat16();
    void sideMeasuresFollowTheirDefinitions();
    void otherFormatsOnEitherSide();
    void zeroChannelsGetUnitScalesAndAWarning();
    void mismatchedShapesNameBothShapes();
    void weightThatIsNotAMatrixIsRefused();
    void settingsOutOfRangeAreRefused();
    void convolutionWeightIsViewedAsAMatrix();
    void syntheticActivationsHaveTheirOutlierChannels();
    void syntheticActivationsRefuseBadSpecs();
    void realWeightWithOutlierChannelsGainsFromRotation();
};

void TestMitigationExperiment::productKernelMatchesTheTripleLoopOnAwkwardSizes_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("inner");
    QTest::addColumn<int>("columns");
    QTest::addColumn<bool>("automatic");
    for (const bool automatic : {false, true}) {
        const char* isa = automatic ? "auto" : "baseline";
        QTest::addRow("1x1x1 %s", isa) << 1 << 1 << 1 << automatic;
        QTest::addRow("3x7x2 %s", isa) << 3 << 7 << 2 << automatic;
        QTest::addRow("5x9x4 %s", isa) << 5 << 9 << 4 << automatic;
        QTest::addRow("7x255x65 %s", isa) << 7 << 255 << 65 << automatic;
        QTest::addRow("9x257x131 %s", isa) << 9 << 257 << 131 << automatic;
        QTest::addRow("4x513x3 %s", isa) << 4 << 513 << 3 << automatic;
    }
}

void TestMitigationExperiment::productKernelMatchesTheTripleLoopOnAwkwardSizes()
{
    QFETCH(int, rows);
    QFETCH(int, inner);
    QFETCH(int, columns);
    QFETCH(bool, automatic);
    const auto k = static_cast<std::size_t>(inner);
    const std::vector<float> a = gaussian(static_cast<std::size_t>(rows) * k, 1.0F, 1);
    const std::vector<float> b = gaussian(static_cast<std::size_t>(columns) * k, 1.0F, 2);
    const std::vector<double> expected = naiveProduct(a, b, k);
    std::vector<double> got(expected.size(), -1.0);
    QVERIFY(productTransposed(a, b, k, got,
                              {1, automatic ? simd::Isa::Auto : simd::Isa::Baseline, {}}));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        // float32 terms summed in float lanes over blocks of kProductBlock: well within
        // 1e-5 of Σ|a·b| ≤ k·(a few σ²).
        QVERIFY2(std::abs(got[i] - expected[i]) <= 1e-5 * static_cast<double>(k) + 1e-6,
                 qPrintable(QString("element %1: %2 vs %3").arg(i).arg(got[i]).arg(expected[i])));
    }
}

void TestMitigationExperiment::productIsTheSameForEveryThreadCount()
{
    const std::size_t k = 300;
    const std::vector<float> a = gaussian(13 * k, 1.0F, 3);
    const std::vector<float> b = gaussian(200 * k, 1.0F, 4);
    std::vector<double> one(13 * 200);
    QVERIFY(productTransposed(a, b, k, one, {1, simd::Isa::Auto, {}}));
    for (const unsigned threads : {2U, 3U, 8U}) {
        std::vector<double> many(one.size());
        QVERIFY(productTransposed(a, b, k, many, {threads, simd::Isa::Auto, {}}));
        QCOMPARE(many, one);
    }
}

void TestMitigationExperiment::referenceProductIsExactInDouble()
{
    const std::size_t k = 77;
    const std::vector<float> a = gaussian(6 * k, 3.0F, 5);
    const std::vector<float> b = gaussian(130 * k, 0.1F, 6);
    const std::vector<double> expected = naiveProduct(a, b, k);
    std::vector<double> got(expected.size());
    QVERIFY(referenceProductTransposed(a, b, k, got, {2, simd::Isa::Auto, {}}));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY(std::abs(got[i] - expected[i]) <= 1e-12 * (1 + std::abs(expected[i])));
    }
}

void TestMitigationExperiment::plainQuantizationMatchesTheFormulas()
{
    Layer layer = outlierLayer();
    const double expected = naiveOutputSqnr(layer.weight, layer.activations, std::nullopt);
    const MitigationProblem problem = prepared(std::move(layer));
    const auto outcome = evaluateMitigation(problem, MitigationSettings{});
    QVERIFY(outcome);
    QVERIFY2(std::abs(outcome->outputSqnrDb - expected) < 0.01,
             qPrintable(QString("%1 dB vs %2 dB").arg(outcome->outputSqnrDb).arg(expected)));
    QVERIFY(outcome->smoothScales.empty());
    QVERIFY(!outcome->rotation);
    QVERIFY(outcome->float16Channels.empty());
    QCOMPARE(outcome->outputChannelSqnrDb.size(), problem.outputs);
}

void TestMitigationExperiment::smoothQuantMatchesTheFormulasAndHelpsOutlierActivations()
{
    Layer layer = outlierLayer();
    const double plain = naiveOutputSqnr(layer.weight, layer.activations, std::nullopt);
    const double smoothed = naiveOutputSqnr(layer.weight, layer.activations, 0.5);
    const MitigationProblem problem = prepared(std::move(layer));
    MitigationSettings settings;
    settings.smoothAlpha = 0.5;
    const auto outcome = evaluateMitigation(problem, settings);
    QVERIFY(outcome);
    QVERIFY2(std::abs(outcome->outputSqnrDb - smoothed) < 0.01,
             qPrintable(QString("%1 dB vs %2 dB").arg(outcome->outputSqnrDb).arg(smoothed)));
    // Three channels at ~40 set the per-tensor scale; smoothing them gains well over 6 dB.
    QVERIFY2(smoothed > plain + 6, qPrintable(QString("%1 vs %2").arg(smoothed).arg(plain)));
    QCOMPARE(outcome->smoothScales.size(), problem.inputs);
    QCOMPARE(outcome->zeroChannels, std::size_t{0});
    // s_j = sqrt(max|X_j| / max|W_j|) at α = 0.5.
    for (std::size_t j = 0; j < problem.inputs; j += 17) {
        QCOMPARE(outcome->smoothScales[j],
                 std::sqrt(problem.activationMax[j]) / std::sqrt(problem.weightMax[j]));
    }
}

void TestMitigationExperiment::alphaScanPicksTheBruteForceBest()
{
    Layer layer = outlierLayer(24, 64, 32);
    std::vector<double> bruteForce;
    for (int i = 0; i <= 20; ++i) {
        bruteForce.push_back(naiveOutputSqnr(layer.weight, layer.activations, i * 0.05));
    }
    const MitigationProblem problem = prepared(std::move(layer));
    const auto scan = scanSmoothingAlpha(problem, MitigationSettings{});
    QVERIFY(scan);
    QCOMPARE(scan->alphas.size(), kAlphaSteps);
    for (std::size_t i = 0; i < kAlphaSteps; ++i) {
        QCOMPARE(scan->alphas[i], static_cast<double>(i) / 20.0);
        QVERIFY2(std::abs(scan->outputSqnrDb[i] - bruteForce[i]) < 0.01,
                 qPrintable(QString("α %1: %2 vs %3")
                                .arg(scan->alphas[i])
                                .arg(scan->outputSqnrDb[i])
                                .arg(bruteForce[i])));
    }
    const auto best = std::ranges::max_element(bruteForce) - bruteForce.begin();
    QCOMPARE(scan->best, static_cast<std::size_t>(best));
    QVERIFY(scan->bestAlpha() > 0 && scan->bestAlpha() < 1);
}

void TestMitigationExperiment::rotationSpreadsTheOutlierChannelsAndHelpsTheOutput()
{
    const MitigationProblem problem = prepared(outlierLayer());
    MitigationSettings settings;
    settings.rotationSeed = 3;
    const auto before = evaluateMitigation(problem, settings.withoutTransforms());
    const auto after = evaluateMitigation(problem, settings);
    QVERIFY(before && after);
    QVERIFY(after->rotation);
    QCOMPARE(after->rotation->block, std::size_t{128});
    QVERIFY(!after->rotation->blockDiagonal());
    // Before, three channels stand 40× above the rest; after, the largest channel maximum is
    // within a few times the median: the outliers are spread over every channel.
    const auto ratio = [](std::vector<double> maxima) {
        std::ranges::sort(maxima);
        return maxima.back() / maxima[maxima.size() / 2];
    };
    QVERIFY(ratio(before->activations.channelAbsMax) > 10);
    QVERIFY(ratio(after->activations.channelAbsMax) < 3);
    QVERIFY(after->activations.kurtosis < before->activations.kurtosis / 2);
    QVERIFY2(after->outputSqnrDb > before->outputSqnrDb + 6,
             qPrintable(QString("%1 vs %2").arg(after->outputSqnrDb).arg(before->outputSqnrDb)));
}

void TestMitigationExperiment::rotationOfANonPowerOfTwoSizeIsBlockDiagonal()
{
    const MitigationProblem problem = prepared(outlierLayer(16, 96, 20));
    MitigationSettings settings;
    settings.rotationSeed = 0;
    const auto outcome = evaluateMitigation(problem, settings);
    QVERIFY(outcome);
    QCOMPARE(outcome->rotation->size, std::size_t{96});
    QCOMPARE(outcome->rotation->block, std::size_t{32});
    QVERIFY(outcome->rotation->blockDiagonal());
}

void TestMitigationExperiment::int8DecompositionKeepsTheOutlierChannelsInFloat16()
{
    Layer layer = outlierLayer();
    const auto n = static_cast<std::size_t>(layer.weight.shape[1]);
    // The channels where some |x| ≥ 6, found here by brute force.
    std::vector<std::size_t> expected;
    for (std::size_t j = 0; j < n; ++j) {
        for (std::size_t t = 0; t < layer.activations.values.size() / n; ++t) {
            if (std::abs(layer.activations.values[t * n + j]) >= 6.0F) {
                expected.push_back(j);
                break;
            }
        }
    }
    // The three outlier channels, and a few ordinary ones whose widest value reaches 6 too.
    for (const std::size_t c : activationOutlierChannels(outlierActivations(n, 64))) {
        QVERIFY(std::ranges::find(expected, c) != expected.end());
    }
    QVERIFY(expected.size() >= 3 && expected.size() < 10);
    const MitigationProblem problem = prepared(std::move(layer));
    MitigationSettings settings;
    settings.int8Threshold = kDefaultInt8Threshold;
    const auto before = evaluateMitigation(problem, settings.withoutTransforms());
    const auto after = evaluateMitigation(problem, settings);
    QVERIFY(before && after);
    QCOMPARE(after->float16Channels, expected);
    // The int8 part no longer carries the outliers: its activation scale shrinks ~40×.
    QVERIFY(after->outputSqnrDb > before->outputSqnrDb + 15);
    // Vector-wise: the activations' per-tensor scale became one per token.
    QCOMPARE(after->activations.analysis.params.size(), problem.tokens);
    QCOMPARE(after->activations.analysis.stats.count,
             problem.tokens * (problem.inputs - expected.size()));
}

void TestMitigationExperiment::sideMeasuresFollowTheirDefinitions()
{
    Layer layer = outlierLayer();
    const std::vector<float> x = layer.activations.values;
    const MitigationProblem problem = prepared(std::move(layer));
    const auto outcome = evaluateMitigation(problem, MitigationSettings{});
    QVERIFY(outcome);
    double mean = 0;
    for (const float v : x) {
        mean += v;
    }
    mean /= static_cast<double>(x.size());
    double m2 = 0;
    double m4 = 0;
    double peak = 0;
    for (const float v : x) {
        const double d = v - mean;
        m2 += d * d;
        m4 += d * d * d * d;
        peak = std::max(peak, std::abs(static_cast<double>(v)));
    }
    m2 /= static_cast<double>(x.size());
    m4 /= static_cast<double>(x.size());
    const MitigatedSide& side = outcome->activations;
    QVERIFY(std::abs(side.kurtosis - m4 / (m2 * m2)) < 1e-6 * side.kurtosis);
    QVERIFY(std::abs(side.maxOverStd - peak / std::sqrt(m2)) < 1e-6 * side.maxOverStd);
    QCOMPARE(side.absMax, peak);
    QCOMPARE(side.channelAbsMax, problem.activationMax);
    QVERIFY(std::abs(side.sqnrDb - side.analysis.metrics.sqnrDb) < 1e-6);
}

// W4A8, W4A4 and FP8 through the same experiment: each side is measured in its own format, and
// fewer bits cost output SQNR in the order the grids promise.
void TestMitigationExperiment::otherFormatsOnEitherSide()
{
    const MitigationProblem problem = prepared(outlierLayer(32, 128, 48));
    const auto run = [&](const char* weight, const char* activations) {
        MitigationSettings settings;
        settings.weightSpec = parseShootoutCandidate(weight)->spec;
        settings.activationSpec = parseShootoutCandidate(activations)->spec;
        settings.smoothAlpha = 0.5;
        auto outcome = evaluateMitigation(problem, settings);
        if (!outcome) {
            qFatal("%s / %s: %s", weight, activations, outcome.error().message.c_str());
        }
        return std::move(*outcome);
    };
    const MitigationOutcome int8 = run("int8-channel", "int8-tensor");
    const MitigationOutcome w4a8 = run("int4-g32", "int8-tensor");
    const MitigationOutcome w4a4 = run("nvfp4", "nvfp4");
    const MitigationOutcome fp8 = run("fp8-e4m3-channel", "fp8-e4m3-tensor");
    const MitigationOutcome ggml = run("q4_0", "int8-tensor");
    QVERIFY(int8.outputSqnrDb > w4a8.outputSqnrDb);
    QVERIFY(w4a8.outputSqnrDb > w4a4.outputSqnrDb);
    QVERIFY(fp8.outputSqnrDb > w4a8.outputSqnrDb);
    // W4A8 changes only W's side: X's quantization is int8's, to the bit.
    QCOMPARE(w4a8.activations.sqnrDb, int8.activations.sqnrDb);
    QVERIFY(w4a8.weight.sqnrDb < int8.weight.sqnrDb - 15);
    // NVFP4 blocks of 16 along each row, on both sides.
    QCOMPARE(w4a4.activations.analysis.params.size(), problem.tokens * problem.inputs / 16);
    // llama.cpp's Q4_0 blocks of 32 along W's rows, about as good as int4 in groups of 32.
    QVERIFY(std::abs(ggml.weight.sqnrDb - w4a8.weight.sqnrDb) < 3);
}

void TestMitigationExperiment::zeroChannelsGetUnitScalesAndAWarning()
{
    Layer layer = outlierLayer(8, 32, 10);
    for (std::size_t t = 0; t < 10; ++t) {
        layer.activations.values[t * 32 + 5] = 0.0F; // channel 5 silent in X
    }
    for (std::size_t o = 0; o < 8; ++o) {
        layer.weight.values[o * 32 + 9] = 0.0F; // channel 9 unused by W
    }
    const MitigationProblem problem = prepared(std::move(layer));
    MitigationSettings settings;
    settings.smoothAlpha = 0.5;
    const auto outcome = evaluateMitigation(problem, settings);
    QVERIFY(outcome);
    QCOMPARE(outcome->smoothScales[5], 1.0);
    QCOMPARE(outcome->smoothScales[9], 1.0);
    QCOMPARE(outcome->zeroChannels, std::size_t{2});
    QCOMPARE(outcome->warnings.size(), std::size_t{1});
    QCOMPARE(outcome->warnings.front().code, WarningCode::ZeroChannels);
    QVERIFY(outcome->warnings.front().message.starts_with(
        "input channels zero in the activations or the weight: 2;"));
}

void TestMitigationExperiment::mismatchedShapesNameBothShapes()
{
    auto problem = prepareMitigation(matrix("fc.weight", 8, 32, gaussian(256, 1, 1)),
                                     matrix("x", 4, 30, gaussian(120, 1, 2)));
    QVERIFY(!problem);
    QCOMPARE(problem.error().code, ErrorCode::BadValue);
    const std::string& m = problem.error().message;
    QVERIFY2(m.find("fc.weight") != std::string::npos && m.find("[8, 32]") != std::string::npos &&
                 m.find("[4, 30]") != std::string::npos,
             m.c_str());
}

void TestMitigationExperiment::weightThatIsNotAMatrixIsRefused()
{
    Tensor weight{"bias", {32}, Dtype::Float32, gaussian(32, 1, 1)};
    auto problem = prepareMitigation(std::move(weight), matrix("x", 4, 32, gaussian(128, 1, 2)));
    QVERIFY(!problem);
    QVERIFY(problem.error().message.find("not a matrix") != std::string::npos);

    Tensor bad = matrix("w", 2, 4, {1, 2, 3, NAN, 5, 6, 7, 8});
    problem = prepareMitigation(std::move(bad), matrix("x", 1, 4, {1, 1, 1, 1}));
    QVERIFY(!problem);
    QVERIFY(problem.error().message.find("1 values that are not finite") != std::string::npos);
}

void TestMitigationExperiment::settingsOutOfRangeAreRefused()
{
    const MitigationProblem problem = prepared(outlierLayer(4, 16, 4));
    MitigationSettings settings;
    settings.smoothAlpha = 1.5;
    QVERIFY(!evaluateMitigation(problem, settings));
    settings.smoothAlpha.reset();
    settings.int8Threshold = 0;
    QVERIFY(!evaluateMitigation(problem, settings));
}

void TestMitigationExperiment::convolutionWeightIsViewedAsAMatrix()
{
    Tensor conv{"conv", {6, 2, 3, 3}, Dtype::Float32, gaussian(6 * 18, 1, 1)};
    auto problem = prepareMitigation(std::move(conv), matrix("x", 5, 18, gaussian(90, 1, 2)));
    QVERIFY(problem);
    QCOMPARE(problem->outputs, std::size_t{6});
    QCOMPARE(problem->inputs, std::size_t{18});
    QCOMPARE(problem->tokens, std::size_t{5});
}

void TestMitigationExperiment::syntheticActivationsHaveTheirOutlierChannels()
{
    ActivationSpec spec;
    spec.tokens = 200;
    spec.features = 64;
    spec.outlierChannels = 4;
    spec.outlierScale = 50;
    spec.seed = 9;
    const auto x = generateActivations(spec);
    QVERIFY(x);
    QCOMPARE(x->shape, (Shape{200, 64}));
    QCOMPARE(*generateActivations(spec), *x); // the same spec, the same tensor
    const std::vector<std::size_t> outliers = activationOutlierChannels(spec);
    QCOMPARE(outliers.size(), std::size_t{4});
    QVERIFY(std::ranges::is_sorted(outliers) &&
            std::ranges::adjacent_find(outliers) == outliers.end());
    // Each outlier channel keeps one sign and a mean magnitude near S; ordinary channels stay
    // within a few units: 20–100× apart.
    for (std::size_t j = 0; j < 64; ++j) {
        double mean = 0;
        double peak = 0;
        for (std::size_t t = 0; t < 200; ++t) {
            mean += x->values[t * 64 + j] / 200.0;
            peak = std::max(peak, std::abs(static_cast<double>(x->values[t * 64 + j])));
        }
        if (std::ranges::find(outliers, j) != outliers.end()) {
            QVERIFY(std::abs(std::abs(mean) - 50) < 5);
        } else {
            QVERIFY(peak < 10);
            QVERIFY(std::abs(mean) < 0.5);
        }
    }
    spec.seed = 10;
    QVERIFY(*generateActivations(spec) != *x);
}

void TestMitigationExperiment::syntheticActivationsRefuseBadSpecs()
{
    ActivationSpec spec;
    spec.features = 8;
    spec.outlierChannels = 9;
    QVERIFY(!generateActivations(spec));
    spec.outlierChannels = 1;
    spec.outlierScale = -1;
    QVERIFY(!generateActivations(spec));
    spec.outlierScale = 40;
    spec.tokens = 0;
    QVERIFY(!generateActivations(spec));
    spec.tokens = std::size_t{1} << 40;
    const auto huge = generateActivations(spec);
    QVERIFY(!huge);
    QCOMPARE(huge.error().code, ErrorCode::TooLarge);
}

void TestMitigationExperiment::realWeightWithOutlierChannelsGainsFromRotation()
{
    // Silero VAD's encoder.3 reparameterised conv, [128, 64, 3]: a few input channels carry
    // weights far above the rest.
    const auto loaded = loadTensorFile(
        {test::realData("silero_vad_v5/encoder.3.reparam_conv.weight.npy").toStdString(), {}, {}});
    QVERIFY(loaded);
    Tensor weight = loaded->tensor;
    const auto inputs = weight.values.size() / static_cast<std::size_t>(weight.shape[0]);
    ActivationSpec spec;
    spec.tokens = 64;
    spec.features = inputs;
    spec.outlierChannels = 0; // plain activations: the weight's own outliers are the problem
    auto x = generateActivations(spec);
    QVERIFY(x);
    const MitigationProblem problem = prepared({std::move(weight), std::move(*x)});
    MitigationSettings settings;
    settings.weightSpec.granularity = Granularity::Tensor;
    settings.rotationSeed = 1;
    const auto before = evaluateMitigation(problem, settings.withoutTransforms());
    const auto after = evaluateMitigation(problem, settings);
    QVERIFY(before && after);
    QCOMPARE(after->rotation->block, std::size_t{64}); // 192 = 3 · 64
    QVERIFY(after->weight.kurtosis < before->weight.kurtosis);
    QVERIFY(after->weight.maxOverStd < before->weight.maxOverStd);
    QVERIFY2(after->weight.sqnrDb > before->weight.sqnrDb,
             qPrintable(QString("%1 vs %2").arg(after->weight.sqnrDb).arg(before->weight.sqnrDb)));
}

QTEST_GUILESS_MAIN(TestMitigationExperiment)
#include "tst_mitigation_experiment.moc"
