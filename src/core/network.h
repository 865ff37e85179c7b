// A corridor network: places, the links between them, what must move, and the
// armed-group activity that makes parts of it insecure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/figure.h"

namespace statecraft {

struct Node {
  std::string id;
  std::string name;
  std::string country;  // actor id of the state the node lies in
  std::string kind;     // city | port | border_crossing | hub
};

struct Edge {
  std::string id;
  std::string from;
  std::string to;
  std::string mode;     // road | rail | sea | pipeline
  std::string country;  // state whose territory the edge crosses (empty: international waters)
  Figure length_km;
  Figure capacity;       // units (e.g. thousand tonnes) per period, >= 0
  Figure cost_per_unit;  // USD per unit moved along the whole edge, >= 0
  bool open = true;
  bool bidirectional = true;
};

// Volume that must move from one node to another per period.
struct Demand {
  std::string id;
  std::string from;
  std::string to;
  Figure volume;               // units per period, >= 0
  Figure value_usd_per_unit;   // value of the goods, for value-weighted hub shares
};

// Activity of an armed group near nodes and edges, in [0, 1].
struct SecurityThreat {
  std::string group;                // actor id of an armed group
  std::vector<std::string> targets;  // node or edge ids
  Figure activity;
};

struct Network {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<Demand> demands;
  std::vector<SecurityThreat> threats;

  [[nodiscard]] bool empty() const { return nodes.empty() && edges.empty(); }
};

}  // namespace statecraft
