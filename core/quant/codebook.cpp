#include "quant/codebook.h"

#include "ggml/level_tables.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace qs {
namespace {

// Sorts the levels (keeping each one's code) and derives the float32 midpoints.
Codebook finish(Codebook book)
{
    const auto n = static_cast<std::size_t>(book.levelCount);
    std::array<std::size_t, kCodebookMaxLevels> order{};
    std::iota(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), std::size_t{0});
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n),
              [&](std::size_t a, std::size_t b) { return book.levels[a] < book.levels[b]; });
    Codebook sorted = book;
    for (std::size_t i = 0; i < n; ++i) {
        sorted.levels[i] = book.levels[order[i]];
        sorted.codes[i] = book.codes[order[i]];
    }
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const float sum = sorted.levels[i] + sorted.levels[i + 1]; // float32, then halved
        sorted.midpoints[i] = sum / 2.0f;
    }
    return sorted;
}

Codebook makeNf4()
{
    // bitsandbytes' NF4 table (QLoRA, Dettmers et al. 2023), float32, codes 0..15.
    constexpr std::array<float, 16> kTable{-1.0f,
                                           -0.6961928009986877f,
                                           -0.5250730514526367f,
                                           -0.39491748809814453f,
                                           -0.28444138169288635f,
                                           -0.18477343022823334f,
                                           -0.09105003625154495f,
                                           0.0f,
                                           0.07958029955625534f,
                                           0.16093020141124725f,
                                           0.24611230194568634f,
                                           0.33791524171829224f,
                                           0.44070982933044434f,
                                           0.5626170039176941f,
                                           0.7229568362236023f,
                                           1.0f};
    Codebook book;
    book.name = "nf4";
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        book.levels[i] = kTable[i];
        book.codes[i] = static_cast<std::int32_t>(i);
    }
    return finish(book);
}

Codebook makeBnbFp4()
{
    // bitsandbytes' FP4 magnitudes by 3-bit code: [0, 0.0625, 8, 12, 4, 6, 2, 3] / 12.
    constexpr std::array<float, 8> kTwelfths{0.0f, 0.0625f, 8.0f, 12.0f, 4.0f, 6.0f, 2.0f, 3.0f};
    Codebook book;
    book.name = "bnb-fp4";
    book.signMagnitude = true;
    book.levelCount = 8;
    for (std::size_t i = 0; i < kTwelfths.size(); ++i) {
        book.levels[i] = kTwelfths[i] / 12.0f;
        book.codes[i] = static_cast<std::int32_t>(i);
    }
    return finish(book);
}

Codebook makeGgmlIq4()
{
    Codebook book;
    book.name = "iq4";
    for (std::size_t i = 0; i < ggml::kIq4Levels.size(); ++i) {
        book.levels[i] = ggml::kIq4Levels[i];
        book.codes[i] = static_cast<std::int32_t>(i);
    }
    return finish(book);
}

Codebook makeGgmlE2m1()
{
    Codebook book;
    book.name = "e2m1x2";
    book.signMagnitude = true;
    book.levelCount = 8;
    for (std::size_t i = 0; i < 8; ++i) {
        book.levels[i] = ggml::kE2m1DoubledLevels[i];
        book.codes[i] = static_cast<std::int32_t>(i);
    }
    return finish(book);
}

} // namespace

float Codebook::decode(std::int32_t code) const
{
    const std::int32_t magnitudeMask = signMagnitude ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    const std::int32_t magnitude = code & magnitudeMask;
    float value = 0;
    for (int i = 0; i < levelCount; ++i) {
        if (codes[static_cast<std::size_t>(i)] == magnitude) {
            value = levels[static_cast<std::size_t>(i)];
        }
    }
    if (signMagnitude && (code & (1 << (bits - 1))) != 0) {
        value = -value;
    }
    return value;
}

std::int32_t Codebook::zeroCode() const
{
    for (int i = 0; i < levelCount; ++i) {
        if (levels[static_cast<std::size_t>(i)] == 0.0f) {
            return codes[static_cast<std::size_t>(i)];
        }
    }
    return codes[0];
}

const Codebook& nf4Codebook()
{
    static const Codebook book = makeNf4();
    return book;
}

const Codebook& bnbFp4Codebook()
{
    static const Codebook book = makeBnbFp4();
    return book;
}

const Codebook& ggmlIq4Codebook()
{
    static const Codebook book = makeGgmlIq4();
    return book;
}

const Codebook& ggmlE2m1Codebook()
{
    static const Codebook book = makeGgmlE2m1();
    return book;
}

} // namespace qs
