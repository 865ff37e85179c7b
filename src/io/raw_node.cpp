#include "io/raw_node.h"

#include "core/date.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace statecraft::io {

namespace {

// Bounds that keep hostile input (deep nesting, alias bombs) from exhausting the stack
// or memory. Real scenarios are far below both.
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 2'000'000;

SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

class Converter {
 public:
  explicit Converter(const std::string& file) : file_(file) {}

  RawNode convert(const YAML::Node& node, int depth) {
    if (depth > kMaxDepth) {
      throw InputError(location_of(node.Mark(), file_), "nesting deeper than 64 levels");
    }
    if (++count_ > kMaxNodes) {
      throw InputError(location_of(node.Mark(), file_), "document has more than 2,000,000 nodes");
    }
    RawNode out;
    out.location = location_of(node.Mark(), file_);
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = RawNode::Kind::null;
        break;
      case YAML::NodeType::Scalar:
        out.kind = RawNode::Kind::scalar;
        out.scalar = node.Scalar();
        break;
      case YAML::NodeType::Sequence:
        out.kind = RawNode::Kind::sequence;
        for (const auto& item : node) out.items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map:
        out.kind = RawNode::Kind::map;
        for (const auto& entry : node) {
          RawNode key = convert(entry.first, depth + 1);
          if (!key.is_scalar()) {
            throw InputError(key.location, "a key must be a plain name, found a " +
                                               std::string(kind_name(key.kind)));
          }
          for (const auto& [existing, unused] : out.entries) {
            if (existing.scalar == key.scalar) {
              throw InputError(key.location, "duplicate key '" + key.scalar + "' (first at line " +
                                                 std::to_string(existing.location.line) + ")");
            }
          }
          RawNode value = convert(entry.second, depth + 1);
          out.entries.emplace_back(std::move(key), std::move(value));
        }
        break;
    }
    return out;
  }

 private:
  const std::string& file_;
  std::size_t count_ = 0;
};

// The identity of an item in a list named `list_name`, or "" when items of that list
// are not merged by identity.
std::string identity(const RawNode& item, std::string_view list_name) {
  if (!item.is_map()) return {};
  auto scalar_of = [&](std::string_view key) -> std::string {
    const RawNode* n = item.find(key);
    return n != nullptr && n->is_scalar() ? n->scalar : std::string();
  };
  if (list_name == "stances" || list_name == "positions") return scalar_of("actor");
  if (list_name == "threats") return scalar_of("group");
  if (list_name == "relations") {
    std::string from = scalar_of("from");
    std::string to = scalar_of("to");
    return from.empty() || to.empty() ? std::string() : from + " -> " + to;
  }
  return scalar_of("id");
}

// Where an item's identity is written: its `id` (`actor`, `group`) value, or the item
// itself for relations.
const SourceLocation& identity_location(const RawNode& item, std::string_view list_name) {
  std::string_view key = list_name == "stances" ? "actor" : list_name == "threats" ? "group" : "id";
  if (list_name != "relations") {
    if (const RawNode* n = item.find(key)) return n->location;
  }
  return item.location;
}

std::string duplicate_message(std::string_view list_name, const std::string& id) {
  if (list_name == "stances") return "actor '" + id + "' has two stances on this issue";
  if (list_name == "relations") return "duplicate relation " + id;
  if (list_name == "threats") return "duplicate threat of group '" + id + "'";
  // "actors" -> "actor", ...
  std::string singular(list_name.substr(0, list_name.size() - 1));
  return "duplicate " + singular + " id '" + id + "'";
}

bool merges_by_identity(std::string_view list_name) {
  static constexpr std::string_view kLists[] = {
      "actors", "relations", "issues", "forums", "motions", "games", "nodes",
      "edges",  "demands",   "threats", "stances", "gates", "blocs",
      "frames", "positions", "campaigns", "actions"};
  return std::find(std::begin(kLists), std::end(kLists), list_name) != std::end(kLists);
}

}  // namespace

std::string_view kind_name(RawNode::Kind kind) {
  switch (kind) {
    case RawNode::Kind::null: return "null";
    case RawNode::Kind::scalar: return "scalar";
    case RawNode::Kind::sequence: return "list";
    case RawNode::Kind::map: return "map";
  }
  return "node";
}

RawNode::RawNode() = default;
RawNode::RawNode(const RawNode&) = default;
RawNode::RawNode(RawNode&&) noexcept = default;
RawNode& RawNode::operator=(const RawNode&) = default;
RawNode& RawNode::operator=(RawNode&&) noexcept = default;
RawNode::~RawNode() = default;

const RawNode* RawNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.scalar == key) return &v;
  }
  return nullptr;
}

RawNode* RawNode::find(std::string_view key) {
  for (auto& [k, v] : entries) {
    if (k.scalar == key) return &v;
  }
  return nullptr;
}

const RawNode* RawNode::find_key(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.scalar == key) return &k;
  }
  return nullptr;
}

void RawNode::erase(std::string_view key) {
  std::erase_if(entries, [&](const auto& entry) { return entry.first.scalar == key; });
}

RawNode parse_yaml(std::string_view text, const std::string& file) {
  YAML::Node document;
  try {
    document = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    std::string message = e.msg.empty() ? std::string("invalid YAML") : e.msg;
    throw InputError(location_of(e.mark, file), "YAML syntax: " + message);
  }
  Converter converter(file);
  RawNode root = converter.convert(document, 0);
  if (root.kind == RawNode::Kind::null) {
    throw InputError({file, 0, 0}, "empty scenario: expected a map of top-level keys");
  }
  return root;
}

RawNode parse_yaml_file(const std::filesystem::path& path, const SourceLocation& requested_from) {
  std::ifstream in(path, std::ios::binary);
  SourceLocation where = requested_from.file.empty() ? SourceLocation{path.string(), 0, 0} : requested_from;
  // Only regular files: `extends: /dev/zero` or a FIFO would otherwise be read forever.
  std::error_code ec;
  if (!in || !std::filesystem::is_regular_file(path, ec)) {
    throw InputError(where, "cannot read scenario file '" + path.string() + "'");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_yaml(buffer.str(), path.string());
}

void merge_into(RawNode& base, const RawNode& overlay, std::string_view list_name) {
  if (base.is_map() && overlay.is_map()) {
    for (const auto& [key, value] : overlay.entries) {
      RawNode* existing = base.find(key.scalar);
      if (existing == nullptr) {
        RawNode fresh;  // merge into an empty node so duplicate checks still run
        fresh.kind = value.kind;
        fresh.location = value.location;
        if (value.is_map() || value.is_sequence()) {
          merge_into(fresh, value, key.scalar);
        } else {
          fresh = value;
        }
        base.entries.emplace_back(key, std::move(fresh));
      } else {
        merge_into(*existing, value, key.scalar);
      }
    }
    return;
  }
  if (base.is_sequence() && overlay.is_sequence() && merges_by_identity(list_name)) {
    std::vector<std::pair<std::string, int>> seen_in_overlay;  // id, line
    for (const auto& item : overlay.items) {
      std::string id = identity(item, list_name);
      if (id.empty()) {
        base.items.push_back(item);  // malformed items are reported by the converter
        continue;
      }
      auto first = std::find_if(seen_in_overlay.begin(), seen_in_overlay.end(),
                                [&](const auto& seen) { return seen.first == id; });
      if (first != seen_in_overlay.end()) {
        throw InputError(identity_location(item, list_name),
                         duplicate_message(list_name, id) + " (first at line " + std::to_string(first->second) + ")");
      }
      seen_in_overlay.emplace_back(id, identity_location(item, list_name).line);
      auto match = std::find_if(base.items.begin(), base.items.end(),
                                [&](const RawNode& b) { return identity(b, list_name) == id; });
      if (match == base.items.end()) {
        RawNode fresh;
        fresh.kind = RawNode::Kind::map;
        fresh.location = item.location;
        merge_into(fresh, item, {});
        base.items.push_back(std::move(fresh));
      } else {
        merge_into(*match, item, {});
      }
    }
    return;
  }
  if (base.is_sequence() && overlay.is_sequence() && list_name == "events") {
    // Each file's own timeline must be in date order; the merged timeline is then the
    // stable date-ordered union, so an episode can add history anywhere in its base's.
    const RawNode* previous = nullptr;
    for (const auto& item : overlay.items) {
      const RawNode* date = item.is_map() ? item.find("date") : nullptr;
      if (date == nullptr || !date->is_scalar() || !parse_date(date->scalar)) continue;  // reported later
      if (previous != nullptr && date->scalar < previous->scalar) {
        throw InputError(date->location, "event dated " + date->scalar + " comes after one dated " +
                                             previous->scalar + ": events must be in date order");
      }
      previous = date;
    }
    base.items.insert(base.items.end(), overlay.items.begin(), overlay.items.end());
    auto date_of = [](const RawNode& item) -> std::string {
      const RawNode* date = item.is_map() ? item.find("date") : nullptr;
      return date != nullptr && date->is_scalar() ? date->scalar : std::string();
    };
    std::stable_sort(base.items.begin(), base.items.end(),
                     [&](const RawNode& a, const RawNode& b) { return date_of(a) < date_of(b); });
    return;
  }
  base = overlay;
}

}  // namespace statecraft::io
