#pragma once
// NumPy .npz archives, read with libzip: every member NAME.npy is a tensor NAME, stored or
// deflated. Opening reads each member's .npy header (a few hundred bytes, decompressed as
// needed); load() reads one member.

#include "io/tensor_archive.h"

namespace qs {

// Errors: not a zip (or truncated), a member whose sizes are impossible for its compression, a
// member whose .npy header claims more data than the member holds — each before any tensor-sized
// allocation. Members with a dtype QuantScope does not read (structured, strings, objects) are
// listed as unsupported, not refused, so the rest of the archive stays usable.
Result<std::unique_ptr<TensorArchive>> openNpz(const std::string& path);

} // namespace qs
