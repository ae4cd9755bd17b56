#include "mitigation_bench.h"

#include "bench_timing.h"
#include "generate/activation_generator.h"
#include "generate/generator.h"
#include "mitigate/mitigation.h"
#include "mitigate/product.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace qs::bench {
namespace {

double bestMilliseconds(int repeat, const std::function<void()>& work)
{
    return bestNsPerElement(repeat, 1, work) * 1e-6;
}

struct SliderCase
{
    const char* label;
    MitigationSettings settings;
};

std::vector<SliderCase> sliderCases()
{
    std::vector<SliderCase> cases;
    cases.push_back({"no transform (before)", {}});
    MitigationSettings smooth;
    smooth.smoothAlpha = 0.5;
    cases.push_back({"SmoothQuant α = 0.5", smooth});
    MitigationSettings rotate;
    rotate.rotationSeed = 0;
    cases.push_back({"Hadamard rotation", rotate});
    MitigationSettings both = smooth;
    both.rotationSeed = 0;
    cases.push_back({"SmoothQuant + rotation", both});
    MitigationSettings decomposition;
    decomposition.int8Threshold = kDefaultInt8Threshold;
    cases.push_back({"LLM.int8() decomposition", decomposition});
    return cases;
}

} // namespace

Result<void> runMitigationBench(const MitigationBenchOptions& o)
{
    ActivationSpec activations;
    activations.tokens = o.tokens;
    activations.features = o.features;
    auto x = generateActivations(activations);
    if (!x) {
        return std::unexpected(x.error());
    }
    GenerateSpec weightSpec;
    weightSpec.shape = {static_cast<std::int64_t>(o.outputs),
                        static_cast<std::int64_t>(o.features)};
    weightSpec.std = 0.02;
    auto w = generateTensor(weightSpec);
    if (!w) {
        return std::unexpected(w.error());
    }
    const int steps = static_cast<int>(sliderCases().size()) + 3;
    int step = 0;

    std::printf("X [%zu × %zu] (synthetic, %zu outlier channels) · W [%zu × %zu], int8 "
                "(W per output channel, X per tensor), %u threads (0 = automatic)\n",
                o.tokens, o.features, activations.outlierChannels, o.outputs, o.features,
                o.threads);
    o.progress.starting(step++, steps);
    std::vector<double> product(o.tokens * o.outputs);
    const double quantizedProduct = bestMilliseconds(o.repeat, [&] {
        productTransposed(x->values, w->values, o.features, product, {o.threads, {}, {}});
    });
    const double flops = 2.0 * static_cast<double>(o.tokens * o.outputs * o.features);
    o.progress.printing();
    std::printf("%-40s %10.1f ms  (%.1f GFLOP/s)\n", "the quantized product alone",
                quantizedProduct, flops / quantizedProduct * 1e-6);

    o.progress.starting(step++, steps);
    const auto start = std::chrono::steady_clock::now();
    auto problem = prepareMitigation(std::move(*w), std::move(*x), {o.threads, {}});
    if (!problem) {
        return std::unexpected(problem.error());
    }
    const double prepare =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    o.progress.printing();
    std::printf("%-40s %10.1f ms  (once per W/X pair)\n", "float64 reference X·Wᵀ", prepare);

    std::printf("\n%-40s %10s %12s\n", "one slider change", "ms", "output SQNR");
    for (const SliderCase& c : sliderCases()) {
        o.progress.starting(step++, steps);
        double sqnr = 0;
        Result<void> failed;
        const double ms = bestMilliseconds(o.repeat, [&] {
            auto outcome = evaluateMitigation(*problem, c.settings, {o.threads, {}});
            if (!outcome) {
                failed = std::unexpected(outcome.error());
                return;
            }
            sqnr = outcome->outputSqnrDb;
        });
        if (!failed) {
            return failed;
        }
        o.progress.printing();
        std::printf("%-40s %10.1f %9.2f dB\n", c.label, ms, sqnr);
    }

    o.progress.starting(step++, steps);
    double bestAlpha = 0;
    const double scan = bestMilliseconds(1, [&] {
        auto result = scanSmoothingAlpha(*problem, MitigationSettings{}, {o.threads, {}});
        if (result) {
            bestAlpha = result->bestAlpha();
        }
    });
    o.progress.printing();
    std::printf("%-40s %10.1f ms  (%zu values of α; best α = %.2f)\n", "auto α scan", scan,
                kAlphaSteps, bestAlpha);
    return {};
}

} // namespace qs::bench
