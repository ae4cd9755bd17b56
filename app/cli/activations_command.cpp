// quantscope-cli activations: synthetic activations X [tokens, features] with a few outlier
// feature channels, as LLM.int8() measured in real transformers, written to .npy.

#include "cli/commands.h"
#include "common/cli_support.h"
#include "generate/activation_generator.h"
#include "io/npy_writer.h"

#include <cstdio>
#include <filesystem>
#include <memory>

namespace qs::cli {

namespace {

struct ActivationsOptions
{
    ActivationSpec spec;
    std::string out;
};

int runActivations(const ActivationsOptions& o)
{
    if (std::filesystem::path(o.out).extension() != ".npy") {
        return reportUsageError("--out must name a .npy file, got '" + o.out + "'");
    }
    auto tensor = generateActivations(o.spec);
    if (!tensor) {
        return reportError(tensor.error());
    }
    if (auto ok = writeNpy(o.out, std::span<const float>(tensor->values), tensor->shape); !ok) {
        return reportError(ok.error());
    }
    std::string channels;
    for (const std::size_t c : activationOutlierChannels(o.spec)) {
        channels += (channels.empty() ? "" : ", ") + std::to_string(c);
    }
    std::printf("wrote synthetic activations %s to %s (outlier channels: %s)\n",
                shapeToString(tensor->shape).c_str(), o.out.c_str(),
                channels.empty() ? "none" : channels.c_str());
    return kExitOk;
}

} // namespace

void addActivationsCommand(CLI::App& app, int& exitCode)
{
    auto o = std::make_shared<ActivationsOptions>();
    auto* command = app.add_subcommand(
        "activations", "Write synthetic activations [tokens, features] with outlier channels "
                       "(values 20–100× the rest, as LLM.int8() measured) to .npy");
    command->add_option("--tokens", o->spec.tokens, "Rows: tokens")->capture_default_str();
    command->add_option("--features", o->spec.features, "Columns: feature channels")
        ->capture_default_str();
    command
        ->add_option("--outlier-channels", o->spec.outlierChannels,
                     "Feature channels carrying outliers")
        ->capture_default_str();
    command
        ->add_option("--outlier-scale", o->spec.outlierScale,
                     "The outlier channels' magnitude (× the rest)")
        ->capture_default_str();
    command->add_option("--seed", o->spec.seed, "The seed")->capture_default_str();
    command->add_option("--out,-o", o->out, "Output .npy file")->required();
    command->callback([o, &exitCode] { exitCode = runActivations(*o); });
}

} // namespace qs::cli
