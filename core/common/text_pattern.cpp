#include "common/text_pattern.h"

namespace qs {

std::string fillPattern(const std::string& pattern, const std::vector<std::string>& values)
{
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        std::size_t end = i + 1;
        while (pattern[i] == '%' && end < pattern.size() && pattern[end] >= '0' &&
               pattern[end] <= '9') {
            ++end;
        }
        const std::size_t number = end > i + 1 ? std::stoul(pattern.substr(i + 1, end - i - 1)) : 0;
        if (number >= 1 && number <= values.size()) {
            out += values[number - 1];
            i = end - 1;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

} // namespace qs
