#pragma once
// Sweeps: one quantity varied over a range, everything else of the QuantSpec held, to show
// where a choice stops paying.
//
//   bits     SQNR at 2..16 bits against the 6.02 dB/bit line. Each extra bit halves the step,
//            quartering the rounding noise (10·log10 4 = 6.02 dB); the line goes through the
//            8-bit point, so a curve that bends away from it shows clipping or an unused range
//            eating the gain.
//   clip     the MSE of clipping at ±t (symmetric: [−t, t]; general and asymmetric: [min R,
//            max R] ∩ [−t, t]) split into rounding (values inside the grid) and clipping
//            (values outside), for t from just above t0 to max|R|, spaced geometrically in
//            t − t0 over three decades (t0 = 0, or for two-end schemes the data's end nearest
//            zero, below which the range would be empty). Each calibration method's own choice
//            is marked at t = max(|clip_min|, |clip_max|) with its actual MSE. Per-tensor only.
//   outlier  the value with the largest |R − mean| replaced by mean + m·σ for m log-spaced over
//            [1, 1000]: the scale of its group, the SQNR of all the other values and the share
//            of values that fall onto the zero code — the tutorial's closing lesson, measured.

#include "analysis/analyze.h"
#include "common/error.h"
#include "common/progress.h"
#include "quant/quant_spec.h"
#include "tensor/tensor_view.h"

#include <string>
#include <string_view>
#include <vector>

namespace qs {

enum class SweepParameter
{
    Bits,
    Clip,
    Outlier,
};

std::string_view sweepParameterName(SweepParameter parameter);
std::optional<SweepParameter> sweepParameterFromName(std::string_view name);
std::span<const char* const> sweepParameterNames();

struct SweepOptions
{
    int points = 0; // clip and outlier: how many points (0 = the default below)
    unsigned threads = 0;
    ProgressFn progress; // false cancels
};

inline constexpr int kDefaultClipPoints = 100;
inline constexpr int kDefaultOutlierPoints = 25;
inline constexpr int kMaxSweepPoints = 10000;

struct BitsPoint
{
    int bits = 0;
    double sqnrDb = 0; // +inf when lossless
    double mse = 0;
    double clippedFraction = 0;
    double unusedRangeFraction = 0;
};

struct BitsSweep
{
    std::vector<BitsPoint> points; // bits kMinBits..kMaxBits
    static constexpr int kReferenceBits = 8;
    static constexpr double kDbPerBit = 6.02;
    double referenceSqnrDb = 0; // the 8-bit point the ideal line goes through

    double idealSqnrDb(int bits) const
    {
        return referenceSqnrDb + kDbPerBit * (bits - kReferenceBits);
    }
};

struct ClipPoint
{
    double threshold = 0;
    double clipMin = 0;
    double clipMax = 0;
    double scale = 0;
    double mse = 0;
    double roundingMse = 0;
    double clippingMse = 0;
    double clippedFraction = 0;
    double sqnrDb = 0; // 10·log10(ΣR² / Σ(R' − R)²); +inf without error
};

// Where one calibration method (in one framework's variant) puts the range, and what that
// costs.
struct ClipMarker
{
    CalibrationMethod method = CalibrationMethod::MinMax;
    std::string variant; // the variant's name; empty for a method without variants
    bool chosen = false; // the spec's own method and variant
    ClipPoint point;
};

// The clip sweep's markers come in this order: one per method that finds a range of its own
// (the first markedMethodCount() methods, in CalibrationMethod order), then the frameworks'
// variants, then — when the spec's calibration is manual — the range the user set.
std::size_t markedMethodCount();

struct ClipSweep
{
    std::vector<ClipPoint> points; // increasing threshold
    // Every calibration method in enum order with its default variant, then the frameworks'
    // variants (percentile, mse, kl; each in enum order).
    std::vector<ClipMarker> markers;
};

// Every calibration's choice on the whole of `values` under `spec`'s grid: the markers of the
// clip sweep (ClipSweep::markers documents their order). Cancelled when `progress` asks.
Result<std::vector<ClipMarker>> calibrationChoices(std::span<const float> values,
                                                   const QuantSpec& spec,
                                                   const ProgressFn& progress = {});

struct OutlierPoint
{
    double magnitudeSigma = 0; // m
    double value = 0;          // the injected value, mean + m·σ
    double scale = 0;          // of the outlier's group
    double sqnrDb = 0;         // of every value but the outlier
    double zeroCodeFraction = 0;
    double clippedFraction = 0;
};

struct OutlierSweep
{
    std::size_t position = 0; // C-order index of the replaced value
    double sigma = 0;         // the unit of m (the tensor's std, or 1 for a constant tensor)
    std::vector<OutlierPoint> points; // increasing magnitude
};

// Errors: those of analyzeTensor; InvalidArgument for llama.cpp conventions (their formats fix
// the bit width).
Result<BitsSweep> sweepBits(TensorView tensor, const QuantSpec& spec,
                            const SweepOptions& options = {});

// Errors: EmptyTensor, NoFiniteValues, InvalidArgument for per-channel or per-group specs and
// out-of-range options, Cancelled.
Result<ClipSweep> sweepClip(TensorView tensor, const QuantSpec& spec,
                            const SweepOptions& options = {});

// Errors: those of analyzeTensor; InvalidArgument for out-of-range options.
Result<OutlierSweep> sweepOutlier(TensorView tensor, const QuantSpec& spec,
                                  const SweepOptions& options = {});

} // namespace qs
