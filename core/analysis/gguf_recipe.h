#pragma once
// A GGUF recipe: which ggml type each tensor of a model gets, chosen so that the file stays
// within a bits-per-value budget and the total squared error is least — the per-tensor
// `--tensor-type` overrides llama.cpp users tune by hand, solved exactly instead.
//
// The problem is the multiple-choice knapsack. Tensor t holds n_t values; candidate j stores it
// in B_tj bytes (an integer) with the total squared error E_tj = MSE_tj · n_t. Choose one j_t
// per tensor so that, over ALL tensors (fixed ones, with a single candidate, included),
//     8 · Σ_t B_t,j_t  ≤  BITS · Σ_t n_t
// and Σ_t E_t,j_t is least.
//
// Method: dynamic programming over bytes, counted in steps of their common divisor.
//     m_t   = min_j B_tj                       the cheapest storage of tensor t
//     u     = gcd over t, j of (B_tj − m_t)    every choice moves the total by multiples of u
//     d_tj  = (B_tj − m_t) / u                 a candidate's extra cost in steps
//     W     = floor(BITS · Σ n_t / 8)          the byte budget, from BITS's exact binary value
//                                              with a 128-bit product: no rounding at the edge
//     C     = min( floor((W − Σ m_t) / u),  Σ_t max_j d_tj )
// Every total is Σ m_t + u·c for an integer c ≥ 0, and it is within the budget iff c ≤ C, so the
// floor loses nothing (and more than Σ max d steps can never be spent). A tensor whose
// candidates all take the same bytes — one candidate, or only equal sizes — is "fixed": it takes
// its least error outright. Over the V others, from the last to the first,
//     F_V(0) = 0,   F_V(c) = +∞ for c > 0
//     F_r(c) = min_j [ E_rj + F_r+1(c − d_rj) ]      (c = 0 … C, terms with d_rj > c left out)
// is the least error of tensors r… spending exactly c steps, and the optimum is
// min_{c ≤ C} F_0(c). It is exact, not a heuristic: a choice for tensors r… with cost c is a
// candidate j for r plus a choice for r+1… with cost c − d_rj, so the recurrence ranges over
// every solution, grouped by its exact cost; cost is a sum of integers and error a sum of
// independent terms, so the best completion of a prefix never depends on how the prefix was
// reached. (The greedy "most error saved per byte" is not optimal: it can spend the budget on
// cheap small gains and have none left for the step that matters; the tests hold such a case.)
// With doubles the DP finds the least sum as it adds them, since rounding is monotone
// (a ≤ b ⇒ fl(a + e) ≤ fl(b + e)).
//
// Ties, deterministically: the least error; then the fewest bytes (the least c reaching it);
// then the first candidates in tensor order (lexicographically least choice). Exact for errors
// whose sums are exact (integers, say); when rounding makes two different sums equal, the one
// that was smaller before the last addition may have been kept instead.
//
// Cost: time O(Σ_r |candidates_r| · (C + 1)) over the V non-fixed tensors; memory one array of
// C + 1 doubles, updated in place (c descending reads only cells not yet written), plus one byte
// per tensor and step (its best candidate), from which the choice is read from the first tensor
// forward: (V + 8) · (C + 1) bytes, refused above kRecipeTableLimit. For a 7B llama with q2_k …
// q8_0 on its 226 matrices, u is 8 KiB and C + 1 at most 6·10^5: 140 MB and under half a second;
// a 70B model with the same types needs 0.6 to 1.8 GB (C ≈ 10^6 … 3·10^6 steps of 16 KiB) and is
// refused.

#include "common/error.h"
#include "common/progress.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct RecipeCandidate
{
    std::string type;        // ggml type name ("q6_k"; letters, digits and '_', any case)
    std::uint64_t bytes = 0; // B_tj, the bytes the tensor takes in this type
    double error = 0;        // E_tj = MSE_tj × n_t, the total squared error (finite, ≥ 0)

    friend bool operator==(const RecipeCandidate&, const RecipeCandidate&) = default;
};

struct RecipeTensor
{
    std::string name;        // exactly as in the GGUF file
    std::uint64_t count = 0; // n_t, its values
    std::string current;     // its type without an override (see llamaQuantizeArguments)
    std::vector<RecipeCandidate> candidates; // one candidate: a fixed tensor

    friend bool operator==(const RecipeTensor&, const RecipeTensor&) = default;
};

struct Recipe
{
    std::vector<std::size_t> choice; // per tensor, the index of its chosen candidate
    double bitsPerValue = 0;         // 8 · bytes / Σ n_t, ≤ the budget
    double totalError = 0;           // Σ_t E_t,choice, added in tensor order
    std::uint64_t bytes = 0;         // Σ_t B_t,choice

    friend bool operator==(const Recipe&, const Recipe&) = default;
};

// The most memory the table may take: (V + 8) · (C + 1) bytes, see above.
inline constexpr std::uint64_t kRecipeTableLimit = std::uint64_t{1} << 28; // 256 MiB
// A tensor's best candidate is kept in one byte.
inline constexpr std::size_t kRecipeMaxCandidates = 256;

// The least-error choice within `bitsPerValue` (the file's bits per value, all tensors).
// `progress` is called after each non-fixed tensor; returning false cancels.
// Errors: InvalidArgument — no tensors, or none with values; a tensor without candidates or with
// more than kRecipeMaxCandidates; a type name that is not one; an error that is NaN, infinite or
// negative; a budget that is NaN, infinite or negative; sums beyond 64 bits; a budget below the
// cheapest choice (the message gives the least achievable bits per value); a table above
// kRecipeTableLimit (the message gives V, C and u). Cancelled.
Result<Recipe> chooseRecipe(std::span<const RecipeTensor> tensors, double bitsPerValue,
                            const ProgressFn& progress = {});

// How llama-quantize's `--tensor-type NAME=TYPE` names exactly one tensor. llama-quantize
// lowercases NAME and uses it as a std::regex (ECMAScript) searched anywhere in each tensor's
// name: the bare name "output.weight" also matches "blk.0.attn_output.weight" (and which of two
// matching options wins has changed between versions). So the name is anchored and escaped:
// "^blk\.0\.attn_q\.weight$" — '.' as "\.", lower-case letters, digits, '_' and '-' as they are,
// bytes from 0x80 as they are, every other byte as "\xhh" (upper-case letters too, which the
// lowercasing would change, and '=', which would end NAME, and spaces, which would split
// --tensor-type-file's words).
std::string llamaTensorPattern(std::string_view name);

// One line per tensor whose chosen type differs (ignoring case) from its `current` one:
//     --tensor-type '<llamaTensorPattern(NAME)>=<type in lower case>'
// single-quoted for a POSIX shell (the pattern holds '\' and '$'; it never holds a quote).
// `current` should be the type llama-quantize gives the tensor without an override (its mix for
// the ftype, or the ftype's type with --pure); leave it empty to have a line for the tensor
// anyway. llama-quantize applies --tensor-type only to tensors it quantizes (matrices, not
// norms), lets --token-embedding-type and --output-tensor-type take precedence, and falls back
// to another type when a row is not a whole number of the type's blocks: candidates should
// respect that. `recipe` is chooseRecipe's for these tensors.
std::string llamaQuantizeArguments(std::span<const RecipeTensor> tensors, const Recipe& recipe);

} // namespace qs
