// quantscope-cli bench: ns/element of the analyze pass and its stages, next to a memory-copy
// yardstick measured on the same machine in the same run; with --model-files, model-file listing
// and the model report (model_files_bench.h).

#include "analysis/analyze.h"
#include "cli/commands.h"
#include "cli/model_files_bench.h"
#include "common/cli_support.h"
#include "common/parallel_chunks.h"
#include "common/scheme_options.h"
#include "common/source_options.h"
#include "generate/generator.h"
#include "quant/choose_params.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

namespace qs::cli {

namespace {

struct BenchOptions
{
    SchemeOptions scheme;
    std::vector<std::string> sizes{"1M", "16M"};
    int repeat = 5;
    unsigned threads = 0;
    bool modelFiles = false;
    std::string dir;
};

Result<std::size_t> parseSize(const std::string& text)
{
    std::size_t value = 0;
    std::size_t used = 0;
    try {
        value = std::stoull(text, &used);
    } catch (const std::exception&) {
        return fail(ErrorCode::InvalidArgument,
                    "invalid size '" + text + "' (expected e.g. 1M or 65536)");
    }
    const std::string suffix = text.substr(used);
    const std::size_t multiplier = suffix.empty()  ? 1
                                   : suffix == "K" ? 1u << 10
                                   : suffix == "M" ? 1u << 20
                                                   : 0;
    if (multiplier == 0 || value == 0 || value > (std::size_t{1} << 30) / multiplier) {
        return fail(ErrorCode::InvalidArgument,
                    "invalid size '" + text + "' (1 .. 1024M, suffix K or M)");
    }
    return value * multiplier;
}

// Best (least disturbed) of `repeat` runs, in nanoseconds per element.
double bestNsPerElement(int repeat, std::size_t n, const std::function<void()>& work)
{
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        work();
        const auto stop = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::nano>(stop - start).count());
    }
    return best / static_cast<double>(n);
}

struct Stage
{
    const char* name;
    std::function<void(unsigned threads)> run;
};

int runBench(const BenchOptions& o)
{
    const auto parsed = makeQuantSpec(o.scheme);
    if (!parsed) {
        return reportError(parsed.error());
    }
    const QuantSpec spec = *parsed;
    if (o.modelFiles) {
        return runModelFilesBench(spec, o.dir, o.threads);
    }
    const unsigned parallel =
        o.threads != 0 ? o.threads : resolveThreadCount(std::size_t{1} << 30, 0);
    std::printf(
        "QuantScope bench: %s, %d-bit %s, rounding %s; normal(0, 1) data; best of %d runs\n",
        std::string(schemeName(spec.scheme)).c_str(), spec.bits,
        spec.isSigned ? "signed" : "unsigned", std::string(roundingName(spec.rounding)).c_str(),
        o.repeat);
    std::printf("%-8s %-44s %12s %12s\n", "values", "stage (ns per element)", "1 thread",
                (std::to_string(parallel) + " threads").c_str());

    for (const std::string& sizeText : o.sizes) {
        const auto size = parseSize(sizeText);
        if (!size) {
            return reportError(size.error());
        }
        const std::size_t n = *size;
        GenerateSpec generate;
        generate.shape = {static_cast<std::int64_t>(n)};
        generate.seed = 1;
        const auto tensor = generateTensor(generate);
        if (!tensor) {
            return reportError(tensor.error());
        }
        const auto data = std::span<const float>(tensor->values);
        std::vector<float> copy(n, 1.0f);
        std::vector<std::int32_t> codes(n, 0);
        std::vector<float> dequant(n, 0.0f);

        const TensorStats stats = computeStats(data);
        const auto params = chooseParams({stats.min, stats.max}, spec);
        if (!params) {
            return reportError(params.error());
        }
        auto pass = [&](unsigned threads, bool store, simd::Isa isa = simd::Isa::Auto,
                        bool allFinite = true) {
            PassOptions options;
            options.isa = isa;
            options.allFinite = allFinite;
            options.rounding = spec.rounding;
            options.dataMin = stats.min;
            options.dataMax = stats.max;
            options.threads = threads;
            if (store) {
                options.codesOut = codes;
                options.dequantOut = dequant;
            }
            (void)quantizePass(data, params->params, options);
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
        for (const Stage& stage : stages) {
            const double single = bestNsPerElement(o.repeat, n, [&] { stage.run(1); });
            const double multi = bestNsPerElement(o.repeat, n, [&] { stage.run(parallel); });
            std::printf("%-8s %-44s %12.3f %12.3f\n", sizeText.c_str(), stage.name, single, multi);
        }
    }
    return kExitOk;
}

} // namespace

void addBenchCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<BenchOptions>();
    auto* command =
        app.add_subcommand("bench", "Measure the analyze pass and its stages in ns per element");
    addSchemeOptions(*command, options->scheme);
    command->add_option("--sizes", options->sizes, "Tensor sizes (suffix K or M)")
        ->delimiter(',')
        ->capture_default_str();
    command->add_option("--repeat", options->repeat, "Runs per stage; the best is reported")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    command->add_option("--threads", options->threads,
                        "Threads of the parallel column (default: automatic)");
    command->add_flag("--model-files", options->modelFiles,
                      "Instead: list a generated 2 GB safetensors file and run the model report "
                      "over a generated 1 GB bfloat16 one (time and peak memory)");
    command->add_option("--dir", options->dir,
                        "--model-files: folder for the generated files (default: the system's "
                        "temporary folder); they are removed afterwards");
    command->callback([options, &exitCode] { exitCode = runBench(*options); });
}

} // namespace qs::cli
