// Loader for the UN General Assembly voting files of ../shared/data/unvotes/
// (Voeten's data as packaged in the R package `unvotes`): gzip or plain CSV, read
// through zlib in one pass. Malformed rows are rejected with "file:line:col: error: ...".
#pragma once

#include <string>
#include <string_view>

#include "rollcall/unga_data.h"

namespace statecraft::io {

// Reads roll_calls.csv(.gz) (rcid, session, date, unres, importantvote, amend, para,
// short, descr, me, nu, di, hr, co, ec, ...) and votes.csv(.gz) (rcid, session, date,
// ccode, iso2, iso3, country, vote, ...). Columns are found by header name; extra
// columns are ignored. Checks: every vote names a known roll call of the same session,
// no country votes twice on a roll call, votes are yes|no|abstain|absent.
[[nodiscard]] rollcall::UngaData load_unvotes(const std::string& votes_path,
                                             const std::string& roll_calls_path);

}  // namespace statecraft::io
