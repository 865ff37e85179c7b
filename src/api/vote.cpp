#include "api/vote.h"

#include "analysis/vote.h"
#include "core/error.h"

namespace statecraft::api {

nlohmann::json vote(const VoteRequest& request) {
  std::optional<Date> at = parse_at(request.world.at);
  const Scenario loaded = load(request.world);
  const Motion* motion_in_file = loaded.find_motion(request.motion);
  if (motion_in_file == nullptr) {
    flag_error("--motion", "no motion '" + request.motion + "' in " + request.world.path);
  }
  if (!at && motion_in_file->date) at = motion_in_file->date;
  const Scenario scenario = at ? world_at(loaded, *at) : loaded;
  const Forum* forum = scenario.find_forum(request.forum);
  if (forum == nullptr) flag_error("--forum", "no forum '" + request.forum + "' in " + request.world.path);
  const Motion* motion = scenario.find_motion(request.motion);
  if (!motion->forum.empty() && motion->forum != forum->id) {
    flag_error("--motion", "motion '" + motion->id + "' is put to forum '" + motion->forum + "', not '" +
                               forum->id + "'");
  }
  try {
    return analysis::vote(scenario, *forum, *motion, at ? at->to_string() : std::string(), request.samples,
                          request.seed);
  } catch (const PreconditionError& e) {
    throw InputError(SourceLocation{request.world.path},
                     "forum " + forum->id + ", motion " + motion->id + ": " + e.what());
  }
}

}  // namespace statecraft::api
