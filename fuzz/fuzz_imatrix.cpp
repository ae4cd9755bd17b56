// libFuzzer: the importance-matrix reader (llama-imatrix's .dat and GGUF files) on arbitrary
// bytes. Whatever it accepts keeps its promise: finite, non-negative weights that the lookup
// hands back for their own size.
#include "fuzz_support.h"
#include "io/imatrix_file.h"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto m = qs::readImportanceMatrix(qs::fuzz::writeInput("input.imatrix", data, size));
    if (!m) {
        (void)m.error().describe();
        return 0;
    }
    for (const auto& [name, weights] : m->entries) {
        for (const float w : weights) {
            if (!std::isfinite(w) || w < 0) {
                std::abort();
            }
        }
        const auto found = qs::importanceFor(*m, name, weights.size());
        if (!found || found->size() != weights.size()) {
            std::abort();
        }
        (void)qs::importanceFor(*m, name, weights.size() + 1); // a size that does not match
    }
    return 0;
}
