#pragma once
// PyTorch checkpoints (.pt, .pth, .bin, .ckpt) read without running their pickle: the zip layout
// of torch >= 1.6 (NAME/data.pkl, NAME/data/KEY records, used in place from the mapped file)
// and the legacy layout of torch < 1.6 (consecutive pickles followed by the raw storages). The
// pickle is interpreted by a restricted unpickler (io/pickle) that builds only containers,
// numbers, strings and tensors; a pickle that names anything else asks to run code, and the
// file is refused whole (UnsafeContent), nothing of it loaded.

#include "common/error.h"
#include "io/tensor_archive.h"

#include <memory>
#include <string>

namespace qs {

Result<std::unique_ptr<TensorArchive>> openTorch(const std::string& path);

// Whether a regular file starts as a torch.save file does (a zip, or a pickle): how the window
// tells a pytorch_model.bin from a raw .bin of numbers.
bool looksLikeTorchFile(const std::string& path);

} // namespace qs
