#pragma once
// Everything the window shows for one tensor and one scheme, computed off the UI thread and then
// never changed: panels and plots read it, nobody writes it.

#include "analysis/analyze.h"
#include "analysis/scale_usage.h"
#include "analysis/value_counts.h"
#include "io/loaded_tensor.h"
#include "io/tensor_source.h"
#include "quant/quant_spec.h"
#include "tensor/tensor_stats.h"

#include <QMetaType>

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

namespace qs::ui {

// The tensor with its stats, shared by every snapshot made from it: changing the scheme reuses
// both instead of reloading or rescanning.
struct LoadedData
{
    TensorSource source;
    LoadedTensor loaded;
    TensorStats stats;
};

struct AnalysisSnapshot
{
    std::shared_ptr<const LoadedData> data;
    QuantSpec spec;
    Analysis current;
    // The same tensor under the three schemes with the current bits, sign, rounding and anchor,
    // for the compare table: general, symmetric, asymmetric (narrow range as each defaults). For
    // a number format, on the integer grid of its element's width over its blocks.
    std::array<Analysis, 3> schemes;
    double outlierSigmas = 6;
    BandCounts outliers;   // finite values beyond mean ± outlierSigmas·std
    ScaleUsage scaleUsage; // how often each block scale occurs (block formats)
    // A ggml format: the current analysis' blocks as ggml stores them (the file's own when it is
    // measured as stored), from which the scale fields of each block are read.
    std::shared_ptr<const std::vector<std::byte>> ggmlBlocks;
    double computeMilliseconds = 0;
};

using SnapshotPtr = std::shared_ptr<const AnalysisSnapshot>;

} // namespace qs::ui

Q_DECLARE_METATYPE(qs::ui::SnapshotPtr)
Q_DECLARE_METATYPE(qs::Histogram)
