// libFuzzer: the CSV / text reader on arbitrary bytes.
#include "io/csv_reader.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto loaded = qs::parseCsv({reinterpret_cast<const char*>(data), size}, "input.csv");
    if (!loaded) {
        (void)loaded.error().describe();
    }
    return 0;
}
