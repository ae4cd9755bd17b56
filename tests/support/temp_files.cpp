#include "support/temp_files.h"

#include <QFile>
#include <QtTest>

namespace qs::test {

ScratchDir::ScratchDir()
{
    QVERIFY2(m_dir.isValid(), "cannot create a temporary folder");
}

std::string ScratchDir::path(const QString& name) const
{
    return m_dir.filePath(name).toStdString();
}

std::string ScratchDir::write(const QString& name, const QByteArray& bytes)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write scratch file %s", qPrintable(name));
    }
    return path(name);
}

QByteArray readFileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray npyBytes(const QByteArray& dict, const QByteArray& data, int majorVersion)
{
    QByteArray header = dict;
    const int prefix = majorVersion == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64 != 0) {
        header += ' ';
    }
    header += '\n';
    QByteArray bytes("\x93NUMPY", 6);
    bytes += static_cast<char>(majorVersion);
    bytes += '\0';
    const auto length = static_cast<quint32>(header.size());
    bytes += static_cast<char>(length & 0xff);
    bytes += static_cast<char>((length >> 8) & 0xff);
    if (majorVersion != 1) {
        bytes += static_cast<char>((length >> 16) & 0xff);
        bytes += static_cast<char>((length >> 24) & 0xff);
    }
    return bytes + header + data;
}

} // namespace qs::test
