#include "format_bench.h"

#include "analysis/analyze.h"
#include "analysis/shootout.h"
#include "bench_timing.h"
#include "common/parallel_chunks.h"
#include "generate/generator.h"

#include <cstdio>
#include <vector>

namespace qs::bench {
namespace {

constexpr std::size_t kRow = 4096;

struct FormatCase
{
    const char* label;
    QuantSpec spec;
};

std::vector<FormatCase> formatCases()
{
    std::vector<FormatCase> cases;
    cases.push_back({"int8 (symmetric, per tensor)", QuantSpec{}});
    for (const FormatInfo& info : formatCatalog()) {
        if (info.family == FormatFamily::Integer) {
            continue;
        }
        QuantSpec spec;
        spec.format.format = info.format;
        cases.push_back({info.name.data(), spec});
    }
    return cases;
}

// The shoot-out of a bits class on the same tensor: the whole compare, stats included.
Result<void> benchShootout(int bitsClass, const Tensor& tensor, const std::string& sizeText,
                           int repeat, unsigned parallel, const BenchProgress& progress)
{
    const auto candidates = bitsClassCandidates(bitsClass);
    if (!candidates) {
        return std::unexpected(candidates.error());
    }
    const std::size_t n = tensor.values.size();
    auto compare = [&](unsigned threads) {
        const TensorStats stats = computeStats(tensor.values, {threads, {}});
        (void)runShootout(tensor.view(), *candidates, stats, {threads, {}});
    };
    const double single = bestNsPerElement(repeat, n, [&] { compare(1); }) * 1e-9 * n;
    const double multi = bestNsPerElement(repeat, n, [&] { compare(parallel); }) * 1e-9 * n;
    const std::string label = std::to_string(bitsClass) + "-bit shoot-out, " +
                              std::to_string(candidates->size()) + " rows (s)";
    progress.printing();
    std::printf("%-8s %-30s %12.3f %12.3f\n", sizeText.c_str(), label.c_str(), single, multi);
    return {};
}

} // namespace

Result<void> runFormatBench(const FormatBenchOptions& o)
{
    const unsigned parallel =
        o.threads != 0 ? o.threads : resolveThreadCount(std::size_t{1} << 30, 0);
    std::printf("QuantScope format bench: analyze of each format on normal(0, 1) data in rows of "
                "%zu; best of %d runs\n",
                kRow, o.repeat);
    std::printf("%-8s %-30s %12s %12s %14s\n", "values", "format (ns per value)", "1 thread",
                (std::to_string(parallel) + " threads").c_str(), "vs int8 (par.)");
    const std::vector<FormatCase> cases = formatCases();
    constexpr int kShootouts = 2; // the 4- and 8-bit classes
    const int total = static_cast<int>(o.sizes.size() * (cases.size() + kShootouts));
    int done = 0;
    for (const std::string& sizeText : o.sizes) {
        const auto size = parseSize(sizeText);
        if (!size) {
            return std::unexpected(size.error());
        }
        const std::size_t rows = std::max<std::size_t>(1, *size / kRow);
        GenerateSpec generate;
        generate.shape = {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(kRow)};
        generate.seed = 1;
        const auto tensor = generateTensor(generate);
        if (!tensor) {
            return std::unexpected(tensor.error());
        }
        const std::size_t n = tensor->values.size();
        const TensorStats stats = computeStats(tensor->values);
        double int8Parallel = 0;
        for (const FormatCase& c : cases) {
            o.progress.starting(done++, total);
            auto analyse = [&](unsigned threads) {
                AnalysisOptions options;
                options.threads = threads;
                (void)analyzeTensor(tensor->view(), c.spec, options, stats);
            };
            const double single = bestNsPerElement(o.repeat, n, [&] { analyse(1); });
            const double multi = bestNsPerElement(o.repeat, n, [&] { analyse(parallel); });
            if (int8Parallel == 0) {
                int8Parallel = multi;
            }
            o.progress.printing();
            std::printf("%-8s %-30s %12.3f %12.3f %13.2fx\n", sizeText.c_str(), c.label, single,
                        multi, multi / int8Parallel);
        }
        for (const int bitsClass : {4, 8}) {
            o.progress.starting(done++, total);
            if (auto ok =
                    benchShootout(bitsClass, *tensor, sizeText, o.repeat, parallel, o.progress);
                !ok) {
                return ok;
            }
        }
    }
    return {};
}

} // namespace qs::bench
