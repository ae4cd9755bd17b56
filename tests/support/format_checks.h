#pragma once
// What tst_formats compares core's formats with the reference (naive_formats.h) by, and the test
// tensors it compares them on. Every compare function returns the first difference as a message,
// or an empty string when the two agree, so a test can QVERIFY2 it and say what differed.

#include "analysis/analyze.h"
#include "common/simd.h"
#include "quant/quant_spec.h"
#include "support/naive_formats.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs::test {

// Codes exactly.
std::string codeDifference(std::span<const std::int32_t> got, std::span<const std::int32_t> want);
// Float bit patterns exactly, except that any NaN equals any NaN.
std::string bitDifference(std::span<const float> got, std::span<const float> want);
bool sameFloat(float a, float b);
// The block scales as the reference stores them (naive_formats.h) against core's parameters.
std::string scaleDifference(const Analysis& analysis, const NaiveFormatResult& want);
// mse, rmse and mae within `relative` (the kernel sums float32 lanes), sqnr within the same
// share of a decibel's worth, max |e|, clip counts, codes and the zero-code share exactly.
std::string metricDifference(const Metrics& got, const Metrics& want, double relative = 1e-5);

enum class Compared
{
    Elements, // codes, dequantized values and block scales
    Metrics,
    All,
};

// analyzeTensor (codes, dequantized values, scales and metrics) against naiveFormat.
std::string analysisDifference(std::span<const float> values, const Shape& shape,
                               const QuantSpec& spec, unsigned threads = 1,
                               Compared compared = Compared::All);
// quantizePass with `isa` on the parameters analyzeTensor chose, against naiveFormat. The layout
// must keep values in place (no channels on an axis other than 0).
std::string passDifference(std::span<const float> values, const Shape& shape, const QuantSpec& spec,
                           simd::Isa isa, unsigned threads = 1);

// A spec of `format` with every other option at its default.
QuantSpec formatSpec(NumberFormat format);
struct FormatCase
{
    std::string name;
    QuantSpec spec;
};
// Every format with each of its variant options (overflow, element rounding, scale rule, flavour,
// backend, block size, granularity).
std::vector<FormatCase> formatVariants();
// One case per format (its defaults).
std::vector<FormatCase> formatDefaults();

struct TestTensor
{
    std::vector<float> values;
    Shape shape;
};
// The edge cases of the format tests, by name: "all-zero", "zero-block", "constant", "ties",
// "subnormal", "tiny", "wide", "non-finite", "ordinary". "ties" depends on the format: every
// block holds the value that makes its scale 1 and then the element grid's midpoints.
std::span<const std::string_view> edgeKinds();
TestTensor edgeTensor(std::string_view kind, const QuantSpec& spec);
// Laplace-like values with exact zeros and a −0, in `shape`.
TestTensor ordinaryTensor(const Shape& shape, std::uint32_t seed);

} // namespace qs::test
