#include "support/gguf_files.h"

namespace qs::test {

void put32(QByteArray& bytes, quint32 value)
{
    for (int i = 0; i < 4; ++i) {
        bytes += static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

void put64(QByteArray& bytes, quint64 value)
{
    for (int i = 0; i < 8; ++i) {
        bytes += static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

void putString(QByteArray& bytes, const QByteArray& text)
{
    put64(bytes, static_cast<quint64>(text.size()));
    bytes += text;
}

QByteArray ggufBytes(const std::vector<GgufTensor>& tensors, quint64 alignment,
                     const std::vector<std::pair<QByteArray, quint32>>& counts)
{
    QByteArray bytes("GGUF");
    put32(bytes, 3);
    put64(bytes, tensors.size());
    put64(bytes, (alignment == 32 ? 3 : 4) + counts.size());
    for (const auto& [key, value] : counts) {
        putString(bytes, key);
        put32(bytes, 4);
        put32(bytes, value);
    }
    putString(bytes, "general.architecture");
    put32(bytes, 8);
    putString(bytes, "llama");
    putString(bytes, "tokenizer.ggml.tokens");
    put32(bytes, 9);
    put32(bytes, 8);
    put64(bytes, 3);
    for (const char* token : {"<s>", "a", "b"}) {
        putString(bytes, token);
    }
    putString(bytes, "llama.block_sizes");
    put32(bytes, 9);
    put32(bytes, 5);
    put64(bytes, 2);
    put32(bytes, 7);
    put32(bytes, 9);
    if (alignment != 32) {
        putString(bytes, "general.alignment");
        put32(bytes, 4);
        put32(bytes, static_cast<quint32>(alignment));
    }
    QByteArray data;
    for (const GgufTensor& t : tensors) {
        putString(bytes, t.name);
        put32(bytes, static_cast<quint32>(t.dims.size()));
        for (const quint64 d : t.dims) {
            put64(bytes, d);
        }
        put32(bytes, t.type);
        put64(bytes, static_cast<quint64>(data.size()));
        data += t.data;
        while (data.size() % static_cast<qsizetype>(alignment) != 0) {
            data += '\0';
        }
    }
    while (bytes.size() % static_cast<qsizetype>(alignment) != 0) {
        bytes += '\0';
    }
    return bytes + data;
}

} // namespace qs::test
