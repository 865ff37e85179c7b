#include "corridor/routing.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "core/error.h"
#include "corridor/min_cost_flow.h"

namespace statecraft::corridor {

namespace {

constexpr double kEpsilon = 1e-9;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// The scenario network turned into indices once, with risk-adjusted costs and capacities.
struct Prepared {
  std::size_t node_count = 0;
  std::vector<std::size_t> edge_from, edge_to;
  std::vector<double> capacity_forward, capacity_backward;  // 0 when closed (or one-way, backward)
  std::vector<double> cost;
  std::vector<std::size_t> demand_from, demand_to;
  std::vector<double> volume, penalty;  // penalty: value per unit * unmet_value_share
  std::vector<std::size_t> routed;      // demands with volume > 0 and from != to, network order
};

// Where an arc of a commodity graph comes from. Two layouts (see build_graph):
//   by destination: source -> demand -> origin ... destination -> sink; demand -> sink (unmet)
//   by origin:      source -> origin ... destination -> demand -> sink; source -> demand (unmet)
enum class ArcKind {
  edge_forward,
  edge_backward,
  source_to_demand,       // by destination: index = demand
  demand_to_origin,       // by destination: index = demand
  destination_to_sink,    // by destination: index = destination node
  source_to_origin,       // by origin: index = origin node
  destination_to_demand,  // by origin: index = demand
  demand_to_sink,         // by origin: index = demand
  demand_unmet,           // both: index = demand (cost = penalty)
};

struct ArcTag {
  ArcKind kind;
  std::size_t index;
};

enum class Layout { by_destination, by_origin };

// Network nodes, one auxiliary node per demand, then a super-source and a super-sink.
// Every arc any commodity could use is present; a solve switches arcs off by giving them
// capacity 0, so the residual graph is built once per route().
struct CommodityGraph {
  Layout layout = Layout::by_destination;
  std::size_t node_count = 0;
  std::size_t source = 0;
  std::size_t sink = 0;
  std::vector<FlowArc> arcs;
  std::vector<ArcTag> tag;
  std::vector<std::vector<std::size_t>> demand_arcs;  // per demand: its auxiliary arcs
  std::vector<std::size_t> end_arc;                   // per node: its destination/origin arc, or kNone
};

// One arc's flow in a solve: the sparse form handed to the accountant.
struct ArcFlow {
  std::size_t arc;
  double flow;
};

CommodityGraph build_graph(const Prepared& p, Layout layout) {
  CommodityGraph g;
  g.layout = layout;
  const std::size_t demands = p.volume.size();
  g.source = p.node_count + demands;
  g.sink = g.source + 1;
  g.node_count = g.sink + 1;
  const double inf = std::numeric_limits<double>::infinity();
  g.demand_arcs.resize(demands);
  g.end_arc.assign(p.node_count, kNone);
  for (std::size_t e = 0; e < p.cost.size(); ++e) {
    g.arcs.push_back({p.edge_from[e], p.edge_to[e], 0.0, p.cost[e]});
    g.tag.push_back({ArcKind::edge_forward, e});
    if (p.capacity_backward[e] > kEpsilon) {
      g.arcs.push_back({p.edge_to[e], p.edge_from[e], 0.0, p.cost[e]});
      g.tag.push_back({ArcKind::edge_backward, e});
    }
  }
  std::vector<std::size_t> ends;  // destinations (by destination) or origins (by origin), first-seen order
  for (std::size_t d : p.routed) {
    const std::size_t aux = p.node_count + d;
    const std::size_t end = layout == Layout::by_destination ? p.demand_to[d] : p.demand_from[d];
    if (std::find(ends.begin(), ends.end(), end) == ends.end()) ends.push_back(end);
    if (layout == Layout::by_destination) {
      g.arcs.push_back({g.source, aux, 0.0, 0.0});
      g.tag.push_back({ArcKind::source_to_demand, d});
      g.arcs.push_back({aux, p.demand_from[d], inf, 0.0});
      g.tag.push_back({ArcKind::demand_to_origin, d});
      if (p.penalty[d] > 0.0) {
        g.arcs.push_back({aux, g.sink, inf, p.penalty[d]});
        g.tag.push_back({ArcKind::demand_unmet, d});
      }
    } else {
      g.arcs.push_back({p.demand_to[d], aux, 0.0, 0.0});
      g.tag.push_back({ArcKind::destination_to_demand, d});
      g.arcs.push_back({aux, g.sink, 0.0, 0.0});
      g.tag.push_back({ArcKind::demand_to_sink, d});
      if (p.penalty[d] > 0.0) {
        g.arcs.push_back({g.source, aux, 0.0, p.penalty[d]});
        g.tag.push_back({ArcKind::demand_unmet, d});
      }
    }
  }
  for (std::size_t v : ends) {
    g.end_arc[v] = g.arcs.size();
    if (layout == Layout::by_destination) {
      g.arcs.push_back({v, g.sink, 0.0, 0.0});
      g.tag.push_back({ArcKind::destination_to_sink, v});
    } else {
      g.arcs.push_back({g.source, v, 0.0, 0.0});
      g.tag.push_back({ArcKind::source_to_origin, v});
    }
  }
  for (std::size_t k = 0; k < g.arcs.size(); ++k) {
    const ArcKind kind = g.tag[k].kind;
    if (kind != ArcKind::edge_forward && kind != ArcKind::edge_backward &&
        kind != ArcKind::destination_to_sink && kind != ArcKind::source_to_origin) {
      g.demand_arcs[g.tag[k].index].push_back(k);
    }
  }
  return g;
}

// Capacities of `g` for routing the demands in `members` (a set: member[d] != 0) over the
// edge capacities still free.
void commodity_capacities(const Prepared& p, const CommodityGraph& g, const std::vector<char>& member,
                          const std::vector<double>& free_forward, const std::vector<double>& free_backward,
                          std::vector<double>& capacity) {
  capacity.assign(g.arcs.size(), 0.0);
  for (std::size_t k = 0; k < g.arcs.size(); ++k) {
    const ArcTag t = g.tag[k];
    switch (t.kind) {
      case ArcKind::edge_forward: capacity[k] = free_forward[t.index]; break;
      case ArcKind::edge_backward: capacity[k] = free_backward[t.index]; break;
      case ArcKind::demand_to_origin: capacity[k] = std::numeric_limits<double>::infinity(); break;
      case ArcKind::source_to_demand:
      case ArcKind::destination_to_demand:
      case ArcKind::demand_to_sink:
      case ArcKind::demand_unmet: capacity[k] = member[t.index] != 0 ? p.volume[t.index] : 0.0; break;
      case ArcKind::destination_to_sink:
      case ArcKind::source_to_origin: {
        double total = 0.0;
        for (std::size_t d : p.routed) {
          const std::size_t end = t.kind == ArcKind::destination_to_sink ? p.demand_to[d] : p.demand_from[d];
          if (member[d] != 0 && end == t.index) total += p.volume[d];
        }
        capacity[k] = total;
        break;
      }
    }
  }
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// Turns the arc flows of one solve into edge flows, per-demand deliveries and costs,
// and transit per country. Flow is split into source-to-sink paths (cycles, which move
// nothing anywhere, are cancelled); each path names its demand by its auxiliary arc.
class Accountant {
 public:
  Accountant(const Network& network, const Prepared& prepared, CorridorResult& result)
      : network_(network), p_(prepared), result_(result) {}

  // `used` lists the arcs of `g` that carry flow (others carry none), each once.
  void add(const CommodityGraph& g, const std::vector<ArcFlow>& used) {
    // Local arrays over the used arcs only: their graph arc and remaining flow, in CSR
    // order by tail node, so the work is O(used arcs + nodes), not O(arcs).
    first_.assign(g.node_count + 1, 0);
    for (const ArcFlow& a : used) {
      if (a.flow <= kEpsilon) continue;
      if (g.tag[a.arc].kind == ArcKind::edge_forward)
        result_.edges[g.tag[a.arc].index].flow_forward += a.flow;
      if (g.tag[a.arc].kind == ArcKind::edge_backward)
        result_.edges[g.tag[a.arc].index].flow_backward += a.flow;
      ++first_[g.arcs[a.arc].from + 1];
    }
    for (std::size_t v = 0; v < g.node_count; ++v) first_[v + 1] += first_[v];
    arc_.resize(first_.back());
    flow_.resize(first_.back());
    next_.assign(first_.begin(), first_.end() - 1);
    for (const ArcFlow& a : used) {
      if (a.flow <= kEpsilon) continue;
      const std::size_t slot = next_[g.arcs[a.arc].from]++;
      arc_[slot] = a.arc;
      flow_[slot] = a.flow;
    }
    next_.assign(first_.begin(), first_.end() - 1);
    position_.assign(g.node_count, kNone);
    std::vector<double>& flow = flow_;

    while (true) {
      path_.clear();
      visited_.assign(1, g.source);
      position_[g.source] = 0;
      std::size_t v = g.source;
      bool done = false;
      while (v != g.sink) {
        while (next_[v] < first_[v + 1] && flow[next_[v]] <= kEpsilon) ++next_[v];
        if (next_[v] == first_[v + 1]) {
          if (v == g.source) {
            done = true;  // everything has been split into paths
            break;
          }
          // Rounding left a trickle into a node with nothing going on: drop it and walk again.
          flow[path_.back()] = 0.0;
          break;
        }
        const std::size_t k = next_[v];  // a slot of the local arrays
        const std::size_t w = g.arcs[arc_[k]].to;
        if (position_[w] != kNone) {
          // A cycle from w back to w: cancel its smallest flow and walk on from w.
          double smallest = flow[k];
          for (std::size_t i = position_[w]; i < path_.size(); ++i)
            smallest = std::min(smallest, flow[path_[i]]);
          for (std::size_t i = position_[w]; i < path_.size(); ++i) flow[path_[i]] -= smallest;
          flow[k] -= smallest;
          for (std::size_t i = position_[w] + 1; i < visited_.size(); ++i) position_[visited_[i]] = kNone;
          visited_.resize(position_[w] + 1);
          path_.resize(position_[w]);
          v = w;
          continue;
        }
        path_.push_back(k);
        position_[w] = path_.size();
        visited_.push_back(w);
        v = w;
      }
      for (std::size_t u : visited_) position_[u] = kNone;
      if (done) break;
      if (v != g.sink) continue;
      double amount = std::numeric_limits<double>::infinity();
      for (std::size_t k : path_) amount = std::min(amount, flow[k]);
      for (std::size_t k : path_) flow[k] -= amount;
      for (std::size_t& k : path_) k = arc_[k];  // slots -> graph arcs for on_path
      on_path(g, amount);
    }
  }

 private:
  void on_path(const CommodityGraph& g, double amount) {
    std::size_t demand = kNone;
    for (std::size_t k : path_) {
      const ArcKind kind = g.tag[k].kind;
      if (kind == ArcKind::demand_unmet) return;  // unmet volume is counted from what is delivered
      if (kind == ArcKind::source_to_demand || kind == ArcKind::destination_to_demand)
        demand = g.tag[k].index;
    }
    if (demand == kNone) return;
    crossed_.clear();
    double cost = 0.0;
    for (std::size_t k : path_) {
      const ArcKind kind = g.tag[k].kind;
      if (kind != ArcKind::edge_forward && kind != ArcKind::edge_backward) continue;
      const std::size_t e = g.tag[k].index;
      cost += p_.cost[e];
      const bool forward = kind == ArcKind::edge_forward;
      add_unique(crossed_, network_.nodes[forward ? p_.edge_from[e] : p_.edge_to[e]].country);
      add_unique(crossed_, network_.edges[e].country);
      add_unique(crossed_, network_.nodes[forward ? p_.edge_to[e] : p_.edge_from[e]].country);
    }
    DemandResult& out = result_.demands[demand];
    out.delivered += amount;
    out.routing_cost_usd += cost * amount;
    for (const auto& c : crossed_) add_unique(out.countries_crossed, c);
    const std::string& origin_country = network_.nodes[p_.demand_from[demand]].country;
    const std::string& destination_country = network_.nodes[p_.demand_to[demand]].country;
    for (const auto& c : crossed_) {
      if (c == origin_country || c == destination_country) continue;
      transit_volume[c] += amount;
      transit_value[c] += amount * network_.demands[demand].value_usd_per_unit.value;
    }
  }

  const Network& network_;
  const Prepared& p_;
  CorridorResult& result_;
  std::vector<std::size_t> first_, arc_, next_, position_, path_, visited_;
  std::vector<double> flow_;
  std::vector<std::string> crossed_;

 public:
  std::map<std::string, double> transit_volume;
  std::map<std::string, double> transit_value;
};

std::vector<ArcFlow> sparse(const std::vector<double>& flow) {
  std::vector<ArcFlow> out;
  for (std::size_t k = 0; k < flow.size(); ++k) {
    if (flow[k] > kEpsilon) out.push_back({k, flow[k]});
  }
  return out;
}

// Routes every demand at once as one commodity (all demands share a destination, or
// all share an origin): exact by min-cost flow.
void route_single_commodity(const Prepared& p, Layout layout, Accountant& accountant,
                            CorridorResult& result) {
  const CommodityGraph g = build_graph(p, layout);
  std::vector<char> member(p.volume.size(), 0);
  double total = 0.0;
  for (std::size_t d : p.routed) {
    member[d] = 1;
    total += p.volume[d];
  }
  std::vector<double> capacity;
  commodity_capacities(p, g, member, p.capacity_forward, p.capacity_backward, capacity);
  MinCostFlow solver(g.node_count, g.arcs);
  solver.reset(capacity);
  solver.send(g.source, g.sink, total);
  result.augmentations += solver.augmentations();
  std::vector<ArcFlow> used;
  for (std::uint32_t k : solver.used_arcs()) used.push_back({k, solver.flow(k)});
  accountant.add(g, used);
}

// Destinations of the routed demands in order of first appearance.
std::vector<std::size_t> destinations(const Prepared& p) {
  std::vector<std::size_t> out;
  for (std::size_t d : p.routed) {
    if (std::find(out.begin(), out.end(), p.demand_to[d]) == out.end()) out.push_back(p.demand_to[d]);
  }
  return out;
}

void route_sequential(const Prepared& p, Accountant& accountant, CorridorResult& result) {
  const CommodityGraph g = build_graph(p, Layout::by_destination);
  MinCostFlow solver(g.node_count, g.arcs);
  // Start with every edge at full capacity and every demand switched off; each commodity
  // then switches its own demands on, and afterwards off again with the edges it used
  // lowered by its flow: O(arcs used) per commodity, not O(arcs).
  std::vector<char> member(p.volume.size(), 0);
  std::vector<double> capacity;
  commodity_capacities(p, g, member, p.capacity_forward, p.capacity_backward, capacity);
  solver.reset(capacity);
  std::vector<ArcFlow> used;
  for (const std::size_t destination : destinations(p)) {
    double total = 0.0;
    for (std::size_t d : p.routed) {
      if (p.demand_to[d] != destination) continue;
      total += p.volume[d];
      for (std::size_t k : g.demand_arcs[d]) {
        if (g.tag[k].kind != ArcKind::demand_to_origin) solver.set_capacity(k, p.volume[d]);
      }
    }
    solver.set_capacity(g.end_arc[destination], total);
    solver.send(g.source, g.sink, total);
    result.augmentations += solver.augmentations();
    used.clear();
    for (std::uint32_t k : solver.used_arcs()) used.push_back({k, solver.flow(k)});
    accountant.add(g, used);
    solver.clear_flow();
    for (const ArcFlow& a : used) {
      const ArcKind kind = g.tag[a.arc].kind;
      if (kind == ArcKind::edge_forward || kind == ArcKind::edge_backward) {
        capacity[a.arc] = std::max(0.0, capacity[a.arc] - a.flow);
        solver.set_capacity(a.arc, capacity[a.arc]);
      }
    }
    for (std::size_t d : p.routed) {
      if (p.demand_to[d] != destination) continue;
      for (std::size_t k : g.demand_arcs[d]) {
        if (g.tag[k].kind != ArcKind::demand_to_origin) solver.set_capacity(k, 0.0);
      }
    }
    solver.set_capacity(g.end_arc[destination], 0.0);
  }
}

// Edge arcs the LP may use: those of the by-destination graph with capacity left.
std::vector<std::size_t> lp_arcs(const Prepared& p, const CommodityGraph& g) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < g.arcs.size(); ++k) {
    const ArcTag t = g.tag[k];
    const double capacity = t.kind == ArcKind::edge_forward    ? p.capacity_forward[t.index]
                            : t.kind == ArcKind::edge_backward ? p.capacity_backward[t.index]
                                                               : 0.0;
    if (capacity > kEpsilon) out.push_back(k);
  }
  return out;
}

std::size_t lp_columns(const Prepared& p) {
  std::size_t arcs = 0;
  for (std::size_t e = 0; e < p.cost.size(); ++e) {
    arcs += (p.capacity_forward[e] > kEpsilon ? 1U : 0U) + (p.capacity_backward[e] > kEpsilon ? 1U : 0U);
  }
  return destinations(p).size() * arcs + p.routed.size();
}

// The multi-commodity min-cost flow LP (see routing.h), one commodity per destination.
void route_lp(const Prepared& p, Accountant& accountant) {
  // glp_scale_prob and glp_adv_basis print regardless of msg_lev; GLPK's terminal switch
  // is per thread (its environment is thread-local), so silence it here and restore it.
  struct QuietGlpk {
    int previous = glp_term_out(GLP_OFF);
    QuietGlpk() = default;
    QuietGlpk(const QuietGlpk&) = delete;
    QuietGlpk& operator=(const QuietGlpk&) = delete;
    ~QuietGlpk() { glp_term_out(previous); }
  } quiet;
  const CommodityGraph g = build_graph(p, Layout::by_destination);
  const std::vector<std::size_t> arcs = lp_arcs(p, g);
  const std::vector<std::size_t> ends = destinations(p);
  const std::size_t commodities = ends.size();
  const std::size_t n = p.node_count;
  std::vector<std::size_t> commodity_of(p.volume.size(), kNone);
  for (std::size_t d : p.routed) {
    commodity_of[d] =
        static_cast<std::size_t>(std::find(ends.begin(), ends.end(), p.demand_to[d]) - ends.begin());
  }
  std::unique_ptr<glp_prob, void (*)(glp_prob*)> lp(glp_create_prob(), glp_delete_prob);
  glp_set_obj_dir(lp.get(), GLP_MIN);
  // Columns: x[c][a] (1-based: 1 + c * |arcs| + a), then u[d] for each routed demand.
  const std::size_t x_columns = commodities * arcs.size();
  const int columns = static_cast<int>(x_columns + p.routed.size());
  auto x = [&](std::size_t c, std::size_t a) { return static_cast<int>(1 + c * arcs.size() + a); };
  auto u = [&](std::size_t r) { return static_cast<int>(1 + x_columns + r); };
  glp_add_cols(lp.get(), columns);
  for (int j = 1; j <= columns; ++j) glp_set_col_bnds(lp.get(), j, GLP_LO, 0.0, 0.0);
  for (std::size_t r = 0; r < p.routed.size(); ++r) {
    glp_set_col_bnds(lp.get(), u(r), GLP_DB, 0.0, p.volume[p.routed[r]]);
  }
  // Rows: conservation of commodity c at node v (v != its destination), 1-based
  // 1 + c * n + v (the destination's row is left free); then one capacity row per
  // finite-capacity arc.
  const int conservation_rows = static_cast<int>(commodities * n);
  glp_add_rows(lp.get(), conservation_rows);
  std::vector<double> supply(commodities * n, 0.0);
  for (std::size_t d : p.routed) supply[commodity_of[d] * n + p.demand_from[d]] += p.volume[d];
  for (std::size_t c = 0; c < commodities; ++c) {
    for (std::size_t v = 0; v < n; ++v) {
      const int row = static_cast<int>(1 + c * n + v);
      if (v == ends[c]) {
        glp_set_row_bnds(lp.get(), row, GLP_FR, 0.0, 0.0);
      } else {
        glp_set_row_bnds(lp.get(), row, GLP_FX, supply[c * n + v], supply[c * n + v]);
      }
    }
  }
  std::vector<int> ia{0};
  std::vector<int> ja{0};
  std::vector<double> ar{0.0};
  auto entry = [&](int row, int column, double value) {
    ia.push_back(row);
    ja.push_back(column);
    ar.push_back(value);
  };
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const FlowArc& arc = g.arcs[arcs[a]];
    for (std::size_t c = 0; c < commodities; ++c) {
      entry(static_cast<int>(1 + c * n + arc.from), x(c, a), 1.0);
      entry(static_cast<int>(1 + c * n + arc.to), x(c, a), -1.0);
    }
    const ArcTag t = g.tag[arcs[a]];
    const double capacity =
        t.kind == ArcKind::edge_forward ? p.capacity_forward[t.index] : p.capacity_backward[t.index];
    if (!std::isinf(capacity)) {
      const int row = glp_add_rows(lp.get(), 1);
      glp_set_row_bnds(lp.get(), row, GLP_UP, 0.0, capacity);
      for (std::size_t c = 0; c < commodities; ++c) entry(row, x(c, a), 1.0);
    }
  }
  for (std::size_t r = 0; r < p.routed.size(); ++r) {
    const std::size_t d = p.routed[r];
    entry(static_cast<int>(1 + commodity_of[d] * n + p.demand_from[d]), u(r), 1.0);
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());

  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  glp_scale_prob(lp.get(), GLP_SF_AUTO);
  glp_adv_basis(lp.get(), 0);
  auto solve = [&](const char* stage) {
    const int rc = glp_simplex(lp.get(), &parm);
    if (rc != 0 || glp_get_status(lp.get()) != GLP_OPT) {
      throw std::runtime_error(std::string("corridor LP (") + stage +
                               ") did not reach an optimum (glp_simplex " + std::to_string(rc) + ", status " +
                               std::to_string(glp_get_status(lp.get())) + ")");
    }
  };
  // Stage 1, only when some demand has no value: deliver as much of it as possible.
  std::vector<int> priceless;
  for (std::size_t r = 0; r < p.routed.size(); ++r) {
    if (p.penalty[p.routed[r]] <= 0.0) priceless.push_back(u(r));
  }
  if (!priceless.empty()) {
    for (int j : priceless) glp_set_obj_coef(lp.get(), j, 1.0);
    solve("most deliverable");
    // The stage-1 basis meets this bound exactly, so no slack is needed (a slack would be
    // spent: trading undelivered volume for cost).
    double least_unmet = glp_get_obj_val(lp.get());
    if (least_unmet < kEpsilon) least_unmet = 0.0;
    const int row = glp_add_rows(lp.get(), 1);
    glp_set_row_bnds(lp.get(), row, GLP_UP, 0.0, least_unmet);
    std::vector<int> columns_of_row{0};
    std::vector<double> ones{0.0};
    for (int j : priceless) {
      columns_of_row.push_back(j);
      ones.push_back(1.0);
    }
    glp_set_mat_row(lp.get(), row, static_cast<int>(priceless.size()), columns_of_row.data(), ones.data());
    for (int j : priceless) glp_set_obj_coef(lp.get(), j, 0.0);
  }
  // Stage 2: least cost of routing plus forgone value.
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    for (std::size_t c = 0; c < commodities; ++c) glp_set_obj_coef(lp.get(), x(c, a), g.arcs[arcs[a]].cost);
  }
  for (std::size_t r = 0; r < p.routed.size(); ++r) glp_set_obj_coef(lp.get(), u(r), p.penalty[p.routed[r]]);
  solve("least cost");

  // Each commodity's solution in the by-destination graph's arcs, for the accountant.
  std::vector<std::size_t> arc_slot(g.arcs.size(), kNone);
  for (std::size_t a = 0; a < arcs.size(); ++a) arc_slot[arcs[a]] = a;
  std::vector<double> flow(g.arcs.size());
  for (std::size_t c = 0; c < commodities; ++c) {
    std::fill(flow.begin(), flow.end(), 0.0);
    std::vector<double> unmet(p.volume.size(), 0.0);
    for (std::size_t r = 0; r < p.routed.size(); ++r) {
      unmet[p.routed[r]] = std::clamp(glp_get_col_prim(lp.get(), u(r)), 0.0, p.volume[p.routed[r]]);
    }
    double delivered = 0.0;
    for (std::size_t k = 0; k < g.arcs.size(); ++k) {
      const ArcTag t = g.tag[k];
      const bool member = t.kind != ArcKind::edge_forward && t.kind != ArcKind::edge_backward &&
                          t.kind != ArcKind::destination_to_sink && commodity_of[t.index] == c;
      switch (t.kind) {
        case ArcKind::edge_forward:
        case ArcKind::edge_backward:
          if (arc_slot[k] != kNone) flow[k] = std::max(0.0, glp_get_col_prim(lp.get(), x(c, arc_slot[k])));
          break;
        case ArcKind::demand_to_origin:
          if (member) {
            flow[k] = p.volume[t.index] - unmet[t.index];
            delivered += flow[k];
          }
          break;
        case ArcKind::demand_unmet:
          if (member) flow[k] = unmet[t.index];
          break;
        case ArcKind::source_to_demand:
          // Demands without an unmet arc simply send less.
          if (member)
            flow[k] = p.penalty[t.index] > 0.0 ? p.volume[t.index] : p.volume[t.index] - unmet[t.index];
          break;
        default: break;
      }
    }
    for (std::size_t k = 0; k < g.arcs.size(); ++k) {
      if (g.tag[k].kind == ArcKind::destination_to_sink && g.tag[k].index == ends[c]) flow[k] = delivered;
    }
    accountant.add(g, sparse(flow));
  }
}

}  // namespace

RoutingParameters RoutingParameters::from(const Parameters& parameters) {
  RoutingParameters p;
  p.security = SecurityParameters::from(parameters);
  p.unmet_value_share = parameters.get("corridor.unmet_value_share");
  return p;
}

const char* to_string(RoutingMethod method) {
  switch (method) {
    case RoutingMethod::automatic: return "automatic";
    case RoutingMethod::joint: return "joint";
    case RoutingMethod::sequential: return "sequential";
  }
  return "automatic";
}

std::optional<RoutingMethod> parse_routing_method(const std::string& text) {
  for (RoutingMethod m : {RoutingMethod::automatic, RoutingMethod::joint, RoutingMethod::sequential}) {
    if (text == to_string(m)) return m;
  }
  return std::nullopt;
}

const CountryResult* CorridorResult::find_country(const std::string& id) const {
  for (const auto& c : countries) {
    if (c.country == id) return &c;
  }
  return nullptr;
}

const EdgeResult* CorridorResult::find_edge(const std::string& id) const {
  for (const auto& e : edges) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

CorridorResult route(const Network& network, const RoutingParameters& parameters, const Shocks& shocks) {
  const std::vector<double> risks = edge_risks(network, shocks);  // also checks the shocks
  std::unordered_map<std::string, std::size_t> node_index;
  for (std::size_t i = 0; i < network.nodes.size(); ++i) node_index.emplace(network.nodes[i].id, i);
  auto index_of = [&](const std::string& id) {
    auto it = node_index.find(id);
    if (it == node_index.end()) throw PreconditionError("unknown node '" + id + "'");
    return it->second;
  };
  auto is_closed = [&](const std::string& id) {
    return std::find(shocks.closed.begin(), shocks.closed.end(), id) != shocks.closed.end();
  };

  CorridorResult result;
  std::vector<std::string> countries;
  for (const auto& n : network.nodes) add_unique(countries, n.country);
  for (const auto& e : network.edges) add_unique(countries, e.country);

  Prepared p;
  p.node_count = network.nodes.size();
  for (std::size_t e = 0; e < network.edges.size(); ++e) {
    const Edge& edge = network.edges[e];
    EdgeResult out;
    out.id = edge.id;
    out.risk = risks[e];
    out.open = edge.open && !is_closed(edge.id) && !is_closed(edge.from) && !is_closed(edge.to);
    out.cost_per_unit = adjusted_cost(edge.cost_per_unit.value, risks[e], parameters.security);
    out.capacity = out.open ? adjusted_capacity(edge.capacity.value, risks[e], parameters.security) : 0.0;
    p.edge_from.push_back(index_of(edge.from));
    p.edge_to.push_back(index_of(edge.to));
    p.capacity_forward.push_back(out.capacity);
    p.capacity_backward.push_back(edge.bidirectional ? out.capacity : 0.0);
    p.cost.push_back(out.cost_per_unit);
    result.edges.push_back(std::move(out));
  }
  for (std::size_t i = 0; i < network.demands.size(); ++i) {
    const Demand& d = network.demands[i];
    DemandResult out;
    out.id = d.id;
    out.volume = d.volume.value;
    p.demand_from.push_back(index_of(d.from));
    p.demand_to.push_back(index_of(d.to));
    p.volume.push_back(d.volume.value);
    p.penalty.push_back(d.value_usd_per_unit.value * parameters.unmet_value_share);
    if (d.volume.value > 0.0) {
      if (d.from == d.to) {
        out.delivered = d.volume.value;  // nothing to move
      } else {
        p.routed.push_back(i);
      }
    }
    result.demands.push_back(std::move(out));
  }

  bool one_destination = true;
  bool one_origin = true;
  for (std::size_t d : p.routed) {
    one_destination = one_destination && p.demand_to[d] == p.demand_to[p.routed.front()];
    one_origin = one_origin && p.demand_from[d] == p.demand_from[p.routed.front()];
  }
  const bool single = one_destination || one_origin;
  RoutingMethod method = parameters.method;
  if (method == RoutingMethod::automatic) {
    method = single || lp_columns(p) <= parameters.lp_column_limit ? RoutingMethod::joint
                                                                   : RoutingMethod::sequential;
  }
  Accountant accountant(network, p, result);
  if (p.routed.empty()) {
    result.method = "single_commodity";
  } else if (method == RoutingMethod::joint && single && !parameters.force_lp) {
    result.method = "single_commodity";
    route_single_commodity(p, one_destination ? Layout::by_destination : Layout::by_origin, accountant,
                           result);
  } else if (method == RoutingMethod::joint) {
    result.method = "lp";
    route_lp(p, accountant);
  } else {
    result.method = "sequential";
    result.exact = destinations(p).size() <= 1;
    route_sequential(p, accountant, result);
  }

  double delivered_value = 0.0;
  std::map<std::string, double> burden;
  for (std::size_t i = 0; i < network.demands.size(); ++i) {
    const Demand& d = network.demands[i];
    DemandResult& out = result.demands[i];
    out.unmet = std::max(0.0, out.volume - out.delivered);
    if (out.unmet <= kEpsilon * std::max(1.0, out.volume)) out.unmet = 0.0;
    out.cost_per_unit = out.delivered > 0.0 ? out.routing_cost_usd / out.delivered : 0.0;
    result.total_cost += out.routing_cost_usd;
    result.delivered += out.delivered;
    result.unmet += out.unmet;
    delivered_value += out.delivered * d.value_usd_per_unit.value;
    const double forgone = out.unmet * d.value_usd_per_unit.value * parameters.unmet_value_share;
    result.forgone_value += forgone;
    const double cost = out.routing_cost_usd + forgone;
    const std::string& a = network.nodes[p.demand_from[i]].country;
    const std::string& b = network.nodes[p.demand_to[i]].country;
    if (!a.empty() && !b.empty() && a != b) {
      burden[a] += cost / 2.0;
      burden[b] += cost / 2.0;
    } else if (!a.empty() || !b.empty()) {
      burden[a.empty() ? b : a] += cost;
    }
  }
  std::map<std::string, double> earnings;
  for (std::size_t e = 0; e < network.edges.size(); ++e) {
    EdgeResult& out = result.edges[e];
    out.flow = out.flow_forward + out.flow_backward;
    if (!network.edges[e].country.empty()) earnings[network.edges[e].country] += out.flow * out.cost_per_unit;
  }
  for (const auto& c : countries) {
    CountryResult out;
    out.country = c;
    out.transit_volume = accountant.transit_volume[c];
    out.transit_value_usd = accountant.transit_value[c];
    out.hub_share = result.delivered > 0.0 ? out.transit_volume / result.delivered : 0.0;
    out.value_share = delivered_value > 0.0 ? out.transit_value_usd / delivered_value : 0.0;
    out.earnings_usd = earnings[c];
    out.burden_usd = burden[c];
    out.net_cost_usd = out.burden_usd - out.earnings_usd;
    result.countries.push_back(std::move(out));
  }
  return result;
}

std::map<std::string, double> shock_cost(const CorridorResult& base, const CorridorResult& shocked) {
  std::map<std::string, double> out;
  for (const auto& c : shocked.countries) {
    const CountryResult* before = base.find_country(c.country);
    out[c.country] = c.net_cost_usd - (before != nullptr ? before->net_cost_usd : 0.0);
  }
  return out;
}

}  // namespace statecraft::corridor
