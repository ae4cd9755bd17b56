#pragma once
// Where the tests find their fixtures and the CLI (set by tests/CMakeLists.txt).

#include <QString>

namespace qs::test {

inline QString testData(const QString& name)
{
    return QStringLiteral(QS_TEST_DATA_DIR "/") + name;
}

inline QString realData(const QString& name)
{
    return QStringLiteral(QS_REAL_DATA_DIR "/") + name;
}

inline QString cliPath()
{
    return QStringLiteral(QS_CLI_PATH);
}

inline QString guiPath()
{
    return QStringLiteral(QS_GUI_PATH);
}

} // namespace qs::test
