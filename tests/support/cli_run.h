#pragma once
// quantscope-cli run as a user's script runs it: its exit code and both streams.

#include <QString>
#include <QStringList>

namespace qs::test {

struct CliRun
{
    int exitCode = -1; // -1 when it crashed or did not finish within two minutes
    QString out;
    QString err;
};

CliRun runCli(const QStringList& arguments);

} // namespace qs::test
