#include "support/cli_run.h"

#include "support/test_paths.h"

#include <QProcess>

namespace qs::test {

CliRun runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(cliPath(), arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace qs::test
