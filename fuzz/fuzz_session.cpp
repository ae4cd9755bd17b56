// libFuzzer: session files (.qscope JSON).
#include "session/session.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto session = qs::parseSession({reinterpret_cast<const char*>(data), size}, "input.qscope",
                                    "/nonexistent");
    if (!session) {
        (void)session.error().describe();
    }
    return 0;
}
