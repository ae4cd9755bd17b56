#pragma once
// A tensor's values read slice by slice as float32: straight from float32 memory, converted from
// the bytes a file stores (a memory-mapped bfloat16 checkpoint, say), or decoded from ggml blocks
// (a quantized GGUF tensor), into a small buffer per worker. Passes written against it never hold
// a float32 copy of a tensor stored in another dtype.

#include "io/dtype_convert.h"
#include "tensor/dtype.h"

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace qs {

namespace ggml {
struct TypeInfo;
}

struct SliceRange
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t size() const { return end - begin; }
};

class ValueSource
{
public:
    static ValueSource floats(std::span<const float> values);
    // `bytes` holds whole elements of `dtype` in `order`.
    static ValueSource stored(std::span<const std::byte> bytes, Dtype dtype, ByteOrder order);
    // `blocks` holds whole blocks of ggml's block type `type`, decoded exactly as ggml decodes
    // them (a slice that starts or ends inside a block decodes the whole block).
    static ValueSource ggmlBlocks(std::span<const std::byte> blocks, const ggml::TypeInfo& type);

    std::size_t size() const { return m_count; }

    // Values [range.begin, range.end): a view of the floats, or converted into `scratch`.
    std::span<const float> read(SliceRange range, std::vector<float>& scratch) const;

private:
    std::span<const float> m_floats;
    std::span<const std::byte> m_bytes;
    const ggml::TypeInfo* m_blockType = nullptr;
    Dtype m_dtype = Dtype::Float32;
    ByteOrder m_order = ByteOrder::Little;
    std::size_t m_count = 0;
};

// Equal slices of about `sliceSize` values covering [0, count).
std::vector<SliceRange> evenSlices(std::size_t count, std::size_t sliceSize);

// Runs work(worker, slice index, values) for every slice on `threads` threads, each worker with
// its own conversion buffer. Callers keep per-slice results in slots and merge them in slice
// order, so sums do not depend on the thread count.
void forEachSlice(const ValueSource& source, std::span<const SliceRange> slices, unsigned threads,
                  const std::function<void(unsigned worker, std::size_t slice,
                                           std::span<const float> values)>& work);

} // namespace qs
