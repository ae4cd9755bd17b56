#include "common/source_options.h"

#include "common/cli_support.h"
#include "generate/data_presets.h"

#include <charconv>

namespace qs::cli {
namespace {

std::vector<std::string> presetNames()
{
    std::vector<std::string> names;
    for (const DataPreset& preset : dataPresets()) {
        names.emplace_back(preset.name);
    }
    return names;
}

} // namespace

void addSourceOptions(CLI::App& command, SourceOptions& o)
{
    const std::string input = "Tensor source";
    command
        .add_option("--input,-i", o.input,
                    "Tensor file: PATH or PATH#TENSOR. Tensor files: .npy, .csv/.tsv/.txt, raw "
                    "binary (--raw-dtype). Model files (TENSOR picks one; without it the "
                    "window offers a picker): .safetensors and its index .json, .npz, .gguf, "
                    ".onnx, a TF.js model.json")
        ->group(input);
    command
        .add_option("--raw-dtype", o.rawDtype,
                    "Read --input as raw binary of this dtype (<f4, >i2, float32, uint8, ...)")
        ->group(input);
    command
        .add_option("--raw-shape", o.rawShape, "Shape of the raw data, e.g. 120,100 (default: 1-D)")
        ->group(input);
    command.add_option("--raw-offset", o.rawOffset, "Bytes to skip before the raw data")
        ->group(input);
    command.add_option("--preset-data", o.presetData, "Built-in data set")
        ->check(CLI::IsMember(presetNames()))
        ->group(input);
    command
        .add_option("--generate", o.distribution,
                    "Generate values from a distribution (NumPy legacy RNG)")
        ->check(memberOf(distributionNames()))
        ->group(input);

    const std::string gen = "Generator (with --generate)";
    command.add_option("--count", o.count, "Number of values (default 4096)")->group(gen);
    command.add_option("--shape", o.shape, "Shape instead of --count, e.g. 64,128")->group(gen);
    command.add_option("--seed", o.seed, "np.random.seed value (default 0)")->group(gen);
    command
        .add_option("--mean", o.generate.mean,
                    "normal/laplace/student-t/lognormal/bimodal/relu: location")
        ->group(gen);
    command
        .add_option("--std", o.generate.std, "normal/lognormal/bimodal/relu: standard deviation")
        ->group(gen);
    command.add_option("--low", o.generate.low, "uniform: lower bound")->group(gen);
    command.add_option("--high", o.generate.high, "uniform: upper bound")->group(gen);
    command.add_option("--scale", o.generate.scale, "laplace/student-t: scale")->group(gen);
    command.add_option("--df", o.generate.df, "student-t: degrees of freedom")->group(gen);
    command.add_option("--mean2", o.generate.mean2, "bimodal: second mean")->group(gen);
    command.add_option("--weight", o.generate.weight, "bimodal: share of the first component")
        ->group(gen);
    command
        .add_option("--outliers", o.generate.outliers.count,
                    "Replace this many seeded positions with outliers")
        ->group(gen);
    command
        .add_option("--outlier-magnitude", o.generate.outliers.magnitude,
                    "Outlier size (default 10)")
        ->group(gen);
    command
        .add_option("--outlier-unit", o.outlierUnit,
                    "sigma: mean ± magnitude·std; absolute: ± magnitude")
        ->check(memberOf(outlierUnitNames()))
        ->group(gen);
    command.add_option("--outlier-sign", o.outlierSign, "Sign of the outliers")
        ->check(memberOf(outlierSignNames()))
        ->group(gen);
}

Result<Shape> parseShape(const std::string& text)
{
    Shape shape;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find_first_of(",x", pos);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::int64_t dim = -1;
        const auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + end, dim);
        if (ec != std::errc() || ptr != text.data() + end || dim < 0) {
            return fail(ErrorCode::InvalidArgument,
                        "invalid shape '" + text + "' (expected e.g. 64,128)");
        }
        shape.push_back(dim);
        pos = end + 1;
    }
    return shape;
}

Result<TensorSource> makeTensorSource(const SourceOptions& o)
{
    const int given = (o.input.empty() ? 0 : 1) + (o.distribution.empty() ? 0 : 1) +
                      (o.presetData.empty() ? 0 : 1);
    if (given != 1) {
        return fail(ErrorCode::InvalidArgument,
                    given == 0
                        ? "no tensor given: use --input PATH, --generate DIST or --preset-data NAME"
                        : "give only one of --input, --generate and --preset-data");
    }
    if (!o.presetData.empty()) {
        return PresetSpec{o.presetData};
    }
    if (!o.input.empty()) {
        FileSpec file = parseInputLocation(o.input);
        if (!o.rawDtype.empty()) {
            auto raw = rawSpecFromDtype(o.rawDtype);
            if (!raw) {
                return fail(ErrorCode::InvalidArgument, "--raw-dtype: " + raw.error().message);
            }
            if (!o.rawShape.empty()) {
                auto shape = parseShape(o.rawShape);
                if (!shape) {
                    return std::unexpected(shape.error());
                }
                raw->shape = *shape;
            }
            raw->offset = o.rawOffset;
            file.raw = *raw;
        } else if (!o.rawShape.empty() || o.rawOffset != 0) {
            return fail(ErrorCode::InvalidArgument,
                        "--raw-shape and --raw-offset need --raw-dtype");
        }
        return file;
    }
    GenerateSpec spec = o.generate;
    spec.distribution = *distributionFromName(o.distribution);
    spec.seed = o.seed;
    spec.outliers.unit = *outlierUnitFromName(o.outlierUnit);
    spec.outliers.sign = *outlierSignFromName(o.outlierSign);
    if (o.count && !o.shape.empty()) {
        return fail(ErrorCode::InvalidArgument, "give either --count or --shape, not both");
    }
    if (!o.shape.empty()) {
        auto shape = parseShape(o.shape);
        if (!shape) {
            return std::unexpected(shape.error());
        }
        spec.shape = *shape;
    } else {
        spec.shape = {
            static_cast<std::int64_t>(std::min<std::uint64_t>(o.count.value_or(4096), INT64_MAX))};
    }
    return spec;
}

Error withSourceFile(Error error, const TensorSource& source)
{
    if (error.file.empty() && std::holds_alternative<FileSpec>(source)) {
        error.file = std::get<FileSpec>(source).path;
    }
    return error;
}

} // namespace qs::cli
