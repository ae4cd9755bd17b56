#pragma once
// What the format tests share: core's encoder for one value, analyzeTensor with its codes and
// dequantized values, and the element types of core and of the reference side by side.

#include "analysis/analyze.h"
#include "quant/format_params.h"
#include "quant/minifloat.h"
#include "support/naive_formats.h"

#include <QString>

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace qs::test {

inline constexpr std::array<MinifloatType, 5> kCoreTypes{kE4M3, kE5M2, kE2M3, kE3M2, kE2M1};
inline constexpr std::array<NaiveMinifloat, 5> kNaiveTypes{kNaiveE4M3, kNaiveE5M2, kNaiveE2M3,
                                                           kNaiveE3M2, kNaiveE2M1};
inline constexpr std::array<const char*, 5> kTypeNames{"e4m3", "e5m2", "e2m3", "e3m2", "e2m1"};
inline constexpr float kInf = std::numeric_limits<float>::infinity();

inline std::int32_t coreEncode(const MinifloatType& type, Overflow overflow,
                               ElementRounding rounding, float v)
{
    const MinifloatCodec codec(type, overflow);
    return rounding == ElementRounding::Even ? codec.encode<ElementRounding::Even>(v).code
                                             : codec.encode<ElementRounding::Away>(v).code;
}

// analyzeTensor with its codes and dequantized values.
struct Analysed
{
    Analysis analysis;
    std::vector<std::int32_t> codes;
    std::vector<float> dequant;
};

inline std::optional<Analysed> analyse(std::span<const float> values, const Shape& shape,
                                       const QuantSpec& spec)
{
    Analysed out{{}, std::vector<std::int32_t>(values.size()), std::vector<float>(values.size())};
    AnalysisOptions options;
    options.codesOut = out.codes;
    options.dequantOut = out.dequant;
    auto analysis = analyzeTensor({values, shape}, spec, options);
    if (!analysis) {
        qWarning("analyzeTensor: %s", analysis.error().message.c_str());
        return std::nullopt;
    }
    out.analysis = std::move(*analysis);
    return out;
}

inline QString hex(std::int64_t v)
{
    return QStringLiteral("0x%1").arg(v, 2, 16, QLatin1Char('0'));
}

// Every code of `type` that decodes to a finite value, ascending by value, positive then the
// virtual value past max finite (max + the top binade's step): the neighbours whose midpoints
// decide ties and overflow.
inline std::vector<double> positiveGrid(const NaiveMinifloat& type)
{
    std::vector<double> grid;
    for (std::uint32_t code = 0; code <= type.maxFiniteCode(); ++code) {
        grid.push_back(naiveDecode(type, code));
    }
    const double top = grid.back();
    grid.push_back(top + std::ldexp(1.0, std::ilogb(top) - type.mantissaBits));
    return grid;
}

} // namespace qs::test
