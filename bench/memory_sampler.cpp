#include "memory_sampler.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>

namespace qs::bench {

std::uint64_t anonymousBytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "RssAnon:") {
            std::uint64_t kb = 0;
            status >> kb;
            return kb * 1024;
        }
        status.ignore(1 << 12, '\n');
    }
    return 0;
}

PeakMemorySampler::PeakMemorySampler() : m_baseline(anonymousBytes()), m_peak(m_baseline)
{
    m_thread = std::thread([this] {
        while (m_running.load()) {
            m_peak = std::max(m_peak.load(), anonymousBytes());
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });
}

PeakMemorySampler::~PeakMemorySampler()
{
    stop();
}

std::uint64_t PeakMemorySampler::stop()
{
    m_running = false;
    if (m_thread.joinable()) {
        m_thread.join();
    }
    return m_peak.load() - m_baseline;
}

} // namespace qs::bench
