#include "io/json_nesting.h"

namespace qs {

bool jsonNestsDeeperThan(std::string_view text, int limit)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > limit) {
                return true;
            }
            break;
        case ']':
        case '}':
            --depth;
            break;
        default:
            break;
        }
    }
    return false;
}

Result<void> checkJsonNesting(std::string_view text, const std::string& file, std::string_view what,
                              std::optional<std::uint64_t> offset)
{
    if (jsonNestsDeeperThan(text)) {
        return fail(ErrorCode::BadHeader,
                    std::string(what) + " nests deeper than " + std::to_string(kMaxJsonNesting) +
                        " levels",
                    file, offset);
    }
    return {};
}

} // namespace qs
