#include "report/tutorial_report.h"

#include "analysis/walkthrough.h"
#include "quant/choose_params.h"
#include "report/numpy_print_format.h"
#include "tensor/tensor_stats.h"

#include <vector>

namespace qs {
namespace {

struct Example
{
    const char* title;
    Scheme scheme;
    bool narrowRange;
};

// The tutorial's examples: int8 throughout; the general and asymmetric processes clip to
// [-128, 127], the symmetric one to [-127, 127].
constexpr Example kExamples[] = {
    {"一般过程 (general process): Scale = (Rmax-Rmin)/(Qmax-Qmin), Q = Clip(Round(R/Scale), -128, "
     "127)",
     Scheme::General, false},
    {"对称量化 (symmetric): Scale = |Rmax|/|Qmax|, Q = Clip(Round(R/Scale), -127, 127)",
     Scheme::Symmetric, true},
    {"非对称量化 (asymmetric): Z = Qmax - Round(Rmax/Scale), Q = Clip(Round(R/Scale + Z), -128, "
     "127)",
     Scheme::Asymmetric, false},
};

template <typename Field> std::string column(const std::vector<WalkthroughRow>& rows, Field field)
{
    std::vector<float> values;
    values.reserve(rows.size());
    for (const WalkthroughRow& row : rows) {
        values.push_back(static_cast<float>(field(row)));
    }
    return formatNumpyArray(values);
}

} // namespace

Result<std::string> tutorialText(std::span<const float> input)
{
    const TensorStats stats = computeStats(input);
    if (stats.finiteCount == 0) {
        return fail(ErrorCode::NoFiniteValues, "the tutorial needs at least one finite value");
    }
    std::string text;
    for (const Example& example : kExamples) {
        QuantSpec spec;
        spec.scheme = example.scheme;
        spec.narrowRange = example.narrowRange;
        const auto choice = chooseParams({stats.min, stats.max}, spec);
        if (!choice) {
            return std::unexpected(choice.error());
        }
        const QuantParams& p = choice->params;
        const auto rows = walkthrough(input, p, spec.rounding, 0, 0, input.size());
        auto codes = column(rows, [](const WalkthroughRow& r) { return r.clipped; });

        text += "### " + std::string(example.title) + "\n";
        text += "input = " + formatNumpyArray(input) + "\n";
        text += "scale = " + formatPythonFloat(p.scale) + "\n";
        if (example.scheme == Scheme::Asymmetric) {
            text += "z = " + formatPythonFloat(p.zeroPoint) + "\n";
        }
        if (example.scheme == Scheme::General) {
            // Here the tutorial prints np.round(x/scale) before clipping, then the clipped codes.
            text += "quant_result = " +
                    column(rows, [](const WalkthroughRow& r) { return r.rounded; }) + "\n";
            text += "saturete_result = " + codes + "\n";
        } else {
            text += "quant_result = " + codes + "\n";
        }
        text += "dequant_result = " +
                column(rows, [](const WalkthroughRow& r) { return r.dequantized; }) + "\n";
        text += "diff = " + column(rows, [](const WalkthroughRow& r) { return r.error; }) + "\n";
        for (const Warning& warning : choice->warnings) {
            text += "warning: " + warning.message + "\n";
        }
        text += "\n";
    }
    text.pop_back();
    return text;
}

} // namespace qs
