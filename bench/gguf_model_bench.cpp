#include "gguf_model_bench.h"

#include "analysis/ggml_quantization.h"
#include "analysis/model_report.h"
#include "bench_timing.h"
#include "common/parallel_chunks.h"
#include "generate/generator.h"
#include "ggml/block_codec.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "memory_sampler.h"

#include <chrono>
#include <cstdio>
#include <fstream>

namespace qs::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kRows = 4096;
constexpr std::int64_t kColumns = 4096;
constexpr std::uint64_t kFileBytes = 2'000'000'000;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void putU32(std::ofstream& out, std::uint32_t v)
{
    out.write(reinterpret_cast<const char*>(&v), 4);
}

void putU64(std::ofstream& out, std::uint64_t v)
{
    out.write(reinterpret_cast<const char*>(&v), 8);
}

void putString(std::ofstream& out, const std::string& text)
{
    putU64(out, text.size());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// `tensors` tensors of kRows × kColumns, each holding `blocks` (one tensor's Q4_K bytes).
bool writeGguf(const fs::path& path, std::size_t tensors, const std::vector<std::byte>& blocks)
{
    std::ofstream out(path, std::ios::binary);
    out.write("GGUF", 4);
    putU32(out, 3);
    putU64(out, tensors);
    putU64(out, 1);
    putString(out, "general.architecture");
    putU32(out, 8);
    putString(out, "llama");
    for (std::size_t t = 0; t < tensors; ++t) {
        putString(out, "blk." + std::to_string(t) + ".ffn_down.weight");
        putU32(out, 2);
        putU64(out, kColumns); // ggml: fastest dimension first
        putU64(out, kRows);
        putU32(out, 12); // Q4_K
        putU64(out, t * blocks.size());
    }
    const auto header = static_cast<std::uint64_t>(out.tellp());
    for (std::uint64_t pad = (32 - header % 32) % 32; pad > 0; --pad) {
        out.put('\0');
    }
    for (std::size_t t = 0; t < tensors; ++t) {
        out.write(reinterpret_cast<const char*>(blocks.data()),
                  static_cast<std::streamsize>(blocks.size()));
    }
    return static_cast<bool>(out);
}

} // namespace

Result<void> runGgufModelBench(const QuantSpec& spec, const fs::path& folder, unsigned threads,
                               const BenchProgress& progress, int firstStep, int totalSteps)
{
    progress.starting(firstStep, totalSteps);
    const ggml::TypeInfo& q4k = *ggml::typeByName("q4_k");
    GenerateSpec values;
    values.distribution = Distribution::StudentT;
    values.scale = 0.02;
    values.df = 5;
    values.shape = {kRows, kColumns};
    const auto tensor = generateTensor(values);
    if (!tensor) {
        return std::unexpected(tensor.error());
    }
    const std::size_t count = tensor->values.size();
    const std::size_t blockBytes = count / q4k.blockValues * q4k.blockBytes;
    std::vector<std::byte> blocks(blockBytes);
    double quantize = 1e300;
    for (int run = 0; run < 3; ++run) {
        const auto start = Clock::now();
        const ChunkPlan plan{static_cast<std::size_t>(kRows), 16};
        forEachChunk(plan, resolveThreadCount(count, threads), [&](unsigned, std::size_t chunk) {
            const std::size_t first = plan.begin(chunk);
            const std::size_t rows = plan.end(chunk) - first;
            const std::size_t rowBytes = kColumns / q4k.blockValues * q4k.blockBytes;
            ggml::quantizeRows(
                q4k,
                std::span<const float>(tensor->values).subspan(first * kColumns, rows * kColumns),
                kColumns, std::span(blocks).subspan(first * rowBytes, rows * rowBytes));
        });
        quantize = std::min(quantize, secondsSince(start));
    }
    const auto start = Clock::now();
    auto decoded = quantizeToGgml(tensor->values, kColumns, q4k, {}, threads);
    const double withDecode = secondsSince(start);
    if (!decoded) {
        return std::unexpected(decoded.error());
    }
    progress.printing();
    std::printf("q4_k   quantize %zu values: %.3f s (%.1f ns per value, best of 3); with the "
                "decoding of codes, R′ and grids: %.3f s\n",
                count, quantize, quantize * 1e9 / static_cast<double>(count), withDecode);

    const std::size_t tensors = static_cast<std::size_t>(kFileBytes / blockBytes);
    const fs::path path = folder / "model-q4_k.gguf";
    progress.printing();
    std::printf("writing %s ...\n", path.filename().string().c_str());
    std::fflush(stdout);
    progress.starting(firstStep + 1, totalSteps);
    if (!writeGguf(path, tensors, decoded->blocks)) {
        return fail(ErrorCode::WriteFailed, "cannot write", path.string());
    }
    auto archive = openTensorArchive(FileSpec{path.string(), {}, {}});
    if (!archive) {
        return std::unexpected(archive.error());
    }
    PeakMemorySampler memory;
    ModelReportOptions options;
    options.threads = threads;
    const auto reportStart = Clock::now();
    const auto report = analyzeModel(**archive, spec, options);
    const double seconds = secondsSince(reportStart);
    const auto growth = static_cast<double>(memory.stop());
    std::error_code ignored;
    fs::remove(path, ignored);
    if (!report) {
        return std::unexpected(report.error());
    }
    const double all = static_cast<double>(tensors) * static_cast<double>(count);
    progress.printing();
    std::printf("model  %.2f GB Q4_K GGUF, %zu tensors of %lldx%lld: %.2f s (%.2f ns per value), "
                "decoded slice by slice, no float32 copy\n",
                static_cast<double>(tensors * blockBytes) / 1e9, report->tensors.size(),
                static_cast<long long>(kRows), static_cast<long long>(kColumns), seconds,
                seconds * 1e9 / all);
    std::printf("       anonymous memory: peak +%.1f MB = %.2f x one tensor's float32 copy\n",
                growth / 1e6, growth / (4.0 * static_cast<double>(count)));
    return {};
}

} // namespace qs::bench
