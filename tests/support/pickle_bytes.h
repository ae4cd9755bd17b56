#pragma once
// Pickles written opcode by opcode, for tests of the restricted unpickler: hostile payloads
// (which a real Python would execute) and torch.save shapes no fixture file covers. Written from
// the opcode table of CPython's Lib/pickletools.py, independently of core's unpickler.

#include <QByteArray>
#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace qs::test {

class PickleWriter
{
public:
    PickleWriter& proto(int version = 2);
    PickleWriter& op(char code); // one opcode without an argument
    PickleWriter& raw(const QByteArray& bytes);
    PickleWriter& global(const char* module, const char* name); // GLOBAL module\nname\n
    PickleWriter& text(const QString& value);                   // BINUNICODE
    PickleWriter& integer(qint64 value);                        // BININT1/BININT/LONG1
    PickleWriter& binGet(int index);
    PickleWriter& binPut(int index);
    PickleWriter& mark() { return op('('); }
    PickleWriter& tuple() { return op('t'); }
    PickleWriter& reduce() { return op('R'); }
    PickleWriter& stop() { return op('.'); }
    // ('storage', torch.CLASS, key, 'cpu', numel) BINPERSID: a storage of the zip layout; the
    // legacy layout's id has a sixth item, its view (None here).
    PickleWriter& zipStorage(const char* storageClass, const QString& key, qint64 numel,
                             bool legacy = false);
    // _rebuild_tensor_v2(<storage>, offset, size, stride, False, OrderedDict()).
    PickleWriter& tensorV2(const char* storageClass, const QString& key, qint64 numel,
                           qint64 offset, const std::vector<qint64>& size,
                           const std::vector<qint64>& stride, bool legacy = false);
    QByteArray bytes() const { return m_bytes; }

private:
    PickleWriter& integers(const std::vector<qint64>& values); // as a tuple
    QByteArray m_bytes;
};

// The legacy layout's three framing pickles (magic number, protocol 1001, little-endian system
// info) followed by `payload`.
QByteArray legacyTorchBytes(const QByteArray& payload);

// A torch.save zip: archive/data.pkl, archive/data/KEY records (stored), archive/version.
void writeTorchZip(const std::string& path, const QByteArray& pickle,
                   const std::vector<std::pair<QString, QByteArray>>& records,
                   const QString& folder = QStringLiteral("archive"));

} // namespace qs::test
