#pragma once
// The report people read of one mitigation experiment (the Outliers view's File → Export Report,
// `quantscope-cli mitigate --report`): the layer, the transforms, the measures before and after
// and the view's figures, as HTML (PDF is printed from it) or Markdown. The figures are made by
// the caller (the window's plots): each arrives as markup for HTML (inline SVG, or an <img> for
// the PDF printer) or as a file name for Markdown.

#include "common/translatable.h"
#include "report/mitigation_report.h"

#include <functional>
#include <string>
#include <vector>

namespace qs {

struct MitigationWords
{
    std::string language = "en"; // the HTML page's lang attribute (not translated)
    std::string title = QS_TRANSLATABLE("Report", "QuantScope: outlier mitigation");
    std::string weight = QS_TRANSLATABLE("Report", "weight W");
    std::string activations = QS_TRANSLATABLE("Report", "activations X");
    std::string synthetic =
        QS_TRANSLATABLE("Report", "synthetic: %1 outlier channels × %2, seed %3 (no model "
                                  "produced these values)");
    std::string transforms = QS_TRANSLATABLE("Report", "transforms");
    std::string none = QS_TRANSLATABLE("Report", "none");
    // α, " (auto)" or nothing
    std::string smooth = QS_TRANSLATABLE("Report", "SmoothQuant α = %1%2");
    std::string autoChosen = QS_TRANSLATABLE("Report", " (auto)");
    std::string rotation = QS_TRANSLATABLE("Report", "Hadamard rotation, seed %1");
    std::string blockDiagonal = QS_TRANSLATABLE("Report", "block-diagonal in blocks of %1");
    // threshold, channel count
    std::string decomposition =
        QS_TRANSLATABLE("Report", "LLM.int8(), |x| ≥ %1: %2 channels in float16");
    std::string measure = QS_TRANSLATABLE("Report", "measure");
    std::string before = QS_TRANSLATABLE("Report", "before");
    std::string after = QS_TRANSLATABLE("Report", "after");
    std::string outputSqnr = QS_TRANSLATABLE("Report", "output SQNR (dB)");
    std::string worstChannel = QS_TRANSLATABLE("Report", "worst output channel SQNR (dB)");
    std::string weightSqnr = QS_TRANSLATABLE("Report", "weight SQNR (dB)");
    std::string activationSqnr = QS_TRANSLATABLE("Report", "activation SQNR (dB)");
    std::string weightKurtosis = QS_TRANSLATABLE("Report", "weight kurtosis");
    std::string activationKurtosis = QS_TRANSLATABLE("Report", "activation kurtosis");
    std::string weightPeak = QS_TRANSLATABLE("Report", "weight max/σ");
    std::string activationPeak = QS_TRANSLATABLE("Report", "activation max/σ");
    std::string lossless = QS_TRANSLATABLE("Report", "lossless");
    std::string howToRead = QS_TRANSLATABLE(
        "Report", "The output SQNR compares the quantized product Q(X′)·Q(W′)ᵀ with X·Wᵀ computed "
                  "in float64; every transform keeps that product exact before quantization, so "
                  "what it changes is only how well each side fits its grid. Kurtosis is "
                  "E[(x − μ)⁴]/σ⁴: 3 for a Gaussian, far above it when a few channels carry "
                  "outliers.");
    std::string warnings = QS_TRANSLATABLE("Report", "Warnings");
};

// Calls `visit` on every translatable word (not `language`).
void forEachWord(MitigationWords& words, const std::function<void(std::string&)>& visit);

struct MitigationFigure
{
    std::string caption;
    std::string content; // HTML markup, or the Markdown image's file name
};

std::string mitigationHtml(const MitigationReport& report,
                           const std::vector<MitigationFigure>& figures,
                           const MitigationWords& words = {});
std::string mitigationMarkdown(const MitigationReport& report,
                               const std::vector<MitigationFigure>& figures,
                               const MitigationWords& words = {});

} // namespace qs
