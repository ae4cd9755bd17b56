#include "support/model_files.h"

#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/temp_files.h"

#include <QtTest>

#include <zip.h>

#include <bit>
#include <cstring>

namespace qs::test {

QByteArray safetensorsBytes(const QByteArray& header, const QByteArray& data)
{
    QByteArray bytes(8, '\0');
    auto length = static_cast<quint64>(header.size());
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<char>((length >> (8 * i)) & 0xff);
    }
    return bytes + header + data;
}

QByteArray floatBytes(const std::vector<float>& values)
{
    QByteArray bytes;
    for (const float value : values) {
        const auto bits = std::bit_cast<quint32>(value);
        for (int i = 0; i < 4; ++i) {
            bytes += static_cast<char>((bits >> (8 * i)) & 0xff);
        }
    }
    return bytes;
}

Tensor loadNamed(const std::string& path, const std::string& name)
{
    auto loaded = loadTensorFile(FileSpec{path, name, {}});
    if (!loaded) {
        qFatal("%s", loaded.error().describe().c_str());
    }
    return std::move(loaded->tensor);
}

void verifyRefused(const std::string& path, ErrorCode code, const QString& words)
{
    const auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY(!archive);
    const std::string text = archive.error().describe();
    QCOMPARE(int(archive.error().code), int(code));
    QVERIFY2(text.find(words.toStdString()) != std::string::npos, text.c_str());
    QVERIFY2(text.starts_with(path), text.c_str());
}

void verifyRefused(const QString& fileName, const QByteArray& bytes, int code, const QString& words)
{
    ScratchDir dir;
    verifyRefused(dir.write(fileName, bytes), static_cast<ErrorCode>(code), words);
}

void writeZip(const std::string& path, const std::vector<ZipMember>& members)
{
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        qFatal("cannot create zip %s", path.c_str());
    }
    for (const ZipMember& member : members) {
        // libzip reads the buffer at zip_close: keep a copy alive until then.
        void* copy = std::malloc(static_cast<std::size_t>(member.bytes.size()) + 1);
        std::memcpy(copy, member.bytes.constData(), static_cast<std::size_t>(member.bytes.size()));
        zip_source_t* source =
            zip_source_buffer(archive, copy, static_cast<zip_uint64_t>(member.bytes.size()), 1);
        const zip_int64_t index =
            zip_file_add(archive, member.name.toUtf8().constData(), source, ZIP_FL_OVERWRITE);
        if (index < 0) {
            qFatal("cannot add %s", qPrintable(member.name));
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 member.deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    if (zip_close(archive) != 0) {
        qFatal("cannot write zip %s", path.c_str());
    }
}

} // namespace qs::test
