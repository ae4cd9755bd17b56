#include "quant/number_format.h"

#include "common/enum_names.h"

#include <array>

namespace qs {
namespace {

constexpr std::array kFormatNames{
    "int",        "fp8-e4m3",   "fp8-e5m2",   "fp6-e2m3", "fp6-e3m2", "fp4-e2m1", "mxfp8-e4m3",
    "mxfp8-e5m2", "mxfp6-e2m3", "mxfp6-e3m2", "mxfp4",    "mxint8",   "nvfp4",    "nf4",
    "bnb-fp4",    "q4_0",       "q4_1",       "q5_0",     "q5_1",     "q8_0",     "q2_k",
    "q3_k",       "q4_k",       "q5_k",       "q6_k",     "iq4_nl",   "iq4_xs",   "mxfp4-ggml",
    "nvfp4-ggml", "tq1_0",      "tq2_0"};
constexpr std::array kOverflowNames{"saturate", "nan"};
constexpr std::array kMxScaleNames{"floor", "rceil"};
constexpr std::array kElementRoundingNames{"even", "away"};
constexpr std::array kNvfp4FlavourNames{"transformer-engine", "modelopt", "torchao"};
constexpr std::array kBnbBackendNames{"cpu", "cuda"};
constexpr std::array kScaleStorageNames{"native", "float32", "float16"};

using F = NumberFormat;
using Family = FormatFamily;
using Kind = ElementKind;

const std::array<FormatInfo, kFormatNames.size()> kCatalog{{
    {F::Integer, "int", Family::Integer, Kind::Integer, 0, std::nullopt, 0, "float64"},
    {F::Fp8E4m3, "fp8-e4m3", Family::Minifloat, Kind::Minifloat, 8, kE4M3, 0, "float32"},
    {F::Fp8E5m2, "fp8-e5m2", Family::Minifloat, Kind::Minifloat, 8, kE5M2, 0, "float32"},
    {F::Fp6E2m3, "fp6-e2m3", Family::Minifloat, Kind::Minifloat, 6, kE2M3, 0, "float32"},
    {F::Fp6E3m2, "fp6-e3m2", Family::Minifloat, Kind::Minifloat, 6, kE3M2, 0, "float32"},
    {F::Fp4E2m1, "fp4-e2m1", Family::Minifloat, Kind::Minifloat, 4, kE2M1, 0, "float32"},
    {F::Mxfp8E4m3, "mxfp8-e4m3", Family::Mx, Kind::Minifloat, 8, kE4M3, kMxBlockSize, "e8m0"},
    {F::Mxfp8E5m2, "mxfp8-e5m2", Family::Mx, Kind::Minifloat, 8, kE5M2, kMxBlockSize, "e8m0"},
    {F::Mxfp6E2m3, "mxfp6-e2m3", Family::Mx, Kind::Minifloat, 6, kE2M3, kMxBlockSize, "e8m0"},
    {F::Mxfp6E3m2, "mxfp6-e3m2", Family::Mx, Kind::Minifloat, 6, kE3M2, kMxBlockSize, "e8m0"},
    {F::Mxfp4, "mxfp4", Family::Mx, Kind::Minifloat, 4, kE2M1, kMxBlockSize, "e8m0"},
    {F::Mxint8, "mxint8", Family::Mx, Kind::Integer, 8, std::nullopt, kMxBlockSize, "e8m0"},
    {F::Nvfp4, "nvfp4", Family::Nvfp4, Kind::Minifloat, 4, kE2M1, kNvfp4BlockSize, "e4m3+float32"},
    {F::Nf4, "nf4", Family::Bitsandbytes, Kind::Codebook, 4, std::nullopt, 0, "float32"},
    {F::BnbFp4, "bnb-fp4", Family::Bitsandbytes, Kind::Codebook, 4, std::nullopt, 0, "float32"},
    {F::GgmlQ4_0, "q4_0", Family::Ggml, Kind::Integer, 4, std::nullopt, 32, "float16"},
    {F::GgmlQ4_1, "q4_1", Family::Ggml, Kind::Integer, 4, std::nullopt, 32, "float16"},
    {F::GgmlQ5_0, "q5_0", Family::Ggml, Kind::Integer, 5, std::nullopt, 32, "float16"},
    {F::GgmlQ5_1, "q5_1", Family::Ggml, Kind::Integer, 5, std::nullopt, 32, "float16"},
    {F::GgmlQ8_0, "q8_0", Family::Ggml, Kind::Integer, 8, std::nullopt, 32, "float16"},
    {F::GgmlQ2K, "q2_k", Family::Ggml, Kind::Integer, 2, std::nullopt, 256, "float16+4bit"},
    {F::GgmlQ3K, "q3_k", Family::Ggml, Kind::Integer, 3, std::nullopt, 256, "float16+6bit"},
    {F::GgmlQ4K, "q4_k", Family::Ggml, Kind::Integer, 4, std::nullopt, 256, "float16+6bit"},
    {F::GgmlQ5K, "q5_k", Family::Ggml, Kind::Integer, 5, std::nullopt, 256, "float16+6bit"},
    {F::GgmlQ6K, "q6_k", Family::Ggml, Kind::Integer, 6, std::nullopt, 256, "float16+8bit"},
    {F::GgmlIq4Nl, "iq4_nl", Family::Ggml, Kind::Codebook, 4, std::nullopt, 32, "float16"},
    {F::GgmlIq4Xs, "iq4_xs", Family::Ggml, Kind::Codebook, 4, std::nullopt, 256, "float16+6bit"},
    {F::GgmlMxfp4, "mxfp4-ggml", Family::Ggml, Kind::Codebook, 4, std::nullopt, 32, "e8m0"},
    {F::GgmlNvfp4, "nvfp4-ggml", Family::Ggml, Kind::Codebook, 4, std::nullopt, 64, "ue4m3"},
    {F::GgmlTq1_0, "tq1_0", Family::Ggml, Kind::Integer, 2, std::nullopt, 256, "float16"},
    {F::GgmlTq2_0, "tq2_0", Family::Ggml, Kind::Integer, 2, std::nullopt, 256, "float16"},
}};

} // namespace

const FormatInfo& formatInfo(NumberFormat format)
{
    return kCatalog[static_cast<std::size_t>(format)];
}

std::span<const FormatInfo> formatCatalog()
{
    return kCatalog;
}

std::string_view numberFormatName(NumberFormat format)
{
    return enumName(kFormatNames, format);
}
std::optional<NumberFormat> numberFormatFromName(std::string_view name)
{
    return enumFromName<NumberFormat>(kFormatNames, name);
}
std::span<const char* const> numberFormatNames()
{
    return kFormatNames;
}

std::string_view overflowName(Overflow overflow)
{
    return enumName(kOverflowNames, overflow);
}
std::string_view mxScaleRuleName(MxScaleRule rule)
{
    return enumName(kMxScaleNames, rule);
}
std::string_view elementRoundingName(ElementRounding rounding)
{
    return enumName(kElementRoundingNames, rounding);
}
std::string_view nvfp4FlavourName(Nvfp4Flavour flavour)
{
    return enumName(kNvfp4FlavourNames, flavour);
}
std::string_view bnbBackendName(BnbBackend backend)
{
    return enumName(kBnbBackendNames, backend);
}
std::string_view scaleStorageName(ScaleStorage storage)
{
    return enumName(kScaleStorageNames, storage);
}
std::optional<Overflow> overflowFromName(std::string_view name)
{
    return enumFromName<Overflow>(kOverflowNames, name);
}
std::optional<MxScaleRule> mxScaleRuleFromName(std::string_view name)
{
    return enumFromName<MxScaleRule>(kMxScaleNames, name);
}
std::optional<ElementRounding> elementRoundingFromName(std::string_view name)
{
    return enumFromName<ElementRounding>(kElementRoundingNames, name);
}
std::optional<Nvfp4Flavour> nvfp4FlavourFromName(std::string_view name)
{
    return enumFromName<Nvfp4Flavour>(kNvfp4FlavourNames, name);
}
std::optional<BnbBackend> bnbBackendFromName(std::string_view name)
{
    return enumFromName<BnbBackend>(kBnbBackendNames, name);
}
std::optional<ScaleStorage> scaleStorageFromName(std::string_view name)
{
    return enumFromName<ScaleStorage>(kScaleStorageNames, name);
}
std::span<const char* const> overflowNames()
{
    return kOverflowNames;
}
std::span<const char* const> mxScaleRuleNames()
{
    return kMxScaleNames;
}
std::span<const char* const> elementRoundingNames()
{
    return kElementRoundingNames;
}
std::span<const char* const> nvfp4FlavourNames()
{
    return kNvfp4FlavourNames;
}
std::span<const char* const> bnbBackendNames()
{
    return kBnbBackendNames;
}
std::span<const char* const> scaleStorageNames()
{
    return kScaleStorageNames;
}

} // namespace qs
