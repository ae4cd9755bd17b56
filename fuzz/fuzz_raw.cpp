// libFuzzer: raw binary data; the first byte picks the dtype and byte order, the second the
// offset, the rest is the file.
#include "fuzz_support.h"
#include "io/tensor_source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2) {
        return 0;
    }
    qs::RawSpec raw;
    raw.dtype = static_cast<qs::Dtype>(data[0] % (static_cast<int>(qs::Dtype::Float8E5M2) + 1));
    raw.order = data[0] & 0x80 ? qs::ByteOrder::Big : qs::ByteOrder::Little;
    raw.offset = data[1];
    const std::string path = qs::fuzz::writeInput("input.bin", data + 2, size - 2);
    auto loaded = qs::loadTensorFile({path, {}, raw});
    if (!loaded) {
        (void)loaded.error().describe();
    }
    return 0;
}
