// libFuzzer: TF.js model.json / weights manifests. The input is the manifest; beside it lie two
// shards of known bytes (the names a manifest usually gives), so that offsets, sizes, dtypes and
// quantization fields are exercised against real data.
#include "fuzz_support.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool shards = [] {
        std::vector<std::uint8_t> bytes(4096);
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            bytes[i] = static_cast<std::uint8_t>(i * 37 + 11);
        }
        qs::fuzz::writeInput("group1-shard1of1.bin", bytes.data(), bytes.size());
        qs::fuzz::writeInput("group1-shard1of2.bin", bytes.data(), 1000);
        qs::fuzz::writeInput("group1-shard2of2.bin", bytes.data(), 24);
        return true;
    }();
    (void)shards;
    qs::fuzz::openListAndLoad(qs::fuzz::writeInput("model.json", data, size));
    return 0;
}
