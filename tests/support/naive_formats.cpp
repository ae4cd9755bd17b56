// The formats half of the reference (naive_formats.h): blocks, scale rules and metrics, each rule
// as FORMATS.md §1–§4 writes it.

#include "support/naive_formats.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>
#include <set>

namespace qs::test {
namespace {

using Block = std::vector<std::size_t>; // element indices
using F = NumberFormat;

constexpr float kFloatNan = std::numeric_limits<float>::quiet_NaN();

// What the reference computes for every element before the metrics.
struct Work
{
    std::span<const float> x;
    NaiveFormatResult out;
    std::vector<int> clip;         // −1 clipped below, +1 above, 0 inside
    std::vector<char> zeroElement; // the element's value (before scaling) is ±0
    std::int64_t codesTotal = 0;

    void set(std::size_t i, std::int32_t code, float dequant, int clipped, bool zero)
    {
        out.codes[i] = code;
        out.dequant[i] = dequant;
        clip[i] = clipped;
        zeroElement[i] = zero ? 1 : 0;
    }
};

int clipSide(float x)
{
    return x < 0 ? -1 : 1;
}

// max |x| over the finite values of a block.
float finiteAbsMax(std::span<const float> x, const Block& block)
{
    float amax = 0;
    for (const std::size_t i : block) {
        if (std::isfinite(x[i])) {
            amax = std::max(amax, std::fabs(x[i]));
        }
    }
    return amax;
}

bool holdsNonFinite(std::span<const float> x, const Block& block)
{
    return std::ranges::any_of(block, [&](std::size_t i) { return !std::isfinite(x[i]); });
}

// Runs of `size` along the last axis, a row's last one shorter, in row-major order.
std::vector<Block> alongLastAxis(std::size_t count, std::size_t last, std::size_t size)
{
    std::vector<Block> blocks;
    for (std::size_t row = 0; last > 0 && row < count / last; ++row) {
        for (std::size_t j = 0; j < last; j += size) {
            Block& b = blocks.emplace_back();
            for (std::size_t k = j; k < std::min(last, j + size); ++k) {
                b.push_back(row * last + k);
            }
        }
    }
    return blocks;
}

// One block per index along `axis`: the values whose C-order index has that coordinate.
std::vector<Block> alongAxis(std::size_t count, const std::vector<std::int64_t>& shape, int axis)
{
    const int rank = static_cast<int>(shape.size());
    axis = axis < 0 ? axis + rank : axis;
    std::size_t inner = 1;
    for (int d = axis + 1; d < rank; ++d) {
        inner *= static_cast<std::size_t>(shape[static_cast<std::size_t>(d)]);
    }
    const auto length = static_cast<std::size_t>(shape[static_cast<std::size_t>(axis)]);
    std::vector<Block> blocks(length);
    for (std::size_t i = 0; i < count; ++i) {
        blocks[(i / inner) % length].push_back(i);
    }
    return blocks;
}

std::vector<Block> flatBlocks(std::size_t count, std::size_t size)
{
    std::vector<Block> blocks;
    for (std::size_t i = 0; i < count; ++i) {
        if (i % size == 0) {
            blocks.emplace_back();
        }
        blocks.back().push_back(i);
    }
    return blocks;
}

bool isMx(F f)
{
    return f == F::Mxfp8E4m3 || f == F::Mxfp8E5m2 || f == F::Mxfp6E2m3 || f == F::Mxfp6E3m2 ||
           f == F::Mxfp4 || f == F::Mxint8;
}

std::vector<Block> blocksOf(std::size_t count, const std::vector<std::int64_t>& shape,
                            const QuantSpec& spec)
{
    const F f = spec.format.format;
    const std::size_t last = shape.empty() ? count : static_cast<std::size_t>(shape.back());
    if (f == F::Nf4 || f == F::BnbFp4) {
        return flatBlocks(count, static_cast<std::size_t>(spec.format.blockSize));
    }
    if (isMx(f)) {
        return alongLastAxis(count, last, 32);
    }
    if (f == F::Nvfp4) {
        return alongLastAxis(count, last, 16);
    }
    switch (spec.granularity) {
    case Granularity::Tensor:
        return flatBlocks(count, count);
    case Granularity::Channel:
        return alongAxis(count, shape, spec.axis);
    case Granularity::Group:
        return alongLastAxis(count, last, static_cast<std::size_t>(spec.groupSize));
    }
    return {};
}

} // namespace

std::optional<NaiveMinifloat> naiveElementOf(NumberFormat f)
{
    switch (f) {
    case F::Fp8E4m3:
    case F::Mxfp8E4m3:
        return kNaiveE4M3;
    case F::Fp8E5m2:
    case F::Mxfp8E5m2:
        return kNaiveE5M2;
    case F::Fp6E2m3:
    case F::Mxfp6E2m3:
        return kNaiveE2M3;
    case F::Fp6E3m2:
    case F::Mxfp6E3m2:
        return kNaiveE3M2;
    case F::Fp4E2m1:
    case F::Mxfp4:
    case F::Nvfp4:
        return kNaiveE2M1;
    default:
        return std::nullopt;
    }
}

namespace {

// emax of FORMATS.md §2's table.
int mxEmax(F f)
{
    switch (f) {
    case F::Mxfp8E4m3:
        return 8;
    case F::Mxfp8E5m2:
        return 15;
    case F::Mxfp6E3m2:
        return 4;
    case F::Mxfp6E2m3:
    case F::Mxfp4:
        return 2;
    default:
        return 0; // MXINT8
    }
}

// §1: s = amax / max_elem per group in float32 (1 for no scale, a zero group, or an underflow).
void plainMinifloat(Work& w, const std::vector<Block>& blocks, const FormatSpec& f,
                    const NaiveMinifloat& type)
{
    const auto maxFinite = static_cast<float>(naiveMaxFinite(type));
    for (const Block& block : blocks) {
        const float amax = finiteAbsMax(w.x, block);
        float s = 1.0f;
        if (!f.noScale && amax > 0) {
            s = amax / maxFinite;
            s = s > 0 ? s : 1.0f;
        }
        w.out.scaleCodes.push_back(-1);
        w.out.scales.push_back(s);
        for (const std::size_t i : block) {
            const float v = w.x[i] / s;
            const NaiveEncoded e = naiveEncode(type, v, f.elementRounding, f.overflow);
            w.set(i, static_cast<std::int32_t>(e.code), static_cast<float>(e.value) * s,
                  e.overflowed ? clipSide(v) : 0, e.value == 0);
        }
    }
}

// §2: the E8M0 code of a finite block by the floor or rceil rule.
int mxScaleCode(float amax, MxScaleRule rule, int emax, float maxElement)
{
    if (rule == MxScaleRule::Floor) {
        int exponent = 0;
        std::frexp(amax, &exponent); // amax = f · 2^exponent, f in [0.5, 1): exact
        const int p = (amax == 0 || amax < FLT_MIN) ? -127 : exponent - 1;
        return std::clamp(p - emax, -127, 127) + 127;
    }
    const float v = amax * (1.0f / maxElement);
    if (v == 0) {
        return 0;
    }
    const auto bits = std::bit_cast<std::uint32_t>(v);
    const int c = static_cast<int>((bits >> 23) & 0xFF) + ((bits & 0x7FFFFF) != 0 ? 1 : 0);
    return std::min(c, 254); // a finite block never gets the NaN scale
}

void mxBlock(Work& w, const Block& block, const FormatSpec& f,
             const std::optional<NaiveMinifloat>& type, int c)
{
    const double scale =
        c == 255 ? std::numeric_limits<double>::quiet_NaN() : std::ldexp(1.0, c - 127);
    for (const std::size_t i : block) {
        const float x = w.x[i];
        if (c == 255) { // the whole block is NaN
            const std::uint32_t code = type ? type->nanCode() : 0;
            w.set(i, static_cast<std::int32_t>(code), kFloatNan, 0,
                  !type || type->specials == NaiveMinifloat::Specials::None);
        } else if (type) {
            const double v = static_cast<double>(x) / scale; // exact: a power of two
            const NaiveEncoded e = naiveEncode(*type, v, f.elementRounding, Overflow::Saturate);
            w.set(i, static_cast<std::int32_t>(e.code), static_cast<float>(e.value * scale),
                  e.overflowed ? clipSide(x) : 0, e.value == 0);
        } else { // MXINT8: k = clamp(round(x / X · 64), −127, 127), R' = X · k / 64
            const double r = static_cast<double>(x) / scale * 64.0;
            const double k =
                f.elementRounding == ElementRounding::Away ? std::round(r) : std::nearbyint(r);
            const double clamped = std::clamp(k, -127.0, 127.0);
            const int clipped = k > 127 ? 1 : (k < -127 ? -1 : 0);
            w.set(i, static_cast<std::int32_t>(clamped), static_cast<float>(scale * clamped / 64.0),
                  clipped, clamped == 0);
        }
    }
}

void mx(Work& w, const std::vector<Block>& blocks, const FormatSpec& f)
{
    const std::optional<NaiveMinifloat> type = naiveElementOf(f.format);
    const int emax = mxEmax(f.format);
    const float maxElement = type ? static_cast<float>(naiveMaxFinite(*type)) : 127.0f / 64.0f;
    for (const Block& block : blocks) {
        const int c = holdsNonFinite(w.x, block)
                          ? 255
                          : mxScaleCode(finiteAbsMax(w.x, block), f.mxScale, emax, maxElement);
        w.out.scaleCodes.push_back(c);
        w.out.scales.push_back(c == 255 ? kFloatNan : std::ldexp(1.0f, c - 127));
        mxBlock(w, block, f, type, c);
    }
}

// An E4M3 block scale: RNE, saturating.
std::uint32_t e4m3Code(float v)
{
    return naiveEncode(kNaiveE4M3, v, ElementRounding::Even, Overflow::Saturate).code;
}

float e4m3Value(std::uint32_t code)
{
    return static_cast<float>(naiveDecode(kNaiveE4M3, code));
}

// One NVFP4 element: q = E2M1(v) RNE saturating; R' = (decode(q)·scale)·outer in float32.
void nvfp4Element(Work& w, std::size_t i, float v, float scale, float outer, bool signFromLess)
{
    const NaiveEncoded e =
        naiveEncode(kNaiveE2M1, v, ElementRounding::Even, Overflow::Saturate, signFromLess);
    w.set(i, static_cast<std::int32_t>(e.code), (static_cast<float>(e.value) * scale) * outer,
          e.overflowed ? clipSide(w.x[i]) : 0, e.value == 0);
}

void nvfp4TransformerEngine(Work& w, const std::vector<Block>& blocks, float gamax)
{
    float sEnc = 1.0f;
    if (gamax != 0) {
        sEnc = std::min((448.0f * 6.0f) / gamax, FLT_MAX);
        sEnc = sEnc == 0 ? 1.0f : sEnc;
    }
    const float sDec = 1.0f / sEnc;
    w.out.tensorScale = sDec;
    for (const Block& block : blocks) {
        const float vmax = finiteAbsMax(w.x, block);
        const std::uint32_t s = e4m3Code(std::min(vmax * (sEnc * (1.0f / 6.0f)), 448.0f));
        const float blockScale = e4m3Value(s);
        const float product = blockScale * sDec;
        const float enc = product == 0 ? FLT_MAX : std::min(1.0f / product, FLT_MAX);
        w.out.scaleCodes.push_back(static_cast<std::int32_t>(s));
        w.out.scales.push_back(blockScale);
        for (const std::size_t i : block) {
            // The clamp to ±6 changes no code (E2M1 saturates); the overflow is judged on x·enc.
            nvfp4Element(w, i, w.x[i] * enc, blockScale, sDec, false);
        }
    }
}

void nvfp4Modelopt(Work& w, const std::vector<Block>& blocks, float gamax)
{
    const float wsf2 = gamax / (6.0f * 448.0f);
    w.out.tensorScale = wsf2;
    for (const Block& block : blocks) {
        const float vmax = finiteAbsMax(w.x, block);
        float sv = 1.0f; // a zero block: 1.0 (0x38)
        if (vmax != 0) {
            sv = std::max(vmax / (6.0f * wsf2), 0x1p-9f);
        }
        const std::uint32_t s = e4m3Code(sv);
        const float scale = e4m3Value(s) * wsf2;
        w.out.scaleCodes.push_back(static_cast<std::int32_t>(s));
        w.out.scales.push_back(scale);
        for (const std::size_t i : block) {
            nvfp4Element(w, i, w.x[i] / scale, scale, 1.0f, true);
        }
    }
}

void nvfp4Torchao(Work& w, const std::vector<Block>& blocks, float gamax)
{
    float pts = gamax / (448.0f * 6.0f);
    pts = pts == 0 ? 1.0f : pts;
    w.out.tensorScale = pts;
    for (const Block& block : blocks) {
        const float vmax = finiteAbsMax(w.x, block);
        const std::uint32_t s = e4m3Code(std::clamp((vmax / 6.0f) / pts, 0x1p-6f, 448.0f));
        const float scale = pts * e4m3Value(s);
        w.out.scaleCodes.push_back(static_cast<std::int32_t>(s));
        w.out.scales.push_back(scale);
        for (const std::size_t i : block) {
            nvfp4Element(w, i, w.x[i] / scale, scale, 1.0f, false);
        }
    }
}

void nvfp4(Work& w, const std::vector<Block>& blocks, const FormatSpec& f)
{
    Block all(w.x.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i] = i;
    }
    const float gamax = finiteAbsMax(w.x, all);
    switch (f.nvfp4Flavour) {
    case Nvfp4Flavour::TransformerEngine:
        nvfp4TransformerEngine(w, blocks, gamax);
        return;
    case Nvfp4Flavour::Modelopt:
        nvfp4Modelopt(w, blocks, gamax);
        return;
    case Nvfp4Flavour::Torchao:
        nvfp4Torchao(w, blocks, gamax);
        return;
    }
}

// The number of float32 midpoints f32(f32(a + b) / 2) of the ascending `levels` strictly below
// v: an exact midpoint goes to the lower level; NaN, below none, to the first.
std::size_t levelOf(std::span<const float> levels, float v)
{
    std::size_t level = 0;
    for (std::size_t k = 0; k + 1 < levels.size(); ++k) {
        const float midpoint = (levels[k] + levels[k + 1]) / 2.0f;
        level += midpoint < v ? 1 : 0;
    }
    return level;
}

// §4: one bitsandbytes element of a block with a non-zero absmax.
void bnbElement(Work& w, std::size_t i, bool nf4, float absmax)
{
    const float xn = w.x[i] * (1.0f / absmax);
    if (nf4) {
        const std::span<const float> table = naiveNf4Table();
        const std::size_t code = levelOf(table, xn);
        const int clipped = xn < -1.0f ? -1 : (xn > 1.0f ? 1 : 0);
        w.set(i, static_cast<std::int32_t>(code), table[code] * absmax, clipped, table[code] == 0);
        return;
    }
    // bnb-fp4: sign-magnitude; the magnitudes sorted by value with their 3-bit codes.
    static constexpr std::array<std::uint32_t, 8> kByValue{0, 1, 6, 7, 4, 5, 2, 3};
    const std::span<const float> magnitudes = naiveBnbFp4Magnitudes();
    std::array<float, 8> sorted{};
    for (std::size_t k = 0; k < sorted.size(); ++k) {
        sorted[k] = magnitudes[kByValue[k]];
    }
    const bool negative = xn < 0;
    const std::uint32_t code = kByValue[levelOf(sorted, std::fabs(xn))] | (negative ? 8u : 0u);
    const float magnitude = magnitudes[code & 7u];
    const float value = negative ? -magnitude : magnitude;
    w.set(i, static_cast<std::int32_t>(code), value * absmax,
          std::fabs(xn) > 1.0f ? clipSide(xn) : 0, magnitude == 0);
}

void bitsandbytes(Work& w, const std::vector<Block>& blocks, const FormatSpec& f)
{
    const bool nf4 = f.format == F::Nf4;
    for (const Block& block : blocks) {
        const float absmax = finiteAbsMax(w.x, block);
        w.out.scaleCodes.push_back(-1);
        w.out.scales.push_back(absmax);
        for (const std::size_t i : block) {
            if (absmax != 0) {
                bnbElement(w, i, nf4, absmax);
                continue;
            }
            // An all-zero block: the CPU backend writes the code of 0.0, the CUDA kernel 0
            // (NF4's −1.0, so R' = −1.0 · 0 = −0.0).
            const bool cpu = f.bnbBackend == BnbBackend::Cpu;
            const std::int32_t code = nf4 && cpu ? 7 : 0;
            const float level = nf4 ? naiveNf4Table()[static_cast<std::size_t>(code)] : 0.0f;
            w.set(i, code, level * absmax, 0, level == 0);
        }
    }
}

std::int64_t codesTotalOf(F f)
{
    if (f == F::Mxint8) {
        return 255;
    }
    if (f == F::Nf4 || f == F::BnbFp4) {
        return 16;
    }
    return std::int64_t{1} << naiveElementOf(f)->bits();
}

// metrics.h's definitions over the finite inputs, in double from float32 errors.
Metrics naiveMetrics(const Work& w)
{
    double sumX2 = 0, sumE2 = 0, sumAbsE = 0, sumXD = 0, sumD2 = 0, maxAbsE = 0;
    std::uint64_t finite = 0, below = 0, above = 0, zero = 0;
    std::set<std::int32_t> codes;
    for (std::size_t i = 0; i < w.x.size(); ++i) {
        const float x = w.x[i];
        if (!std::isfinite(x)) {
            continue;
        }
        const float d = w.out.dequant[i];
        const bool lost = !std::isfinite(d);
        const int clip = w.clip[i] != 0 ? w.clip[i] : (lost ? clipSide(x) : 0);
        const float e = lost ? std::numeric_limits<float>::infinity() : d - x;
        ++finite;
        sumX2 += double(x) * x;
        sumE2 += double(e) * e;
        sumAbsE += std::fabs(double(e));
        maxAbsE = std::max(maxAbsE, std::fabs(double(e)));
        sumXD += lost ? 0.0 : double(x) * d;
        sumD2 += lost ? 0.0 : double(d) * d;
        below += clip < 0 ? 1 : 0;
        above += clip > 0 ? 1 : 0;
        zero += w.zeroElement[i] != 0 ? 1 : 0;
        codes.insert(w.out.codes[i]);
    }
    Metrics m;
    const auto n = static_cast<double>(finite);
    m.mse = sumE2 / n;
    m.rmse = std::sqrt(m.mse);
    m.mae = sumAbsE / n;
    m.maxAbsError = maxAbsE;
    m.sqnrDb = sumE2 > 0 ? 10 * std::log10(sumX2 / sumE2) : std::numeric_limits<double>::infinity();
    const double norms = std::sqrt(sumX2) * std::sqrt(sumD2);
    m.cosineSimilarity = norms > 0 ? sumXD / norms : (sumX2 == sumD2 ? 1.0 : 0.0);
    m.clippedBelow = below;
    m.clippedAbove = above;
    m.clippedFraction = static_cast<double>(below + above) / n;
    m.codesUsed = static_cast<std::int64_t>(codes.size());
    m.codesTotal = w.codesTotal;
    m.zeroCodeFraction = static_cast<double>(zero) / n;
    return m;
}

} // namespace

NaiveFormatResult naiveFormat(std::span<const float> values, const std::vector<std::int64_t>& shape,
                              const QuantSpec& spec)
{
    Work w;
    if (spec.format.format == F::Integer) {
        return w.out; // the integer grid's reference is naive_quantizer.h
    }
    w.x = values;
    w.out.codes.assign(values.size(), 0);
    w.out.dequant.assign(values.size(), 0.0f);
    w.clip.assign(values.size(), 0);
    w.zeroElement.assign(values.size(), 0);
    const FormatSpec& f = spec.format;
    w.codesTotal = codesTotalOf(f.format);
    const std::vector<Block> blocks = blocksOf(values.size(), shape, spec);
    if (isMx(f.format)) {
        mx(w, blocks, f);
    } else if (f.format == F::Nvfp4) {
        nvfp4(w, blocks, f);
    } else if (f.format == F::Nf4 || f.format == F::BnbFp4) {
        bitsandbytes(w, blocks, f);
    } else {
        plainMinifloat(w, blocks, f, *naiveElementOf(f.format));
    }
    w.out.metrics = naiveMetrics(w);
    return std::move(w.out);
}

} // namespace qs::test
