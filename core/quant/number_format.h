#pragma once
// The number formats QuantScope quantizes into, beyond the scheme's integer grid. A format is an
// element type (an integer grid, a minifloat or a codebook) and a scale plan: one or two levels
// of scales, each with the block it covers, how it is stored and the rule that chooses it.
//
//   integer    the tutorial's schemes on 2..16-bit codes (QuantSpec's scheme fields)
//   minifloat  fp8-e4m3, fp8-e5m2, fp6-e2m3, fp6-e3m2, fp4-e2m1: a float32 scale
//              s = amax / max_element per tensor, channel or group (none with --no-scale);
//              element = encode(x / s), R′ = decode(element) · s
//   MX         mxfp8-e4m3, mxfp8-e5m2, mxfp6-e2m3, mxfp6-e3m2, mxfp4, mxint8 (OCP MX v1.0): blocks
//              of 32 along the last axis share an E8M0 scale X = 2^(c − 127) (quant/e8m0.h);
//              element = encode(x / X), R′ = decode(element) · X; MXINT8's element is
//              k = clamp(round(x / X · 64), −127, 127), R′ = X · k / 64
//   NVFP4      E2M1 elements in blocks of 16 along the last axis, an E4M3 scale per block and a
//              float32 scale per tensor (three flavours: Transformer Engine, ModelOpt, torchao)
//   ggml       q8_0, q4_0, q4_1, q5_0, q5_1, q2_k … q6_k, iq4_nl, iq4_xs, mxfp4-ggml, nvfp4-ggml,
//              tq1_0, tq2_0: llama.cpp's blocks along the last axis, quantized exactly as
//              ggml_quantize_chunk writes them (ggml/block_codec.h)
//   bitsandbytes  nf4 and bnb-fp4: blocks of --block-size values of the flattened tensor, a
//              float32 absmax each, xn = x · (1/absmax), code = the codebook level of xn
//
// FORMATS.md beside the project fixes every rule and variant; quant/format_params.h computes
// them.

#include "quant/e8m0.h"
#include "quant/element_type.h"
#include "quant/minifloat.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace qs {

enum class NumberFormat : std::uint8_t
{
    Integer, // the scheme's integer grid: everything the tutorial and the presets do
    Fp8E4m3,
    Fp8E5m2,
    Fp6E2m3,
    Fp6E3m2,
    Fp4E2m1,
    Mxfp8E4m3,
    Mxfp8E5m2,
    Mxfp6E2m3,
    Mxfp6E3m2,
    Mxfp4,
    Mxint8,
    Nvfp4,
    Nf4,
    BnbFp4,
    // llama.cpp / ggml block types (ggml/block_codec.h), named as ggml names them
    GgmlQ4_0,
    GgmlQ4_1,
    GgmlQ5_0,
    GgmlQ5_1,
    GgmlQ8_0,
    GgmlQ2K,
    GgmlQ3K,
    GgmlQ4K,
    GgmlQ5K,
    GgmlQ6K,
    GgmlIq4Nl,
    GgmlIq4Xs,
    GgmlMxfp4,
    GgmlNvfp4,
    GgmlTq1_0,
    GgmlTq2_0,
};

enum class FormatFamily : std::uint8_t
{
    Integer,
    Minifloat,
    Mx,
    Nvfp4,
    Bitsandbytes,
    Ggml, // the bytes ggml's quantizers write: quantized and decoded by ggml/block_codec.h
};

// NVFP4 as each framework computes it (FORMATS.md §3).
enum class Nvfp4Flavour : std::uint8_t
{
    TransformerEngine, // S_enc = 448·6/amax; s = E4M3(vmax·(S_enc/6)); q = E2M1(x·1/(s·S_dec))
    Modelopt,          // wsf2 = amax/(6·448); s = E4M3(vmax/(6·wsf2)); q = E2M1(x/(s·wsf2))
    Torchao,           // pts = amax/(448·6); s = E4M3(clamp(vmax/6/pts, 2^−6, 448)); x/(pts·s)
};

// bitsandbytes' all-zero block: its CPU backend writes the code of 0.0, its CUDA kernel code 0.
enum class BnbBackend : std::uint8_t
{
    Cpu,
    Cuda,
};

// The integer grid's scale as stored (for bits per value, and rounded so when not double).
enum class ScaleStorage : std::uint8_t
{
    Native, // as the convention computes it (the tutorial's double, PyTorch's float32, ...)
    Float32,
    Float16, // rounded to float16 before any element is quantized, as GPTQ/AWQ checkpoints store it
};

// What the user chose beyond the integer scheme (part of QuantSpec).
struct FormatSpec
{
    NumberFormat format = NumberFormat::Integer;
    bool noScale = false;                                    // minifloats: a plain cast (s = 1)
    Overflow overflow = Overflow::Saturate;                  // FP8 minifloats
    MxScaleRule mxScale = MxScaleRule::Floor;                // MX
    ElementRounding elementRounding = ElementRounding::Even; // minifloats and MX
    Nvfp4Flavour nvfp4Flavour = Nvfp4Flavour::TransformerEngine;
    int blockSize = 64; // bitsandbytes: 32..4096
    BnbBackend bnbBackend = BnbBackend::Cpu;
    ScaleStorage scaleStorage = ScaleStorage::Native; // the integer grid

    friend bool operator==(const FormatSpec&, const FormatSpec&) = default;
};

inline constexpr int kBnbMinBlockSize = 32;
inline constexpr int kBnbMaxBlockSize = 4096;
inline constexpr int kMxBlockSize = 32;
inline constexpr int kNvfp4BlockSize = 16;

// What a format is, for option checks, reports and menus.
struct FormatInfo
{
    NumberFormat format;
    std::string_view name; // the CLI's --format name
    FormatFamily family;
    ElementKind element;
    int elementBits;                        // 0 for the integer grid (the scheme's bits)
    std::optional<MinifloatType> minifloat; // the element type, or MXINT8's none
    int fixedBlockSize;                     // MX 32, NVFP4 16, 0 when the granularity decides
    std::string_view scaleFormat; // "float32", "e8m0", "e4m3+float32", ... (JSON scale_format)
};

const FormatInfo& formatInfo(NumberFormat format);
std::span<const FormatInfo> formatCatalog();

std::string_view numberFormatName(NumberFormat format);
std::optional<NumberFormat> numberFormatFromName(std::string_view name);
std::span<const char* const> numberFormatNames(); // in enum order, "int" first

std::string_view overflowName(Overflow overflow);        // "saturate", "nan"
std::string_view mxScaleRuleName(MxScaleRule rule);      // "floor", "rceil"
std::string_view elementRoundingName(ElementRounding r); // "even", "away"
std::string_view nvfp4FlavourName(Nvfp4Flavour flavour); // "transformer-engine", ...
std::string_view bnbBackendName(BnbBackend backend);     // "cpu", "cuda"
std::string_view scaleStorageName(ScaleStorage storage); // "native", "float32", "float16"
std::optional<Overflow> overflowFromName(std::string_view name);
std::optional<MxScaleRule> mxScaleRuleFromName(std::string_view name);
std::optional<ElementRounding> elementRoundingFromName(std::string_view name);
std::optional<Nvfp4Flavour> nvfp4FlavourFromName(std::string_view name);
std::optional<BnbBackend> bnbBackendFromName(std::string_view name);
std::optional<ScaleStorage> scaleStorageFromName(std::string_view name);
std::span<const char* const> overflowNames();
std::span<const char* const> mxScaleRuleNames();
std::span<const char* const> elementRoundingNames();
std::span<const char* const> nvfp4FlavourNames();
std::span<const char* const> bnbBackendNames();
std::span<const char* const> scaleStorageNames();

} // namespace qs
