#include "fuzz_support.h"

#include "io/archive_factory.h"
#include "io/tensor_source.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace qs::fuzz {

const std::string& scratchFolder()
{
    static const std::string folder = [] {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/qs-fuzz-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            std::abort();
        }
        // libFuzzer ends by exit(): the folder goes with the process. (Its path is kept apart:
        // the handler runs after this string is destroyed.)
        static char removedAtExit[4096];
        std::snprintf(removedAtExit, sizeof removedAtExit, "%s", pattern.c_str());
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(removedAtExit, ignored);
        });
        return pattern;
    }();
    return folder;
}

std::string writeInput(const std::string& name, const std::uint8_t* data, std::size_t size)
{
    const std::string path = scratchFolder() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

void openListAndLoad(const std::string& path)
{
    auto archive = openTensorArchive({path, {}, {}});
    if (!archive) {
        (void)archive.error().describe();
        return;
    }
    for (const TensorEntry& entry : (*archive)->entries()) {
        (void)entry.name.size();
    }
    for (std::size_t i = 0; i < (*archive)->entries().size(); ++i) {
        auto loaded = (*archive)->load(i);
        if (!loaded) {
            (void)loaded.error().describe();
        }
    }
}

} // namespace qs::fuzz
