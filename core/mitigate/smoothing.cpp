#include "mitigate/smoothing.h"

#include <algorithm>
#include <cmath>

namespace qs {

std::vector<double> columnAbsMax(std::span<const float> matrix, std::size_t columns)
{
    std::vector<double> out(columns, 0.0);
    for (std::size_t i = 0; i + columns <= matrix.size(); i += columns) {
        for (std::size_t j = 0; j < columns; ++j) {
            const double magnitude = std::fabs(static_cast<double>(matrix[i + j]));
            if (magnitude > out[j]) { // NaN never is: a NaN value does not set a maximum
                out[j] = magnitude;
            }
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

void divideColumns(std::span<float> matrix, std::span<const double> scales)
{
    const std::size_t columns = scales.size();
    for (std::size_t i = 0; i + columns <= matrix.size(); i += columns) {
        for (std::size_t j = 0; j < columns; ++j) {
            matrix[i + j] = static_cast<float>(static_cast<double>(matrix[i + j]) / scales[j]);
        }
    }
}

void multiplyColumns(std::span<float> matrix, std::span<const double> scales)
{
    const std::size_t columns = scales.size();
    for (std::size_t i = 0; i + columns <= matrix.size(); i += columns) {
        for (std::size_t j = 0; j < columns; ++j) {
            matrix[i + j] = static_cast<float>(static_cast<double>(matrix[i + j]) * scales[j]);
        }
    }
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
