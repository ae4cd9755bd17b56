#include "mitigate/smoothing.h"

#include "common/parallel_chunks.h"

#include <algorithm>
#include <cmath>

namespace qs {

std::vector<double> columnAbsMax(std::span<const float> matrix, std::size_t columns,
                                 unsigned threads)
{
    if (columns == 0) {
        return {};
    }
    // Rows in chunks of about kDefaultChunkSize values, each with its own maxima in float (|x|
    // is exact in float, and `m > peak ? m : peak` is one vector max per lane), merged in order.
    const std::size_t rows = matrix.size() / columns;
    const ChunkPlan plan{rows, std::max<std::size_t>(1, kDefaultChunkSize / columns)};
    std::vector<std::vector<float>> parts(plan.chunks());
    forEachChunk(plan, resolveThreadCount(matrix.size(), threads),
                 [&](unsigned, std::size_t chunk) {
                     std::vector<float> peaks(columns, 0.0F);
                     for (std::size_t r = plan.begin(chunk); r < plan.end(chunk); ++r) {
                         const float* row = matrix.data() + r * columns;
                         for (std::size_t j = 0; j < columns; ++j) {
                             const float magnitude = std::fabs(row[j]);
                             // NaN never is greater: a NaN value does not set a maximum
                             peaks[j] = magnitude > peaks[j] ? magnitude : peaks[j];
                         }
                     }
                     parts[chunk] = std::move(peaks);
                 });
    std::vector<double> out(columns, 0.0);
    for (const std::vector<float>& peaks : parts) {
        for (std::size_t j = 0; j < columns; ++j) {
            out[j] = std::max(out[j], static_cast<double>(peaks[j]));
        }
    }
    return out;
}

SmoothingScales smoothingScales(std::span<const double> activationMax,
                                std::span<const double> weightMax, double alpha)
{
    SmoothingScales out;
    const std::size_t n = std::min(activationMax.size(), weightMax.size());
    out.scales.assign(n, 1.0);
    for (std::size_t j = 0; j < n; ++j) {
        const double x = activationMax[j];
        const double w = weightMax[j];
        if (!(x > 0) || !(w > 0) || !std::isfinite(x) || !std::isfinite(w)) {
            ++out.zeroChannels;
            continue;
        }
        out.scales[j] = std::pow(x, alpha) / std::pow(w, 1.0 - alpha);
    }
    return out;
}

namespace {

// Every row's column j scaled by `scale(x, s_j)` in double and rounded to float once, the rows
// in chunks over the threads.
template <typename Scale>
void scaleColumns(std::span<float> matrix, std::span<const double> scales, unsigned threads,
                  Scale scale)
{
    const std::size_t columns = scales.size();
    if (columns == 0) {
        return;
    }
    const ChunkPlan plan{matrix.size() / columns,
                         std::max<std::size_t>(1, kDefaultChunkSize / columns)};
    forEachChunk(
        plan, resolveThreadCount(matrix.size(), threads), [&](unsigned, std::size_t chunk) {
            for (std::size_t r = plan.begin(chunk); r < plan.end(chunk); ++r) {
                float* row = matrix.data() + r * columns;
                for (std::size_t j = 0; j < columns; ++j) {
                    row[j] = static_cast<float>(scale(static_cast<double>(row[j]), scales[j]));
                }
            }
        });
}

} // namespace

void divideColumns(std::span<float> matrix, std::span<const double> scales, unsigned threads)
{
    scaleColumns(matrix, scales, threads, [](double x, double s) { return x / s; });
}

void multiplyColumns(std::span<float> matrix, std::span<const double> scales, unsigned threads)
{
    scaleColumns(matrix, scales, threads, [](double x, double s) { return x * s; });
}

std::vector<std::size_t> outlierChannels(std::span<const float> activations, std::size_t columns,
                                         double threshold)
{
    const std::vector<double> peaks = columnAbsMax(activations, columns);
    std::vector<std::size_t> out;
    for (std::size_t j = 0; j < columns; ++j) {
        if (peaks[j] >= threshold) {
            out.push_back(j);
        }
    }
    return out;
}

} // namespace qs
