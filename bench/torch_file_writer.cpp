#include "torch_file_writer.h"

#include <array>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace qs::bench {
namespace {

constexpr std::uint64_t kAlignment = 64;

struct Record
{
    std::string name;
    std::uint64_t headerOffset = 0;
    std::uint64_t size = 0;
    std::uint32_t crc = 0;
};

std::uint32_t crc32(const std::string& bytes, std::uint32_t crc = 0)
{
    crc = ~crc;
    for (const char c : bytes) {
        crc ^= static_cast<unsigned char>(c);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

// CRC-32 of `count` zero bytes, one byte at a time (run once per distinct size).
std::uint32_t crc32OfZeros(std::uint64_t count)
{
    std::uint32_t crc = 0xffffffffu;
    for (std::uint64_t i = 0; i < count; ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

void little(std::string& out, std::uint64_t value, int width)
{
    for (int i = 0; i < width; ++i) {
        out += static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

void unicode(std::string& out, const std::string& text)
{
    out += 'X';
    little(out, text.size(), 4);
    out += text;
}

// {name: _rebuild_tensor_v2(('storage', torch.FloatStorage, key, 'cpu', n), 0, (rows, cols),
// (cols, 1), False, OrderedDict())}, as torch 1.13 pickles a state dict (protocol 2).
std::string statePickle(std::size_t tensors, std::size_t valuesEach)
{
    const std::size_t columns = 512;
    std::string out = "\x80\x02}(";
    for (std::size_t i = 0; i < tensors; ++i) {
        unicode(out, "model.layers." + std::to_string(i / 10) + ".w" + std::to_string(i % 10));
        out += "ctorch._utils\n_rebuild_tensor_v2\n((";
        unicode(out, "storage");
        out += "ctorch\nFloatStorage\n";
        unicode(out, std::to_string(i));
        unicode(out, "cpu");
        out += 'J';
        little(out, valuesEach, 4);
        out += "tQK";
        out += '\0'; // the storage offset
        out += 'J';
        little(out, valuesEach / columns, 4);
        out += "J";
        little(out, columns, 4);
        out += "\x86J";
        little(out, columns, 4);
        out += "K\x01\x86\x89"
               "ccollections\nOrderedDict\n)RtR";
    }
    out += "u.";
    return out;
}

std::string localHeader(const Record& record, std::uint64_t dataOffset)
{
    std::string header;
    little(header, 0x04034b50, 4);
    little(header, 20, 2); // version needed
    little(header, 0, 2);  // flags
    little(header, 0, 2);  // stored
    little(header, 0, 4);  // time, date
    little(header, record.crc, 4);
    little(header, record.size, 4);
    little(header, record.size, 4);
    little(header, record.name.size(), 2);
    // An extra field pads the data to a multiple of 64, as torch's writer does.
    const std::uint64_t fixed = record.headerOffset + 30 + record.name.size() + 4;
    const std::uint64_t padding = (dataOffset - fixed);
    little(header, 4 + padding, 2);
    header += record.name;
    little(header, 0x4246, 2); // "FB"
    little(header, padding, 2);
    header.append(padding, 'Z');
    return header;
}

} // namespace

bool writeTorchZipFile(const std::filesystem::path& path, std::size_t tensors,
                       std::size_t valuesEach)
{
    std::ofstream out(path, std::ios::binary);
    std::vector<Record> records;
    std::uint64_t at = 0;
    const auto place = [&](std::string name, std::uint64_t size, std::uint32_t crc) {
        Record record{std::move(name), at, size, crc};
        std::uint64_t data = at + 30 + record.name.size() + 4;
        data = (data + kAlignment - 1) / kAlignment * kAlignment;
        out.seekp(static_cast<std::streamoff>(at));
        out << localHeader(record, data);
        at = data + size;
        records.push_back(std::move(record));
        return data;
    };
    const std::string pickle = statePickle(tensors, valuesEach);
    const std::uint64_t pickleAt = place("archive/data.pkl", pickle.size(), crc32(pickle));
    out.seekp(static_cast<std::streamoff>(pickleAt));
    out << pickle;
    const std::uint64_t bytes = valuesEach * 4;
    const std::uint32_t zeros = crc32OfZeros(bytes);
    for (std::size_t i = 0; i < tensors; ++i) {
        place("archive/data/" + std::to_string(i), bytes, zeros); // the data stays a hole
    }
    const std::string version = "3\n";
    out.seekp(
        static_cast<std::streamoff>(place("archive/version", version.size(), crc32(version))));
    out << version;
    std::string directory;
    for (const Record& record : records) {
        little(directory, 0x02014b50, 4);
        little(directory, 20, 2);
        little(directory, 20, 2);
        little(directory, 0, 2);
        little(directory, 0, 2);
        little(directory, 0, 4);
        little(directory, record.crc, 4);
        little(directory, record.size, 4);
        little(directory, record.size, 4);
        little(directory, record.name.size(), 2);
        little(directory, 0, 2); // extra
        little(directory, 0, 2); // comment
        little(directory, 0, 2); // disk
        little(directory, 0, 2); // internal attributes
        little(directory, 0, 4); // external attributes
        little(directory, record.headerOffset, 4);
        directory += record.name;
    }
    std::string end;
    little(end, 0x06054b50, 4);
    little(end, 0, 4);
    little(end, records.size(), 2);
    little(end, records.size(), 2);
    little(end, directory.size(), 4);
    little(end, at, 4);
    little(end, 0, 2);
    out.seekp(static_cast<std::streamoff>(at));
    out << directory << end;
    return static_cast<bool>(out);
}

} // namespace qs::bench
