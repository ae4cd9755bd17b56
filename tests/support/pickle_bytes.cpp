#include "support/pickle_bytes.h"

#include "support/model_files.h"

#include <QtEndian>

namespace qs::test {

PickleWriter& PickleWriter::proto(int version)
{
    m_bytes.append(static_cast<char>(0x80));
    m_bytes.append(static_cast<char>(version));
    return *this;
}

PickleWriter& PickleWriter::op(char code)
{
    m_bytes.append(code);
    return *this;
}

PickleWriter& PickleWriter::raw(const QByteArray& bytes)
{
    m_bytes.append(bytes);
    return *this;
}

PickleWriter& PickleWriter::global(const char* module, const char* name)
{
    m_bytes.append('c').append(module).append('\n').append(name).append('\n');
    return *this;
}

PickleWriter& PickleWriter::text(const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    m_bytes.append('X');
    const quint32 length = qToLittleEndian(static_cast<quint32>(utf8.size()));
    m_bytes.append(reinterpret_cast<const char*>(&length), 4);
    m_bytes.append(utf8);
    return *this;
}

PickleWriter& PickleWriter::integer(qint64 value)
{
    if (value >= 0 && value < 256) {
        m_bytes.append('K').append(static_cast<char>(value));
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
        const qint32 little = qToLittleEndian(static_cast<qint32>(value));
        m_bytes.append('J').append(reinterpret_cast<const char*>(&little), 4);
    } else {
        const qint64 little = qToLittleEndian(value);
        m_bytes.append(static_cast<char>(0x8a)).append(static_cast<char>(8));
        m_bytes.append(reinterpret_cast<const char*>(&little), 8);
    }
    return *this;
}

PickleWriter& PickleWriter::binGet(int index)
{
    m_bytes.append('h').append(static_cast<char>(index));
    return *this;
}

PickleWriter& PickleWriter::binPut(int index)
{
    m_bytes.append('q').append(static_cast<char>(index));
    return *this;
}

PickleWriter& PickleWriter::integers(const std::vector<qint64>& values)
{
    mark();
    for (const qint64 value : values) {
        integer(value);
    }
    return tuple();
}

PickleWriter& PickleWriter::zipStorage(const char* storageClass, const QString& key, qint64 numel,
                                       bool legacy)
{
    mark().text(QStringLiteral("storage")).global("torch", storageClass).text(key);
    text(QStringLiteral("cpu")).integer(numel);
    if (legacy) {
        op('N');
    }
    tuple();
    return op('Q');
}

PickleWriter& PickleWriter::tensorV2(const char* storageClass, const QString& key, qint64 numel,
                                     qint64 offset, const std::vector<qint64>& size,
                                     const std::vector<qint64>& stride, bool legacy)
{
    global("torch._utils", "_rebuild_tensor_v2");
    mark()
        .zipStorage(storageClass, key, numel, legacy)
        .integer(offset)
        .integers(size)
        .integers(stride);
    op(static_cast<char>(0x89)); // NEWFALSE: requires_grad
    global("collections", "OrderedDict").op(')').reduce();
    return tuple().reduce();
}

QByteArray legacyTorchBytes(const QByteArray& payload)
{
    QByteArray bytes;
    // 0x1950a86a20f9469cfc6c as LONG1, then 1001, then {'little_endian': True}.
    bytes.append(QByteArray::fromHex("80028a0a6cfc9c46f9206aa850192e"));
    bytes.append(QByteArray::fromHex("80024de9032e"));
    bytes.append(PickleWriter()
                     .proto()
                     .op('}')
                     .text(QStringLiteral("little_endian"))
                     .op(static_cast<char>(0x88))
                     .op('s')
                     .stop()
                     .bytes());
    bytes.append(payload);
    return bytes;
}

void writeTorchZip(const std::string& path, const QByteArray& pickle,
                   const std::vector<std::pair<QString, QByteArray>>& records,
                   const QString& folder)
{
    std::vector<ZipMember> members;
    members.push_back({folder + QStringLiteral("/data.pkl"), pickle});
    for (const auto& [key, bytes] : records) {
        members.push_back({folder + QStringLiteral("/data/") + key, bytes});
    }
    members.push_back({folder + QStringLiteral("/version"), QByteArrayLiteral("3\n")});
    writeZip(path, members);
}

} // namespace qs::test
