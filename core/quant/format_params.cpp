#include "quant/format_params.h"

#include "common/parallel_chunks.h"
#include "common/translatable.h"
#include "quant/codebook.h"
#include "quant/e8m0.h"
#include "quant/ggml_formats.h"

#include <cmath>
#include <limits>
#include <string>

namespace qs {
namespace {

constexpr float kE4M3Max = 448.0f;
constexpr float kE2M1Max = 6.0f;
constexpr float kFloatMax = std::numeric_limits<float>::max();

// float32 → E4M3, to nearest even and saturating (the block scales of NVFP4).
std::int32_t encodeE4M3(const MinifloatCodec& e4m3, float value)
{
    return e4m3.encode<ElementRounding::Even>(value).code;
}

float decodeE4M3(std::int32_t code)
{
    return kE4M3.decode(static_cast<std::uint32_t>(code));
}

// Runs perBlock(block, params) for every block, the blocks spread over the threads (a format's
// blocks can be a million); returns how many calls returned true.
template <typename PerBlock>
std::size_t forEveryBlock(std::span<const BlockAmax> blocks, std::vector<QuantParams>& params,
                          const PerBlock& perBlock)
{
    constexpr std::size_t kBlocksPerChunk = 4096;
    params.resize(blocks.size());
    const ChunkPlan plan{blocks.size(), kBlocksPerChunk};
    std::vector<std::size_t> counted(plan.chunks());
    forEachChunk(plan, resolveThreadCount(blocks.size() * 16, 0), [&](unsigned, std::size_t chunk) {
        std::size_t n = 0;
        for (std::size_t b = plan.begin(chunk); b < plan.end(chunk); ++b) {
            n += perBlock(blocks[b], params[b]) ? 1 : 0;
        }
        counted[chunk] = n;
    });
    std::size_t total = 0;
    for (const std::size_t n : counted) {
        total += n;
    }
    return total;
}

// The parameters every minifloat or codebook block shares before its scales are set.
QuantParams blockParams(const ElementType& element, double amax)
{
    QuantParams p;
    p.element = element;
    p.qmin = 0;
    p.qmax = element.codeCount() - 1;
    p.zeroPoint = element.kind == ElementKind::Codebook ? element.codebook->zeroCode() : 0;
    p.clipMin = -amax;
    p.clipMax = amax;
    return p;
}

// s = amax / max_element in float32 (1 for a plain cast or an all-zero group).
void minifloatParams(const QuantSpec& spec, std::span<const BlockAmax> blocks, FormatChoice& choice)
{
    const ElementType element = elementTypeOf(spec.format);
    const float maxElement = element.minifloat.maxFinite();
    const bool noScale = spec.format.noScale;
    const std::size_t underflows =
        forEveryBlock(blocks, choice.params, [&](const BlockAmax& block, QuantParams& p) {
            p = blockParams(element, block.amax);
            float s = 1.0f;
            bool underflow = false;
            if (!noScale && block.amax > 0) {
                s = static_cast<float>(block.amax) / maxElement;
                if (!(s > 0) || !std::isfinite(s)) {
                    underflow = true;
                    s = 1.0f;
                }
            }
            p.scale = s;
            return underflow;
        });
    if (underflows > 0) {
        choice.warnings.push_back(makeWarning(
            WarningCode::ScaleFloored,
            QS_TRANSLATABLE("Warning", "%1 groups have a range too small for a float32 scale "
                                       "amax / max_element: their scale is 1 (a plain cast)"),
            {std::to_string(underflows)}));
    }
}

// E8M0 scales X = 2^(c − 127) by the floor or rceil rule; MXINT8's element step is X/64.
void mxParams(const QuantSpec& spec, std::span<const BlockAmax> blocks, FormatChoice& choice)
{
    const ElementType element = elementTypeOf(spec.format);
    const bool integer = element.kind == ElementKind::Integer;
    const int emax = integer ? 0 : element.minifloat.maxExponent();
    const float maxElement = integer ? 127.0f / 64.0f : element.minifloat.maxFinite();
    const MxScaleRule rule = spec.format.mxScale;
    const std::size_t nanBlocks =
        forEveryBlock(blocks, choice.params, [&](const BlockAmax& block, QuantParams& p) {
            const float amax = block.nonFinite ? std::numeric_limits<float>::quiet_NaN()
                                               : static_cast<float>(block.amax);
            const std::uint8_t c = rule == MxScaleRule::Floor ? mxScaleFloor(amax, emax)
                                                              : mxScaleRceil(amax, maxElement);
            const float x = e8m0Value(c);
            if (integer) {
                // k = clamp(round(x / X · 64), −127, 127): the integer grid of step X/64 (exact).
                p = QuantParams{};
                p.scale = static_cast<double>(x) / 64.0;
                p.zeroPoint = 0;
                p.qmin = -127;
                p.qmax = 127;
                p.clipMin = -block.amax;
                p.clipMax = block.amax;
            } else {
                p = blockParams(element, block.amax);
                p.scale = x;
            }
            p.scaleCode = c;
            return c == kE8M0Nan;
        });
    if (nanBlocks > 0) {
        choice.warnings.push_back(makeWarning(
            WarningCode::NonFiniteValues,
            QS_TRANSLATABLE("Warning", "NaN or ±Inf in %1 of the blocks: MX marks such a block "
                                       "NaN (scale 0xFF), so its finite values are lost too"),
            {std::to_string(nanBlocks)}));
    }
}

// NVFP4 in the three flavours of FORMATS.md §3.
void nvfp4Params(const QuantSpec& spec, std::span<const BlockAmax> blocks, double tensorAmax,
                 FormatChoice& choice)
{
    const ElementType element = elementTypeOf(spec.format);
    const MinifloatCodec e4m3(kE4M3, Overflow::Saturate);
    const float gamax = static_cast<float>(tensorAmax);
    choice.tensorAmax = tensorAmax;
    switch (spec.format.nvfp4Flavour) {
    case Nvfp4Flavour::TransformerEngine: {
        float encode = (kE4M3Max * kE2M1Max) / gamax;
        encode = std::fmin(encode, kFloatMax);
        if (gamax == 0 || encode == 0) {
            encode = 1.0f;
        }
        const float decode = 1.0f / encode;
        const float multiplier = encode * (1.0f / kE2M1Max);
        choice.tensorScale = decode;
        forEveryBlock(blocks, choice.params, [&](const BlockAmax& block, QuantParams& p) {
            p = blockParams(element, block.amax);
            float s = static_cast<float>(block.amax) * multiplier;
            s = std::fmin(std::fmin(s, kFloatMax), kE4M3Max);
            const std::int32_t code = encodeE4M3(e4m3, s);
            const float blockScale = decodeE4M3(code);
            float inverse = 1.0f / (blockScale * decode);
            inverse = std::fmin(inverse, kFloatMax); // 1/0 → FLT_MAX
            p.step = QuantizeStep::MultiplyRoundAddZero;
            p.inverseScale = inverse;
            p.scale = blockScale;
            p.outerScale = decode;
            p.scaleCode = code;
            return false;
        });
        return;
    }
    case Nvfp4Flavour::Modelopt: {
        const float wsf2 = gamax / (kE4M3Max * kE2M1Max);
        choice.tensorScale = wsf2;
        forEveryBlock(blocks, choice.params, [&](const BlockAmax& block, QuantParams& p) {
            p = blockParams(element, block.amax);
            float s = static_cast<float>(block.amax) / (kE2M1Max * wsf2);
            if (s == 0 || std::isnan(s)) {
                s = 1.0f; // an all-zero block gets the scale 1.0 (code 0x38)
            }
            s = std::fmax(s, 0x1p-9f); // ModelOpt clamps at E4M3's smallest subnormal
            const std::int32_t code = encodeE4M3(e4m3, s);
            p.scale = decodeE4M3(code) * wsf2;
            p.scaleCode = code;
            return false;
        });
        return;
    }
    case Nvfp4Flavour::Torchao: {
        float pts = gamax / (kE4M3Max * kE2M1Max);
        if (!(pts > 0)) {
            pts = 1.0f; // an all-zero tensor: any scale does
        }
        choice.tensorScale = pts;
        forEveryBlock(blocks, choice.params, [&](const BlockAmax& block, QuantParams& p) {
            p = blockParams(element, block.amax);
            const float blockScale = static_cast<float>(block.amax) / kE2M1Max;
            float s = blockScale / pts;
            s = std::fmin(std::fmax(s, 0x1p-6f), kE4M3Max); // clamped before the cast
            const std::int32_t code = encodeE4M3(e4m3, s);
            p.scale = pts * decodeE4M3(code);
            p.scaleCode = code;
            return false;
        });
        return;
    }
    }
}

// bitsandbytes: xn = x · (1/absmax), R′ = level · absmax.
void bitsandbytesParams(const QuantSpec& spec, std::span<const BlockAmax> blocks,
                        FormatChoice& choice)
{
    const ElementType element = elementTypeOf(spec.format);
    forEveryBlock(blocks, choice.params, [&](const BlockAmax& block, QuantParams& p) {
        p = blockParams(element, block.amax);
        const auto absmax = static_cast<float>(block.amax);
        p.step = QuantizeStep::MultiplyRoundAddZero;
        p.scale = absmax;
        if (absmax > 0) {
            p.inverseScale = 1.0f / absmax;
        } else {
            // CPU: x · 0 = 0, the code of 0.0; CUDA: x · (1/0) = NaN, code 0.
            p.inverseScale = spec.format.bnbBackend == BnbBackend::Cpu
                                 ? 0.0f
                                 : std::numeric_limits<float>::infinity();
        }
        return false;
    });
}

} // namespace

ElementType elementTypeOf(const FormatSpec& format)
{
    const FormatInfo& info = formatInfo(format.format);
    if (info.family == FormatFamily::Ggml) {
        return ggmlElementType(ggmlTypeOf(format.format));
    }
    ElementType element;
    switch (info.element) {
    case ElementKind::Minifloat:
        element.kind = ElementKind::Minifloat;
        element.minifloat = *info.minifloat;
        // MX elements always saturate (OCP MX v1.0); NVFP4's round to nearest even.
        element.overflow =
            info.family == FormatFamily::Minifloat ? format.overflow : Overflow::Saturate;
        element.rounding =
            info.family == FormatFamily::Nvfp4 ? ElementRounding::Even : format.elementRounding;
        element.negativeZero =
            !(info.family == FormatFamily::Nvfp4 && format.nvfp4Flavour == Nvfp4Flavour::Modelopt);
        break;
    case ElementKind::Codebook:
        element.kind = ElementKind::Codebook;
        element.codebook = format.format == NumberFormat::Nf4 ? &nf4Codebook() : &bnbFp4Codebook();
        break;
    case ElementKind::Integer:
        break;
    }
    return element;
}

Result<FormatChoice> chooseFormatParams(const QuantSpec& spec, std::span<const BlockAmax> blocks,
                                        double tensorAmax)
{
    FormatChoice choice;
    choice.params.reserve(blocks.size());
    switch (formatInfo(spec.format.format).family) {
    case FormatFamily::Minifloat:
        minifloatParams(spec, blocks, choice);
        break;
    case FormatFamily::Mx:
        mxParams(spec, blocks, choice);
        break;
    case FormatFamily::Nvfp4:
        nvfp4Params(spec, blocks, tensorAmax, choice);
        break;
    case FormatFamily::Bitsandbytes:
        bitsandbytesParams(spec, blocks, choice);
        break;
    case FormatFamily::Integer:
        return fail(ErrorCode::InvalidArgument, "the integer grid's parameters come from "
                                                "chooseParams");
    case FormatFamily::Ggml:
        return fail(ErrorCode::InvalidArgument, "a ggml type's grids come from its quantizer "
                                                "(analysis/ggml_quantization.h)");
    }
    return choice;
}

QuantSpec resolvedSpec(const QuantSpec& spec)
{
    if (spec.isIntegerGrid()) {
        return spec;
    }
    const FormatInfo& info = formatInfo(spec.format.format);
    QuantSpec out = spec;
    out.scheme = Scheme::Symmetric;
    out.bits = info.elementBits;
    out.isSigned = true;
    out.narrowRange = info.format == NumberFormat::Mxint8; // −128 is never produced
    out.rounding = spec.format.elementRounding == ElementRounding::Away ? Rounding::HalfAwayFromZero
                                                                        : Rounding::HalfEven;
    out.convention = Convention::Tutorial;
    out.zeroPointAnchor = ZeroPointAnchor::Max;
    if (info.family == FormatFamily::Ggml) {
        const ggml::TypeInfo& type = ggmlTypeOf(info.format);
        out.scheme = type.hasOffset ? Scheme::Asymmetric : Scheme::Symmetric;
        out.isSigned = type.codeMin < 0;
        out.narrowRange = false;
        out.rounding = Rounding::HalfEven; // ggml's nearest_int
        out.granularity = Granularity::Group;
        out.groupSize = static_cast<int>(type.gridValues);
    } else if (info.fixedBlockSize > 0) {
        out.granularity = Granularity::Group;
        out.groupSize = info.fixedBlockSize;
    } else if (info.family == FormatFamily::Bitsandbytes) {
        out.granularity = Granularity::Group;
        out.groupSize = spec.format.blockSize;
    }
    return out;
}

double bitsPerValue(const QuantSpec& spec, std::size_t groups, std::size_t count)
{
    if (count == 0) {
        return 0;
    }
    const FormatInfo& info = formatInfo(spec.format.format);
    const auto n = static_cast<double>(count);
    const auto g = static_cast<double>(groups);
    switch (info.family) {
    case FormatFamily::Minifloat:
        return info.elementBits + (spec.format.noScale ? 0.0 : 32.0 * g / n);
    case FormatFamily::Mx:
        return info.elementBits + 8.0 * g / n;
    case FormatFamily::Nvfp4:
        return info.elementBits + (8.0 * g + 32.0) / n;
    case FormatFamily::Bitsandbytes:
        return info.elementBits + 32.0 * g / n;
    case FormatFamily::Ggml:
        return ggmlTypeOf(info.format).bitsPerValue(); // whole blocks: the same for any size
    case FormatFamily::Integer:
        break;
    }
    double scaleBits = 32;
    switch (spec.format.scaleStorage) {
    case ScaleStorage::Float16:
        scaleBits = 16;
        break;
    case ScaleStorage::Float32:
        scaleBits = 32;
        break;
    case ScaleStorage::Native:
        scaleBits = spec.convention == Convention::Tutorial  ? 64
                    : spec.convention == Convention::PyTorch ? 32
                                                             : 16; // llama.cpp's float16 d
        break;
    }
    const bool zeroPoint = spec.scheme == Scheme::Asymmetric;
    return spec.bits + (scaleBits * (zeroPoint ? 2 : 1)) * g / n;
}

std::string_view scaleFormatName(const QuantSpec& spec)
{
    const FormatInfo& info = formatInfo(spec.format.format);
    if (info.family == FormatFamily::Minifloat && spec.format.noScale) {
        return "none"; // a plain cast stores no scale
    }
    if (info.family != FormatFamily::Integer) {
        return info.scaleFormat;
    }
    switch (spec.format.scaleStorage) {
    case ScaleStorage::Float16:
        return "float16";
    case ScaleStorage::Float32:
        return "float32";
    case ScaleStorage::Native:
        break;
    }
    return spec.convention == Convention::Tutorial  ? "float64"
           : spec.convention == Convention::PyTorch ? "float32"
                                                    : "float16";
}

} // namespace qs
