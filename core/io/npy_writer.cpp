#include "io/npy_writer.h"

#include "io/atomic_file.h"
#include "io/dtype_convert.h"
#include "io/npy_format.h"

#include <cassert>
#include <cstring>
#include <vector>

namespace qs {
namespace {

template <typename T>
Result<void> write(const std::string& path, std::span<const T> values, const Shape& shape,
                   Dtype dtype)
{
    assert(elementCount(shape) == values.size());
    const std::string header = makeNpyHeader(dtype, shape);
    std::vector<std::byte> body(values.size() * sizeof(T));
    if constexpr (sizeof(T) == 1) {
        std::memcpy(body.data(), values.data(), values.size());
    } else {
        storeLittleEndian(values, body);
    }
    return writeFileAtomically(path, std::as_bytes(std::span(header)), body);
}

} // namespace

Result<void> writeNpy(const std::string& path, std::span<const float> values, const Shape& shape)
{
    return write(path, values, shape, Dtype::Float32);
}

Result<void> writeNpy(const std::string& path, std::span<const std::int32_t> values,
                      const Shape& shape)
{
    return write(path, values, shape, Dtype::Int32);
}

Result<void> writeNpy(const std::string& path, std::span<const std::uint8_t> values,
                      const Shape& shape)
{
    return write(path, values, shape, Dtype::UInt8);
}

} // namespace qs
