#include "report/format_formulas.h"

#include "quant/codebook.h"
#include "quant/e8m0.h"
#include "quant/ggml_formats.h"
#include "report/readable_numbers.h"

#include <cctype>
#include <string_view>

namespace qs {
namespace {

using Lines = std::vector<std::string>;

// "E4M3", as FORMATS.md and the frameworks write the element types.
std::string typeName(const MinifloatType& type)
{
    std::string name(minifloatName(type));
    for (char& c : name) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return name;
}

// An integer with a true minus sign, as the formulas write negative numbers.
std::string signedText(int value)
{
    return value < 0 ? "−" + std::to_string(-value) : std::to_string(value);
}

// A number of the equations: float32 digits, without the ".0" of a whole number ("448", "0.25").
std::string plain(double value)
{
    std::string text = float32Text(value);
    if (text.ends_with(".0")) {
        text.resize(text.size() - 2);
    }
    return text.front() == '-' ? "−" + text.substr(1) : text;
}

std::string tiesRule(ElementRounding rounding)
{
    return rounding == ElementRounding::Away ? "ties away from zero" : "ties to even";
}

// Where one scale applies, after its formula: nothing for the tensor's single scale.
std::string scaleScope(const QuantSpec& spec)
{
    switch (spec.granularity) {
    case Granularity::Tensor:
        return "";
    case Granularity::Channel:
        return " per channel";
    case Granularity::Group:
        return " per group of " + std::to_string(spec.groupSize) + " values";
    }
    return "";
}

// Only a tensor of one block gets its scale worked out: with more, the groups table lists them.
const QuantParams* singleBlock(const Analysis& a)
{
    return a.params.size() == 1 ? &a.params.front() : nullptr;
}

Lines minifloatFormulas(const Analysis& a, const MinifloatType& type)
{
    const FormatSpec& f = a.spec.format;
    const std::string name = typeName(type);
    const std::string max = plain(type.maxFinite());
    Lines lines;
    if (f.noScale) {
        lines.push_back("Scale = 1 (a plain cast)");
    } else if (const QuantParams* p = singleBlock(a)) {
        lines.push_back("Scale = max|R| / " + max + " = " + plain(p->clipMax) + " / " + max +
                        " = " + plain(p->scale));
    } else {
        lines.push_back("Scale = max|R| / " + max + scaleScope(a.spec));
    }
    lines.push_back("Q = Round_" + name + "(R / Scale)");
    std::string overflow = "saturates to ±" + max;
    if (type.hasNan() && f.overflow == Overflow::NonFinite) {
        overflow = "becomes " + std::string(type.hasInfinity() ? "±Inf" : "NaN");
    }
    lines.push_back("Round_" + name + ": the nearest " + name + " value, " +
                    tiesRule(f.elementRounding) + "; past ±" + max + " it " + overflow);
    lines.push_back("R′ = Q · Scale");
    return lines;
}

// The E8M0 rule's formula and, for one block, its numbers: p, then X = 2^p.
Lines mxScaleFormulas(const Analysis& a, const FormatInfo& info, int emax, double maxElement)
{
    const bool floor = a.spec.format.mxScale == MxScaleRule::Floor;
    const std::string block = " per block of " + std::to_string(info.fixedBlockSize) + " (E8M0)";
    const std::string emaxTerm = emax == 0 ? "" : " − " + std::to_string(emax);
    const std::string maxText = plain(maxElement);
    Lines lines;
    lines.push_back(floor ? "X = 2^p, p = ⌊log2 max|R|⌋" + emaxTerm + block
                          : "X = 2^p, p = ⌈log2(max|R| / " + maxText + ")⌉" + block);
    const QuantParams* p = singleBlock(a);
    if (p != nullptr && p->scaleCode >= 0 && p->scaleCode != kE8M0Nan) {
        const int exponent = p->scaleCode - 127;
        const std::string amax = plain(p->clipMax);
        lines.push_back((floor ? "p = ⌊log2 " + amax + "⌋" + emaxTerm
                               : "p = ⌈log2(" + amax + " / " + maxText + ")⌉") +
                        " = " + signedText(exponent) +
                        ", X = " + plain(e8m0Value(static_cast<std::uint8_t>(p->scaleCode))));
    }
    return lines;
}

Lines mxFormulas(const Analysis& a, const FormatInfo& info)
{
    if (!info.minifloat) { // MXINT8: k/64 with k in −127..127
        Lines lines = mxScaleFormulas(a, info, 0, 127.0 / 64.0);
        lines.push_back("Q = Clip(Round(R / X · 64), −127, 127), " +
                        tiesRule(a.spec.format.elementRounding));
        lines.push_back("R′ = Q · X / 64");
        return lines;
    }
    const MinifloatType& type = *info.minifloat;
    const std::string max = plain(type.maxFinite());
    Lines lines = mxScaleFormulas(a, info, type.maxExponent(), type.maxFinite());
    lines.push_back("Q = Round_" + typeName(type) + "(Clip(R / X, −" + max + ", " + max + ")), " +
                    tiesRule(a.spec.format.elementRounding));
    lines.push_back("R′ = Q · X");
    return lines;
}

// FORMATS.md §3: the three flavours agree on ordinary blocks and differ in how they get there.
Lines nvfp4Formulas(const Analysis& a, const FormatInfo& info)
{
    const std::string block = " per block b of " + std::to_string(info.fixedBlockSize);
    Lines lines;
    switch (a.spec.format.nvfp4Flavour) {
    case Nvfp4Flavour::TransformerEngine:
        lines = {"S = 1 / S_enc, S_enc = 448 · 6 / max|R| over the tensor (float32)",
                 "Scale_b = Round_E4M3(min(max|R_b| · (S_enc / 6), 448))" + block,
                 "Q = Round_E2M1(Clip(R · (1 / (Scale_b · S)), −6, 6)), ties to even",
                 "R′ = Q · Scale_b · S", "An all-zero block gets Scale_b = 0"};
        break;
    case Nvfp4Flavour::Modelopt:
        lines = {"S = max|R| / (6 · 448) over the tensor (float32)",
                 "Scale_b = Round_E4M3(max|R_b| / (6 · S))" + block,
                 "Q = Round_E2M1(Clip(R / (Scale_b · S), −6, 6)), ties to even",
                 "R′ = Q · Scale_b · S", "An all-zero block gets Scale_b = 1"};
        break;
    case Nvfp4Flavour::Torchao:
        lines = {"S = max|R| / (448 · 6) over the tensor (float32)",
                 "Scale_b = Round_E4M3(Clip(max|R_b| / 6 / S, 2^−6, 448))" + block,
                 "Q = Round_E2M1(Clip(R / (S · Scale_b), −6, 6)), ties to even",
                 "R′ = Q · Scale_b · S", "An all-zero block gets Scale_b = 2^−6"};
        break;
    }
    if (a.tensorScale && a.tensorAmax) {
        lines.insert(lines.begin() + 1,
                     "S = " + plain(*a.tensorScale) + " (max|R| = " + plain(*a.tensorAmax) + ")");
    }
    // The block scale as stored (the flavours fold S into the QuantParams scale differently).
    if (const QuantParams* p = singleBlock(a); p != nullptr && p->scaleCode >= 0) {
        lines.insert(lines.begin() + (a.tensorScale ? 3 : 2),
                     "Scale_b = " + plain(kE4M3.decode(static_cast<std::uint32_t>(p->scaleCode))));
    }
    return lines;
}

// The table's levels in value order, float32 digits: "−1.0, −0.6961928, …, 1.0".
std::string levelList(const Codebook& book)
{
    std::string out;
    const auto add = [&out](float level) {
        out += (out.empty() ? "" : ", ") + plain(level);
    };
    if (book.signMagnitude) { // magnitudes: −m for every non-zero one, then +m
        for (int i = book.levelCount - 1; i > 0; --i) {
            add(-book.levels[static_cast<std::size_t>(i)]);
        }
    }
    for (int i = 0; i < book.levelCount; ++i) {
        add(book.levels[static_cast<std::size_t>(i)]);
    }
    return out;
}

Lines bitsandbytesFormulas(const Analysis& a)
{
    const FormatSpec& f = a.spec.format;
    const bool nf4 = f.format == NumberFormat::Nf4;
    const Codebook& book = nf4 ? nf4Codebook() : bnbFp4Codebook();
    const std::string name = nf4 ? "NF4" : "FP4";
    Lines lines;
    lines.push_back("absmax = max|R| per block of " + std::to_string(f.blockSize) +
                    " values of the flattened tensor (float32)");
    if (const QuantParams* p = singleBlock(a)) {
        lines.push_back("absmax = " + plain(p->scale));
    }
    lines.push_back("Q = the " + name + " level nearest R · (1 / absmax); at a midpoint the lower");
    lines.push_back("R′ = level(Q) · absmax");
    lines.push_back((nf4 ? "NF4 levels: " : "bitsandbytes FP4 levels: ") + levelList(book));
    lines.push_back(f.bnbBackend == BnbBackend::Cpu
                        ? "An all-zero block gets the code of 0.0 (" + signedText(book.zeroCode()) +
                              ", the CPU backend)"
                        : "An all-zero block gets code 0 (the CUDA kernel)");
    return lines;
}

// What each ggml type stores, in ggml's own terms (FORMATS.md §5).
std::string ggmlLayout(std::string_view name)
{
    if (name == "q8_0")
        return "d = amax/127 (fp16); q = roundf(x·(1/d)) in −127..127; R′ = d·q";
    if (name == "q4_0")
        return "d = m/−8 with m the value of largest |x| (fp16); q = min(15, ⌊x/d + 8.5⌋); R′ = d·(q − 8)";
    if (name == "q4_1")
        return "d = (max − min)/15, m = min (fp16 each); q = ⌊(x − min)/d + 0.5⌋; R′ = d·q + m";
    if (name == "q5_0")
        return "d = m/−16 (fp16); q = min(31, ⌊x/d + 16.5⌋); R′ = d·(q − 16)";
    if (name == "q5_1")
        return "d = (max − min)/31, m = min (fp16 each); R′ = d·q + m";
    if (name == "q2_k")
        return "16 sub-blocks of 16: 4-bit scale and min under fp16 d, dmin; R′ = d·sc·q − dmin·m, q in 0..3";
    if (name == "q3_k")
        return "16 sub-blocks of 16: 6-bit scales under fp16 d; R′ = d·(sc − 32)·(q − 4), q in 0..7";
    if (name == "q4_k")
        return "8 sub-blocks of 32: 6-bit scale and min under fp16 d, dmin; R′ = d·sc·q − dmin·m, q in 0..15";
    if (name == "q5_k")
        return "8 sub-blocks of 32: 6-bit scale and min under fp16 d, dmin; R′ = d·sc·q − dmin·m, q in 0..31";
    if (name == "q6_k")
        return "16 sub-blocks of 16: 8-bit scales under fp16 d; R′ = d·sc·(q − 32), q in 0..63";
    if (name == "iq4_nl")
        return "fp16 d; R′ = d·T[q], T = {−127, −104, −83, −65, −49, −35, −22, −10, 1, 13, 25, 38, 53, 69, 89, 113}";
    if (name == "iq4_xs")
        return "8 sub-blocks of 32: 6-bit scales under fp16 d; R′ = d·(ls − 32)·T[q] (IQ4_NL's table)";
    if (name == "mxfp4")
        return "E8M0 e per 32; R′ = 2^(e−128)·2·E2M1(q) (ggml stores E2M1 doubled)";
    if (name == "nvfp4")
        return "UE4M3 scale per 16 (4 per block of 64), no tensor scale; R′ = s·E2M1(q)";
    if (name == "tq1_0" || name == "tq2_0")
        return "fp16 d = amax; q ∈ {−1, 0, 1}; R′ = d·q";
    return {};
}

std::vector<std::string> ggmlFormulas(const ggml::TypeInfo& type)
{
    return {"ggml " + std::string(type.name) + ": blocks of " + std::to_string(type.blockValues) +
                " values in " + std::to_string(type.blockBytes) + " bytes along the last axis (" +
                bitsText(type.bitsPerValue()) + " bits per value)",
            ggmlLayout(type.name),
            "Codes as ggml_quantize_chunk writes them (no importance matrix), R′ as ggml's "
            "dequantize_row_" +
                std::string(type.name) + " computes it"};
}

} // namespace

std::vector<std::string> formatFormulas(const Analysis& analysis)
{
    const FormatInfo& info = formatInfo(analysis.spec.format.format);
    switch (info.family) {
    case FormatFamily::Integer:
        return {};
    case FormatFamily::Minifloat:
        return minifloatFormulas(analysis, *info.minifloat);
    case FormatFamily::Mx:
        return mxFormulas(analysis, info);
    case FormatFamily::Nvfp4:
        return nvfp4Formulas(analysis, info);
    case FormatFamily::Bitsandbytes:
        return bitsandbytesFormulas(analysis);
    case FormatFamily::Ggml:
        return ggmlFormulas(ggmlTypeOf(info.format));
    }
    return {};
}

} // namespace qs
