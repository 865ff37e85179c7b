// Narratives: competing frames of an issue (Kashmir as self-determination, Kashmir as
// terrorism) that actors adopt to a degree in [0, 1], and the campaigns that push them.
// The influence engine (src/influence) runs Friedkin–Johnsen dynamics over them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/figure.h"

namespace statecraft {

// One actor's stance towards a frame: how far it holds it at the start (`position`),
// the view it keeps returning to (`anchor`, the Friedkin–Johnsen prejudice; defaults to
// the position) and, optionally, a stubbornness for this frame only.
struct FramePosition {
  std::string actor;
  Figure position;                   // in [0, 1]
  std::optional<Figure> anchor;      // in [0, 1]; the position when absent
  std::optional<Figure> stubbornness;  // in [0, 1]; the actor's overall one when absent
};

struct Frame {
  std::string id;
  std::string name;
  std::string description;
  std::string issue;  // optional: the issue whose stance positions this frame can set
  std::vector<FramePosition> positions;  // actors not listed start at the default position
};

enum class CampaignKind { engagement, summit, media, other };

// An actor's effort on some targets during rounds [start, end): it adds `weight` to
// each target's listening to the actor (temporary unless `lasting`) and moves each
// target's anchor on `frame` by `anchor_shift` per round (a lasting change).
struct Campaign {
  std::string id;
  CampaignKind kind = CampaignKind::engagement;
  std::string actor;
  std::vector<std::string> targets;
  std::string frame;  // required when anchor_shift != 0
  int start = 0;
  int end = 1;
  double weight = 0.0;        // >= 0
  double anchor_shift = 0.0;  // in [-1, 1] per round
  bool lasting = false;
  std::string source;
};

struct Narratives {
  std::vector<Frame> frames;
  std::map<std::string, Figure> stubbornness;  // actor -> [0, 1]; default narrative.default_stubbornness
  std::vector<Campaign> campaigns;
  std::optional<int> rounds;  // trajectory length; narrative.rounds when absent

  [[nodiscard]] bool empty() const { return frames.empty(); }
};

inline const char* to_string(CampaignKind kind) {
  switch (kind) {
    case CampaignKind::engagement: return "engagement";
    case CampaignKind::summit: return "summit";
    case CampaignKind::media: return "media";
    case CampaignKind::other: return "other";
  }
  return "other";
}

inline std::optional<CampaignKind> parse_campaign_kind(const std::string& text) {
  if (text == "engagement") return CampaignKind::engagement;
  if (text == "summit") return CampaignKind::summit;
  if (text == "media") return CampaignKind::media;
  if (text == "other") return CampaignKind::other;
  return std::nullopt;
}

}  // namespace statecraft
