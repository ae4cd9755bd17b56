#pragma once
// Builders for model-file fixtures written by the tests themselves (nothing binary is committed):
// safetensors images and zip archives.

#include "common/error.h"
#include "tensor/tensor.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace qs::test {

// An 8-byte little-endian header length, the header text, then the data.
QByteArray safetensorsBytes(const QByteArray& header, const QByteArray& data);

// float32 values as little-endian bytes.
QByteArray floatBytes(const std::vector<float>& values);

// Loads the tensor `name` of the file, failing the test (qFatal) if it cannot.
Tensor loadNamed(const std::string& path, const std::string& name);

// Opening `path` as a tensor file must fail with `code`, naming the file, with `words` in the
// message (QVERIFY inside: call it last in a test function).
void verifyRefused(const std::string& path, ErrorCode code, const QString& words);
// The same for `bytes` written to a scratch file `fileName` (its extension picks the reader).
void verifyRefused(const QString& fileName, const QByteArray& bytes, int code,
                   const QString& words);

struct ZipMember
{
    QString name;
    QByteArray bytes;
    bool deflate = false;
};

// Writes a zip archive with libzip (stored or deflated members).
void writeZip(const std::string& path, const std::vector<ZipMember>& members);

} // namespace qs::test
