#include "common/session_options.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace qs::cli {

namespace {

// Options that say what to do with the session's analysis, not what to analyse; "file" is
// quantscope's FILE when it names the session.
constexpr std::array kBesideSession{
    "--session", "--save-session", "--json", "--dump-codes", "--dump-dequant", "--threads",
    "file",      "--screenshot",   "--tab",  "--zoom",       "--benchmark",    "--help"};

} // namespace

void addSessionOptions(CLI::App& command, SessionOptions& options, bool withSave)
{
    command.add_option("--session", options.load,
                       "Analyse what a saved .qscope session holds (its tensor, scheme and view)");
    if (withSave) {
        command.add_option("--save-session", options.save,
                           "Also save the tensor and scheme as a .qscope session");
    }
}

Result<std::optional<Session>> loadSessionOption(const CLI::App& command,
                                                 const SessionOptions& options, bool allowMovedFile)
{
    if (options.load.empty()) {
        return std::optional<Session>();
    }
    std::string conflicting;
    for (const CLI::Option* option : command.get_options()) {
        const std::string name = option->get_name();
        if (option->count() > 0 &&
            std::ranges::find(kBesideSession, name) == kBesideSession.end()) {
            conflicting += (conflicting.empty() ? "" : ", ") + name;
        }
    }
    if (!conflicting.empty()) {
        return fail(ErrorCode::InvalidArgument,
                    "--session gives the tensor and the scheme; drop " + conflicting);
    }
    auto session =
        allowMovedFile ? readSessionAllowingMovedFile(options.load) : readSession(options.load);
    if (!session) {
        return std::unexpected(session.error());
    }
    return std::optional<Session>(std::move(*session));
}

} // namespace qs::cli
