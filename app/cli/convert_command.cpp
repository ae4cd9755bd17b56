#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/source_options.h"
#include "io/npy_writer.h"

#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

struct ConvertOptions
{
    SourceOptions source;
    std::string positional; // SOURCE: PATH or PATH#TENSOR
    std::string out;
};

// Any tensor QuantScope can load, as the float32 values it reads: a quantized GGUF tensor's
// decoded values, a bfloat16 weight widened, a CSV parsed.
int runConvert(ConvertOptions o)
{
    if (!o.positional.empty()) {
        if (!o.source.input.empty()) {
            return reportError(Error{ErrorCode::InvalidArgument,
                                     "give the source once: as SOURCE or as --input",
                                     {},
                                     {}});
        }
        o.source.input = o.positional;
    }
    auto source = makeTensorSource(o.source);
    if (!source) {
        return reportError(source.error());
    }
    auto loaded = loadTensorSource(*source);
    if (!loaded) {
        return reportError(loaded.error());
    }
    const Tensor& tensor = loaded->tensor;
    if (auto ok = writeNpy(o.out, std::span<const float>(tensor.values), tensor.shape); !ok) {
        return reportError(ok.error());
    }
    for (const Warning& warning : loaded->warnings) {
        std::fprintf(stderr, "warning: %s\n", warning.message.c_str());
    }
    return kExitOk;
}

} // namespace

void addConvertCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<ConvertOptions>();
    auto* command = app.add_subcommand(
        "convert", "Write one tensor as float32 .npy (a quantized tensor as its decoded values)");
    command->add_option("source", options->positional,
                        "PATH or PATH#TENSOR (any file QuantScope reads)");
    addSourceOptions(*command, options->source);
    command->add_option("--out,-o", options->out, "The .npy file to write")->required();
    command->callback([options, &exitCode] { exitCode = runConvert(*options); });
}

} // namespace qs::cli
