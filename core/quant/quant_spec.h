#pragma once
// QuantSpec: what the user chose. QuantParams (quant_params.h) is what was computed from it.
//
// The three schemes follow the tutorial (Rmin/Rmax the calibrated range, Qmin..Qmax the codes):
//
//   general     Scale = (Rmax − Rmin)/(Qmax − Qmin)   Q = Clip(Round(R/Scale))        R' = Q·Scale
//   symmetric   Scale = max|R| / Qmax                 Q = Clip(Round(R/Scale))        R' = Q·Scale
//   asymmetric  Scale = (Rmax − Rmin)/(Qmax − Qmin)   Z = Qmax − Round(Rmax/Scale)
//                                                     Q = Clip(Round(R/Scale + Z))    R' = (Q −
//                                                     Z)·Scale
//
// The general scheme has no zero point, so an asymmetric range both clips one end and leaves the
// other end's codes unused — the tutorial's first lesson.

#include <cstdint>
#include <optional>
#include <span>
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

enum class CalibrationMethod
{
    MinMax
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
    CalibrationMethod calibration = CalibrationMethod::MinMax;

    bool effectiveNarrowRange() const { return narrowRange.value_or(defaultNarrowRange(scheme)); }

    friend bool operator==(const QuantSpec&, const QuantSpec&) = default;
};

inline constexpr int kMinBits = 2;
inline constexpr int kMaxBits = 16;

// Stable names used by the CLI, JSON and reports ("half-even", "asymmetric", ...).
std::string_view schemeName(Scheme scheme);
std::string_view roundingName(Rounding rounding);
std::string_view zeroPointAnchorName(ZeroPointAnchor anchor);
std::string_view calibrationName(CalibrationMethod method);
std::optional<Scheme> schemeFromName(std::string_view name);
std::optional<Rounding> roundingFromName(std::string_view name);
std::optional<ZeroPointAnchor> zeroPointAnchorFromName(std::string_view name);
std::optional<CalibrationMethod> calibrationFromName(std::string_view name);

// Every accepted name, in enum order (for option parsers and menus).
std::span<const char* const> schemeNames();
std::span<const char* const> roundingNames();
std::span<const char* const> zeroPointAnchorNames();
std::span<const char* const> calibrationNames();

} // namespace qs
