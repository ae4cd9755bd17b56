#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/printable_text.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "report/listing_report.h"

#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

struct ListOptions
{
    std::string file;
    bool json = false;
};

int runList(const ListOptions& o)
{
    auto archive = openTensorArchive(FileSpec{o.file, {}, {}});
    if (!archive) {
        // A file that asks to run code is flagged as such on stdout too, for scripts that
        // sort a folder of checkpoints into the safe and the unsafe.
        if (archive.error().code == ErrorCode::UnsafeContent) {
            if (o.json) {
                std::printf("%s\n", dumpJson(unsafeListingJson(o.file, archive.error())).c_str());
            } else {
                std::printf("%s: UNSAFE, it asks to run code; nothing of it was loaded\n",
                            printable(o.file).c_str());
            }
        }
        return reportError(archive.error());
    }
    if (o.json) {
        std::printf("%s\n", dumpJson(listingJson(**archive)).c_str());
    } else {
        std::fputs(listingText(**archive).c_str(), stdout);
    }
    return kExitOk;
}

} // namespace

void addListCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<ListOptions>();
    auto* command = app.add_subcommand(
        "list",
        "List the tensors a file holds (name, shape, dtype, count, bytes); reads headers only");
    command
        ->add_option("file", options->file,
                     "A .safetensors (or its .index.json), .npz, .onnx, .gguf, PyTorch "
                     ".pt/.pth/.bin/.ckpt, TF.js model.json, .npy, .csv file")
        ->required();
    command->add_flag("--json", options->json, "Print JSON instead of a table");
    command->callback([options, &exitCode] { exitCode = runList(*options); });
}

} // namespace qs::cli
