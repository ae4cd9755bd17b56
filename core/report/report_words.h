#pragma once
// The words of the reports people read (HTML, PDF, Markdown): headings, labels and column names.
// They are English here, each marked QS_TRANSLATABLE("Report", ...); the interface runs them
// through its catalogue (forEachWord) so that a report is written in the interface language.
// Patterns hold %1, %2, ... for the values (fillPattern). JSON and CSV keep their keys: programs
// read them.

#include "common/text_pattern.h"
#include "common/translatable.h"

#include <functional>
#include <string>
#include <vector>

namespace qs {

struct ReportWords
{
    std::string language = "en"; // the HTML page's lang attribute (not translated)

    // The report of one tensor.
    std::string title = QS_TRANSLATABLE("Report", "QuantScope report: %1");
    std::string formulas = QS_TRANSLATABLE("Report", "Formulas");
    std::string errorAndSchemes = QS_TRANSLATABLE("Report", "Error and the three schemes");
    std::string walkthrough = QS_TRANSLATABLE("Report", "Walkthrough");
    std::string groups = QS_TRANSLATABLE("Report", "Groups");
    std::string warnings = QS_TRANSLATABLE("Report", "Warnings");
    std::string metric = QS_TRANSLATABLE("Report", "metric");
    std::string current = QS_TRANSLATABLE("Report", "current");
    std::string general = QS_TRANSLATABLE("Report", "general");
    std::string symmetric = QS_TRANSLATABLE("Report", "symmetric");
    std::string asymmetric = QS_TRANSLATABLE("Report", "asymmetric");
    std::string source = QS_TRANSLATABLE("Report", "source");
    std::string tensor = QS_TRANSLATABLE("Report", "tensor");
    std::string shape = QS_TRANSLATABLE("Report", "shape");
    std::string dtype = QS_TRANSLATABLE("Report", "dtype");
    std::string count = QS_TRANSLATABLE("Report", "count");
    std::string minMax = QS_TRANSLATABLE("Report", "min / max");
    std::string meanStd = QS_TRANSLATABLE("Report", "mean / std");
    std::string scheme = QS_TRANSLATABLE("Report", "scheme");
    // name, bits, signed/unsigned, rounding
    std::string schemePattern = QS_TRANSLATABLE("Report", "%1, %2-bit %3, rounding %4");
    std::string signedCodes = QS_TRANSLATABLE("Report", "signed");
    std::string unsignedCodes = QS_TRANSLATABLE("Report", "unsigned");
    std::string calibration = QS_TRANSLATABLE("Report", "calibration");
    std::string granularity = QS_TRANSLATABLE("Report", "granularity");
    std::string oneGroup = QS_TRANSLATABLE("Report", "%1 (1 group)");
    std::string manyGroups = QS_TRANSLATABLE("Report", "%1 (%2 groups)");
    std::string codeRange = QS_TRANSLATABLE("Report", "Qmin .. Qmax");
    std::string scale = QS_TRANSLATABLE("Report", "Scale");
    std::string zeroPoint = QS_TRANSLATABLE("Report", "Z (zero point)");
    std::string clipRange = QS_TRANSLATABLE("Report", "clip range");
    std::string group = QS_TRANSLATABLE("Report", "group");
    std::string min = QS_TRANSLATABLE("Report", "min");
    std::string max = QS_TRANSLATABLE("Report", "max");
    std::string sqnrDb = QS_TRANSLATABLE("Report", "SQNR dB");
    std::string clipped = QS_TRANSLATABLE("Report", "clipped");

    // A number format other than the integer grid, in the parameters table.
    std::string numberFormat = QS_TRANSLATABLE("Report", "number format");
    std::string formatOptions = QS_TRANSLATABLE("Report", "format options");
    std::string blockSize = QS_TRANSLATABLE("Report", "block size");
    std::string scaleFormat = QS_TRANSLATABLE("Report", "scale format");
    std::string bitsPerValue = QS_TRANSLATABLE("Report", "bits per value");
    std::string tensorScale = QS_TRANSLATABLE("Report", "S (tensor scale)");
    // The variant options by analyze --json's "format" keys (their values are the CLI's names).
    std::string plainCast = QS_TRANSLATABLE("Report", "a plain cast (no scale)");
    std::string overflow = QS_TRANSLATABLE("Report", "overflow");
    std::string mxScaleRule = QS_TRANSLATABLE("Report", "MX scale rule");
    std::string elementRounding = QS_TRANSLATABLE("Report", "element rounding");
    std::string nvfp4Flavour = QS_TRANSLATABLE("Report", "NVFP4 flavour");
    std::string bnbBackend = QS_TRANSLATABLE("Report", "bitsandbytes backend");

    // The formats' shoot-out on the same tensor.
    std::string shootout = QS_TRANSLATABLE("Report", "Formats at equal bits");
    std::string shootoutNote =
        QS_TRANSLATABLE("Report", "Best SQNR first. ★ marks the Pareto front: no other format "
                                  "has at least its SQNR with fewer bits per value.");
    std::string format = QS_TRANSLATABLE("Report", "format");
    std::string saturated = QS_TRANSLATABLE("Report", "saturated");

    // Calibration as each framework computes it, on the same tensor.
    std::string calibrationChoices =
        QS_TRANSLATABLE("Report", "Calibration as each framework computes it");
    std::string calibrationNote = QS_TRANSLATABLE(
        "Report", "Every method's range on the whole tensor, then the frameworks' variants "
                  "(pytorch-quantization, ONNX Runtime, MXNet), each as its published source "
                  "computes it; the grid is the report's own.");
    std::string asComputedBy = QS_TRANSLATABLE("Report", "as computed by");
    std::string threshold = QS_TRANSLATABLE("Report", "threshold");
    std::string chosen = QS_TRANSLATABLE("Report", "chosen");

    // The metric rows, by analyze --json's keys.
    std::vector<std::pair<std::string, std::string>> metrics{
        {"mse", QS_TRANSLATABLE("Report", "MSE")},
        {"rmse", QS_TRANSLATABLE("Report", "RMSE")},
        {"mae", QS_TRANSLATABLE("Report", "MAE")},
        {"max_abs_error", QS_TRANSLATABLE("Report", "max |error|")},
        {"sqnr_db", QS_TRANSLATABLE("Report", "SQNR (dB)")},
        {"cosine_similarity", QS_TRANSLATABLE("Report", "cosine similarity")},
        {"clipped_below", QS_TRANSLATABLE("Report", "clipped below")},
        {"clipped_above", QS_TRANSLATABLE("Report", "clipped above")},
        {"clipped_fraction", QS_TRANSLATABLE("Report", "clipped share")},
        {"codes_used", QS_TRANSLATABLE("Report", "codes used")},
        {"codes_total", QS_TRANSLATABLE("Report", "codes in the grid")},
        {"zero_code_fraction", QS_TRANSLATABLE("Report", "zero-code share")},
        {"unused_range_fraction", QS_TRANSLATABLE("Report", "unused range")},
    };

    // The report of a model file.
    std::string modelTitle = QS_TRANSLATABLE("Report", "QuantScope model report");
    // file, format, tensor count, scheme line, skipped count
    std::string modelSummary =
        QS_TRANSLATABLE("Report", "%1 (%2), %3 tensors under %4; %5 skipped.");
    // scheme, bits, granularity, calibration
    std::string modelScheme = QS_TRANSLATABLE("Report", "%1, %2-bit, %3, calibration %4");
    std::string worstChart = QS_TRANSLATABLE("Report", "The tensors with the lowest SQNR");
    std::vector<std::string> modelColumns{QS_TRANSLATABLE("Report", "tensor"),
                                          QS_TRANSLATABLE("Report", "shape"),
                                          QS_TRANSLATABLE("Report", "dtype"),
                                          QS_TRANSLATABLE("Report", "SQNR dB"),
                                          QS_TRANSLATABLE("Report", "gain per channel dB"),
                                          QS_TRANSLATABLE("Report", "zero code"),
                                          QS_TRANSLATABLE("Report", "max/std"),
                                          QS_TRANSLATABLE("Report", "outlier rules")};
    std::string quantizedFlag = QS_TRANSLATABLE("Report", "quantized");
    // format name, calibration: the scheme line of a minifloat, MX, NVFP4 or bitsandbytes format
    std::string modelFormat = QS_TRANSLATABLE("Report", "%1, calibration %2");
    // the bits class (4 or 8): the column of each tensor's best format of the shoot-out
    std::string bestFormatColumn = QS_TRANSLATABLE("Report", "best %1-bit format");
    // A GGUF file: bits per value, values, the types with their tensor counts, the label
    std::string ggufAudit =
        QS_TRANSLATABLE("Report", "GGUF: %1 bits per value over %2 values; %3. Labelled %4.");
    std::string labelDisagrees = QS_TRANSLATABLE("Report", "The label disagrees: %1.");
    // the column of each tensor's stored values against the reference file
    std::string referenceSqnrColumn = QS_TRANSLATABLE("Report", "stored vs reference SQNR dB");
    // budget; bits per value and total squared error chosen; the file's two
    std::string recipeSummary = QS_TRANSLATABLE(
        "Report", "Recipe within %1 bits per value: %2 bits per value, total squared error %3 "
                  "(the file: %4 bits per value, %5). As llama-quantize arguments:");
};

// Calls `visit` on every translatable word (not `language`), so an interface can replace each
// with its translation.
void forEachWord(ReportWords& words, const std::function<void(std::string&)>& visit);

// The label of a metric key (the key itself if unknown).
std::string metricLabel(const ReportWords& words, const std::string& key);

} // namespace qs
