// libFuzzer: the PyTorch reader (zip and legacy layouts) on arbitrary bytes.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    qs::fuzz::openListAndLoad(qs::fuzz::writeInput("input.pt", data, size));
    return 0;
}
