// A YAML document as a plain tree whose every node remembers file:line:col.
// yaml-cpp marks carry line and column but not the file, and `extends:` merges nodes
// from several files, so the loader first copies each document into this tree.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace statecraft::io {

struct RawNode {
  enum class Kind { null, scalar, sequence, map };

  Kind kind = Kind::null;
  std::string scalar;
  std::vector<RawNode> items;                          // sequence
  std::vector<std::pair<RawNode, RawNode>> entries;    // map: key node, value node
  SourceLocation location;

  // Defined out of line: `entries` holds pairs of RawNode, which is incomplete here, and
  // clang instantiates inline special members (and the vector's constexpr destructor)
  // at this point.
  RawNode();
  RawNode(const RawNode&);
  RawNode(RawNode&&) noexcept;
  RawNode& operator=(const RawNode&);
  RawNode& operator=(RawNode&&) noexcept;
  ~RawNode();

  [[nodiscard]] bool is_map() const { return kind == Kind::map; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::sequence; }
  [[nodiscard]] bool is_scalar() const { return kind == Kind::scalar; }
  [[nodiscard]] const RawNode* find(std::string_view key) const;
  RawNode* find(std::string_view key);
  // The key node of `key` (for errors about the key itself), or nullptr.
  [[nodiscard]] const RawNode* find_key(std::string_view key) const;
  void erase(std::string_view key);
};

// Parses YAML text into a RawNode. Syntax errors, duplicate keys, non-string keys and
// documents too deep or too large are InputErrors located in `file`.
RawNode parse_yaml(std::string_view text, const std::string& file);

// Reads and parses a file; an unreadable file is an InputError at `requested_from`
// (or at the file itself when that is empty).
RawNode parse_yaml_file(const std::filesystem::path& path, const SourceLocation& requested_from);

// Lays `overlay` over `base` following the `extends:` rules of docs/scenario-format.md:
// maps merge key by key, lists of identified things merge by id, other lists and
// scalars are replaced. `list_name` is the key the node sits under (it selects the
// identity key of list items). Duplicate ids inside `overlay` are InputErrors.
void merge_into(RawNode& base, const RawNode& overlay, std::string_view list_name = {});

std::string_view kind_name(RawNode::Kind kind);

}  // namespace statecraft::io
