#include "influence/network.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/error.h"

namespace statecraft::influence {

InfluenceParams InfluenceParams::from(const Parameters& p) {
  InfluenceParams v;
  v.trade_weight = p.get("influence.trade_weight");
  v.investment_weight = p.get("influence.investment_weight");
  v.investment_half_usd_m = p.get("influence.investment_half_usd_m");
  v.aid_weight = p.get("influence.aid_weight");
  v.aid_half_usd_m = p.get("influence.aid_half_usd_m");
  v.arms_weight = p.get("influence.arms_weight");
  v.security_weight = p.get("influence.security_weight");
  v.alignment_weight = p.get("influence.alignment_weight");
  v.hostility_weight = p.get("influence.hostility_weight");
  v.lobbying_weight = p.get("influence.lobbying_weight");
  v.diaspora_weight = p.get("influence.diaspora_weight");
  v.diaspora_half_k = p.get("influence.diaspora_half_k");
  return v;
}

std::string_view to_string(Term term) {
  switch (term) {
    case Term::trade: return "trade";
    case Term::investment: return "investment";
    case Term::aid: return "aid";
    case Term::arms: return "arms";
    case Term::security: return "security";
    case Term::alignment: return "alignment";
    case Term::misalignment: return "misalignment";
    case Term::hostility: return "hostility";
    case Term::lobbying: return "lobbying";
    case Term::diaspora: return "diaspora";
  }
  return "?";
}

std::size_t InfluenceNetwork::index_of(std::string_view actor) const {
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (actors[i] == actor) return i;
  }
  throw PreconditionError("influence network has no actor " + std::string(actor));
}

double InfluenceNetwork::weight(std::size_t target, std::size_t influencer) const {
  return weights.coeff(static_cast<Eigen::Index>(target), static_cast<Eigen::Index>(influencer));
}

namespace {

double saturate(double x, double half) { return x <= 0.0 ? 0.0 : x / (x + half); }

constexpr std::size_t at(Term t) { return static_cast<std::size_t>(t); }

double pull_of(const std::array<double, kTermCount>& t, const InfluenceParams& p) {
  return p.trade_weight * t[at(Term::trade)] + p.investment_weight * t[at(Term::investment)] +
         p.aid_weight * t[at(Term::aid)] + p.arms_weight * t[at(Term::arms)] +
         p.security_weight * t[at(Term::security)] + p.alignment_weight * t[at(Term::alignment)] -
         p.alignment_weight * t[at(Term::misalignment)] - p.hostility_weight * t[at(Term::hostility)] +
         p.lobbying_weight * t[at(Term::lobbying)] + p.diaspora_weight * t[at(Term::diaspora)];
}

}  // namespace

InfluenceNetwork build_influence_network(const Scenario& scenario, const InfluenceParams& params) {
  InfluenceNetwork net;
  std::unordered_map<std::string, std::size_t> index;
  for (const auto& a : scenario.actors) {
    index.emplace(a.id, net.actors.size());
    net.actors.push_back(a.id);
  }
  auto idx = [&](const std::string& id) {
    auto it = index.find(id);
    if (it == index.end()) throw PreconditionError("relation names unknown actor " + id);
    return it->second;
  };

  std::vector<double> total_exports(net.actors.size(), 0.0);
  for (const auto& r : scenario.relations) total_exports[idx(r.from)] += r.value_or("exports_usd_m");

  // (target, influencer) -> terms
  std::map<std::pair<std::size_t, std::size_t>, std::array<double, kTermCount>> terms;
  auto cell = [&](std::size_t target, std::size_t influencer) -> std::array<double, kTermCount>& {
    return terms.try_emplace({target, influencer}).first->second;
  };
  for (const auto& r : scenario.relations) {
    const std::size_t a = idx(r.from);
    const std::size_t b = idx(r.to);
    if (a == b) throw PreconditionError("relation from " + r.from + " to itself");
    // a sells to b: a depends on b as a market.
    if (double x = r.value_or("exports_usd_m"); x > 0.0 && total_exports[a] > 0.0) {
      cell(a, b)[at(Term::trade)] = x / total_exports[a];
    }
    // a invests in, aids, finances, arms, lobbies b; a's diaspora lives in b.
    if (double x = r.value_or("investment_usd_m"); x > 0.0) {
      cell(b, a)[at(Term::investment)] = saturate(x, params.investment_half_usd_m);
    }
    if (double x = r.value_or("aid_usd_m") + r.value_or("finance_usd_m"); x > 0.0) {
      cell(b, a)[at(Term::aid)] = saturate(x, params.aid_half_usd_m);
    }
    if (double x = r.value_or("arms_share"); x > 0.0) cell(b, a)[at(Term::arms)] = x;
    if (double x = r.value_or("lobbying"); x > 0.0) cell(b, a)[at(Term::lobbying)] = x;
    if (double x = r.value_or("diaspora_k"); x > 0.0) {
      cell(b, a)[at(Term::diaspora)] = saturate(x, params.diaspora_half_k);
    }
    // Security cooperation binds both ways: take the deeper of the two records.
    if (double x = r.value_or("security_cooperation"); x > 0.0) {
      for (auto [t, i] : {std::pair{b, a}, std::pair{a, b}}) {
        double& s = cell(t, i)[at(Term::security)];
        s = std::max(s, x);
      }
    }
    // a's attitude to b shapes how far a listens to b.
    if (double x = r.value_or("alignment"); x != 0.0) {
      cell(a, b)[at(Term::alignment)] = std::max(0.0, x);
      cell(a, b)[at(Term::misalignment)] = std::max(0.0, -x);
    }
    if (double x = r.value_or("hostility"); x > 0.0) cell(a, b)[at(Term::hostility)] = x;
  }

  std::vector<Eigen::Triplet<double>> triplets;
  net.channels.reserve(terms.size());
  for (const auto& [key, t] : terms) {
    Channel c;
    c.target = key.first;
    c.influencer = key.second;
    c.terms = t;
    c.pull = pull_of(t, params);
    c.weight = 1.0 - std::exp(-std::max(0.0, c.pull));
    if (c.weight > 0.0) {
      triplets.emplace_back(static_cast<int>(c.target), static_cast<int>(c.influencer), c.weight);
    }
    net.channels.push_back(c);
  }
  const auto n = static_cast<Eigen::Index>(net.actors.size());
  net.weights.resize(n, n);
  net.weights.setFromTriplets(triplets.begin(), triplets.end());
  net.weights.makeCompressed();
  return net;
}

std::vector<ActorInfluence> actor_influence(const InfluenceNetwork& net) {
  std::vector<ActorInfluence> out(net.actors.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i].actor = net.actors[i];
  for (const auto& c : net.channels) {
    out[c.influencer].reach += c.weight;
    out[c.target].exposure += c.weight;
  }
  for (const auto& l : leverage_pairs(net)) out[l.holder].leverage += l.value;
  return out;
}

std::vector<Leverage> leverage_pairs(const InfluenceNetwork& net) {
  std::map<std::pair<std::size_t, std::size_t>, double> w;  // (target, influencer)
  for (const auto& c : net.channels) w[{c.target, c.influencer}] = c.weight;
  std::vector<Leverage> out;
  for (const auto& [key, value] : w) {
    auto [target, influencer] = key;
    auto back = w.find({influencer, target});
    double reverse = back == w.end() ? 0.0 : back->second;
    if (value > reverse) out.push_back({influencer, target, value - reverse});
  }
  std::sort(out.begin(), out.end(), [](const Leverage& x, const Leverage& y) {
    if (x.value != y.value) return x.value > y.value;
    return std::pair{x.holder, x.subject} < std::pair{y.holder, y.subject};
  });
  return out;
}

std::vector<Channel> strongest_channels(const InfluenceNetwork& net, std::size_t count) {
  std::vector<Channel> out = net.channels;
  std::sort(out.begin(), out.end(), [](const Channel& x, const Channel& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return std::pair{x.target, x.influencer} < std::pair{y.target, y.influencer};
  });
  if (out.size() > count) out.resize(count);
  return out;
}

}  // namespace statecraft::influence
