#pragma once
// Texts with numbered placeholders, as Qt's translations write them: "%1 of %2 used".

#include <initializer_list>
#include <string>
#include <vector>

namespace qs {

// `pattern` with %1, %2, ... replaced by `values` in order. One pass from the left, so a value
// that itself contains "%1" is never substituted again; a placeholder without a value stays.
std::string fillPattern(const std::string& pattern, const std::vector<std::string>& values);

} // namespace qs
