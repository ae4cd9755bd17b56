#pragma once
// The tutorial's three worked examples (一般过程, 对称量化, 非对称量化) recomputed by the engine
// and printed with the tutorial's own labels, in NumPy's number format.

#include "common/error.h"

#include <span>
#include <string>

namespace qs {

// For the tutorial's input (np.random.seed(8215); np.random.randn(3)) the text matches the
// tutorial's printed output line for line. Any other float32 values may be given.
Result<std::string> tutorialText(std::span<const float> input);

} // namespace qs
