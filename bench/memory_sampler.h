#pragma once
// The anonymous memory (heap, stacks) a benchmark's work takes, from /proc, without the page
// cache a mapped file adds to the resident set: sampled every 2 ms on a thread of its own.

#include <atomic>
#include <cstdint>
#include <thread>

namespace qs::bench {

// Resident anonymous bytes of this process now.
std::uint64_t anonymousBytes();

class PeakMemorySampler
{
public:
    PeakMemorySampler(); // starts sampling
    ~PeakMemorySampler();
    PeakMemorySampler(const PeakMemorySampler&) = delete;
    PeakMemorySampler& operator=(const PeakMemorySampler&) = delete;

    std::uint64_t baseline() const { return m_baseline; }
    // Stops sampling; the peak growth over the baseline.
    std::uint64_t stop();

private:
    std::uint64_t m_baseline;
    std::atomic<bool> m_running{true};
    std::atomic<std::uint64_t> m_peak;
    std::thread m_thread;
};

} // namespace qs::bench
