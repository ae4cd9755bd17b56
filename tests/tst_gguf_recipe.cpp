// The recipe: the exact optimum against a brute-force enumeration of every choice on random
// small instances; cases by hand (the budget's edge, read exactly; a greedy trap; ties; fixed
// tensors; realistic sizes); the refusals; progress and cancel; the llama-quantize lines, read
// back the way llama-quantize reads them.

#include "analysis/gguf_recipe.h"
#include "common/error.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <regex>
#include <string>
#include <vector>

using namespace qs;

Q_DECLARE_METATYPE(std::vector<qs::RecipeTensor>)

namespace {

RecipeTensor tensor(std::string name, std::uint64_t count, std::vector<RecipeCandidate> candidates,
                    std::string current = {})
{
    return RecipeTensor{std::move(name), count, std::move(current), std::move(candidates)};
}

std::uint64_t totalCount(const std::vector<RecipeTensor>& tensors)
{
    std::uint64_t n = 0;
    for (const RecipeTensor& t : tensors) {
        n += t.count;
    }
    return n;
}

// 8·S ≤ BITS·N, exactly: the 64-bit mantissa of long double holds a double times a count below
// 2^11, or any product that a double already holds exactly.
bool withinBudget(std::uint64_t bytes, std::uint64_t count, double bits)
{
    return 8.0L * static_cast<long double>(bytes) <=
           static_cast<long double>(bits) * static_cast<long double>(count);
}

struct Optimum
{
    bool feasible = false;
    double error = 0;
    std::uint64_t bytes = 0;
    std::vector<std::size_t> choice;
};

// Every combination; the best by (error, bytes, choice in lexicographic order).
Optimum bruteForce(const std::vector<RecipeTensor>& tensors, double bits)
{
    const std::uint64_t count = totalCount(tensors);
    std::vector<std::size_t> index(tensors.size(), 0);
    Optimum best;
    for (;;) {
        std::uint64_t bytes = 0;
        double error = 0;
        for (std::size_t t = 0; t < tensors.size(); ++t) {
            bytes += tensors[t].candidates[index[t]].bytes;
            error += tensors[t].candidates[index[t]].error;
        }
        if (withinBudget(bytes, count, bits)) {
            const bool better =
                !best.feasible || error < best.error ||
                (error == best.error &&
                 (bytes < best.bytes || (bytes == best.bytes && index < best.choice)));
            if (better) {
                best = {true, error, bytes, index};
            }
        }
        std::size_t t = tensors.size();
        while (t > 0 && ++index[t - 1] == tensors[t - 1].candidates.size()) {
            index[t - 1] = 0;
            --t;
        }
        if (t == 0) {
            return best;
        }
    }
}

// The greedy people reach for: from the cheapest choice, repeatedly take the upgrade with the
// most error saved per extra byte that still fits.
double greedyError(const std::vector<RecipeTensor>& tensors, std::uint64_t budgetBytes)
{
    std::vector<std::size_t> at(tensors.size());
    std::uint64_t bytes = 0;
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        const auto& c = tensors[t].candidates;
        at[t] = static_cast<std::size_t>(std::ranges::min_element(c, {}, &RecipeCandidate::bytes) -
                                         c.begin());
        bytes += c[at[t]].bytes;
    }
    for (;;) {
        double bestRate = 0;
        std::size_t bestT = 0, bestJ = 0;
        for (std::size_t t = 0; t < tensors.size(); ++t) {
            const RecipeCandidate& now = tensors[t].candidates[at[t]];
            for (std::size_t j = 0; j < tensors[t].candidates.size(); ++j) {
                const RecipeCandidate& c = tensors[t].candidates[j];
                if (c.bytes > now.bytes && c.error < now.error &&
                    bytes - now.bytes + c.bytes <= budgetBytes) {
                    const double rate =
                        (now.error - c.error) / static_cast<double>(c.bytes - now.bytes);
                    if (rate > bestRate) {
                        bestRate = rate;
                        bestT = t;
                        bestJ = j;
                    }
                }
            }
        }
        if (bestRate == 0) {
            break;
        }
        bytes +=
            tensors[bestT].candidates[bestJ].bytes - tensors[bestT].candidates[at[bestT]].bytes;
        at[bestT] = bestJ;
    }
    double error = 0;
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        error += tensors[t].candidates[at[t]].error;
    }
    return error;
}

std::string choiceText(const std::vector<std::size_t>& choice)
{
    std::string text;
    for (const std::size_t j : choice) {
        text += std::to_string(j) + " ";
    }
    return text;
}

struct Instance
{
    std::vector<RecipeTensor> tensors;
    double bits = 0;
    bool integerErrors = false;
};

// 2–7 tensors of 1–4 candidates; byte sizes in steps of a common size (so that u > 1 happens);
// errors small integers (ties, zeros) or reals; budgets at random, exactly at a choice's bits,
// just below them, or below the cheapest choice.
Instance randomInstance(std::mt19937_64& rng, int round)
{
    const auto pick = [&](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(rng);
    };
    Instance instance;
    instance.integerErrors = round % 2 == 0;
    const int stepBytes = std::array{1, 2, 3, 7, 16}[pick(0, 4)];
    const int tensors = pick(2, 7);
    for (int t = 0; t < tensors; ++t) {
        std::vector<RecipeCandidate> candidates;
        const int base = pick(0, 50);
        const int k = pick(1, 4);
        for (int j = 0; j < k; ++j) {
            const double error = instance.integerErrors ? pick(0, 5)
                                 : pick(0, 9) == 0
                                     ? 0.0
                                     : std::uniform_real_distribution<double>(0, 50)(rng);
            candidates.push_back({"t" + std::to_string(j),
                                  static_cast<std::uint64_t>(base + stepBytes * pick(0, 6)),
                                  error});
        }
        instance.tensors.push_back(tensor("blk." + std::to_string(t) + ".w",
                                          static_cast<std::uint64_t>(pick(1, 200)),
                                          std::move(candidates)));
    }
    const double n = static_cast<double>(totalCount(instance.tensors));
    std::uint64_t cheapest = 0, dearest = 0, some = 0;
    for (const RecipeTensor& t : instance.tensors) {
        const auto [low, high] =
            std::ranges::minmax_element(t.candidates, {}, &RecipeCandidate::bytes);
        cheapest += low->bytes;
        dearest += high->bytes;
        some += t.candidates[static_cast<std::size_t>(
                                 pick(0, static_cast<int>(t.candidates.size()) - 1))]
                    .bytes;
    }
    switch (round % 4) {
    case 0:
        instance.bits = pick(0, static_cast<int>(64 * (8 * dearest / n + 1))) / 64.0;
        break;
    case 1:
        instance.bits = 8.0 * static_cast<double>(some) / n;
        break;
    case 2:
        instance.bits = std::nextafter(8.0 * static_cast<double>(some) / n, 0.0);
        break;
    default:
        instance.bits = std::max(0.0, 8.0 * static_cast<double>(cheapest) / n - pick(0, 2) / 16.0);
        break;
    }
    return instance;
}

bool closeRelative(double a, double b, double tolerance)
{
    return std::fabs(a - b) <= tolerance * std::max({std::fabs(a), std::fabs(b), 1.0});
}

// A llama.cpp-like model: a bytes of n·b/8 for b in sixteenths of a bit (q2_k 42, q3_k 55,
// q4_k 72, q5_k 88, q6_k 105, q8_0 136), errors falling by 4 per bit.
RecipeTensor ggmlTensor(std::string name, std::uint64_t rows, std::uint64_t cols, double weight)
{
    const std::uint64_t n = rows * cols;
    std::vector<RecipeCandidate> candidates;
    constexpr std::array<std::pair<const char*, int>, 6> kTypes{
        {{"q2_k", 42}, {"q3_k", 55}, {"q4_k", 72}, {"q5_k", 88}, {"q6_k", 105}, {"q8_0", 136}}};
    for (const auto& [type, sixteenths] : kTypes) {
        const double bits = sixteenths / 16.0;
        candidates.push_back({type, n * static_cast<std::uint64_t>(sixteenths) / 128,
                              weight * static_cast<double>(n) * std::exp2(-2 * bits)});
    }
    return tensor(std::move(name), n, std::move(candidates), "q4_k");
}

} // namespace

class TestGgufRecipe : public QObject
{
    Q_OBJECT

private slots:
    void agreesWithBruteForce();
    void greedyIsNotOptimal();
    void budgetEdgeIsWithin();
    void budgetIsReadExactly();
    void tiesPreferFewerBytesThenOrder();
    void fixedTensorsCountInTheBudget();
    void realisticSizesAgreeWithBruteForce();
    void refusals_data();
    void refusals();
    void progressAndCancel();
    void argumentLines();
    void patternsNameExactlyOneTensor();
};

void TestGgufRecipe::agreesWithBruteForce()
{
    QVERIFY(std::numeric_limits<long double>::digits >= 64); // withinBudget is exact
    std::mt19937_64 rng(20240607);
    int feasible = 0, infeasible = 0;
    for (int round = 0; round < 4000; ++round) {
        const Instance instance = randomInstance(rng, round);
        const auto& tensors = instance.tensors;
        const auto recipe = chooseRecipe(tensors, instance.bits);
        const Optimum brute = bruteForce(tensors, instance.bits);
        const std::string where = "round " + std::to_string(round);
        QVERIFY2(static_cast<bool>(recipe) == brute.feasible,
                 (where + (recipe ? "" : ": " + recipe.error().message)).c_str());
        if (!recipe) {
            ++infeasible;
            QCOMPARE(recipe.error().code, ErrorCode::InvalidArgument);
            QVERIFY2(recipe.error().message.starts_with("even the cheapest choice needs"),
                     recipe.error().message.c_str());
            continue;
        }
        ++feasible;
        QCOMPARE(recipe->choice.size(), tensors.size());
        std::uint64_t bytes = 0;
        double error = 0;
        for (std::size_t t = 0; t < tensors.size(); ++t) {
            QVERIFY(recipe->choice[t] < tensors[t].candidates.size());
            bytes += tensors[t].candidates[recipe->choice[t]].bytes;
            error += tensors[t].candidates[recipe->choice[t]].error;
        }
        const std::uint64_t n = totalCount(tensors);
        QCOMPARE(recipe->bytes, bytes);
        QCOMPARE(recipe->totalError, error);
        QCOMPARE(recipe->bitsPerValue, 8.0 * static_cast<double>(bytes) / static_cast<double>(n));
        QVERIFY2(withinBudget(bytes, n, instance.bits), where.c_str());
        QVERIFY(recipe->bitsPerValue <= instance.bits);
        QVERIFY2(closeRelative(recipe->totalError, brute.error, 1e-12),
                 (where + ": " + std::to_string(recipe->totalError) + " against " +
                  std::to_string(brute.error))
                     .c_str());
        if (instance.integerErrors) { // sums exact: the tie rules decide the same choice
            QCOMPARE(recipe->totalError, brute.error);
            QCOMPARE(recipe->bytes, brute.bytes);
            QVERIFY2(recipe->choice == brute.choice, (where + ": " + choiceText(recipe->choice) +
                                                      "against " + choiceText(brute.choice))
                                                         .c_str());
        }
    }
    // Both outcomes were exercised in earnest.
    QVERIFY(feasible > 1000);
    QVERIFY(infeasible > 300);
}

void TestGgufRecipe::greedyIsNotOptimal()
{
    // B's upgrade saves 15 per byte, A's 10: the greedy takes B's and has no room left for A's.
    const std::vector<RecipeTensor> tensors{
        tensor("a", 120, {{"q2_k", 10, 100}, {"q8_0", 20, 0}}),
        tensor("b", 120, {{"q2_k", 10, 100}, {"q3_k", 12, 70}}),
    };
    QCOMPARE(greedyError(tensors, 30), 170.0);
    const auto recipe = chooseRecipe(tensors, 1.0); // 240 values: 30 bytes
    QVERIFY2(recipe, recipe ? "" : recipe.error().message.c_str());
    QCOMPARE(recipe->choice, (std::vector<std::size_t>{1, 0}));
    QCOMPARE(recipe->totalError, 100.0);
    QCOMPARE(recipe->bytes, 30u);
    QCOMPARE(recipe->bitsPerValue, 1.0);
}

void TestGgufRecipe::budgetEdgeIsWithin()
{
    const std::vector<RecipeTensor> tensors{
        tensor("a", 120, {{"q2_k", 10, 100}, {"q8_0", 20, 0}}),
        tensor("b", 120, {{"q2_k", 10, 100}, {"q3_k", 12, 70}}),
    };
    // 1 bit per value is 30 bytes, which the best choice takes exactly; a hair below is 29.
    QCOMPARE(chooseRecipe(tensors, 1.0)->bytes, 30u);
    const auto below = chooseRecipe(tensors, std::nextafter(1.0, 0.0));
    QVERIFY(below);
    QCOMPARE(below->choice, (std::vector<std::size_t>{0, 1}));
    QCOMPARE(below->totalError, 170.0);
    QCOMPARE(below->bytes, 22u);
    // The cheapest choice, 20 bytes, is 2/3 bit per value: the double 2/3 is a little less, its
    // successor a little more.
    QVERIFY(!chooseRecipe(tensors, 2.0 / 3.0));
    const auto cheapest = chooseRecipe(tensors, std::nextafter(2.0 / 3.0, 1.0));
    QVERIFY(cheapest);
    QCOMPARE(cheapest->choice, (std::vector<std::size_t>{0, 0}));
    QCOMPARE(cheapest->bytes, 20u);
}

void TestGgufRecipe::budgetIsReadExactly()
{
    // The double 0.3 is 0.29999999999999998889…: 80 values at it get 2.99999… bytes, so 3 bytes
    // (exactly 0.3 bits per value) are over; a budget computed as 0.3 · 80 / 8 in doubles would
    // round to 3 and let them in.
    const std::vector<RecipeTensor> three{tensor("x", 80, {{"q8_0", 3, 1}})};
    const auto over = chooseRecipe(three, 0.3);
    QVERIFY(!over);
    QCOMPARE(over.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(over.error().message, std::string("even the cheapest choice needs 0.3 bits per value "
                                               "(3 bytes for 80 values), above the budget of 0.3 "
                                               "(2 bytes)"));
    const auto within = chooseRecipe(three, std::nextafter(0.3, 1.0));
    QVERIFY(within);
    QCOMPARE(within->bytes, 3u);
    QVERIFY(within->bitsPerValue <= std::nextafter(0.3, 1.0));

    // 2^40 values at q4_k's 4.5 bits: 618475290624 bytes, at the budget exactly.
    const std::uint64_t n = std::uint64_t{1} << 40;
    const std::vector<RecipeTensor> large{
        tensor("big", n, {{"q4_k", n / 16 * 9, 1}, {"q5_k", n / 16 * 11, 0}})};
    QCOMPARE(chooseRecipe(large, 4.5)->bytes, n / 16 * 9);
    QVERIFY(!chooseRecipe(large, std::nextafter(4.5, 0.0)));
    QCOMPARE(chooseRecipe(large, 5.5)->choice, (std::vector<std::size_t>{1}));
    // A budget past every byte count: the most any choice could spend is the table's end.
    const auto huge = chooseRecipe(large, 1e300);
    QVERIFY(huge);
    QCOMPARE(huge->choice, (std::vector<std::size_t>{1}));
}

void TestGgufRecipe::tiesPreferFewerBytesThenOrder()
{
    // One tensor: equal errors, the smaller one wins over the first; equal candidates, the first.
    const auto smaller = chooseRecipe(
        std::vector<RecipeTensor>{tensor("a", 8, {{"q5_k", 12, 5}, {"q4_k", 10, 5}})}, 16.0);
    QCOMPARE(smaller->choice, (std::vector<std::size_t>{1}));
    const auto first = chooseRecipe(
        std::vector<RecipeTensor>{tensor("a", 8, {{"q4_k", 10, 5}, {"q4_0", 10, 5}})}, 16.0);
    QCOMPARE(first->choice, (std::vector<std::size_t>{0}));

    // Across tensors, error 2 either way: {1, 0} in 21 bytes beats {0, 1} in 24.
    const std::vector<RecipeTensor> bytesDecide{
        tensor("a", 96, {{"x", 10, 1}, {"y", 11, 0}}),
        tensor("b", 96, {{"x", 10, 2}, {"y", 14, 1}}),
    };
    const auto fewer = chooseRecipe(bytesDecide, 1.0); // 24 bytes
    QCOMPARE(fewer->choice, (std::vector<std::size_t>{1, 0}));
    QCOMPARE(fewer->bytes, 21u);
    QCOMPARE(fewer->totalError, 2.0);

    // Error 1 and 22 bytes either way: the first tensor keeps its first candidate.
    const std::vector<RecipeTensor> orderDecides{
        tensor("a", 88, {{"x", 10, 1}, {"y", 12, 0}}),
        tensor("b", 88, {{"x", 10, 1}, {"y", 12, 0}}),
    };
    const auto ordered = chooseRecipe(orderDecides, 1.0); // 22 bytes
    QCOMPARE(ordered->choice, (std::vector<std::size_t>{0, 1}));

    // No error anywhere: the fewest bytes.
    const std::vector<RecipeTensor> zero{
        tensor("a", 8, {{"x", 12, 0}, {"y", 10, 0}, {"z", 14, 0}}),
        tensor("b", 8, {{"x", 0, 0}, {"y", 3, 0}}),
    };
    const auto noError = chooseRecipe(zero, 16.0);
    QCOMPARE(noError->choice, (std::vector<std::size_t>{1, 0}));
    QCOMPARE(noError->bytes, 10u);
    QCOMPARE(noError->totalError, 0.0);
}

void TestGgufRecipe::fixedTensorsCountInTheBudget()
{
    // 256 values: the budget is 32 bytes per bit. The norm's 100 bytes leave 15 or 20.
    const std::vector<RecipeTensor> tensors{
        tensor("norm", 128, {{"f32", 100, 0}}),
        tensor("w", 128, {{"q4_k", 10, 5}, {"q8_0", 20, 0}}),
        // Several candidates of one size: not in the table, the least error (the first of them).
        tensor("v", 0, {{"q4_0", 0, 3}, {"q4_1", 0, 1}, {"iq4_nl", 0, 1}}),
    };
    const auto tight = chooseRecipe(tensors, 115 / 32.0);
    QVERIFY(tight);
    QCOMPARE(tight->choice, (std::vector<std::size_t>{0, 0, 1}));
    QCOMPARE(tight->bytes, 110u);
    QCOMPARE(tight->totalError, 6.0);
    QCOMPARE(tight->bitsPerValue, 110 / 32.0);
    const auto roomy = chooseRecipe(tensors, 120 / 32.0);
    QCOMPARE(roomy->choice, (std::vector<std::size_t>{0, 1, 1}));
    QCOMPARE(roomy->totalError, 1.0);
    // Only fixed tensors: no table at all.
    const auto fixedOnly = chooseRecipe(std::span(tensors).subspan(0, 1), 8.0);
    QCOMPARE(fixedOnly->bytes, 100u);
    QVERIFY(!chooseRecipe(std::span(tensors).subspan(0, 1), std::nextafter(6.25, 0.0)));
}

void TestGgufRecipe::realisticSizesAgreeWithBruteForce()
{
    // Six matrices of a llama-7B-like layer and its embeddings: byte sizes in the 10^6..10^8,
    // a common step of 8 KiB. Budgets in sixteenths of a bit, so that BITS · N is exact.
    const std::vector<RecipeTensor> tensors{
        ggmlTensor("token_embd.weight", 32000, 4096, 0.5),
        ggmlTensor("blk.0.attn_q.weight", 4096, 4096, 1.0),
        ggmlTensor("blk.0.attn_k.weight", 1024, 4096, 1.5),
        ggmlTensor("blk.0.attn_v.weight", 1024, 4096, 4.0),
        ggmlTensor("blk.0.ffn_down.weight", 4096, 11008, 3.0),
        ggmlTensor("output.weight", 32000, 4096, 2.0),
    };
    for (const double bits : {2.625, 3.0, 3.5, 4.5, 4.8125, 6.0, 8.5}) {
        const auto recipe = chooseRecipe(tensors, bits);
        QVERIFY2(recipe, recipe ? "" : recipe.error().message.c_str());
        const Optimum brute = bruteForce(tensors, bits);
        QVERIFY(brute.feasible);
        QVERIFY2(closeRelative(recipe->totalError, brute.error, 1e-12),
                 std::to_string(bits).c_str());
        QVERIFY(withinBudget(recipe->bytes, totalCount(tensors), bits));
    }
    QVERIFY(!chooseRecipe(tensors, 2.5));
}

void TestGgufRecipe::refusals_data()
{
    using Tensors = std::vector<RecipeTensor>;
    QTest::addColumn<Tensors>("tensors");
    QTest::addColumn<double>("bits");
    QTest::addColumn<QString>("mentions");
    const Tensors good{tensor("a", 64, {{"q4_k", 36, 1}, {"q8_0", 68, 0}})};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("no tensors") << Tensors{} << 4.0 << "no tensors";
    QTest::newRow("no candidates") << Tensors{tensor("blk.0.attn_q.weight", 64, {})} << 4.0
                                   << "tensor 'blk.0.attn_q.weight' has no candidates";
    QTest::newRow("NaN error") << Tensors{tensor("a", 64, {{"q4_k", 36, nan}})} << 4.0
                               << "tensor 'a', type q4_k: the error must be finite and at least "
                                  "0, not nan";
    QTest::newRow("negative error")
        << Tensors{tensor("a", 64, {{"q4_k", 36, -1}})} << 4.0 << "not -1";
    QTest::newRow("infinite error")
        << Tensors{tensor("a", 64, {{"q4_k", 36, inf}})} << 4.0 << "not inf";
    QTest::newRow("NaN budget") << good << nan
                                << "finite number of bits per value, at least 0, "
                                   "not nan";
    QTest::newRow("negative budget") << good << -1.0 << "not -1";
    QTest::newRow("infinite budget") << good << inf << "not inf";
    QTest::newRow("no values") << Tensors{tensor("a", 0, {{"q4_k", 0, 0}})} << 4.0
                               << "hold no values";
    std::vector<RecipeCandidate> many(257, RecipeCandidate{"q4_k", 36, 1});
    QTest::newRow("too many candidates")
        << Tensors{tensor("a", 64, many)} << 4.0 << "has 257 candidates, more than 256";
    QTest::newRow("not a type name") << Tensors{tensor("a", 64, {{"q4 k", 36, 1}})} << 4.0
                                     << "tensor 'a': 'q4 k' is not a type name";
    QTest::newRow("empty type name")
        << Tensors{tensor("a", 64, {{"", 36, 1}})} << 4.0 << "'' is not a type name";
    const std::uint64_t half = std::uint64_t{1} << 63;
    QTest::newRow("values beyond 64 bits")
        << Tensors{tensor("a", half, {{"q4_k", 1, 1}}), tensor("b", half, {{"q4_k", 1, 1}})} << 4.0
        << "more than 64 bits";
    QTest::newRow("errors beyond a double") << Tensors{tensor("a", 64, {{"q4_k", 36, 1.5e308}}),
                                                       tensor("b", 64, {{"q4_k", 36, 1.5e308}})}
                                            << 8.0 << "more than a double holds";
    QTest::newRow("below the cheapest")
        << Tensors{tensor("a", 64, {{"q2_k", 21, 1}, {"q4_k", 36, 0}}),
                   tensor("b", 64, {{"q2_k", 21, 1}})}
        << 2.5
        << "even the cheapest choice needs 2.625 bits per value (42 bytes for 128 values), "
           "above the budget of 2.5 (40 bytes)";
    // Steps of 1 byte and a 2^27-byte choice: (2 + 8) × (2^27 + 2) bytes > 2^28.
    const std::uint64_t g = std::uint64_t{1} << 30;
    QTest::newRow("table too large")
        << Tensors{tensor("a", g, {{"x", 0, 1}, {"y", 1, 0}}),
                   tensor("b", g, {{"x", 0, 1}, {"y", std::uint64_t{1} << 27, 0}})}
        << 16.0
        << "the exact search would need a table of (2 + 8) × (134217729 + 1) bytes, for 2 "
           "tensors with a choice of type and a budget of 134217729 steps of 1 bytes; the limit "
           "is 268435456 bytes";
}

void TestGgufRecipe::refusals()
{
    QFETCH(std::vector<RecipeTensor>, tensors);
    QFETCH(double, bits);
    QFETCH(QString, mentions);
    const auto recipe = chooseRecipe(tensors, bits);
    QVERIFY(!recipe);
    QCOMPARE(recipe.error().code, ErrorCode::InvalidArgument);
    const QString message = QString::fromStdString(recipe.error().message);
    QVERIFY2(message.contains(mentions), qPrintable(message));
}

void TestGgufRecipe::progressAndCancel()
{
    const std::vector<RecipeTensor> tensors{
        tensor("a", 64, {{"q4_k", 36, 4}, {"q8_0", 68, 0}}),
        tensor("fixed", 64, {{"f32", 256, 0}}),
        tensor("b", 64, {{"q4_k", 36, 2}, {"q8_0", 68, 0}}),
        tensor("c", 64, {{"q4_k", 36, 1}, {"q8_0", 68, 0}}),
    };
    std::vector<double> seen;
    const auto done = chooseRecipe(tensors, 16.0, [&](double fraction) {
        seen.push_back(fraction);
        return true;
    });
    QVERIFY(done);
    QCOMPARE(seen.size(), 3u); // one per tensor with a choice
    QCOMPARE(seen.back(), 1.0);
    QVERIFY(std::ranges::is_sorted(seen));
    int calls = 0;
    const auto cancelled = chooseRecipe(tensors, 16.0, [&](double) { return ++calls < 2; });
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
    QCOMPARE(calls, 2);
}

void TestGgufRecipe::argumentLines()
{
    std::vector<RecipeTensor> tensors{
        tensor("token_embd.weight", 8, {{"q4_k", 1, 1}, {"Q6_K", 2, 0}}, "q4_k"),
        tensor("output.weight", 8, {{"q6_k", 2, 0}}, "q6_k"),
        tensor("blk.0.attn_norm.weight", 8, {{"F32", 32, 0}}, "f32"), // same type, other case
        tensor("blk.0.attn_output.weight", 8, {{"q4_k", 1, 0}}),      // no current: always
        tensor("Odd Name=x'y", 8, {{"q8_0", 1, 0}}, "q4_0"),
    };
    Recipe recipe;
    recipe.choice = {1, 0, 0, 0, 0};
    QCOMPARE(llamaQuantizeArguments(tensors, recipe),
             std::string("--tensor-type '^token_embd\\.weight$=q6_k'\n"
                         "--tensor-type '^blk\\.0\\.attn_output\\.weight$=q4_k'\n"
                         "--tensor-type '^\\x4fdd\\x20\\x4eame\\x3dx\\x27y$=q8_0'\n"));
    recipe.choice = {0, 0, 0, 0, 0};
    tensors[3].current = "Q4_K";
    tensors[4].current = "q8_0";
    QCOMPARE(llamaQuantizeArguments(tensors, recipe), std::string());

    // From chooseRecipe: the budget buys the embedding its q6_k.
    const auto chosen = chooseRecipe(tensors, 8.0); // 40 bytes: 38 with q6_k
    QVERIFY(chosen);
    QCOMPARE(llamaQuantizeArguments(tensors, *chosen),
             std::string("--tensor-type '^token_embd\\.weight$=q6_k'\n"));
}

void TestGgufRecipe::patternsNameExactlyOneTensor()
{
    // Why a pattern and not the bare name: llama-quantize searches NAME as a regex anywhere.
    QVERIFY(std::regex_search("blk.0.attn_output.weight", std::regex("output.weight")));

    const std::vector<std::string> names{
        "output.weight",
        "blk.0.attn_output.weight",
        "blk.1.attn_q.weight",
        "blk.11.attn_q.weight",
        "blk.1.attn_q.weight.scale",
        "blk.1Xattn_q.weight",
        "Odd Name=x'y",
        "odd name=x'y",
        "blk.0.ünï.weight",
        "a+b(c)[d]{e}|f?*^$\\g",
        "tab\there",
    };
    for (const std::string& name : names) {
        const std::string pattern = llamaTensorPattern(name);
        QVERIFY2(pattern.find('\'') == std::string::npos, pattern.c_str()); // shell-quotable
        // As llama-quantize reads `--tensor-type NAME=TYPE`: up to the first '=', lowercased.
        const std::string argument = pattern + "=q4_k";
        std::string read = argument.substr(0, argument.find('='));
        QCOMPARE(read, pattern);
        std::ranges::transform(read, read.begin(), [](unsigned char ch) {
            return static_cast<char>(std::tolower(ch));
        });
        const std::regex regex(read);
        for (const std::string& other : names) {
            QVERIFY2(std::regex_search(other, regex) == (other == name),
                     (pattern + " against " + other).c_str());
        }
    }
}

QTEST_GUILESS_MAIN(TestGgufRecipe)
#include "tst_gguf_recipe.moc"
