// The format cases and test tensors of format_checks.h.

#include "support/format_checks.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>
#include <random>

namespace qs::test {
namespace {

using F = NumberFormat;

constexpr std::array kMinifloats{F::Fp8E4m3, F::Fp8E5m2, F::Fp6E2m3, F::Fp6E3m2, F::Fp4E2m1};
constexpr std::array kMx{F::Mxfp8E4m3, F::Mxfp8E5m2, F::Mxfp6E2m3,
                         F::Mxfp6E3m2, F::Mxfp4,     F::Mxint8};

std::string nameOf(F format)
{
    return std::string(numberFormatName(format));
}

void addMinifloatVariants(F format, std::vector<FormatCase>& cases)
{
    const std::string name = nameOf(format);
    for (const Overflow overflow : {Overflow::Saturate, Overflow::NonFinite}) {
        for (const ElementRounding rounding : {ElementRounding::Even, ElementRounding::Away}) {
            QuantSpec s = formatSpec(format);
            s.format.overflow = overflow;
            s.format.elementRounding = rounding;
            cases.push_back({name + " " + std::string(overflowName(overflow)) + " " +
                                 std::string(elementRoundingName(rounding)),
                             s});
        }
        QuantSpec plain = formatSpec(format);
        plain.format.noScale = true;
        plain.format.overflow = overflow;
        cases.push_back({name + " no-scale " + std::string(overflowName(overflow)), plain});
    }
    for (const int axis : {0, -1}) {
        QuantSpec s = formatSpec(format);
        s.granularity = Granularity::Channel;
        s.axis = axis;
        cases.push_back({name + " channel " + std::to_string(axis), s});
    }
    QuantSpec groups = formatSpec(format);
    groups.granularity = Granularity::Group;
    groups.groupSize = 32;
    cases.push_back({name + " group 32", groups});
}

void addMxVariants(F format, std::vector<FormatCase>& cases)
{
    for (const MxScaleRule rule : {MxScaleRule::Floor, MxScaleRule::Rceil}) {
        for (const ElementRounding rounding : {ElementRounding::Even, ElementRounding::Away}) {
            QuantSpec s = formatSpec(format);
            s.format.mxScale = rule;
            s.format.elementRounding = rounding;
            cases.push_back({nameOf(format) + " " + std::string(mxScaleRuleName(rule)) + " " +
                                 std::string(elementRoundingName(rounding)),
                             s});
        }
    }
    if (format == F::Mxfp8E4m3 || format == F::Mxfp8E5m2) {
        // FORMATS.md §2: MX elements saturate, whatever the FP8 overflow option says.
        QuantSpec s = formatSpec(format);
        s.format.overflow = Overflow::NonFinite;
        cases.push_back({nameOf(format) + " overflow-option nan", s});
    }
}

// NaN, or one of the bitsandbytes/minifloat grids' midpoints and their float32 neighbours.
void addTieValues(float m, bool bothSigns, std::vector<float>& out)
{
    for (const float v : {m, std::nextafter(m, 0.0f), std::nextafter(m, FLT_MAX)}) {
        out.push_back(v);
        if (bothSigns) {
            out.push_back(-v);
        }
    }
}

// The ascending element levels at unit scale whose midpoints "ties" holds, and the value that
// makes each block's scale 1.
struct TieGrid
{
    std::vector<float> levels;
    bool bothSigns = true;
    float unit = 1;
    std::size_t block = 32;
};

TieGrid tieGrid(const QuantSpec& spec)
{
    const FormatSpec& f = spec.format;
    TieGrid grid;
    const bool mx = std::ranges::find(kMx, f.format) != kMx.end();
    if (f.format == F::Nf4) {
        const auto table = naiveNf4Table();
        grid.levels.assign(table.begin(), table.end());
        grid.bothSigns = false;
        grid.block = static_cast<std::size_t>(f.blockSize);
        return grid;
    }
    if (f.format == F::BnbFp4) {
        for (const float m : {0.0f, 0.0625f, 2.0f, 3.0f, 4.0f, 6.0f, 8.0f, 12.0f}) {
            grid.levels.push_back(m / 12.0f);
        }
        grid.block = static_cast<std::size_t>(f.blockSize);
        return grid;
    }
    if (f.format == F::Mxint8) {
        for (int k = 0; k <= 128; ++k) { // 128/64: the boundary past the largest element
            grid.levels.push_back(static_cast<float>(k) / 64.0f);
        }
        grid.unit = 127.0f / 64.0f;
        return grid;
    }
    const NaiveMinifloat type = *naiveElementOf(f.format);
    for (std::uint32_t code = 0; code <= type.maxFiniteCode(); ++code) {
        grid.levels.push_back(static_cast<float>(naiveDecode(type, code)));
    }
    grid.unit = grid.levels.back();
    // The overflow boundary, where the scale stays 1: MX (a power-of-two scale) and a plain cast.
    if (mx || f.noScale) {
        const float top = grid.levels.back();
        grid.levels.push_back(top + std::ldexp(1.0f, std::ilogb(top) - type.mantissaBits));
    }
    if (f.format == F::Nvfp4) {
        grid.block = 16;
    } else if (spec.granularity == Granularity::Group && !mx) {
        grid.block = static_cast<std::size_t>(spec.groupSize);
    }
    return grid;
}

TestTensor tieTensor(const QuantSpec& spec)
{
    const TieGrid grid = tieGrid(spec);
    std::vector<float> ties;
    for (std::size_t k = 0; k + 1 < grid.levels.size(); ++k) {
        // The float32 midpoint f32(f32(a + b) / 2) (exact for the minifloat grids).
        addTieValues((grid.levels[k] + grid.levels[k + 1]) / 2.0f, grid.bothSigns, ties);
    }
    TestTensor t;
    if (spec.format.format == F::Nvfp4) {
        // A block of 6·448 makes every tensor scale 1; then blocks of vmax 6 get block scale 1.
        t.values.assign(16, 0.0f);
        t.values.front() = 6.0f * 448.0f;
    }
    for (std::size_t k = 0; k < ties.size(); ++k) {
        if (k % (grid.block - 1) == 0) {
            t.values.push_back(grid.unit);
        }
        t.values.push_back(ties[k]);
    }
    t.shape = {1, static_cast<std::int64_t>(t.values.size())};
    return t;
}

} // namespace

QuantSpec formatSpec(NumberFormat format)
{
    QuantSpec spec;
    spec.format.format = format;
    return spec;
}

std::vector<FormatCase> formatVariants()
{
    std::vector<FormatCase> cases;
    for (const F format : kMinifloats) {
        addMinifloatVariants(format, cases);
    }
    for (const F format : kMx) {
        addMxVariants(format, cases);
    }
    for (const Nvfp4Flavour flavour :
         {Nvfp4Flavour::TransformerEngine, Nvfp4Flavour::Modelopt, Nvfp4Flavour::Torchao}) {
        QuantSpec s = formatSpec(F::Nvfp4);
        s.format.nvfp4Flavour = flavour;
        cases.push_back({"nvfp4 " + std::string(nvfp4FlavourName(flavour)), s});
    }
    for (const F format : {F::Nf4, F::BnbFp4}) {
        for (const BnbBackend backend : {BnbBackend::Cpu, BnbBackend::Cuda}) {
            for (const int block : {32, 64, 4096}) {
                QuantSpec s = formatSpec(format);
                s.format.bnbBackend = backend;
                s.format.blockSize = block;
                cases.push_back({nameOf(format) + " " + std::string(bnbBackendName(backend)) +
                                     " block " + std::to_string(block),
                                 s});
            }
        }
    }
    return cases;
}

std::vector<FormatCase> formatDefaults()
{
    std::vector<FormatCase> cases;
    // ggml's block types are checked against ggml's own bytes instead (tst_ggml_codecs).
    for (const FormatInfo& info : formatCatalog()) {
        if (info.format != F::Integer && info.family != FormatFamily::Ggml) {
            cases.push_back({std::string(info.name), formatSpec(info.format)});
        }
    }
    QuantSpec groups = formatSpec(F::Fp8E5m2);
    groups.granularity = Granularity::Group;
    groups.groupSize = 32;
    cases.push_back({"fp8-e5m2 group 32", groups});
    QuantSpec channels = formatSpec(F::Fp6E2m3);
    channels.granularity = Granularity::Channel;
    cases.push_back({"fp6-e2m3 channel 0", channels});
    return cases;
}

std::span<const std::string_view> edgeKinds()
{
    static constexpr std::array<std::string_view, 9> kKinds{"all-zero", "zero-block", "constant",
                                                            "ties",     "subnormal",  "tiny",
                                                            "wide",     "non-finite", "ordinary"};
    return kKinds;
}

TestTensor ordinaryTensor(const Shape& shape, std::uint32_t seed)
{
    std::size_t count = 1;
    for (const std::int64_t d : shape) {
        count *= static_cast<std::size_t>(d);
    }
    std::mt19937 random(seed);
    std::exponential_distribution<float> magnitude(1.0f);
    TestTensor t{std::vector<float>(count), shape};
    for (std::size_t i = 0; i < count; ++i) {
        const float m = magnitude(random);
        t.values[i] = (random() & 1) != 0 ? -m : m;
        if (i % 7 == 0) {
            t.values[i] = 0.0f;
        }
    }
    if (count > 3) {
        t.values[3] = -0.0f;
    }
    return t;
}

TestTensor edgeTensor(std::string_view kind, const QuantSpec& spec)
{
    if (kind == "ties") {
        return tieTensor(spec);
    }
    TestTensor t = ordinaryTensor({3, 70}, 17);
    std::mt19937 random(23);
    for (std::size_t i = 0; i < t.values.size(); ++i) {
        float& v = t.values[i];
        const bool negative = (random() & 1) != 0;
        if (kind == "all-zero" || (kind == "zero-block" && i < 70)) {
            v = i % 2 != 0 ? -0.0f : 0.0f;
        } else if (kind == "constant") {
            v = 0.7f;
        } else if (kind == "subnormal") {
            const auto bits = static_cast<std::uint32_t>(random() % 0x7FFFFFu) + 1u;
            v = i % 9 == 0 ? 0.0f : std::bit_cast<float>(bits | (negative ? 0x80000000u : 0u));
        } else if (kind == "tiny") {
            v *= 1e-30f;
        } else if (kind == "wide") {
            const float e = std::uniform_real_distribution<float>(-38.0f, 38.0f)(random);
            v = (negative ? -1.0f : 1.0f) * std::pow(10.0f, e);
        }
    }
    if (kind == "wide") {
        t.values[0] = FLT_MAX;
        t.values[100] = -FLT_MAX;
        t.values[7] = FLT_MIN;
        t.values[8] = std::numeric_limits<float>::denorm_min();
        t.values[150] = -std::numeric_limits<float>::denorm_min();
    }
    if (kind == "non-finite") {
        t.values[5] = std::numeric_limits<float>::quiet_NaN();
        t.values[75] = std::numeric_limits<float>::infinity();
        t.values[150] = -std::numeric_limits<float>::infinity();
        t.values[151] = std::numeric_limits<float>::quiet_NaN();
    }
    return t;
}

} // namespace qs::test
