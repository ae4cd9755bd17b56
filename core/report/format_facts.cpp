#include "report/format_facts.h"

#include "report/readable_numbers.h"

#include <array>

namespace qs {
namespace {

// "overflow: saturate; element rounding: even" — the options formatJson wrote, in its order.
std::string optionsText(const json& format, const ReportWords& w)
{
    const std::array<std::pair<const char*, const std::string*>, 5> labels{{
        {"overflow", &w.overflow},
        {"mx_scale", &w.mxScaleRule},
        {"element_rounding", &w.elementRounding},
        {"nvfp4_flavour", &w.nvfp4Flavour},
        {"bnb_backend", &w.bnbBackend},
    }};
    std::string out;
    const auto add = [&out](const std::string& text) {
        out += (out.empty() ? "" : "; ") + text;
    };
    if (format.value("no_scale", false)) {
        add(w.plainCast);
    }
    for (const auto& [key, label] : labels) {
        if (format.contains(key)) {
            add(*label + ": " + format.at(key).get<std::string>());
        }
    }
    return out;
}

} // namespace

bool isIntegerGridFormat(const json& format)
{
    return format.contains("scale_storage");
}

std::vector<ReportFact> formatNameFacts(const json& format, const ReportWords& w)
{
    std::vector<ReportFact> out{{w.numberFormat, format.at("name").get<std::string>()}};
    if (std::string options = optionsText(format, w); !options.empty()) {
        out.emplace_back(w.formatOptions, std::move(options));
    }
    return out;
}

std::vector<ReportFact> formatScaleFacts(const json& format, const ReportWords& w)
{
    std::vector<ReportFact> out;
    if (const json& block = format.at("block_size"); !block.is_null()) {
        out.emplace_back(w.blockSize, block.dump());
    }
    out.emplace_back(w.scaleFormat, format.at("scale_format").get<std::string>());
    if (const json& bits = format.at("bits_per_value"); !bits.is_null()) {
        out.emplace_back(w.bitsPerValue, bitsText(bits.get<double>()));
    }
    if (format.contains("tensor_scale") && !format.at("tensor_scale").is_null()) {
        out.emplace_back(w.tensorScale, float32Text(format.at("tensor_scale").get<double>()));
    }
    return out;
}

} // namespace qs
