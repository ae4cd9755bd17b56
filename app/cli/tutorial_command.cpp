#include "cli/commands.h"
#include "common/cli_support.h"
#include "generate/generator.h"
#include "report/tutorial_report.h"

#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

struct TutorialOptions
{
    std::uint32_t seed = 8215;
    std::uint64_t count = 3;
};

int runTutorial(const TutorialOptions& o)
{
    GenerateSpec spec; // np.random.seed(seed); np.random.randn(count).astype('float32')
    spec.distribution = Distribution::NumpyRandn;
    spec.seed = o.seed;
    spec.shape = {static_cast<std::int64_t>(o.count)};
    const auto input = generateTensor(spec);
    if (!input) {
        return reportError(input.error());
    }
    const auto text = tutorialText(input->values);
    if (!text) {
        return reportError(text.error());
    }
    std::fputs(text->c_str(), stdout);
    return kExitOk;
}

} // namespace

void addTutorialCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<TutorialOptions>();
    auto* command = app.add_subcommand(
        "tutorial",
        "Print the tutorial's three worked examples (一般过程, 对称量化, 非对称量化), recomputed");
    command->add_option("--seed", options->seed, "np.random.seed value")->capture_default_str();
    command->add_option("--count", options->count, "np.random.randn count")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1000}))
        ->capture_default_str();
    command->callback([options, &exitCode] { exitCode = runTutorial(*options); });
}

} // namespace qs::cli
