#include "io/temporary_files.h"

#include <array>
#include <atomic>
#include <csignal>
#include <unistd.h>

namespace qs {
namespace {

constexpr int kSlots = 64;

// Written by the guards, read by the handler: lock-free pointers, each to a guard's own path.
std::array<std::atomic<const char*>, kSlots> g_temporaries{};

extern "C" void removeTemporariesAndDie(int signal)
{
    for (auto& slot : g_temporaries) {
        if (const char* path = slot.load()) {
            ::unlink(path); // async-signal-safe
        }
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

} // namespace

TemporaryFileGuard::TemporaryFileGuard(std::string path) : m_path(std::move(path))
{
    for (int i = 0; i < kSlots; ++i) {
        const char* empty = nullptr;
        if (g_temporaries[static_cast<std::size_t>(i)].compare_exchange_strong(empty,
                                                                               m_path.c_str())) {
            m_slot = i;
            return;
        }
    }
}

TemporaryFileGuard::~TemporaryFileGuard()
{
    if (m_slot >= 0) {
        g_temporaries[static_cast<std::size_t>(m_slot)].store(nullptr);
    }
}

void removeTemporaryFilesOnSignals()
{
    static const bool installed = [] {
        for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
            struct sigaction action{};
            action.sa_handler = removeTemporariesAndDie;
            sigemptyset(&action.sa_mask);
            ::sigaction(signal, &action, nullptr);
        }
        return true;
    }();
    (void)installed;
}

} // namespace qs
