#pragma once
// How much memory this process may use for one tensor's conversion: the machine's physical
// memory, or less where the process runs under an address-space or data limit (ulimit -v,
// containers). A reader checks a tensor against it before allocating anything for it, so that
// a valid but enormous tensor is refused with the size it needs instead of ending the program.

#include <cstdint>

namespace qs {

std::uint64_t memoryBudgetBytes();

} // namespace qs
