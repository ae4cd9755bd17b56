#include "io/element_reader.h"

#include <algorithm>
#include <vector>

namespace qs {

Result<void> readElements(ByteReader& reader, Dtype dtype, ByteOrder order, std::span<float> dst)
{
    constexpr std::size_t kSliceElements = std::size_t{1} << 16;
    const std::size_t itemSize = dtypeSize(dtype);
    std::vector<std::byte> slice(std::min(dst.size(), kSliceElements) * itemSize);
    for (std::size_t done = 0; done < dst.size();) {
        const std::size_t n = std::min(kSliceElements, dst.size() - done);
        const auto bytes = std::span(slice).first(n * itemSize);
        if (auto ok = reader.read(bytes); !ok) {
            return ok;
        }
        convertToFloat(bytes, dtype, order, dst.subspan(done, n));
        done += n;
    }
    return {};
}

} // namespace qs
