#include "io/pickle/pickle_machine.h"

#include "io/pickle/pickle_text.h"

#include <bit>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

namespace qs::pickle {
namespace {

// The opcodes, by the byte that introduces them (Lib/pickletools.py lists each one's argument
// and stack effect).
namespace op {
constexpr std::uint8_t Mark = '(', Stop = '.', Pop = '0', PopMark = '1', Dup = '2';
constexpr std::uint8_t Float = 'F', Int = 'I', BinInt = 'J', BinInt1 = 'K', Long = 'L';
constexpr std::uint8_t BinInt2 = 'M', None = 'N', PersId = 'P', BinPersId = 'Q', Reduce = 'R';
constexpr std::uint8_t String = 'S', BinString = 'T', ShortBinString = 'U', Unicode = 'V';
constexpr std::uint8_t BinUnicode = 'X', Append = 'a', Build = 'b', Global = 'c', Dict = 'd';
constexpr std::uint8_t EmptyDict = '}', Appends = 'e', Get = 'g', BinGet = 'h', Inst = 'i';
constexpr std::uint8_t LongBinGet = 'j', List = 'l', EmptyList = ']', Obj = 'o', Put = 'p';
constexpr std::uint8_t BinPut = 'q', LongBinPut = 'r', SetItem = 's', Tuple = 't';
constexpr std::uint8_t EmptyTuple = ')', SetItems = 'u', BinFloat = 'G';
constexpr std::uint8_t Proto = 0x80, NewObj = 0x81, Ext1 = 0x82, Ext2 = 0x83, Ext4 = 0x84;
constexpr std::uint8_t Tuple1 = 0x85, Tuple2 = 0x86, Tuple3 = 0x87, NewTrue = 0x88;
constexpr std::uint8_t NewFalse = 0x89, Long1 = 0x8a, Long4 = 0x8b;
constexpr std::uint8_t BinBytes = 'B', ShortBinBytes = 'C';
constexpr std::uint8_t ShortBinUnicode = 0x8c, BinUnicode8 = 0x8d, BinBytes8 = 0x8e;
constexpr std::uint8_t EmptySet = 0x8f, AddItems = 0x90, FrozenSet = 0x91, NewObjEx = 0x92;
constexpr std::uint8_t StackGlobal = 0x93, Memoize = 0x94, Frame = 0x95;
constexpr std::uint8_t ByteArray8 = 0x96, NextBuffer = 0x97, ReadOnlyBuffer = 0x98;
} // namespace op

constexpr int kHighestProtocol = 5;

class Machine
{
public:
    Machine(std::span<const std::byte> bytes, Graph& graph, Host& host, const Origin& origin,
            const Limits& limits)
        : m_bytes(bytes), m_graph(graph), m_host(host), m_origin(origin), m_limits(limits)
    {}

    Result<Unpickled> run()
    {
        while (m_position < m_bytes.size()) {
            m_opcodeAt = m_position;
            const auto code = std::to_integer<std::uint8_t>(m_bytes[m_position++]);
            if (code == op::Stop) {
                auto root = pop();
                if (!root) {
                    return std::unexpected(root.error());
                }
                return Unpickled{*root, m_position};
            }
            if (auto ok = step(code); !ok) {
                return std::unexpected(ok.error());
            }
        }
        m_opcodeAt = m_position;
        return error(ErrorCode::Truncated, "the pickle ends before its STOP opcode");
    }

private:
    std::unexpected<Error> error(ErrorCode code, const std::string& message) const
    {
        if (m_origin.member.empty()) {
            return fail(code, message, m_origin.file, m_origin.base + m_opcodeAt);
        }
        return fail(
            code, message + " (byte " + std::to_string(m_opcodeAt) + " of " + m_origin.member + ")",
            m_origin.file);
    }

    std::unexpected<Error> located(Error error) const
    {
        return this->error(error.code, error.message);
    }

    // --- reading arguments ---------------------------------------------------------------
    Result<std::span<const std::byte>> take(std::uint64_t count)
    {
        if (count > m_bytes.size() - m_position) {
            return error(ErrorCode::Truncated, "the pickle ends inside an opcode's argument (" +
                                                   std::to_string(count) + " bytes needed, " +
                                                   std::to_string(m_bytes.size() - m_position) +
                                                   " left)");
        }
        const auto out = m_bytes.subspan(m_position, static_cast<std::size_t>(count));
        m_position += static_cast<std::size_t>(count);
        return out;
    }

    Result<std::uint64_t> little(std::size_t width)
    {
        auto bytes = take(width);
        if (!bytes) {
            return std::unexpected(bytes.error());
        }
        std::uint64_t value = 0;
        for (std::size_t i = width; i-- > 0;) {
            value = (value << 8) | std::to_integer<std::uint64_t>((*bytes)[i]);
        }
        return value;
    }

    // A newline-terminated argument of the text opcodes.
    Result<std::string_view> line()
    {
        const auto* begin = reinterpret_cast<const char*>(m_bytes.data()) + m_position;
        const std::size_t left = m_bytes.size() - m_position;
        const void* newline = std::memchr(begin, '\n', left);
        if (newline == nullptr) {
            return error(ErrorCode::Truncated, "the pickle ends inside a text argument");
        }
        const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - begin);
        m_position += length + 1;
        return std::string_view(begin, length);
    }

    Result<std::string> counted(std::size_t lengthWidth)
    {
        auto length = little(lengthWidth);
        if (!length) {
            return std::unexpected(length.error());
        }
        if (lengthWidth == 4 && *length > 0x7fffffffu &&
            (m_opcodeCode == op::BinString || m_opcodeCode == op::Long4)) {
            return error(ErrorCode::BadHeader, "a negative length");
        }
        auto bytes = take(*length);
        if (!bytes) {
            return std::unexpected(bytes.error());
        }
        return std::string(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    }

    // --- the stack -----------------------------------------------------------------------
    std::size_t frameStart() const { return m_marks.empty() ? 0 : m_marks.back(); }

    Result<void> reference()
    {
        if (++m_references > m_limits.maxReferences) {
            return error(ErrorCode::TooLarge, "the pickle makes more than " +
                                                  std::to_string(m_limits.maxReferences) +
                                                  " references; QuantScope stops there");
        }
        return {};
    }

    Result<void> push(NodeId id)
    {
        if (auto ok = reference(); !ok) {
            return ok;
        }
        m_stack.push_back(id);
        return {};
    }

    Result<void> pushNew(Node node)
    {
        if (m_graph.size() >= m_limits.maxNodes) {
            return error(ErrorCode::TooLarge, "the pickle builds more than " +
                                                  std::to_string(m_limits.maxNodes) +
                                                  " objects; QuantScope stops there");
        }
        return push(m_graph.add(std::move(node)));
    }

    Result<void> pushText(Kind kind, std::string text)
    {
        Node node = makeNode(kind);
        node.text = std::move(text);
        return pushNew(std::move(node));
    }

    Result<void> pushInt(std::int64_t value) { return pushNew(makeNode(Kind::Int, value)); }

    Result<NodeId> pop()
    {
        if (m_stack.size() <= frameStart()) {
            return error(ErrorCode::BadHeader, "the opcode takes a value the stack does not hold");
        }
        const NodeId top = m_stack.back();
        m_stack.pop_back();
        return top;
    }

    Result<NodeId> top() const
    {
        if (m_stack.size() <= frameStart()) {
            return error(ErrorCode::BadHeader, "the opcode takes a value the stack does not hold");
        }
        return m_stack.back();
    }

    // The values pushed since the last MARK, which is dropped.
    Result<std::vector<NodeId>> popToMark()
    {
        if (m_marks.empty()) {
            return error(ErrorCode::BadHeader, "the opcode needs a MARK that was never set");
        }
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<NodeId> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark),
                                  m_stack.end());
        m_stack.resize(mark);
        return items;
    }

    Result<void> pushContainer(Kind kind, std::vector<NodeId> items)
    {
        Node node = makeNode(kind);
        node.items = std::move(items);
        return pushNew(std::move(node));
    }

    Result<void> extend(NodeId target, Kind expected, const std::vector<NodeId>& items,
                        const char* opcodeName)
    {
        Node& node = m_graph[target];
        if (node.kind != expected) {
            return error(ErrorCode::BadHeader, std::string(opcodeName) +
                                                   " applied to something that is not a " +
                                                   (expected == Kind::Dict ? "dict" : "list"));
        }
        if (expected == Kind::Dict && items.size() % 2 != 0) {
            return error(ErrorCode::BadHeader, std::string(opcodeName) + " with an odd count");
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (auto ok = reference(); !ok) {
                return ok;
            }
        }
        node.items.insert(node.items.end(), items.begin(), items.end());
        return {};
    }

    // --- memo ----------------------------------------------------------------------------
    Result<void> memoPut(std::uint64_t index)
    {
        auto value = top();
        if (!value) {
            return std::unexpected(value.error());
        }
        if (auto ok = reference(); !ok) {
            return ok;
        }
        m_memo[index] = *value;
        return {};
    }

    Result<void> memoGet(std::uint64_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end()) {
            return error(ErrorCode::BadHeader, "the pickle reads memo entry " +
                                                   std::to_string(index) +
                                                   ", which it never stored");
        }
        return push(it->second);
    }

    Result<std::uint64_t> decimal(std::string_view text)
    {
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end != text.data() + text.size()) {
            return error(ErrorCode::BadHeader, "a memo index that is not a number");
        }
        return value;
    }

    // --- names and calls ----------------------------------------------------------------
    Result<void> pushGlobal(std::string_view module, std::string_view name)
    {
        auto role = m_host.global(module, name);
        if (!role) {
            return located(role.error());
        }
        Node node = makeNode(Kind::Global, *role);
        node.text = std::string(module) + "." + std::string(name);
        return pushNew(std::move(node));
    }

    Result<void> callHost(NodeId callable, NodeId arguments)
    {
        if (m_graph[callable].kind != Kind::Global) {
            return error(ErrorCode::UnsafeContent,
                         "the pickle calls an object that is not a name QuantScope allows; it "
                         "asks to run code, and QuantScope executes none");
        }
        if (m_graph[arguments].kind != Kind::Tuple) {
            return error(ErrorCode::BadHeader,
                         "the arguments of " + m_graph[callable].text + " are not a tuple");
        }
        auto result = m_host.call(m_graph, callable, arguments);
        if (!result) {
            return located(result.error());
        }
        return push(*result);
    }

    std::unexpected<Error> codeOnly(const std::string& what) const
    {
        return error(ErrorCode::UnsafeContent,
                     "the pickle asks to run code (" + what +
                         "); QuantScope executes none and loads nothing from this file");
    }

    Result<void> integerArgument(std::string_view text, bool longForm)
    {
        if (!longForm && text == "01") {
            return pushNew(makeNode(Kind::Bool, 1));
        }
        if (!longForm && text == "00") {
            return pushNew(makeNode(Kind::Bool, 0));
        }
        if (longForm && text.ends_with('L')) {
            text.remove_suffix(1);
        }
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end != text.data() + text.size()) {
            return error(ErrorCode::BadHeader, "an integer QuantScope cannot read in 64 bits");
        }
        return pushInt(value);
    }

    // LONG1 / LONG4: little-endian two's complement of any width.
    Result<void> longArgument(std::size_t lengthWidth)
    {
        auto bytes = counted(lengthWidth);
        if (!bytes) {
            return std::unexpected(bytes.error());
        }
        if (bytes->size() > 8) {
            return pushText(Kind::BigInt, std::move(*bytes));
        }
        std::uint64_t value = 0;
        for (std::size_t i = bytes->size(); i-- > 0;) {
            value = (value << 8) | static_cast<unsigned char>((*bytes)[i]);
        }
        if (!bytes->empty() && bytes->size() < 8 &&
            (static_cast<unsigned char>(bytes->back()) & 0x80)) {
            value |= ~std::uint64_t{0} << (8 * bytes->size()); // sign-extend
        }
        return pushInt(static_cast<std::int64_t>(value));
    }

    Result<void> floatArgument(std::string_view text)
    {
        double value = 0.0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end != text.data() + text.size()) {
            return error(ErrorCode::BadHeader, "a FLOAT argument that is not a number");
        }
        Node node = makeNode(Kind::Float);
        node.real = value;
        return pushNew(std::move(node));
    }

    // GCC 12's std::expected has no and_then/transform: these two stand in.
    template <typename T, typename F> static Result<void> then(Result<T> value, F&& next)
    {
        if (!value) {
            return std::unexpected(value.error());
        }
        return next(std::move(*value));
    }

    template <typename T> static Result<void> discard(const Result<T>& value)
    {
        if (!value) {
            return std::unexpected(value.error());
        }
        return {};
    }

    Result<void> step(std::uint8_t code)
    {
        m_opcodeCode = code;
        const auto asText = [this](Kind kind) {
            return [this, kind](std::string text) {
                return pushText(kind, std::move(text));
            };
        };
        switch (code) {
        case op::Proto: {
            auto version = little(1);
            if (!version) {
                return std::unexpected(version.error());
            }
            if (*version > kHighestProtocol) {
                return error(ErrorCode::UnsupportedFormat,
                             "pickle protocol " + std::to_string(*version) +
                                 " (QuantScope reads protocols 0 to 5)");
            }
            return {};
        }
        case op::Frame: // frames only group opcodes for buffered reading
            return discard(little(8));
        case op::Mark:
            if (auto ok = reference(); !ok) {
                return ok;
            }
            m_marks.push_back(m_stack.size());
            return {};
        case op::Pop:
            return discard(pop());
        case op::PopMark:
            return discard(popToMark());
        case op::Dup: {
            auto value = top();
            if (!value) {
                return std::unexpected(value.error());
            }
            return push(*value);
        }
        case op::None:
            return pushNew(makeNode(Kind::None));
        case op::NewTrue:
            return pushNew(makeNode(Kind::Bool, 1));
        case op::NewFalse:
            return pushNew(makeNode(Kind::Bool, 0));
        case op::BinInt:
            return then(little(4), [this](std::uint64_t v) {
                return pushInt(static_cast<std::int32_t>(static_cast<std::uint32_t>(v)));
            });
        case op::BinInt1:
            return then(little(1),
                        [this](std::uint64_t v) { return pushInt(static_cast<std::int64_t>(v)); });
        case op::BinInt2:
            return then(little(2),
                        [this](std::uint64_t v) { return pushInt(static_cast<std::int64_t>(v)); });
        case op::Int:
            return then(line(), [this](std::string_view t) { return integerArgument(t, false); });
        case op::Long:
            return then(line(), [this](std::string_view t) { return integerArgument(t, true); });
        case op::Long1:
            return longArgument(1);
        case op::Long4:
            return longArgument(4);
        case op::Float:
            return then(line(), [this](std::string_view t) { return floatArgument(t); });
        case op::BinFloat: {
            auto bytes = take(8);
            if (!bytes) {
                return std::unexpected(bytes.error());
            }
            std::uint64_t bits = 0;
            for (const std::byte b : *bytes) { // big-endian
                bits = (bits << 8) | std::to_integer<std::uint64_t>(b);
            }
            Node node = makeNode(Kind::Float);
            node.real = std::bit_cast<double>(bits);
            return pushNew(std::move(node));
        }
        case op::BinUnicode:
            return then(counted(4), asText(Kind::Text));
        case op::ShortBinUnicode:
            return then(counted(1), asText(Kind::Text));
        case op::BinUnicode8:
            return then(counted(8), asText(Kind::Text));
        case op::Unicode:
            return then(line(), [this](std::string_view t) {
                return pushText(Kind::Text, decodeRawUnicodeEscape(t));
            });
        case op::String:
            return then(line(), [this](std::string_view t) -> Result<void> {
                auto text = decodeQuotedString(t);
                if (!text) {
                    return error(ErrorCode::BadHeader, "a STRING argument without its quotes");
                }
                // A Python 2 str, which torch.load (encoding "utf-8") reads back as a str.
                return pushText(Kind::Text, std::move(*text));
            });
        case op::BinString:
            return then(counted(4), asText(Kind::Text));
        case op::ShortBinString:
            return then(counted(1), asText(Kind::Text));
        case op::BinBytes:
            return then(counted(4), asText(Kind::Bytes));
        case op::ShortBinBytes:
            return then(counted(1), asText(Kind::Bytes));
        case op::BinBytes8:
        case op::ByteArray8:
            return then(counted(8), asText(Kind::Bytes));
        case op::EmptyTuple:
            return pushContainer(Kind::Tuple, {});
        case op::EmptyList:
            return pushContainer(Kind::List, {});
        case op::EmptyDict:
            return pushContainer(Kind::Dict, {});
        case op::EmptySet:
            return pushContainer(Kind::List, {});
        case op::Tuple1:
        case op::Tuple2:
        case op::Tuple3: {
            const std::size_t count = code - op::Tuple1 + 1;
            if (m_stack.size() < frameStart() + count) {
                return error(ErrorCode::BadHeader,
                             "the opcode takes a value the stack does not hold");
            }
            std::vector<NodeId> items(m_stack.end() - static_cast<std::ptrdiff_t>(count),
                                      m_stack.end());
            m_stack.resize(m_stack.size() - count);
            return pushContainer(Kind::Tuple, std::move(items));
        }
        case op::Tuple:
        case op::List:
        case op::FrozenSet:
        case op::Dict: {
            auto items = popToMark();
            if (!items) {
                return std::unexpected(items.error());
            }
            if (code == op::Dict && items->size() % 2 != 0) {
                return error(ErrorCode::BadHeader, "DICT with an odd count");
            }
            const Kind kind = code == op::Tuple  ? Kind::Tuple
                              : code == op::Dict ? Kind::Dict
                                                 : Kind::List;
            return pushContainer(kind, std::move(*items));
        }
        case op::Append: {
            auto value = pop();
            if (!value) {
                return std::unexpected(value.error());
            }
            return then(top(),
                        [&](NodeId list) { return extend(list, Kind::List, {*value}, "APPEND"); });
        }
        case op::Appends:
        case op::AddItems:
        case op::SetItems: {
            auto items = popToMark();
            if (!items) {
                return std::unexpected(items.error());
            }
            const bool dict = code == op::SetItems;
            return then(top(), [&](NodeId target) {
                return extend(target, dict ? Kind::Dict : Kind::List, *items,
                              dict ? "SETITEMS" : "APPENDS");
            });
        }
        case op::SetItem: {
            auto value = pop();
            auto key = value ? pop() : value;
            if (!key) {
                return std::unexpected(key.error());
            }
            return then(top(), [&](NodeId dict) {
                return extend(dict, Kind::Dict, {*key, *value}, "SETITEM");
            });
        }
        case op::Build:
            // Sets an object's state (an OrderedDict's `_metadata`, a Parameter's attributes):
            // the state is dropped, so no __setstate__ is ever looked for.
            return then(pop(), [this](NodeId) { return discard(top()); });
        case op::Put:
            return then(line(), [this](std::string_view t) {
                return then(decimal(t), [this](std::uint64_t i) { return memoPut(i); });
            });
        case op::BinPut:
            return then(little(1), [this](std::uint64_t i) { return memoPut(i); });
        case op::LongBinPut:
            return then(little(4), [this](std::uint64_t i) { return memoPut(i); });
        case op::Memoize:
            return memoPut(m_memo.size());
        case op::Get:
            return then(line(), [this](std::string_view t) {
                return then(decimal(t), [this](std::uint64_t i) { return memoGet(i); });
            });
        case op::BinGet:
            return then(little(1), [this](std::uint64_t i) { return memoGet(i); });
        case op::LongBinGet:
            return then(little(4), [this](std::uint64_t i) { return memoGet(i); });
        case op::Global: {
            auto module = line();
            if (!module) {
                return std::unexpected(module.error());
            }
            auto name = line();
            if (!name) {
                return std::unexpected(name.error());
            }
            return pushGlobal(*module, *name);
        }
        case op::StackGlobal: {
            auto name = pop();
            auto module = name ? pop() : name;
            if (!module) {
                return std::unexpected(module.error());
            }
            if (!m_graph.isText(*module) || !m_graph.isText(*name)) {
                return error(ErrorCode::BadHeader, "STACK_GLOBAL of values that are not strings");
            }
            return pushGlobal(m_graph[*module].text, m_graph[*name].text);
        }
        case op::Reduce:
        case op::NewObj: {
            auto arguments = pop();
            auto callable = arguments ? pop() : arguments;
            if (!callable) {
                return std::unexpected(callable.error());
            }
            return callHost(*callable, *arguments);
        }
        case op::NewObjEx: {
            auto keywords = pop();
            auto arguments = keywords ? pop() : keywords;
            auto callable = arguments ? pop() : arguments;
            if (!callable) {
                return std::unexpected(callable.error());
            }
            if (m_graph[*keywords].kind != Kind::Dict || !m_graph[*keywords].items.empty()) {
                return error(ErrorCode::UnsupportedFormat,
                             "NEWOBJ_EX with keyword arguments, which no tensor file needs");
            }
            return callHost(*callable, *arguments);
        }
        case op::PersId:
            return then(line(), [this](std::string_view t) -> Result<void> {
                const NodeId id = m_graph.addText(Kind::Text, std::string(t));
                auto result = m_host.persistent(m_graph, id);
                if (!result) {
                    return located(result.error());
                }
                return push(*result);
            });
        case op::BinPersId:
            return then(pop(), [this](NodeId id) -> Result<void> {
                auto result = m_host.persistent(m_graph, id);
                if (!result) {
                    return located(result.error());
                }
                return push(*result);
            });
        case op::Inst: {
            auto module = line();
            auto name = module ? line() : module;
            if (!name) {
                return std::unexpected(name.error());
            }
            return codeOnly("INST builds an instance of " + std::string(*module) + "." +
                            std::string(*name));
        }
        case op::Obj: {
            const std::size_t mark = frameStart();
            const bool named = !m_marks.empty() && m_stack.size() > mark &&
                               m_graph[m_stack[mark]].kind == Kind::Global;
            return codeOnly("OBJ builds an instance" +
                            (named ? " of " + m_graph[m_stack[mark]].text : std::string()));
        }
        case op::Ext1:
        case op::Ext2:
        case op::Ext4:
            return codeOnly("an EXT opcode names a global through the copyreg registry");
        case op::NextBuffer:
        case op::ReadOnlyBuffer:
            return error(ErrorCode::UnsupportedFormat,
                         "the pickle takes out-of-band buffers (protocol 5), which a file "
                         "cannot carry");
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", code);
            return error(ErrorCode::BadHeader, std::string("an unknown pickle opcode ") + hex);
        }
        }
    }

    std::span<const std::byte> m_bytes;
    Graph& m_graph;
    Host& m_host;
    const Origin& m_origin;
    const Limits& m_limits;
    std::size_t m_position = 0;
    std::size_t m_opcodeAt = 0;
    std::uint8_t m_opcodeCode = 0;
    std::vector<NodeId> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, NodeId> m_memo;
    std::size_t m_references = 0;
};

} // namespace

Result<Unpickled> unpickle(std::span<const std::byte> bytes, Graph& graph, Host& host,
                           const Origin& origin, const Limits& limits)
{
    return Machine(bytes, graph, host, origin, limits).run();
}

} // namespace qs::pickle
