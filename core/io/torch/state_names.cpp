#include "io/torch/state_names.h"

#include "io/torch/torch_pickle.h"

#include <charconv>
#include <unordered_map>
#include <unordered_set>

namespace qs::torch_file {
namespace {

using pickle::Graph;
using pickle::Kind;
using pickle::NodeId;

constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kMaxMetadata = 10'000;
constexpr std::size_t kMaxMetadataValue = 200;

std::string floatText(double value)
{
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("?");
}

// A leaf as Python would print it, or nullopt for a value that is not a leaf.
std::optional<std::string> leafText(const Graph& graph, NodeId id)
{
    const pickle::Node& node = graph[id];
    switch (node.kind) {
    case Kind::None:
        return "None";
    case Kind::Bool:
        return node.integer != 0 ? "True" : "False";
    case Kind::Int:
        return std::to_string(node.integer);
    case Kind::BigInt:
        return "an integer of " + std::to_string(node.text.size()) + " bytes";
    case Kind::Float:
        return floatText(node.real);
    case Kind::Text:
        return node.text.size() > kMaxMetadataValue ? node.text.substr(0, kMaxMetadataValue) + "…"
                                                    : node.text;
    case Kind::Bytes:
        return std::to_string(node.text.size()) + " bytes";
    case Kind::Global:
        return node.text;
    case Kind::Host:
        return TorchHost::storageOf(graph, id) ? std::optional<std::string>("a bare storage")
                                               : std::nullopt;
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dict:
        return std::nullopt;
    }
    return std::nullopt;
}

std::string keyText(const Graph& graph, NodeId key)
{
    if (graph[key].kind == Kind::Text || graph[key].kind == Kind::Bytes) {
        return graph[key].text;
    }
    return leafText(graph, key).value_or("?");
}

class Namer
{
public:
    Namer(const Graph& graph, std::string file) : m_graph(graph), m_file(std::move(file)) {}

    Result<StateNames> run(NodeId root)
    {
        if (TorchHost::tensorOf(m_graph, root)) {
            addTensor("tensor", root);
        } else if (auto ok = visit(root, "", 0); !ok) {
            return std::unexpected(ok.error());
        }
        return std::move(m_names);
    }

private:
    static std::string join(const std::string& prefix, const std::string& key)
    {
        return prefix.empty() ? key : prefix + "." + key;
    }

    void addTensor(const std::string& name, NodeId id)
    {
        const std::size_t tensor = *TorchHost::tensorOf(m_graph, id);
        // A dict that names a key twice keeps the last value at the first place, as Python does.
        if (const auto it = m_byName.find(name); it != m_byName.end()) {
            m_names.tensors[it->second].tensor = tensor;
            return;
        }
        m_byName.emplace(name, m_names.tensors.size());
        m_names.tensors.push_back(NamedTensor{name, tensor});
    }

    Result<void> visitItem(NodeId id, const std::string& name, std::size_t depth)
    {
        if (TorchHost::tensorOf(m_graph, id)) {
            addTensor(name, id);
            return {};
        }
        if (auto leaf = leafText(m_graph, id)) {
            if (m_names.metadata.size() < kMaxMetadata) {
                m_names.metadata.emplace_back(name, std::move(*leaf));
            } else {
                ++m_names.metadataLeftOut;
            }
            return {};
        }
        return visit(id, name, depth + 1);
    }

    Result<void> visit(NodeId id, const std::string& prefix, std::size_t depth)
    {
        if (depth > kMaxDepth) {
            return fail(ErrorCode::BadHeader,
                        "the pickled object nests more than " + std::to_string(kMaxDepth) +
                            " containers deep",
                        m_file);
        }
        if (!m_visited.insert(id).second) {
            return {};
        }
        const pickle::Node& node = m_graph[id];
        if (node.kind == Kind::Dict) {
            for (std::size_t i = 0; i + 1 < node.items.size(); i += 2) {
                if (auto ok = visitItem(node.items[i + 1],
                                        join(prefix, keyText(m_graph, node.items[i])), depth);
                    !ok) {
                    return ok;
                }
            }
            return {};
        }
        if (node.kind == Kind::List || node.kind == Kind::Tuple) {
            for (std::size_t i = 0; i < node.items.size(); ++i) {
                if (auto ok = visitItem(node.items[i], join(prefix, std::to_string(i)), depth);
                    !ok) {
                    return ok;
                }
            }
            return {};
        }
        if (auto leaf = leafText(m_graph, id); leaf && !prefix.empty()) {
            m_names.metadata.emplace_back(prefix, std::move(*leaf));
        }
        return {};
    }

    const Graph& m_graph;
    std::string m_file;
    StateNames m_names;
    std::unordered_map<std::string, std::size_t> m_byName;
    std::unordered_set<NodeId> m_visited;
};

} // namespace

Result<StateNames> nameState(const Graph& graph, NodeId root, const std::string& file)
{
    return Namer(graph, file).run(root);
}

} // namespace qs::torch_file
