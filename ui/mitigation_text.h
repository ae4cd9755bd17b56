#pragma once
// How the Outliers view words an experiment: the transforms that are on, where a format puts its
// scales on each operand, an SQNR. The controls, the measures table and the plots' titles say
// the same thing the same way.

#include "mitigate/mitigation.h"
#include "quant/quant_spec.h"

#include <QString>

namespace qs::ui {

enum class Operand
{
    Weight,      // W [outputs, inputs]
    Activations, // X [tokens, inputs]
};

// "SmoothQuant α = 0.50 · rotation · LLM.int8() at 6", or "no transform".
QString transformsText(const MitigationSettings& settings);

// Where `spec` puts its scales on the operand: "one scale per output channel (row of W)",
// "one scale per token (row of X)", "a scale per 128 inputs along each row", ...
QString scaleLayoutText(const QuantSpec& spec, Operand operand);

// "32.51 dB", or "lossless" for +∞ (no error at all).
QString decibelText(double db);

// The rotation's shape for `inputs`: a note when Q is block-diagonal (inputs not a power of
// two), else that one Hadamard block spans every input.
QString rotationPlanText(const HadamardPlan& plan);

} // namespace qs::ui
