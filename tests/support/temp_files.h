#pragma once
// Scratch files for the loader tests.

#include <QByteArray>
#include <QTemporaryDir>

#include <string>

namespace qs::test {

class ScratchDir
{
public:
    ScratchDir();
    // Writes `bytes` to a new file `name` in the folder and returns its path.
    std::string write(const QString& name, const QByteArray& bytes);
    std::string path(const QString& name) const;

private:
    QTemporaryDir m_dir;
};

// The whole file, or empty if it cannot be read.
QByteArray readFileBytes(const QString& path);

// A .npy file image with the given header dict (padded like NumPy) and raw data bytes.
QByteArray npyBytes(const QByteArray& dict, const QByteArray& data, int majorVersion = 1);

} // namespace qs::test
