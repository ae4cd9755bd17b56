#pragma once
// Deterministic chunked parallelism for the single-pass kernels.
//
// The input is cut into fixed-size chunks independent of the thread count. Each chunk's partial
// result lands in its own slot and the caller merges slots in chunk order, so floating-point sums
// come out bit-identical whether one thread or eight did the work.

#include "common/progress.h"

#include <cstddef>
#include <functional>

namespace qs {

struct ChunkPlan
{
    std::size_t count = 0;     // elements in all
    std::size_t chunkSize = 0; // elements per chunk (the last may be shorter)

    std::size_t chunks() const { return chunkSize == 0 ? 0 : (count + chunkSize - 1) / chunkSize; }
    std::size_t begin(std::size_t chunk) const { return chunk * chunkSize; }
    std::size_t end(std::size_t chunk) const;
};

// Default chunk: 64 Ki elements, big enough to amortise scheduling, small enough for progress.
inline constexpr std::size_t kDefaultChunkSize = std::size_t{1} << 16;

// Threads to use for `count` elements when the caller asked for `requested` (0 = automatic):
// one thread below a size where starting threads costs more than it saves.
unsigned resolveThreadCount(std::size_t count, unsigned requested);

// Runs work(worker, chunk) for every chunk on `threads` threads (worker in [0, threads)).
// Progress is reported from the calling thread, which also does its share of the chunks. Returns
// false if `progress` asked to cancel; chunks not yet started are then skipped.
bool forEachChunk(const ChunkPlan& plan, unsigned threads,
                  const std::function<void(unsigned worker, std::size_t chunk)>& work,
                  const ProgressFn& progress = {});

} // namespace qs
