#pragma once
// For the commands that draw the window's plots (plot, report): analyse the tensor as the
// window does and hand the snapshot to `write`, with a QApplication on Qt's offscreen platform
// (unless QT_QPA_PLATFORM says otherwise) that lives for the command only.

#include "analysis_snapshot.h"
#include "common/scheme_options.h"
#include "common/source_options.h"

#include <QString>

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace qs::cli {

// --lang en|zh_CN: the language of the plots' labels and the report's words. English unless
// asked, so that scripts get the same text on every machine.
void addLanguageOption(CLI::App& command, std::string& language);

// Runs `work` with a QApplication on the offscreen platform (Qt's own chatter silenced) that ends
// before this returns, speaking `language`; returns what `work` returns.
int runWithOffscreenApplication(const std::string& language, const std::function<int()>& work);

// `write` returns an empty string on success or the reason (naming the file). Prints
// "wrote OUT" or one error line; returns the exit code. While it works, a terminal's stderr shows
// how far it is, under the name of `command`.
int writeFromSnapshot(const std::string& command, const SourceOptions& source,
                      const SchemeOptions& scheme, const std::string& out,
                      const std::string& language,
                      const std::function<QString(const ui::SnapshotPtr&)>& write);

} // namespace qs::cli
