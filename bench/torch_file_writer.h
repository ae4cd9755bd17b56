#pragma once
// A large torch.save file for the listing benchmark, written the way torch 1.13 lays out its
// zip (NAME/data.pkl, NAME/data/KEY records of zeros, 64-byte aligned, stored), with the
// records' bytes left as holes in a sparse file so that writing 2 GB costs next to nothing.

#include <cstddef>
#include <filesystem>

namespace qs::bench {

// `tensors` float32 tensors of `valuesEach` zeros, named model.layers.N.wK. False on a write
// error.
bool writeTorchZipFile(const std::filesystem::path& path, std::size_t tensors,
                       std::size_t valuesEach);

} // namespace qs::bench
