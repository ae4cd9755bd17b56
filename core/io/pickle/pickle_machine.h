#pragma once
// A restricted unpickler: interprets the opcodes of pickle protocols 0–5 into inert nodes
// (pickle_graph.h) and executes nothing. Names (GLOBAL, STACK_GLOBAL) go to a Host that allows
// a fixed set or refuses the file; calls (REDUCE, NEWOBJ, NEWOBJ_EX) and persistent ids are
// answered by the same Host with more inert nodes. The opcodes that only exist to run code —
// INST, OBJ and the copyreg extension registry (EXT1/2/4) — refuse the file outright.
//
// It is iterative (no recursion, whatever the nesting), and every count it keeps is bounded:
// nodes and stack references by Limits, each length and memo index by the bytes left.
//
// Rules from the format's own description: CPython's Lib/pickletools.py and Lib/pickle.py
// (the opcode table, argument encodings and stack effects).

#include "common/error.h"
#include "io/pickle/pickle_graph.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace qs::pickle {

class Host
{
public:
    virtual ~Host() = default;
    // A GLOBAL or STACK_GLOBAL: the host's role for an allowed name, or UnsafeContent.
    virtual Result<std::int64_t> global(std::string_view module, std::string_view name) = 0;
    // REDUCE / NEWOBJ: `callable` is a Global node the host allowed, `arguments` a Tuple.
    virtual Result<NodeId> call(Graph& graph, NodeId callable, NodeId arguments) = 0;
    // PERSID / BINPERSID.
    virtual Result<NodeId> persistent(Graph& graph, NodeId id) = 0;
};

struct Limits
{
    std::size_t maxNodes = 5'000'000;
    // Stack pushes, container items and memo entries together (DUP can push without a node).
    std::size_t maxReferences = 20'000'000;
};

// Where the pickle sits, for errors: `file` is named; an offset is reported as `base` plus the
// opcode's position, or — when `member` is set (a zip entry) — in the message as a byte of it.
struct Origin
{
    std::string file;
    std::string member;
    std::uint64_t base = 0;
};

struct Unpickled
{
    NodeId root = 0;
    std::size_t consumed = 0; // bytes up to and including STOP
};

// Runs the pickle at the start of `bytes` up to its STOP. Errors: Truncated (no STOP),
// BadHeader (an unknown opcode, a memo index never stored, a stack that does not hold what the
// opcode takes), UnsafeContent (from the host or the code-only opcodes), TooLarge (Limits).
Result<Unpickled> unpickle(std::span<const std::byte> bytes, Graph& graph, Host& host,
                           const Origin& origin, const Limits& limits = {});

} // namespace qs::pickle
