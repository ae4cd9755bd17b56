#include "kernel_bench.h"

#include "analysis/analyze.h"
#include "analysis/quantize_pass.h"
#include "bench_timing.h"
#include "common/parallel_chunks.h"
#include "generate/generator.h"

#include <cstdio>
#include <cstring>
#include <functional>
#include <iterator>
#include <vector>

namespace qs::bench {
namespace {

struct Stage
{
    const char* name;
    std::function<void(unsigned threads)> run;
};

} // namespace

Result<void> runKernelBench(const KernelBenchOptions& o)
{
    const QuantSpec& spec = o.spec;
    const unsigned parallel =
        o.threads != 0 ? o.threads : resolveThreadCount(std::size_t{1} << 30, 0);
    if (spec.isIntegerGrid()) {
        std::printf(
            "QuantScope bench: %s, %d-bit %s, rounding %s; normal(0, 1) data; best of %d runs\n",
            std::string(schemeName(spec.scheme)).c_str(), spec.bits,
            spec.isSigned ? "signed" : "unsigned", std::string(roundingName(spec.rounding)).c_str(),
            o.repeat);
    } else {
        std::printf("QuantScope bench: %s; normal(0, 1) data; best of %d runs\n",
                    std::string(numberFormatName(spec.format.format)).c_str(), o.repeat);
    }
    std::printf("%-8s %-44s %12s %12s\n", "values", "stage (ns per element)", "1 thread",
                (std::to_string(parallel) + " threads").c_str());

    int done = 0;
    for (const std::string& sizeText : o.sizes) {
        const auto size = parseSize(sizeText);
        if (!size) {
            return std::unexpected(size.error());
        }
        const std::size_t n = *size;
        GenerateSpec generate;
        generate.shape = {static_cast<std::int64_t>(n)};
        generate.seed = 1;
        const auto tensor = generateTensor(generate);
        if (!tensor) {
            return std::unexpected(tensor.error());
        }
        const auto data = std::span<const float>(tensor->values);
        std::vector<float> copy(n, 1.0f);
        std::vector<std::int32_t> codes(n, 0);
        std::vector<float> dequant(n, 0.0f);

        const TensorStats stats = computeStats(data);
        // The parameters, layout and group extremes analyze hands the pass: a number format's
        // blocks are timed as analyze runs them, not as one integer grid.
        const auto prepared = analyzeTensor(tensor->view(), spec);
        if (!prepared) {
            return std::unexpected(prepared.error());
        }
        std::vector<RealRange> extremes;
        for (const GroupSummary& g : prepared->groups) {
            extremes.push_back({g.min, g.max});
        }
        auto pass = [&](unsigned threads, bool store, simd::Isa isa = simd::Isa::Auto,
                        bool allFinite = true) {
            PassOptions options = passOptionsFor(prepared->spec, stats);
            options.isa = isa;
            options.allFinite = allFinite;
            options.threads = threads;
            options.layout = prepared->layout;
            options.groupExtremes = extremes;
            if (store) {
                options.codesOut = codes;
                options.dequantOut = dequant;
            }
            (void)quantizePass(data, prepared->params, options);
        };
        auto analyze = [&](unsigned threads, bool store) {
            AnalysisOptions options;
            options.threads = threads;
            if (store) {
                options.codesOut = codes;
                options.dequantOut = dequant;
            }
            (void)analyzeTensor(tensor->view(), spec, options);
        };
        const Stage stages[] = {
            {"memcpy (yardstick: read + write 4 B)",
             [&](unsigned) {
                 std::memcpy(copy.data(), data.data(), n * sizeof(float));
             }},
            {"stats pass (min, max, mean, std, counts)",
             [&](unsigned threads) {
                 (void)computeStats(data, {threads, {}});
             }},
            {"fused pass: metrics + 3 histograms",
             [&](unsigned threads) {
                 pass(threads, false);
             }},
            {"fused pass + store codes and dequantized",
             [&](unsigned threads) {
                 pass(threads, true);
             }},
            {"fused pass, NaN/clipping checks on",
             [&](unsigned threads) {
                 pass(threads, false, simd::Isa::Auto, false);
             }},
            {"fused pass, SSE2 baseline kernel (no AVX2)",
             [&](unsigned threads) {
                 pass(threads, false, simd::Isa::Baseline);
             }},
            {"analyze (stats + params + fused pass)",
             [&](unsigned threads) {
                 analyze(threads, false);
             }},
            {"analyze + store codes and dequantized",
             [&](unsigned threads) {
                 analyze(threads, true);
             }},
        };
        const int total = static_cast<int>(o.sizes.size() * std::size(stages));
        for (const Stage& stage : stages) {
            o.progress.starting(done++, total);
            const double single = bestNsPerElement(o.repeat, n, [&] { stage.run(1); });
            const double multi = bestNsPerElement(o.repeat, n, [&] { stage.run(parallel); });
            o.progress.printing();
            std::printf("%-8s %-44s %12.3f %12.3f\n", sizeText.c_str(), stage.name, single, multi);
        }
    }
    return {};
}

} // namespace qs::bench
