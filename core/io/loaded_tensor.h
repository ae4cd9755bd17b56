#pragma once

#include "common/warning.h"
#include "tensor/tensor.h"

namespace qs {

// A tensor read from a file, with what the reader noticed but did not refuse.
struct LoadedTensor
{
    Tensor tensor;
    Warnings warnings;
};

} // namespace qs
