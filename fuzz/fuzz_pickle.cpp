// libFuzzer: the restricted unpickler with the torch host and the state-dict naming, straight
// on the bytes (the .pt fuzzer reaches a zip's data.pkl only when the mutant keeps its CRC-32).
#include "io/pickle/pickle_machine.h"
#include "io/torch/state_names.h"
#include "io/torch/torch_pickle.h"

#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto bytes = std::as_bytes(std::span(data, size));
    for (const auto layout : {qs::torch_file::Layout::Zip, qs::torch_file::Layout::Legacy}) {
        qs::pickle::Graph graph;
        qs::torch_file::TorchHost host(layout);
        auto unpickled = qs::pickle::unpickle(bytes, graph, host, {"input.pkl", {}, 0});
        if (unpickled) {
            (void)qs::torch_file::nameState(graph, unpickled->root, "input.pkl");
        }
    }
    return 0;
}
