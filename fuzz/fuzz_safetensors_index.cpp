// libFuzzer: sharded safetensors indexes (model.safetensors.index.json). The input is the
// index; beside it lie two small valid shards with the names indexes usually give.
#include "fuzz_support.h"

#include <cstring>
#include <string>

namespace {

void writeShard(const std::string& name, const std::string& tensor)
{
    const std::string header =
        "{\"" + tensor + "\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
    std::string bytes(8, '\0');
    const std::uint64_t length = header.size();
    std::memcpy(bytes.data(), &length, 8); // little-endian on the machines that fuzz
    bytes += header + std::string(16, '\x3f');
    qs::fuzz::writeInput(name, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool shards = [] {
        writeShard("model-00001-of-00002.safetensors", "a");
        writeShard("model-00002-of-00002.safetensors", "b");
        return true;
    }();
    (void)shards;
    qs::fuzz::openListAndLoad(qs::fuzz::writeInput("model.safetensors.index.json", data, size));
    return 0;
}
