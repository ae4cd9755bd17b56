#pragma once
// QuantSpec: what the user chose. QuantParams (quant_params.h) is what was computed from it.
//
// The three schemes follow the tutorial (Rmin/Rmax the calibrated range, Qmin..Qmax the codes):
//
//   general     Scale = (Rmax − Rmin)/(Qmax − Qmin)   Q = Clip(Round(R/Scale))      R' = Q·Scale
//   symmetric   Scale = max|R| / Qmax                 Q = Clip(Round(R/Scale))      R' = Q·Scale
//   asymmetric  Scale = (Rmax − Rmin)/(Qmax − Qmin)   Z = Qmax − Round(Rmax/Scale)
//                                                     Q = Clip(Round(R/Scale + Z))
//                                                     R' = (Q − Z)·Scale
//
// The general scheme has no zero point, so an asymmetric range both clips one end and leaves the
// other end's codes unused — the tutorial's first lesson.

#include "quant/number_format.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace qs {

enum class Scheme
{
    General,
    Symmetric,
    Asymmetric
};

enum class Rounding
{
    HalfEven,         // NumPy np.round, PyTorch nearbyint (the default)
    HalfAwayFromZero, // C roundf, llama.cpp
    HalfUp,           // floor(v + 0.5)
    Floor,
    Stochastic, // floor(v + u), u ~ U[0, 1) from a counter-based hash of (seed, index)
};

// Which end of the range the asymmetric zero point keeps exact.
enum class ZeroPointAnchor
{
    Max, // Z = Qmax − Round(Rmax/Scale)  (the tutorial)
    Min, // Z = Qmin − Round(Rmin/Scale)  (PyTorch, ONNX)
};

// Range estimators (core/calibrate): which [Rmin, Rmax] the grid should cover.
enum class CalibrationMethod
{
    MinMax,      // the finite extremes (the tutorial)
    Percentile,  // the (100 − P)-th and P-th percentiles (symmetric: the P-th of |R|)
    Mse,         // the range with the least quantize–dequantize MSE
    Kl,          // TensorRT's entropy calibration
    AciqGauss,   // analytic clipping for a Gaussian (Banner et al.)
    AciqLaplace, // analytic clipping for a Laplace distribution
    Manual,      // [clipMin, clipMax] as the user set it (a clip line dragged in the window)
};

// Whose arithmetic a method follows (core/calibrate/framework_calibration.h documents each).
enum class KlVariant
{
    TensorRtPublished,   // NVIDIA's published algorithm (the default)
    PytorchQuantization, // pytorch-quantization's HistogramCalibrator, method "entropy"
    OnnxRuntime,         // ONNX Runtime's HistogramCollector, method "entropy"
    MxNet,               // MXNet's _contrib_calibrate_entropy
};

enum class PercentileVariant
{
    Exact,               // exact order statistics, as numpy.percentile (the default)
    PytorchQuantization, // read from pytorch-quantization's 2048-bin histogram of |R|
    OnnxRuntime,         // read from ONNX Runtime's 2048-bin histogram
};

enum class MseVariant
{
    Exact,               // QuantScope's search on the values themselves (the default)
    PytorchQuantization, // pytorch-quantization's search over its histogram's bin centres
};

struct CalibrationSpec
{
    CalibrationMethod method = CalibrationMethod::MinMax;
    double percentile = 99.99; // Percentile
    // Kl's histogram bins, first threshold bin and quantized levels: 0 = the variant's own
    // (calibrate/calibrate.h: klBins, klStartBin, klLevels).
    int klBins = 0;
    int klStartBin = 0;
    int klLevels = 0;
    KlVariant klVariant = KlVariant::TensorRtPublished;
    PercentileVariant percentileVariant = PercentileVariant::Exact;
    MseVariant mseVariant = MseVariant::Exact;
    // Manual: the range itself (a symmetric grid takes t = max(|clipMin|, |clipMax|)).
    double clipMin = 0;
    double clipMax = 0;

    friend bool operator==(const CalibrationSpec&, const CalibrationSpec&) = default;
};

// One set of parameters for the whole tensor, per channel along an axis, or per contiguous
// group of values along the last axis (llama.cpp blocks, GPTQ groups).
enum class Granularity
{
    Tensor,
    Channel,
    Group,
};

// Whose arithmetic the parameters and the element step follow (QuantParams documents each).
enum class Convention
{
    Tutorial,  // the tutorial's NumPy (the default)
    PyTorch,   // PyTorch 1.13 observers and quantize_per_tensor / quantize_per_channel
    LlamaQ8_0, // llama.cpp's Q8_0 blocks
    LlamaQ4_0, // llama.cpp's Q4_0 blocks
};

// Narrow range by default for symmetric only (−127..127), as in the tutorial.
constexpr bool defaultNarrowRange(Scheme scheme)
{
    return scheme == Scheme::Symmetric;
}

struct QuantSpec
{
    Scheme scheme = Scheme::Symmetric;
    int bits = 8; // 2..16
    bool isSigned = true;
    std::optional<bool> narrowRange; // unset: the scheme's default (on for symmetric only)
    Rounding rounding = Rounding::HalfEven;
    std::uint64_t roundingSeed = 0; // for Rounding::Stochastic
    ZeroPointAnchor zeroPointAnchor = ZeroPointAnchor::Max;
    CalibrationSpec calibration{};
    Granularity granularity = Granularity::Tensor;
    int axis = 0;       // Channel: the channel axis (negative counts from the last)
    int groupSize = 32; // Group: values per group along the last axis
    Convention convention = Convention::Tutorial;
    std::string preset{}; // the preset this spec came from, if any (quant/presets.h)
    // The number format: the integer grid above (the default) or a minifloat, MX, NVFP4 or
    // bitsandbytes format (quant/number_format.h), which then decides the element, the scales
    // and the blocks; the integer grid's fields do not apply to those.
    FormatSpec format{};

    bool effectiveNarrowRange() const { return narrowRange.value_or(defaultNarrowRange(scheme)); }
    bool isIntegerGrid() const { return format.format == NumberFormat::Integer; }

    friend bool operator==(const QuantSpec&, const QuantSpec&) = default;
};

inline constexpr int kMinBits = 2;
inline constexpr int kMaxBits = 16;

// Stable names used by the CLI, JSON and reports ("half-even", "asymmetric", ...).
std::string_view schemeName(Scheme scheme);
std::string_view roundingName(Rounding rounding);
std::string_view zeroPointAnchorName(ZeroPointAnchor anchor);
std::string_view calibrationName(CalibrationMethod method);
std::string_view granularityName(Granularity granularity);
std::string_view conventionName(Convention convention);
std::optional<Scheme> schemeFromName(std::string_view name);
std::optional<Rounding> roundingFromName(std::string_view name);
std::optional<ZeroPointAnchor> zeroPointAnchorFromName(std::string_view name);
std::optional<CalibrationMethod> calibrationFromName(std::string_view name);
std::optional<Granularity> granularityFromName(std::string_view name);
std::optional<Convention> conventionFromName(std::string_view name);
std::string_view klVariantName(KlVariant variant);
std::string_view percentileVariantName(PercentileVariant variant);
std::string_view mseVariantName(MseVariant variant);
// The variant `c.method` follows ("onnxruntime", "exact", ...); empty for a method without
// framework variants.
std::string_view calibrationVariantName(const CalibrationSpec& c);
std::optional<KlVariant> klVariantFromName(std::string_view name);
std::optional<PercentileVariant> percentileVariantFromName(std::string_view name);
std::optional<MseVariant> mseVariantFromName(std::string_view name);

// Every accepted name, in enum order (for option parsers and menus).
std::span<const char* const> schemeNames();
std::span<const char* const> roundingNames();
std::span<const char* const> zeroPointAnchorNames();
std::span<const char* const> calibrationNames();
std::span<const char* const> granularityNames();
std::span<const char* const> conventionNames();
std::span<const char* const> klVariantNames();
std::span<const char* const> percentileVariantNames();
std::span<const char* const> mseVariantNames();

} // namespace qs
