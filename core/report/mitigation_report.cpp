#include "report/mitigation_report.h"

#include "report/json_fields.h"
#include "report/text_columns.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {
namespace {

json numbers(std::span<const double> values)
{
    json array = json::array();
    for (const double v : values) {
        array.push_back(number(v));
    }
    return array;
}

json measuresJson(const MitigationOutcome& o)
{
    return {{"output_sqnr_db", number(o.outputSqnrDb)},
            {"weight_sqnr_db", number(o.weight.sqnrDb)},
            {"activation_sqnr_db", number(o.activations.sqnrDb)},
            {"weight_kurtosis", number(o.weight.kurtosis)},
            {"activation_kurtosis", number(o.activations.kurtosis)},
            {"weight_max_over_std", number(o.weight.maxOverStd)},
            {"activation_max_over_std", number(o.activations.maxOverStd)},
            {"output_channel_sqnr_db", numbers(o.outputChannelSqnrDb)},
            {"weight_channel_abs_max", numbers(o.weight.channelAbsMax)},
            {"activation_channel_abs_max", numbers(o.activations.channelAbsMax)}};
}

json operandJson(const TensorInfo& info, std::size_t rows, std::size_t columns,
                 const std::string& format)
{
    return {{"name", info.name},
            {"shape", info.shape},
            {"dtype", dtypeName(info.dtype)},
            {"matrix", {rows, columns}},
            {"format", format}};
}

json smoothJson(const MitigationReport& r)
{
    if (!r.settings.smoothAlpha) {
        return nullptr;
    }
    json scan = nullptr;
    if (r.alphaScan) {
        scan = json::array();
        for (std::size_t i = 0; i < r.alphaScan->alphas.size(); ++i) {
            scan.push_back({{"alpha", r.alphaScan->alphas[i]},
                            {"output_sqnr_db", number(r.alphaScan->outputSqnrDb[i])}});
        }
    }
    return {{"alpha", *r.settings.smoothAlpha},
            {"auto", r.alphaScan.has_value()},
            {"scales", numbers(r.after.smoothScales)},
            {"zero_channels", r.after.zeroChannels},
            {"alpha_scan", scan}};
}

json rotationJson(const MitigationReport& r)
{
    if (!r.after.rotation) {
        return nullptr;
    }
    const HadamardPlan& plan = *r.after.rotation;
    return {{"kind", "hadamard"},
            {"seed", *r.settings.rotationSeed},
            {"size", plan.size},
            {"block", plan.block},
            {"block_diagonal", plan.blockDiagonal()}};
}

json decompositionJson(const MitigationReport& r)
{
    if (!r.settings.int8Threshold) {
        return nullptr;
    }
    return {{"threshold", *r.settings.int8Threshold},
            {"float16_channels", r.after.float16Channels},
            {"count", r.after.float16Channels.size()}};
}

double worstChannel(const MitigationOutcome& o)
{
    double worst = std::numeric_limits<double>::infinity();
    for (const double v : o.outputChannelSqnrDb) {
        worst = std::min(worst, v);
    }
    return worst;
}

std::string decibels(double value)
{
    return std::isinf(value) ? std::string(value > 0 ? "lossless" : "-inf") : columnFixed(value, 2);
}

std::string plain(double value)
{
    return std::isnan(value) ? std::string("n/a") : columnFixed(value, 2);
}

} // namespace

std::string transformsSummary(const MitigationReport& r)
{
    std::string text;
    const auto add = [&text](const std::string& part) {
        text += (text.empty() ? "" : " · ") + part;
    };
    if (r.settings.smoothAlpha) {
        add("SmoothQuant α = " + columnFixed(*r.settings.smoothAlpha, 2) +
            (r.alphaScan ? " (auto)" : ""));
    }
    if (r.after.rotation) {
        const HadamardPlan& plan = *r.after.rotation;
        add("Hadamard rotation, seed " + std::to_string(*r.settings.rotationSeed) +
            (plan.blockDiagonal() ? ", block-diagonal in blocks of " + std::to_string(plan.block)
                                  : std::string()));
    }
    if (r.settings.int8Threshold) {
        add("LLM.int8(), |x| ≥ " + columnReadable(*r.settings.int8Threshold) + ": " +
            std::to_string(r.after.float16Channels.size()) + " channels in float16");
    }
    return text.empty() ? "none" : text;
}

std::string mitigationJson(const MitigationReport& r)
{
    json activations = operandJson(r.activations, r.tokens, r.inputs, r.activationFormat);
    activations["source"] = r.synthetic ? "synthetic" : "file";
    if (r.synthetic) {
        const ActivationSpec& s = *r.synthetic;
        activations["synthetic"] = {{"tokens", s.tokens},
                                    {"features", s.features},
                                    {"outlier_channels", s.outlierChannels},
                                    {"outlier_scale", s.outlierScale},
                                    {"seed", s.seed},
                                    {"outlier_channel_indices", activationOutlierChannels(s)}};
    } else {
        activations["synthetic"] = nullptr;
    }
    const json document = {{"weight", operandJson(r.weight, r.outputs, r.inputs, r.weightFormat)},
                           {"activations", activations},
                           {"before", measuresJson(r.before)},
                           {"after", measuresJson(r.after)},
                           {"smooth", smoothJson(r)},
                           {"rotation", rotationJson(r)},
                           {"int8_decomposition", decompositionJson(r)},
                           {"warnings", warningsJson(r.loadWarnings, r.after.warnings)}};
    return dumpJson(document);
}

std::string mitigationText(const MitigationReport& r)
{
    std::string text = "weight       " + (r.weight.name.empty() ? "" : r.weight.name + " ") +
                       shapeToString(r.weight.shape) + " as [" + std::to_string(r.outputs) + ", " +
                       std::to_string(r.inputs) + "], " + r.weightFormat + "\n";
    text += "activations  " +
            (r.synthetic ? "synthetic (" + std::to_string(r.synthetic->outlierChannels) +
                               " outlier channels × " + columnReadable(r.synthetic->outlierScale) +
                               ", seed " + std::to_string(r.synthetic->seed) + ") "
                         : (r.activations.name.empty() ? "" : r.activations.name + " ")) +
            shapeToString(r.activations.shape) + " as [" + std::to_string(r.tokens) + ", " +
            std::to_string(r.inputs) + "], " + r.activationFormat + "\n";
    text += "transforms   " + transformsSummary(r) + "\n\n";

    const std::size_t label = 32;
    const std::size_t cell = 12;
    text += padded("", label) + padded("before", cell, true) + padded("after", cell, true) + "\n";
    const auto row = [&](const char* name, const std::string& before, const std::string& after) {
        text += padded(name, label) + padded(before, cell, true) + padded(after, cell, true) + "\n";
    };
    row("output SQNR (dB)", decibels(r.before.outputSqnrDb), decibels(r.after.outputSqnrDb));
    row("worst output channel SQNR (dB)", decibels(worstChannel(r.before)),
        decibels(worstChannel(r.after)));
    row("weight SQNR (dB)", decibels(r.before.weight.sqnrDb), decibels(r.after.weight.sqnrDb));
    row("activation SQNR (dB)", decibels(r.before.activations.sqnrDb),
        decibels(r.after.activations.sqnrDb));
    row("weight kurtosis", plain(r.before.weight.kurtosis), plain(r.after.weight.kurtosis));
    row("activation kurtosis", plain(r.before.activations.kurtosis),
        plain(r.after.activations.kurtosis));
    row("weight max/std", plain(r.before.weight.maxOverStd), plain(r.after.weight.maxOverStd));
    row("activation max/std", plain(r.before.activations.maxOverStd),
        plain(r.after.activations.maxOverStd));
    if (r.alphaScan) {
        text += "\nSmoothQuant α scan (output SQNR, dB):";
        for (std::size_t i = 0; i < r.alphaScan->alphas.size(); ++i) {
            text += (i % 7 == 0 ? "\n  " : "  ") + columnFixed(r.alphaScan->alphas[i], 2) + " " +
                    decibels(r.alphaScan->outputSqnrDb[i]) + (i == r.alphaScan->best ? "*" : "");
        }
        text += "\n";
    }
    for (const Warnings* list : {&r.loadWarnings, &r.after.warnings}) {
        for (const Warning& w : *list) {
            text += "warning: " + w.message + "\n";
        }
    }
    return text;
}

} // namespace qs
