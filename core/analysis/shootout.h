#pragma once
// The shoot-out: one tensor under several formats at (about) the same bits per value, one row
// each, best SQNR first — the table people build by hand to choose between NF4, INT4 in groups
// of 64 and NVFP4 for a layer. Every row is analyzeTensor of its spec (the same numbers
// `analyze` prints for it); the stats are computed once for all rows.
//
// A candidate is named by a format and its modifiers, joined by '-':
//   int<b>           the integer grid at b bits (symmetric unless "asym")
//   <format name>    any --format name: fp8-e4m3, mxfp4, nvfp4, nf4, ...
//   tensor, channel, g<N>   the granularity (channels along axis 0; groups of N along the last
//                    axis) for the integer grid and the minifloats
//   b<N>             bitsandbytes' block size (nf4, bnb-fp4)
//   sym, asym        the integer grid's scheme
//   fp16, fp32       how the integer grid's scale is stored (it is rounded so first)
// e.g. "int4-g64-asym-fp16", "fp8-e4m3-channel", "nf4-b128", "mxfp4".

#include "analysis/analyze.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/warning.h"
#include "quant/quant_spec.h"
#include "tensor/tensor_stats.h"
#include "tensor/tensor_view.h"

#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct ShootoutCandidate
{
    std::string name;
    QuantSpec spec;

    friend bool operator==(const ShootoutCandidate&, const ShootoutCandidate&) = default;
};

// Errors: InvalidArgument naming the candidate and the part not understood.
Result<ShootoutCandidate> parseShootoutCandidate(std::string_view name);
// A comma-separated list (spaces around names ignored; empty and repeated names refused).
Result<std::vector<ShootoutCandidate>> parseShootoutCandidates(std::string_view list);

// The default rows of a bits class:
//   4  int4 per channel; int4 in groups of 32, 64 and 128, symmetric and asymmetric, fp16
//      scales; nf4; bnb-fp4; fp4-e2m1 in groups of 32; mxfp4; nvfp4
//   8  int8 and fp8-e4m3 and fp8-e5m2 per tensor and per channel; mxfp8-e4m3; mxint8
// Errors: InvalidArgument for another class.
Result<std::vector<ShootoutCandidate>> bitsClassCandidates(int bits);

struct ShootoutRow
{
    std::string name;
    QuantSpec spec; // as the candidate gave it (analyze takes this one)
    double bitsPerValue = 0;
    Metrics metrics;
    std::uint64_t saturated = 0; // clipped below + above
    PassHistograms histograms;   // for the window's error distributions
    bool pareto = false;         // no other row has at least its SQNR with fewer bits
};

struct Shootout
{
    std::vector<ShootoutRow> rows; // best SQNR first; ties: fewer bits per value first
    // What was left out and why (a per-channel row on a tensor with one axis).
    Warnings warnings;
};

struct ShootoutOptions
{
    unsigned threads = 0;
    ProgressFn progress; // fraction of the whole shoot-out; false cancels
};

// Errors: those of analyzeTensor (EmptyTensor, NoFiniteValues, Cancelled, ...), with the
// candidate's name in front for a spec the tensor cannot take.
Result<Shootout> runShootout(TensorView tensor, std::span<const ShootoutCandidate> candidates,
                             const TensorStats& stats, const ShootoutOptions& options = {});

// The row with the best SQNR among those of at most `maxBitsPerValue` (rows are kept best
// first), or, when none fits, the row with the fewest bits; null for no rows. A bits class's
// budget is its bits + 1: small blocks on a short last axis can cost several bits of scales per
// value (groups of 32 along an axis of 3 hold 3 values each), and such a row is not "4-bit".
const ShootoutRow* bestWithinBudget(const Shootout& shootout, double maxBitsPerValue);

// Marks the rows on the Pareto front of SQNR against bits per value.
void markParetoFront(std::span<ShootoutRow> rows);

// The share of finite values whose |R′ − R| is at most `bound`, at the upper edges of the pass's
// error bins folded onto |e| (rounding and clipping bins together): for the window's overlay of
// the best formats' error distributions. Ascending in bound; ends at 1 (empty for no values).
struct AbsErrorPoint
{
    double bound = 0;
    double share = 0;
};
std::vector<AbsErrorPoint> absErrorCurve(const PassHistograms& histograms);

} // namespace qs
