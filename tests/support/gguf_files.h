#pragma once
// GGUF files written by the tests byte by byte (nothing binary is committed).

#include <QByteArray>

#include <utility>
#include <vector>

namespace qs::test {

// Little-endian fields and GGUF's length-prefixed strings.
void put32(QByteArray& bytes, quint32 value);
void put64(QByteArray& bytes, quint64 value);
void putString(QByteArray& bytes, const QByteArray& text);

struct GgufTensor
{
    QByteArray name;
    std::vector<quint64> dims; // ggml order: fastest first
    quint32 type;
    QByteArray data;
};

// A version-3 file: general.architecture, general.alignment (when not 32), a token array and an
// int32 array, `counts` (more uint32 metadata: general.file_type, llama.attention.head_count,
// ...), then the tensors back to back at aligned offsets.
QByteArray ggufBytes(const std::vector<GgufTensor>& tensors, quint64 alignment = 32,
                     const std::vector<std::pair<QByteArray, quint32>>& counts = {});

} // namespace qs::test
