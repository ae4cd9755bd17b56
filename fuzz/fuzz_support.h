#pragma once
// What every reader's fuzzer does with an input: the bytes become a file (the readers map or
// stream files, as for the user's), which is then opened, listed and loaded tensor by tensor
// exactly as `quantscope-cli list` and `analyze` would. Errors are the expected outcome of most
// inputs; a crash, a sanitizer report, a leak or a hang is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

namespace qs::fuzz {

// A private folder for this fuzzing process (made once, under $TMPDIR or /tmp).
const std::string& scratchFolder();

// Writes `size` bytes to `name` in the scratch folder, replacing what was there; its path.
std::string writeInput(const std::string& name, const std::uint8_t* data, std::size_t size);

// Opens `path` as a tensor file, lists it, and loads every tensor it holds (errors ignored).
void openListAndLoad(const std::string& path);

} // namespace qs::fuzz
