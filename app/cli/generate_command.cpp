#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/source_options.h"
#include "io/npy_writer.h"

#include <cstdio>
#include <filesystem>
#include <memory>

namespace qs::cli {

namespace {

struct GenerateOptions
{
    SourceOptions source;
    std::string out;
};

int runGenerate(const GenerateOptions& o)
{
    if (std::filesystem::path(o.out).extension() != ".npy") {
        return reportUsageError("--out must name a .npy file, got '" + o.out + "'");
    }
    const auto source = makeTensorSource(o.source);
    if (!source) {
        return reportError(source.error());
    }
    const auto loaded = loadTensorSource(*source);
    if (!loaded) {
        return reportError(loaded.error());
    }
    const Tensor& tensor = loaded->tensor;
    if (auto ok = writeNpy(o.out, std::span<const float>(tensor.values), tensor.shape); !ok) {
        return reportError(ok.error());
    }
    std::printf("wrote %zu float32 values %s to %s\n", tensor.values.size(),
                shapeToString(tensor.shape).c_str(), o.out.c_str());
    return kExitOk;
}

} // namespace

void addGenerateCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<GenerateOptions>();
    auto* command = app.add_subcommand(
        "generate", "Write a generated (or preset, or converted) tensor to .npy");
    addSourceOptions(*command, options->source);
    command->add_option("--out,-o", options->out, "Output .npy file")->required();
    command->callback([options, &exitCode] { exitCode = runGenerate(*options); });
}

} // namespace qs::cli
