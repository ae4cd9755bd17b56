#pragma once
// The objects a pickle builds, as inert data. The restricted unpickler (pickle_machine.h) never
// creates a live object: every value is a node in one arena, and containers refer to their items
// by index, so the shared and even cyclic references a pickle may make through its memo cost
// nothing and free nothing twice.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qs::pickle {

using NodeId = std::uint32_t;

enum class Kind : std::uint8_t
{
    None,
    Bool,
    Int,    // fits in 64 bits: `integer`
    BigInt, // wider: `text` holds its little-endian two's-complement bytes
    Float,
    Text,  // a Python str (UTF-8 in `text`); also a Python 2 str, as torch.load reads it
    Bytes, // bytes / bytearray
    List,  // also sets and frozensets
    Tuple,
    Dict,   // `items` holds key, value, key, value...
    Global, // a name the host allowed (`text` is "module.name", `integer` the host's role)
    Host,   // an object the host built (a storage, a tensor...): `integer` indexes the host's
            // table
};

struct Node
{
    Kind kind = Kind::None;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string text;
    std::vector<NodeId> items;
};

inline Node makeNode(Kind kind, std::int64_t integer = 0)
{
    Node node;
    node.kind = kind;
    node.integer = integer;
    return node;
}

class Graph
{
public:
    const Node& operator[](NodeId id) const { return m_nodes[id]; }
    Node& operator[](NodeId id) { return m_nodes[id]; }
    std::size_t size() const { return m_nodes.size(); }

    NodeId add(Node node)
    {
        m_nodes.push_back(std::move(node));
        return static_cast<NodeId>(m_nodes.size() - 1);
    }
    NodeId addInt(std::int64_t value) { return add(makeNode(Kind::Int, value)); }
    NodeId addText(Kind kind, std::string text)
    {
        Node node = makeNode(kind);
        node.text = std::move(text);
        return add(std::move(node));
    }

    bool isText(NodeId id) const { return m_nodes[id].kind == Kind::Text; }
    bool isInt(NodeId id) const { return m_nodes[id].kind == Kind::Int; }
    bool isSequence(NodeId id) const
    {
        return m_nodes[id].kind == Kind::Tuple || m_nodes[id].kind == Kind::List;
    }

private:
    std::vector<Node> m_nodes;
};

} // namespace qs::pickle
