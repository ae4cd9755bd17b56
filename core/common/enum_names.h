#pragma once
// Name tables for enums whose values are 0..N-1: one array of names, looked up both ways.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace qs {

template <typename Enum, std::size_t N>
std::string_view enumName(const std::array<const char*, N>& names, Enum value)
{
    return names[static_cast<std::size_t>(std::to_underlying(value))];
}

template <typename Enum, std::size_t N>
std::optional<Enum> enumFromName(const std::array<const char*, N>& names, std::string_view name)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (name == names[i]) {
            return static_cast<Enum>(i);
        }
    }
    return std::nullopt;
}

} // namespace qs
