#include "analysis/analyze.h"
#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "common/session_options.h"
#include "common/source_options.h"
#include "io/atomic_file.h"
#include "io/imatrix_file.h"
#include "io/npy_writer.h"
#include "quant/ggml_formats.h"
#include "report/analysis_report.h"

#include <cstdio>
#include <memory>
#include <vector>

namespace qs::cli {

namespace {

struct AnalyzeOptions
{
    SourceOptions source;
    SchemeOptions scheme;
    SessionOptions session;
    bool json = false;
    std::string dumpCodes;
    std::string dumpScales;
    std::string dumpDequant;
    std::string dumpBlocks;
    std::string imatrix;
    unsigned threads = 0;
};

// The tensor and scheme: a session's, or the command line's.
Result<std::pair<TensorSource, QuantSpec>> chooseInput(const CLI::App& command,
                                                       const AnalyzeOptions& o)
{
    auto session = loadSessionOption(command, o.session);
    if (!session) {
        return std::unexpected(session.error());
    }
    if (const std::optional<Session>& saved = *session; saved.has_value()) {
        return std::pair(saved->source, saved->spec);
    }
    auto source = makeTensorSource(o.source);
    if (!source) {
        return std::unexpected(source.error());
    }
    auto spec = makeQuantSpec(o.scheme);
    if (!spec) {
        return std::unexpected(spec.error());
    }
    return std::pair(std::move(*source), std::move(*spec));
}

// Codes as the format stores them: int32 for the integer grid; the raw bits as uint8 for the
// other formats (an FP8 byte, a 4-bit code 0..15, MXINT8's byte in two's complement).
Result<void> writeCodes(const std::string& path, std::span<const std::int32_t> codes,
                        const Shape& shape, const QuantSpec& spec)
{
    if (spec.isIntegerGrid()) {
        return writeNpy(path, codes, shape);
    }
    std::vector<std::uint8_t> bytes(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(codes[i] & 0xff);
    }
    return writeNpy(path, std::span<const std::uint8_t>(bytes), shape);
}

// The shape of one scale per group: [1] per tensor, [channels], the tensor's leading axes and
// the blocks of a row along the last one, or the blocks of the flattened tensor.
Shape scalesShape(const Analysis& analysis, const Shape& tensorShape)
{
    const GroupLayout& layout = analysis.layout;
    const auto groups = static_cast<std::int64_t>(analysis.params.size());
    if (layout.granularity != Granularity::Group || layout.rows == 1 || tensorShape.empty()) {
        return {groups};
    }
    Shape shape(tensorShape.begin(), tensorShape.end() - 1);
    shape.push_back(static_cast<std::int64_t>(layout.groupsPerRow()));
    return shape;
}

// The block scales: uint8 E8M0 or E4M3 codes for MX and NVFP4, float32 values elsewhere.
Result<void> writeScales(const std::string& path, const Analysis& analysis,
                         const Shape& tensorShape)
{
    const Shape shape = scalesShape(analysis, tensorShape);
    const FormatFamily family = formatInfo(analysis.spec.format.format).family;
    if (family == FormatFamily::Mx || family == FormatFamily::Nvfp4) {
        std::vector<std::uint8_t> codes;
        codes.reserve(analysis.params.size());
        for (const QuantParams& p : analysis.params) {
            codes.push_back(static_cast<std::uint8_t>(p.scaleCode));
        }
        return writeNpy(path, std::span<const std::uint8_t>(codes), shape);
    }
    std::vector<float> scales;
    scales.reserve(analysis.params.size());
    for (const QuantParams& p : analysis.params) {
        scales.push_back(p.elementScale());
    }
    return writeNpy(path, std::span<const float>(scales), shape);
}

// The importance matrix's weights for `tensor` (read into `matrix`), as llama-quantize looks
// them up: by the tensor's name, one slice per matrix of an expert tensor [experts, rows, row].
Result<std::span<const float>> importanceWeights(const std::string& path, const Tensor& tensor,
                                                 const QuantSpec& spec, ImportanceMatrix& matrix)
{
    const auto refuse = [](std::string message) {
        return std::unexpected(Error{ErrorCode::InvalidArgument, std::move(message), {}, {}});
    };
    if (!isGgmlFormat(spec.format.format)) {
        return refuse("--imatrix weighs ggml's quantizers: it needs --format q4_k, iq4_xs, ... "
                      "(one of ggml's block types)");
    }
    const ggml::TypeInfo& type = ggmlTypeOf(spec.format.format);
    if (!type.usesImportance) {
        return refuse("--imatrix does not apply to --format " + std::string(type.option) +
                      ": ggml's " + std::string(type.name) + " quantizer takes no weights");
    }
    auto read = readImportanceMatrix(path);
    if (!read) {
        return std::unexpected(read.error());
    }
    matrix = std::move(*read);
    const std::size_t rowLength =
        tensor.shape.empty() ? tensor.values.size() : static_cast<std::size_t>(tensor.shape.back());
    const std::size_t matrices =
        tensor.shape.size() == 3 ? static_cast<std::size_t>(tensor.shape.front()) : 1;
    return importanceFor(matrix, tensor.name, rowLength, matrices);
}

int runAnalyze(const CLI::App& command, const AnalyzeOptions& o)
{
    const auto input = chooseInput(command, o);
    if (!input) {
        return reportError(input.error());
    }
    const auto& [source, spec] = *input;
    auto loaded = loadTensorSource(source);
    if (!loaded) {
        return reportError(loaded.error());
    }
    const Tensor& tensor = loaded->tensor;

    std::vector<std::int32_t> codes(o.dumpCodes.empty() ? 0 : tensor.values.size());
    std::vector<float> dequant(o.dumpDequant.empty() ? 0 : tensor.values.size());
    if (!o.dumpBlocks.empty() && !isGgmlFormat(spec.format.format)) {
        return reportError(Error{ErrorCode::InvalidArgument,
                                 "--dump-blocks writes ggml blocks: it needs --format q8_0, q4_k, "
                                 "... (one of ggml's block types)",
                                 {},
                                 {}});
    }
    ImportanceMatrix importance;
    std::span<const float> weights;
    if (!o.imatrix.empty()) {
        auto found = importanceWeights(o.imatrix, tensor, spec, importance);
        if (!found) {
            return reportError(found.error());
        }
        weights = *found;
    }
    std::vector<std::byte> blocks;
    AnalysisOptions options;
    options.codesOut = codes;
    options.dequantOut = dequant;
    options.ggmlBlocksOut = o.dumpBlocks.empty() ? nullptr : &blocks;
    options.ggmlImportance = weights;
    options.storedBlocks = loaded->storedBlocks ? &*loaded->storedBlocks : nullptr;
    options.threads = o.threads;
    auto analysis = analyzeTensor(tensor.view(), spec, options);
    if (!analysis) {
        return reportError(withSourceFile(analysis.error(), source));
    }
    if (!o.dumpCodes.empty()) {
        if (auto ok = writeCodes(o.dumpCodes, codes, tensor.shape, analysis->spec); !ok) {
            return reportError(ok.error());
        }
    }
    if (!o.dumpScales.empty()) {
        if (auto ok = writeScales(o.dumpScales, *analysis, tensor.shape); !ok) {
            return reportError(ok.error());
        }
    }
    if (!o.dumpDequant.empty()) {
        if (auto ok = writeNpy(o.dumpDequant, std::span<const float>(dequant), tensor.shape); !ok) {
            return reportError(ok.error());
        }
    }
    if (!o.dumpBlocks.empty()) {
        if (auto ok = writeFileAtomically(o.dumpBlocks, {}, blocks); !ok) {
            return reportError(ok.error());
        }
    }

    if (!o.session.save.empty()) {
        if (auto ok = writeSession(o.session.save, Session{source, spec, {}}); !ok) {
            return reportError(ok.error());
        }
    }

    const AnalysisReport report{{tensor.name, tensor.shape, tensor.sourceDtype},
                                std::move(*analysis),
                                std::move(loaded->warnings),
                                importance.path,
                                importance.format};
    const std::string text = o.json ? analysisJson(report) + "\n" : analysisText(report);
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

} // namespace

void addAnalyzeCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<AnalyzeOptions>();
    auto* command =
        app.add_subcommand("analyze", "Quantize one tensor and report the error metrics");
    addSourceOptions(*command, options->source);
    addSchemeOptions(*command, options->scheme);
    command->add_flag("--json", options->json, "Print one JSON object (the documented contract)");
    command->add_option("--dump-codes", options->dumpCodes,
                        "Write the codes (.npy, input's shape): int32 for the integer grid, the "
                        "raw bits as uint8 for the other formats");
    command->add_option("--dump-scales", options->dumpScales,
                        "Write the scales, one per group or block (.npy): uint8 E8M0/E4M3 codes "
                        "for MX and NVFP4, float32 values otherwise");
    command->add_option("--dump-dequant", options->dumpDequant,
                        "Write the dequantized values (float32 .npy)");
    command->add_option("--dump-blocks", options->dumpBlocks,
                        "ggml block types: write the blocks exactly as ggml stores them, rows "
                        "(the last axis) one after another");
    command->add_option("--imatrix", options->imatrix,
                        "ggml block types: quantize with this importance matrix (llama-imatrix's "
                        ".dat or GGUF output), looked up by the tensor's name as llama-quantize "
                        "does");
    command->add_option("--threads", options->threads, "Worker threads (default: automatic)");
    addSessionOptions(*command, options->session, /*withSave=*/true);
    command->callback([command, options, &exitCode] { exitCode = runAnalyze(*command, *options); });
}

} // namespace qs::cli
