#include "model_files_bench.h"

#include "analysis/model_report.h"
#include "analysis/streamed_quantization.h"
#include "generate/generator.h"
#include "gguf_model_bench.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "memory_sampler.h"
#include "torch_file_writer.h"

#include <bit>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace qs::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kListTensors = 1000;
constexpr std::size_t kListTensorValues = 1 << 19; // 2 MiB of float32 each: 2.1 GB in all

struct BenchTensor
{
    std::string name;
    std::int64_t rows;
    std::int64_t columns;
};

// About 1 GB of bfloat16: an embedding of 256 MiB and 24 square projections of 32 MiB.
std::vector<BenchTensor> bf16Layout()
{
    std::vector<BenchTensor> tensors{{"embed.weight", 32768, 4096}};
    for (int layer = 0; layer < 12; ++layer) {
        for (const char* part : {"attn.proj", "mlp.proj"}) {
            tensors.push_back(
                {"layers." + std::to_string(layer) + "." + part + ".weight", 4096, 4096});
        }
    }
    return tensors;
}

std::string header(const std::vector<std::pair<std::string, std::vector<std::int64_t>>>& shapes,
                   const char* dtype, std::size_t itemSize)
{
    std::string text = "{\"__metadata__\":{\"format\":\"pt\"}";
    std::uint64_t offset = 0;
    for (const auto& [name, shape] : shapes) {
        std::uint64_t count = 1;
        std::string dims;
        for (const auto d : shape) {
            count *= static_cast<std::uint64_t>(d);
            dims += (dims.empty() ? "" : ",") + std::to_string(d);
        }
        const std::uint64_t end = offset + count * itemSize;
        text.append(",\"").append(name).append("\":{\"dtype\":\"").append(dtype);
        text.append("\",\"shape\":[").append(dims).append("],\"data_offsets\":[");
        text.append(std::to_string(offset)).append(",").append(std::to_string(end)).append("]}");
        offset = end;
    }
    text += "}";
    while ((8 + text.size()) % 8 != 0) {
        text += ' '; // data aligned to 8 bytes, as the reference writer pads
    }
    return text;
}

void writeLength(std::ofstream& out, std::uint64_t length)
{
    char bytes[8];
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<char>((length >> (8 * i)) & 0xff);
    }
    out.write(bytes, 8);
}

bool writeSparseList(const fs::path& path)
{
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
    shapes.reserve(kListTensors);
    for (std::size_t i = 0; i < kListTensors; ++i) {
        shapes.push_back({"model.layers." + std::to_string(i / 10) + ".w" + std::to_string(i % 10),
                          {512, static_cast<std::int64_t>(kListTensorValues / 512)}});
    }
    const std::string text = header(shapes, "F32", 4);
    {
        std::ofstream out(path, std::ios::binary);
        writeLength(out, text.size());
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) {
            return false;
        }
    }
    std::error_code ec;
    fs::resize_file(path, 8 + text.size() + kListTensors * kListTensorValues * 4, ec);
    return !ec;
}

std::uint16_t toBfloat16(float value)
{
    const auto bits = std::bit_cast<std::uint32_t>(value);
    return static_cast<std::uint16_t>((bits + 0x7fff + ((bits >> 16) & 1)) >> 16);
}

bool writeBf16Model(const fs::path& path)
{
    const auto tensors = bf16Layout();
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
    shapes.reserve(tensors.size());
    for (const BenchTensor& t : tensors) {
        shapes.push_back({t.name, {t.rows, t.columns}});
    }
    const std::string text = header(shapes, "BF16", 2);
    std::ofstream out(path, std::ios::binary);
    writeLength(out, text.size());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    constexpr std::int64_t kChunk = 1 << 20;
    std::vector<std::uint16_t> chunk;
    std::uint32_t seed = 1;
    for (const BenchTensor& t : tensors) {
        const std::int64_t count = t.rows * t.columns;
        for (std::int64_t done = 0; done < count; done += kChunk) {
            GenerateSpec spec;
            spec.distribution = Distribution::StudentT; // heavy tails, like trained weights
            spec.scale = 0.02;
            spec.df = 5;
            spec.shape = {std::min(kChunk, count - done)};
            spec.seed = seed++;
            const auto values = generateTensor(spec);
            if (!values) {
                return false;
            }
            chunk.clear();
            for (const float v : values->values) {
                chunk.push_back(toBfloat16(v));
            }
            out.write(reinterpret_cast<const char*>(chunk.data()),
                      static_cast<std::streamsize>(chunk.size() * 2));
        }
    }
    return static_cast<bool>(out);
}

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Listing
{
    double milliseconds = 0;
    std::size_t tensors = 0;
};

// Opening `path` as `list` does (headers only), best of 5.
Result<Listing> bestListing(const fs::path& path)
{
    Listing best{1e300, 0};
    for (int run = 0; run < 5; ++run) {
        const auto start = Clock::now();
        auto archive = openTensorArchive(FileSpec{path.string(), {}, {}});
        if (!archive) {
            return std::unexpected(archive.error());
        }
        best.milliseconds = std::min(best.milliseconds, millisecondsSince(start));
        best.tensors = (*archive)->entries().size();
    }
    return best;
}

} // namespace

Result<void> runModelFilesBench(const QuantSpec& spec, const std::string& parent, unsigned threads,
                                const BenchProgress& progress)
{
    std::error_code ec;
    const fs::path base = parent.empty() ? fs::temp_directory_path(ec) : fs::path(parent);
    const fs::path folder =
        base / ("quantscope-bench-" + std::to_string(Clock::now().time_since_epoch().count()));
    if (!fs::create_directories(folder, ec)) {
        return fail(ErrorCode::WriteFailed, "cannot create the benchmark folder", folder.string());
    }
    struct Cleanup
    {
        fs::path folder;
        ~Cleanup()
        {
            std::error_code ignored;
            fs::remove_all(folder, ignored);
        }
    } cleanup{folder};

    const fs::path listed = folder / "listed.safetensors";
    const fs::path model = folder / "model-bf16.safetensors";
    std::printf("QuantScope model-file bench (files in %s, removed afterwards)\n",
                folder.string().c_str());
    progress.starting(0, kModelFilesBenchSteps);
    if (!writeSparseList(listed)) {
        return fail(ErrorCode::WriteFailed, "cannot write", listed.string());
    }
    const auto listing = bestListing(listed);
    if (!listing) {
        return std::unexpected(listing.error());
    }
    progress.printing();
    std::printf("list   %.2f GB float32 safetensors, %zu tensors: %.2f ms (best of 5)\n",
                static_cast<double>(fs::file_size(listed)) / 1e9, listing->tensors,
                listing->milliseconds);
    fs::remove(listed, ec);

    // The same tensors in a torch.save zip: listing reads the directory and runs the pickle.
    const fs::path torchFile = folder / "listed.pt";
    if (!writeTorchZipFile(torchFile, kListTensors, kListTensorValues)) {
        return fail(ErrorCode::WriteFailed, "cannot write", torchFile.string());
    }
    const auto torchListing = bestListing(torchFile);
    if (!torchListing) {
        return std::unexpected(torchListing.error());
    }
    std::printf("list   %.2f GB float32 PyTorch .pt (zip), %zu tensors: %.2f ms (best of 5; "
                "target <= 100 ms)\n",
                static_cast<double>(fs::file_size(torchFile)) / 1e9, torchListing->tensors,
                torchListing->milliseconds);
    fs::remove(torchFile, ec);

    std::printf("writing %s ...\n", model.filename().string().c_str());
    std::fflush(stdout);
    progress.starting(1, kModelFilesBenchSteps);
    if (!writeBf16Model(model)) {
        return fail(ErrorCode::WriteFailed, "cannot write", model.string());
    }
    auto archive = openTensorArchive(FileSpec{model.string(), {}, {}});
    if (!archive) {
        return std::unexpected(archive.error());
    }
    std::uint64_t largest = 0;
    std::uint64_t values = 0;
    for (const TensorEntry& entry : (*archive)->entries()) {
        largest = std::max(largest, entry.bytes);
        values += entry.count;
    }

    // Sample the anonymous memory while the report runs.
    PeakMemorySampler memory;
    ModelReportOptions options;
    options.threads = threads;
    const auto start = Clock::now();
    const auto report = analyzeModel(**archive, spec, options);
    const double seconds = millisecondsSince(start) / 1000;
    const auto growth = static_cast<double>(memory.stop());
    const std::uint64_t baseline = memory.baseline();
    if (!report) {
        return std::unexpected(report.error());
    }
    progress.printing();
    std::printf("model  %.2f GB bfloat16 safetensors, %zu tensors, largest %.0f MB: %.2f s "
                "(%.2f ns per value), %s\n",
                static_cast<double>(fs::file_size(model)) / 1e9, report->tensors.size(),
                static_cast<double>(largest) / 1e6, seconds,
                seconds * 1e9 / static_cast<double>(values),
                canStream(spec, {4096, 4096}) ? "read in place, slice by slice"
                                              : "each tensor loaded whole (this scheme needs it)");
    std::printf("       anonymous memory: %.1f MB before, peak +%.1f MB = %.3f x the largest "
                "tensor (page cache of the mapped file not counted)\n",
                static_cast<double>(baseline) / 1e6, growth / 1e6,
                growth / static_cast<double>(largest));
    return runGgufModelBench(spec, folder, threads, progress, 2, kModelFilesBenchSteps);
}

} // namespace qs::bench
