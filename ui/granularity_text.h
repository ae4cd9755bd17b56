#pragma once
// How the window names quantization groups: "channel 3", "64 channels", "group 12".

#include "quant/quant_spec.h"

#include <QString>

#include <cstddef>

namespace qs::ui {

QString groupLabel(Granularity granularity, std::size_t index);
QString groupCountLabel(Granularity granularity, std::size_t count);

} // namespace qs::ui
