#include "analysis/reference_comparison.h"

#include "analysis/error_sums.h"
#include "analysis/ggml_quantization.h"
#include "analysis/llama_names.h"
#include "quant/ggml_formats.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace qs {
namespace {

constexpr std::array kKQuantLadder{"q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "q8_0"};
constexpr std::array kLegacyLadder{"q4_0", "q5_0", "q8_0"};

std::optional<std::size_t> metadataCount(const Metadata& metadata, const std::string& key)
{
    for (const auto& [k, value] : metadata) {
        if (k == key) {
            std::size_t n = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (error == std::errc() && end == value.data() + value.size()) {
                return n;
            }
        }
    }
    return std::nullopt;
}

std::string architectureOf(const Metadata& metadata)
{
    for (const auto& [k, value] : metadata) {
        if (k == "general.architecture") {
            return value;
        }
    }
    return "llama";
}

// The element bits a ggml type's class is named by (q4_1 is a 4-bit type at 5 bits per value).
int bitsClass(const ggml::TypeInfo& type)
{
    const auto format = formatOfGgmlType(type);
    return format ? formatInfo(*format).elementBits : 0;
}

TypeOnReference onReference(const ggml::TypeInfo& type, std::span<const float> reference,
                            std::size_t rowLength, unsigned threads)
{
    TypeOnReference out;
    out.type = std::string(type.name);
    out.bitsPerValue = type.bitsPerValue();
    auto quantized = quantizeToGgml(reference, rowLength, type, {}, threads);
    if (quantized) {
        out.bytes = quantized->blocks.size();
        out.metrics = referenceMetrics(quantized->dequantized, reference);
    }
    return out;
}

// The reference tensor for `entry` and how its rows must be reordered.
struct Counterpart
{
    std::size_t index = 0;
    RowPermutation permutation = RowPermutation::None;
};

std::optional<Counterpart> counterpartOf(const TensorEntry& entry, const TensorArchive& reference)
{
    if (const auto same = reference.find(entry.name)) {
        return Counterpart{*same, RowPermutation::None};
    }
    if (const auto mapped = huggingFaceName(entry.name)) {
        if (const auto found = reference.find(mapped->name)) {
            return Counterpart{*found, mapped->permutation};
        }
    }
    return std::nullopt;
}

} // namespace

ReferenceMetrics referenceMetrics(std::span<const float> stored, std::span<const float> reference)
{
    AgreementSums sums;
    double sumAbs = 0;
    double worst = 0;
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const double r = reference[i];
        const double s = stored[i];
        const double e = static_cast<double>(stored[i] - reference[i]);
        sums.sumX2 += r * r;
        sums.sumE2 += e * e;
        sums.sumXD += r * s;
        sums.sumD2 += s * s;
        sums.sumXE += r * e;
        sumAbs += std::fabs(e);
        worst = std::max(worst, std::fabs(e));
    }
    const double n = static_cast<double>(std::max<std::size_t>(1, stored.size()));
    return {sqnrDb(sums.sumX2, sums.sumE2), sums.sumE2 / n, worst, cosineSimilarity(sums)};
}

Result<ReferenceComparison> compareWithReference(TensorArchive& quantized, TensorArchive& reference,
                                                 const ReferenceOptions& options)
{
    ReferenceComparison out;
    out.referenceFile = reference.path();
    const std::string arch = architectureOf(quantized.metadata());
    const auto heads = metadataCount(quantized.metadata(), arch + ".attention.head_count");
    const auto kvHeads = metadataCount(quantized.metadata(), arch + ".attention.head_count_kv");
    const auto& entries = quantized.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (options.progress &&
            !options.progress(static_cast<double>(i) / static_cast<double>(entries.size()))) {
            return fail(ErrorCode::Cancelled, "cancelled");
        }
        const TensorEntry& entry = entries[i];
        ReferenceMatch match;
        match.name = entry.name;
        match.type = entry.dtype;
        match.count = entry.count;
        match.bytes = entry.bytes;
        const auto counterpart = counterpartOf(entry, reference);
        if (!entry.unsupported.empty() || !entry.floating) {
            match.note = entry.unsupported.empty() ? "not floating-point" : entry.unsupported;
        } else if (!counterpart) {
            match.note = "no tensor of this name in the reference (nor its Hugging Face name)";
        }
        if (!match.note.empty()) {
            out.tensors.push_back(std::move(match));
            continue;
        }
        match.referenceName = reference.entries()[counterpart->index].name;
        auto ours = quantized.load(i);
        auto theirs = ours ? reference.load(counterpart->index)
                           : Result<LoadedTensor>(std::unexpected(ours.error()));
        if (!theirs) {
            match.note = theirs.error().describe();
            out.tensors.push_back(std::move(match));
            continue;
        }
        Tensor& ref = theirs->tensor;
        if (ref.shape != ours->tensor.shape) {
            match.note = "the reference's shape " + shapeToString(ref.shape) + " is not " +
                         shapeToString(ours->tensor.shape);
            out.tensors.push_back(std::move(match));
            continue;
        }
        const std::size_t rowLength =
            ref.shape.empty() ? ref.values.size() : static_cast<std::size_t>(ref.shape.back());
        if (counterpart->permutation != RowPermutation::None) {
            const auto h = counterpart->permutation == RowPermutation::Query ? heads : kvHeads;
            std::vector<float> permuted;
            if (!h || !permuteRotaryRows(ref.values, ref.values.size() / rowLength, rowLength, *h,
                                         permuted)) {
                match.note = "the rows of " + match.referenceName +
                             " cannot be put in llama.cpp's order (no head count in the file's "
                             "metadata, or rows that do not split into the heads)";
                out.tensors.push_back(std::move(match));
                continue;
            }
            ref.values = std::move(permuted);
        }
        match.stored = referenceMetrics(ours->tensor.values, ref.values);
        const ggml::TypeInfo* storedType = ggml::typeByName(entry.dtype);
        if (storedType != nullptr && storedType->kind == ggml::TypeKind::Block &&
            ref.shape.size() >= 2) {
            for (const ggml::TypeInfo& type : ggml::typeCatalog()) {
                if (type.kind == ggml::TypeKind::Block && type.id != storedType->id &&
                    bitsClass(type) == bitsClass(*storedType) &&
                    rowLength % type.blockValues == 0) {
                    match.alternatives.push_back(
                        onReference(type, ref.values, rowLength, options.threads));
                }
            }
        }
        if (options.ladder && ref.shape.size() >= 2) {
            const bool kQuants = rowLength % 256 == 0;
            const auto ladder = kQuants ? std::span<const char* const>(kKQuantLadder)
                                        : std::span<const char* const>(kLegacyLadder);
            for (const char* name : ladder) {
                const ggml::TypeInfo& type = *ggml::typeByName(name);
                if (rowLength % type.blockValues == 0) {
                    match.ladder.push_back(
                        onReference(type, ref.values, rowLength, options.threads));
                }
            }
        }
        out.tensors.push_back(std::move(match));
    }
    return out;
}

} // namespace qs
