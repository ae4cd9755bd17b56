#include "analysis/gguf_recipe.h"

#include "common/printable_text.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>
#include <numeric>
#include <string>

namespace qs {
namespace {

constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();
constexpr double kUnreachable = std::numeric_limits<double>::infinity();

// The shortest text that reads back as `value` ("4.5", "0.30000000000000004").
std::string numberText(double value)
{
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

std::string quoted(const std::string& name)
{
    return "'" + printable(name) + "'";
}

struct Wide
{
    std::uint64_t high = 0;
    std::uint64_t low = 0;
};

Wide multiplyWide(std::uint64_t a, std::uint64_t b)
{
    constexpr std::uint64_t kHalf = 0xffffffffu;
    const std::uint64_t ll = (a & kHalf) * (b & kHalf);
    const std::uint64_t lh = (a & kHalf) * (b >> 32);
    const std::uint64_t hl = (a >> 32) * (b & kHalf);
    const std::uint64_t hh = (a >> 32) * (b >> 32);
    const std::uint64_t middle = (ll >> 32) + (lh & kHalf) + (hl & kHalf);
    return {hh + (lh >> 32) + (hl >> 32) + (middle >> 32), (ll & kHalf) | (middle << 32)};
}

// floor(p · 2^shift), kNoLimit when that does not fit in 64 bits.
std::uint64_t scaleWide(Wide p, int shift)
{
    if (shift >= 0) {
        if (p.high == 0 && p.low == 0) {
            return 0;
        }
        if (p.high != 0 || shift >= 64 || (shift > 0 && (p.low >> (64 - shift)) != 0)) {
            return kNoLimit;
        }
        return p.low << shift;
    }
    const int k = -shift;
    if (k >= 128) {
        return 0;
    }
    if (k >= 64) {
        return p.high >> (k - 64);
    }
    if ((p.high >> k) != 0) {
        return kNoLimit;
    }
    return (p.low >> k) | (p.high << (64 - k));
}

// W = floor(bits · count / 8), exactly: bits = mantissa · 2^(exponent − 53) with an integer
// mantissa below 2^53, so W = floor(mantissa · count · 2^(exponent − 56)).
std::uint64_t budgetBytes(double bits, std::uint64_t count)
{
    if (bits == 0 || count == 0) {
        return 0;
    }
    int exponent = 0;
    const double fraction = std::frexp(bits, &exponent);
    const auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
    return scaleWide(multiplyWide(mantissa, count), exponent - 56);
}

bool isTypeName(std::string_view type)
{
    return !type.empty() && std::ranges::all_of(type, [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '_';
    });
}

char lowerAscii(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
}

bool sameType(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::ranges::equal(a, b, [](char x, char y) { return lowerAscii(x) == lowerAscii(y); });
}

// The sums every later step relies on, checked for 64 bits and for finite errors.
struct Totals
{
    std::uint64_t count = 0;          // Σ n_t
    std::uint64_t cheapest = 0;       // Σ m_t
    std::uint64_t dearest = 0;        // Σ max_j B_tj
    std::vector<std::uint64_t> least; // m_t
};

Result<void> checkTensor(const RecipeTensor& t)
{
    if (t.candidates.empty()) {
        return fail(ErrorCode::InvalidArgument, "tensor " + quoted(t.name) + " has no candidates");
    }
    if (t.candidates.size() > kRecipeMaxCandidates) {
        return fail(ErrorCode::InvalidArgument,
                    "tensor " + quoted(t.name) + " has " + std::to_string(t.candidates.size()) +
                        " candidates, more than " + std::to_string(kRecipeMaxCandidates));
    }
    for (const RecipeCandidate& c : t.candidates) {
        if (!isTypeName(c.type)) {
            return fail(ErrorCode::InvalidArgument,
                        "tensor " + quoted(t.name) + ": " + quoted(c.type) + " is not a type name");
        }
        if (!std::isfinite(c.error) || c.error < 0) {
            return fail(ErrorCode::InvalidArgument,
                        "tensor " + quoted(t.name) + ", type " + c.type + ": the error must be " +
                            "finite and at least 0, not " + numberText(c.error));
        }
    }
    return {};
}

Result<Totals> checkInput(std::span<const RecipeTensor> tensors, double bits)
{
    if (tensors.empty()) {
        return fail(ErrorCode::InvalidArgument, "no tensors to choose types for");
    }
    if (!std::isfinite(bits) || bits < 0) {
        return fail(ErrorCode::InvalidArgument,
                    "the budget must be a finite number of bits per value, at least 0, not " +
                        numberText(bits));
    }
    Totals totals;
    double worstError = 0;
    for (const RecipeTensor& t : tensors) {
        if (auto checked = checkTensor(t); !checked) {
            return std::unexpected(checked.error());
        }
        const auto [low, high] =
            std::ranges::minmax_element(t.candidates, {}, &RecipeCandidate::bytes);
        if (t.count > kNoLimit - totals.count || high->bytes > kNoLimit - totals.dearest) {
            return fail(ErrorCode::InvalidArgument,
                        "the tensors' values or bytes add up to more than 64 bits hold");
        }
        totals.count += t.count;
        totals.dearest += high->bytes;
        totals.cheapest += low->bytes; // ≤ dearest
        totals.least.push_back(low->bytes);
        worstError += std::ranges::max_element(t.candidates, {}, &RecipeCandidate::error)->error;
    }
    if (totals.count == 0) {
        return fail(ErrorCode::InvalidArgument, "the tensors hold no values");
    }
    if (!std::isfinite(worstError)) {
        return fail(ErrorCode::InvalidArgument, "the errors add up to more than a double holds");
    }
    return totals;
}

// The DP's dimensions: which tensors it runs over, its step u and its capacity C.
struct Plan
{
    std::vector<std::size_t> variable; // tensors whose candidates differ in bytes, in order
    std::uint64_t step = 1;            // u
    std::uint64_t capacity = 0;        // C
};

Plan planTable(std::span<const RecipeTensor> tensors, const Totals& totals, std::uint64_t budget)
{
    Plan plan;
    std::uint64_t step = 0; // gcd(0, x) = x: the fixed tensors leave it alone
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        bool varies = false;
        for (const RecipeCandidate& c : tensors[t].candidates) {
            step = std::gcd(step, c.bytes - totals.least[t]);
            varies = varies || c.bytes != totals.least[t];
        }
        if (varies) {
            plan.variable.push_back(t);
        }
    }
    if (step == 0) {
        return plan; // every tensor fixed: C = 0, no table
    }
    plan.step = step;
    std::uint64_t span = 0; // Σ max d, at most Σ max B
    for (const std::size_t t : plan.variable) {
        const auto dearest =
            std::ranges::max_element(tensors[t].candidates, {}, &RecipeCandidate::bytes);
        span += (dearest->bytes - totals.least[t]) / step;
    }
    plan.capacity = std::min(span, (budget - totals.cheapest) / step);
    return plan;
}

// F_0 over c = 0 … C, and per non-fixed tensor r its best candidate at each c.
struct Table
{
    std::vector<double> least;      // F_0(c), +∞ where no choice costs exactly c steps
    std::vector<std::uint8_t> best; // row r, cell c at r · (C + 1) + c
};

Result<Table> fillTable(std::span<const RecipeTensor> tensors, const Totals& totals,
                        const Plan& plan, const ProgressFn& progress)
{
    const std::size_t width = static_cast<std::size_t>(plan.capacity) + 1;
    Table table;
    table.least.assign(width, kUnreachable);
    table.least[0] = 0;
    table.best.assign(plan.variable.size() * width, 0);
    std::vector<std::uint64_t> steps;
    std::uint64_t reach = 0; // the most steps tensors r… can spend (within C)
    for (std::size_t r = plan.variable.size(); r-- > 0;) {
        const std::size_t t = plan.variable[r];
        const std::vector<RecipeCandidate>& candidates = tensors[t].candidates;
        steps.clear();
        for (const RecipeCandidate& c : candidates) {
            steps.push_back((c.bytes - totals.least[t]) / plan.step);
        }
        const std::uint64_t most = std::ranges::max(steps);
        reach = most >= plan.capacity - reach ? plan.capacity : reach + most;
        std::uint8_t* row = table.best.data() + r * width;
        double* least = table.least.data();
        // c descending: F_r+1(c − d) with d ≥ 0 is read before F_r(c) overwrites it.
        for (std::size_t c = static_cast<std::size_t>(reach) + 1; c-- > 0;) {
            double value = kUnreachable;
            std::size_t choice = 0;
            for (std::size_t j = 0; j < candidates.size(); ++j) {
                if (steps[j] <= c) {
                    const double sum = candidates[j].error + least[c - steps[j]];
                    if (sum < value) { // strict: the first candidate keeps a tie
                        value = sum;
                        choice = j;
                    }
                }
            }
            least[c] = value;
            row[c] = static_cast<std::uint8_t>(choice);
        }
        const double done = static_cast<double>(plan.variable.size() - r) /
                            static_cast<double>(plan.variable.size());
        if (progress && !progress(done)) {
            return fail(ErrorCode::Cancelled, "cancelled");
        }
    }
    return table;
}

std::size_t leastErrorCandidate(const std::vector<RecipeCandidate>& candidates)
{
    // min_element keeps the first of equal errors.
    return static_cast<std::size_t>(
        std::ranges::min_element(candidates, {}, &RecipeCandidate::error) - candidates.begin());
}

// Reads the choice from the table: the least c among the least F_0(c), then forward.
Recipe readChoice(std::span<const RecipeTensor> tensors, const Totals& totals, const Plan& plan,
                  const Table& table)
{
    Recipe recipe;
    recipe.choice.resize(tensors.size());
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        recipe.choice[t] = leastErrorCandidate(tensors[t].candidates);
    }
    std::size_t c = static_cast<std::size_t>(std::ranges::min_element(table.least) -
                                             table.least.begin()); // first of equal errors
    const std::size_t width = table.least.size();
    for (std::size_t r = 0; r < plan.variable.size(); ++r) {
        const std::size_t t = plan.variable[r];
        const std::size_t j = table.best[r * width + c];
        recipe.choice[t] = j;
        c -= static_cast<std::size_t>((tensors[t].candidates[j].bytes - totals.least[t]) /
                                      plan.step);
    }
    assert(c == 0);
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        const RecipeCandidate& chosen = tensors[t].candidates[recipe.choice[t]];
        recipe.bytes += chosen.bytes;
        recipe.totalError += chosen.error;
    }
    recipe.bitsPerValue =
        8.0 * static_cast<double>(recipe.bytes) / static_cast<double>(totals.count);
    return recipe;
}

std::string bitsPerValueText(std::uint64_t bytes, std::uint64_t count)
{
    return numberText(8.0 * static_cast<double>(bytes) / static_cast<double>(count));
}

} // namespace

Result<Recipe> chooseRecipe(std::span<const RecipeTensor> tensors, double bitsPerValue,
                            const ProgressFn& progress)
{
    const auto totals = checkInput(tensors, bitsPerValue);
    if (!totals) {
        return std::unexpected(totals.error());
    }
    const std::uint64_t budget = budgetBytes(bitsPerValue, totals->count);
    if (totals->cheapest > budget) {
        return fail(ErrorCode::InvalidArgument,
                    "even the cheapest choice needs " +
                        bitsPerValueText(totals->cheapest, totals->count) + " bits per value (" +
                        std::to_string(totals->cheapest) + " bytes for " +
                        std::to_string(totals->count) + " values), above the budget of " +
                        numberText(bitsPerValue) + " (" + std::to_string(budget) + " bytes)");
    }
    const Plan plan = planTable(tensors, *totals, budget);
    const std::uint64_t perCell = plan.variable.size() + sizeof(double);
    if (plan.capacity >= kRecipeTableLimit / perCell) {
        return fail(ErrorCode::InvalidArgument,
                    "the exact search would need a table of (" +
                        std::to_string(plan.variable.size()) + " + 8) × (" +
                        std::to_string(plan.capacity) + " + 1) bytes, for " +
                        std::to_string(plan.variable.size()) +
                        " tensors with a choice of type and a budget of " +
                        std::to_string(plan.capacity) + " steps of " + std::to_string(plan.step) +
                        " bytes; the limit is " + std::to_string(kRecipeTableLimit) + " bytes");
    }
    const auto table = fillTable(tensors, *totals, plan, progress);
    if (!table) {
        return std::unexpected(table.error());
    }
    return readChoice(tensors, *totals, plan, *table);
}

std::string llamaTensorPattern(std::string_view name)
{
    constexpr const char* kHex = "0123456789abcdef";
    std::string pattern = "^";
    for (const char ch : name) {
        const auto byte = static_cast<unsigned char>(ch);
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
            byte >= 0x80) {
            pattern += ch;
        } else if (ch == '.') {
            pattern += "\\.";
        } else {
            pattern += "\\x";
            pattern += kHex[byte >> 4];
            pattern += kHex[byte & 0xf];
        }
    }
    pattern += '$';
    return pattern;
}

std::string llamaQuantizeArguments(std::span<const RecipeTensor> tensors, const Recipe& recipe)
{
    assert(recipe.choice.size() == tensors.size());
    std::string lines;
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        assert(recipe.choice[t] < tensors[t].candidates.size());
        const std::string& type = tensors[t].candidates[recipe.choice[t]].type;
        if (!tensors[t].current.empty() && sameType(type, tensors[t].current)) {
            continue;
        }
        lines += "--tensor-type '" + llamaTensorPattern(tensors[t].name) + "=";
        std::ranges::transform(type, std::back_inserter(lines), lowerAscii);
        lines += "'\n";
    }
    return lines;
}

} // namespace qs
