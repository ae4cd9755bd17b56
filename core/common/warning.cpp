#include "common/warning.h"

#include "common/text_pattern.h"

namespace qs {

Warning makeWarning(WarningCode code, std::string pattern, std::vector<std::string> args)
{
    Warning warning{code, fillPattern(pattern, args), std::move(pattern), std::move(args)};
    return warning;
}

} // namespace qs
