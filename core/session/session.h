#pragma once
// A QuantScope session: what is analysed (a generator spec, a data preset, or a file and tensor
// name), how (the whole QuantSpec) and how it is shown (view state), as a versioned JSON
// `.qscope` file. The CLI and the window read and write the same files.

#include "common/error.h"
#include "io/tensor_source.h"
#include "quant/quant_spec.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace qs {

inline constexpr int kSessionVersion = 1;

struct ViewState
{
    std::string view = "quantizer"; // the centre tab: quantizer, channels, sweeps, model, outliers
    std::string table = "error";    // the right tab: error, compare, walkthrough
    std::optional<std::pair<double, double>> zoom; // the histogram's value axis, when zoomed
    double outlierSigmas = 6;
    bool logCounts = false;
    int channel = 0;        // the channel picked in the Channels view
    int shootoutBits = 4;   // the Formats tab's class: 4 or 8
    int bestFormatBits = 0; // the Model view's "Best format" column: 0 (none), 4 or 8

    friend bool operator==(const ViewState&, const ViewState&) = default;
};

struct Session
{
    TensorSource source;
    QuantSpec spec;
    ViewState view;

    friend bool operator==(const Session&, const Session&) = default;
};

// Pretty-printed JSON, file paths made absolute.
std::string sessionJson(const Session& session);

// Parses a session; relative file paths are taken from `folder`. Errors name `path`:
// BadHeader (not JSON, not a session, a field of the wrong type or value), UnsupportedFormat (a
// newer version).
Result<Session> parseSession(std::string_view text, const std::string& path,
                             const std::string& folder);

// Reads and parses `path`, then checks that a file source still exists (FileNotFound naming
// both the session and the missing tensor file).
Result<Session> readSession(const std::string& path);
// As readSession, but a tensor file that is no longer where the session says is not an error:
// the window asks where it went ("Locate file…").
Result<Session> readSessionAllowingMovedFile(const std::string& path);

// Writes atomically: a failed write leaves an existing session whole. Errors: WriteFailed.
Result<void> writeSession(const std::string& path, const Session& session);

} // namespace qs
