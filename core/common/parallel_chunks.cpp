#include "common/parallel_chunks.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace qs {

std::size_t ChunkPlan::end(std::size_t chunk) const
{
    return std::min(count, (chunk + 1) * chunkSize);
}

unsigned resolveThreadCount(std::size_t count, unsigned requested)
{
    constexpr std::size_t kMinPerThread = std::size_t{1} << 18;
    constexpr unsigned kMaxThreads = 16;
    unsigned threads = requested;
    if (threads == 0) {
        threads = std::max(1u, std::min(std::thread::hardware_concurrency(), kMaxThreads));
        const auto bySize = static_cast<unsigned>(std::max<std::size_t>(1, count / kMinPerThread));
        threads = std::min(threads, bySize);
    }
    return std::max(1u, threads);
}

bool forEachChunk(const ChunkPlan& plan, unsigned threads,
                  const std::function<void(unsigned, std::size_t)>& work,
                  const ProgressFn& progress)
{
    const std::size_t total = plan.chunks();
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> cancelled{false};

    auto drain = [&](unsigned worker) {
        while (!cancelled.load(std::memory_order_relaxed)) {
            const std::size_t chunk = next.fetch_add(1, std::memory_order_relaxed);
            if (chunk >= total) {
                return;
            }
            work(worker, chunk);
            done.fetch_add(1, std::memory_order_release);
        }
    };

    threads = std::max(
        1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(total, 1))));
    std::vector<std::jthread> helpers;
    helpers.reserve(threads - 1);
    for (unsigned worker = 1; worker < threads; ++worker) {
        helpers.emplace_back(drain, worker);
    }

    // The calling thread works chunk by chunk and reports progress between its own chunks.
    while (!cancelled.load(std::memory_order_relaxed)) {
        const std::size_t chunk = next.fetch_add(1, std::memory_order_relaxed);
        if (chunk >= total) {
            break;
        }
        work(0, chunk);
        done.fetch_add(1, std::memory_order_release);
        if (progress && !progress(static_cast<double>(done.load(std::memory_order_acquire)) /
                                  static_cast<double>(total))) {
            cancelled.store(true, std::memory_order_relaxed);
        }
    }
    helpers.clear(); // joins
    return !cancelled.load();
}

} // namespace qs
