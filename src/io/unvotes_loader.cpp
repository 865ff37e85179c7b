#include "io/unvotes_loader.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace statecraft::io {
namespace {

using rollcall::Vote;

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};

// A file's bytes. Allocated uninitialised and sized from the gzip trailer, so reading
// 50 MB costs one allocation and no copies (page faults dominated a growing string).
struct Buffer {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
};

// The uncompressed size recorded in a gzip file's trailer (ISIZE, RFC 1952 section
// 2.3.1: the size modulo 2^32 of the last member), or the file size for plain files.
std::size_t size_hint(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return 0;
  unsigned char magic[2] = {0, 0};
  const bool gzip = std::fread(magic, 1, 2, file.get()) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (std::fseek(file.get(), gzip ? -4 : 0, SEEK_END) != 0) return 0;
  if (!gzip) return static_cast<std::size_t>(std::max(0L, std::ftell(file.get())));
  unsigned char trailer[4] = {0, 0, 0, 0};
  if (std::fread(trailer, 1, 4, file.get()) != 4) return 0;
  return static_cast<std::size_t>(trailer[0]) | (static_cast<std::size_t>(trailer[1]) << 8) |
         (static_cast<std::size_t>(trailer[2]) << 16) | (static_cast<std::size_t>(trailer[3]) << 24);
}

Buffer read_file(const std::string& path) {
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file) throw InputError(SourceLocation{path, 0, 0}, "cannot open file");
  gzbuffer(file.get(), 1u << 18);
  std::size_t capacity = size_hint(path) + 1;  // +1: reaching end of file needs one more read
  Buffer buffer;
  buffer.bytes = std::make_unique_for_overwrite<char[]>(capacity);
  for (;;) {
    if (buffer.size == capacity) {  // the hint was short (multi-member gzip): grow
      const std::size_t grown = capacity * 2;
      auto bigger = std::make_unique_for_overwrite<char[]>(grown);
      std::memcpy(bigger.get(), buffer.bytes.get(), buffer.size);
      buffer.bytes = std::move(bigger);
      capacity = grown;
    }
    const std::size_t want = std::min<std::size_t>(capacity - buffer.size, 1u << 30);
    const int got = gzread(file.get(), buffer.bytes.get() + buffer.size, static_cast<unsigned>(want));
    if (got < 0) {
      int code = 0;
      const char* message = gzerror(file.get(), &code);
      throw InputError(SourceLocation{path, 0, 0}, std::string("cannot read gzip stream: ") + message);
    }
    if (got == 0) break;
    buffer.size += static_cast<std::size_t>(got);
  }
  return buffer;
}

// One CSV field after unquoting, with the column (1-based, in bytes) where it began.
struct Field {
  std::string_view text;
  int column = 0;
};

// RFC 4180 reader over a buffer it owns and unquotes in place: fields are views into
// the buffer. Quoted fields may hold commas, doubled quotes and newlines; the line of
// each record is the line it starts on.
class CsvReader {
 public:
  CsvReader(std::string file, Buffer content) : file_(std::move(file)), buffer_(std::move(content)) {
    cursor_ = buffer_.bytes.get();
    end_ = cursor_ + buffer_.size;
    line_start_ = cursor_;
  }

  // Reads the next record into `fields`; false at end of input. Blank lines are skipped.
  bool next(std::vector<Field>& fields) {
    fields.clear();
    while (cursor_ < end_ && (*cursor_ == '\n' || *cursor_ == '\r')) {
      if (*cursor_ == '\n') ++line_;
      ++cursor_;
      line_start_ = cursor_;
    }
    if (cursor_ >= end_) return false;
    record_line_ = line_;
    for (;;) {
      const int column = static_cast<int>(cursor_ - line_start_) + 1;
      if (cursor_ < end_ && *cursor_ == '"') {
        char* out = cursor_;
        char* start = out;
        ++cursor_;
        for (;;) {
          if (cursor_ >= end_) fail(record_line_, column, "quoted field is not closed");
          const char c = *cursor_;
          if (c == '"') {
            if (cursor_ + 1 < end_ && cursor_[1] == '"') {
              *out++ = '"';
              cursor_ += 2;
              continue;
            }
            ++cursor_;
            break;
          }
          if (c == '\n') {
            ++line_;
            line_start_ = cursor_ + 1;
          }
          *out++ = c;
          ++cursor_;
        }
        fields.push_back({std::string_view(start, static_cast<std::size_t>(out - start)), column});
        if (cursor_ < end_ && *cursor_ != ',' && *cursor_ != '\n' && *cursor_ != '\r') {
          fail(line_, static_cast<int>(cursor_ - line_start_) + 1,
               std::string("expected ',' or end of line after a quoted field, found '") + *cursor_ + "'");
        }
      } else {
        const char* start = cursor_;
        while (cursor_ < end_ && *cursor_ != ',' && *cursor_ != '\n' && *cursor_ != '\r') ++cursor_;
        fields.push_back({std::string_view(start, static_cast<std::size_t>(cursor_ - start)), column});
      }
      if (cursor_ < end_ && *cursor_ == ',') {
        ++cursor_;
        continue;
      }
      // End of record.
      if (cursor_ < end_ && *cursor_ == '\r') ++cursor_;
      if (cursor_ < end_ && *cursor_ == '\n') {
        ++cursor_;
        ++line_;
        line_start_ = cursor_;
      }
      return true;
    }
  }

  [[noreturn]] void fail(int line, int column, const std::string& message) const {
    throw InputError(SourceLocation{file_, line, column}, message);
  }
  [[noreturn]] void fail(const Field& field, const std::string& message) const {
    fail(record_line_, field.column, message);
  }
  int record_line() const { return record_line_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  Buffer buffer_;
  char* cursor_ = nullptr;
  char* end_ = nullptr;
  char* line_start_ = nullptr;
  int line_ = 1;
  int record_line_ = 1;
};

// Maps wanted column names to their positions in the header record.
class Columns {
 public:
  Columns(const CsvReader& reader, const std::vector<Field>& header,
          std::initializer_list<std::string_view> required)
      : count_(header.size()) {
    for (const std::string_view name : required) {
      const auto it = std::find_if(header.begin(), header.end(),
                                   [&](const Field& f) { return f.text == name; });
      if (it == header.end()) {
        reader.fail(1, 1, "header has no column '" + std::string(name) + "'");
      }
      index_.emplace(name, static_cast<std::size_t>(it - header.begin()));
    }
  }
  std::size_t operator[](std::string_view name) const { return index_.at(name); }
  std::size_t count() const { return count_; }

 private:
  std::size_t count_;
  std::unordered_map<std::string_view, std::size_t> index_;
};

int parse_int(const CsvReader& reader, const Field& field, const char* what) {
  int value = 0;
  const char* first = field.text.data();
  const char* last = first + field.text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || field.text.empty()) {
    reader.fail(field, std::string(what) + " '" + std::string(field.text) + "' is not an integer");
  }
  return value;
}

bool parse_flag(const CsvReader& reader, const Field& field, const char* what) {
  if (field.text == "1") return true;
  if (field.text == "0" || field.text.empty()) return false;
  reader.fail(field, std::string(what) + " '" + std::string(field.text) + "' is not 0 or 1");
}

void check_field_count(const CsvReader& reader, const std::vector<Field>& fields,
                       const Columns& columns) {
  if (fields.size() != columns.count()) {
    reader.fail(reader.record_line(), 1,
                "row has " + std::to_string(fields.size()) + " fields, header has " +
                    std::to_string(columns.count()));
  }
}

// A set of nonzero 64-bit keys with open addressing (linear probing): no allocation
// per key, unlike std::unordered_set, which dominated the load time.
class KeySet {
 public:
  explicit KeySet(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    slots_.assign(capacity, 0);
  }
  // True if `key` (nonzero) was not yet present.
  bool insert(std::uint64_t key) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    return place(slots_, key);
  }

 private:
  bool place(std::vector<std::uint64_t>& slots, std::uint64_t key) {
    const std::size_t mask = slots.size() - 1;
    // Multiplicative hashing (Knuth, TAOCP vol. 3, 6.4) with the 64-bit golden ratio.
    std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
    while (slots[i] != 0) {
      if (slots[i] == key) return false;
      i = (i + 1) & mask;
    }
    slots[i] = key;
    ++count_;
    return true;
  }
  void grow() {
    std::vector<std::uint64_t> bigger(slots_.size() * 2, 0);
    count_ = 0;
    for (const std::uint64_t key : slots_) {
      if (key != 0) place(bigger, key);
    }
    slots_ = std::move(bigger);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace

rollcall::UngaData load_unvotes(const std::string& votes_path, const std::string& roll_calls_path) {
  rollcall::UngaData data;
  std::vector<Field> fields;
  fields.reserve(32);

  // Roll calls.
  std::unordered_map<int, std::size_t> roll_call_index;
  {
    CsvReader reader(roll_calls_path, read_file(roll_calls_path));
    if (!reader.next(fields)) reader.fail(1, 1, "file is empty; expected a header");
    const Columns col(reader, fields,
                      {"rcid", "session", "date", "unres", "importantvote", "amend", "para",
                       "short", "descr", "me", "nu", "di", "hr", "co", "ec"});
    while (reader.next(fields)) {
      check_field_count(reader, fields, col);
      rollcall::RollCall rc;
      rc.rcid = parse_int(reader, fields[col["rcid"]], "rcid");
      rc.session = parse_int(reader, fields[col["session"]], "session");
      if (rc.session < 1) reader.fail(fields[col["session"]], "session must be at least 1");
      rc.date = std::string(fields[col["date"]].text);
      rc.resolution = std::string(fields[col["unres"]].text);
      rc.important = parse_flag(reader, fields[col["importantvote"]], "importantvote");
      rc.amendment = parse_flag(reader, fields[col["amend"]], "amend");
      rc.paragraph = parse_flag(reader, fields[col["para"]], "para");
      rc.short_title = std::string(fields[col["short"]].text);
      rc.description = std::string(fields[col["descr"]].text);
      for (std::size_t k = 0; k < rollcall::kIssueFlagNames.size(); ++k) {
        const std::string_view name = rollcall::kIssueFlagNames[k];
        if (parse_flag(reader, fields[col[name]], name.data())) {
          rc.issue_flags = static_cast<std::uint8_t>(rc.issue_flags | (1u << k));
        }
      }
      if (!roll_call_index.emplace(rc.rcid, data.roll_calls.size()).second) {
        reader.fail(fields[col["rcid"]], "roll call " + std::to_string(rc.rcid) + " appears twice");
      }
      data.roll_calls.push_back(std::move(rc));
    }
  }

  // Votes.
  {
    CsvReader reader(votes_path, read_file(votes_path));
    if (!reader.next(fields)) reader.fail(1, 1, "file is empty; expected a header");
    const Columns col(reader, fields, {"rcid", "session", "ccode", "iso3", "country", "vote"});
    const std::size_t c_rcid = col["rcid"], c_session = col["session"], c_ccode = col["ccode"],
                      c_iso3 = col["iso3"], c_country = col["country"], c_vote = col["vote"];
    std::unordered_map<int, std::int32_t> country_index;
    data.ballots.reserve(900'000);
    KeySet seen(900'000);
    int last_ccode = -1;
    std::int32_t last_country = -1;
    while (reader.next(fields)) {
      check_field_count(reader, fields, col);
      rollcall::Ballot ballot;
      ballot.rcid = parse_int(reader, fields[c_rcid], "rcid");
      const auto rc = roll_call_index.find(ballot.rcid);
      if (rc == roll_call_index.end()) {
        reader.fail(fields[c_rcid], "rcid " + std::to_string(ballot.rcid) + " is not in " + roll_calls_path);
      }
      const int session = parse_int(reader, fields[c_session], "session");
      if (session != data.roll_calls[rc->second].session) {
        reader.fail(fields[c_session], "session " + std::to_string(session) + " differs from roll call " +
                                           std::to_string(ballot.rcid) + "'s session " +
                                           std::to_string(data.roll_calls[rc->second].session));
      }
      const int ccode = parse_int(reader, fields[c_ccode], "ccode");
      if (ccode != last_ccode) {
        auto [it, inserted] = country_index.emplace(ccode, static_cast<std::int32_t>(data.countries.size()));
        if (inserted) {
          data.countries.push_back({ccode, std::string(fields[c_iso3].text), std::string(fields[c_country].text)});
        }
        last_ccode = ccode;
        last_country = it->second;
      }
      ballot.country = last_country;
      const std::string_view vote = fields[c_vote].text;
      if (vote == "yes") {
        ballot.vote = Vote::yes;
      } else if (vote == "no") {
        ballot.vote = Vote::no;
      } else if (vote == "abstain") {
        ballot.vote = Vote::abstain;
      } else if (vote == "absent") {
        ballot.vote = Vote::absent;
      } else {
        reader.fail(fields[c_vote], "vote '" + std::string(vote) + "' is not yes, no, abstain or absent");
      }
      // rc->second + 1 keeps the key nonzero.
      const std::uint64_t key = (static_cast<std::uint64_t>(rc->second + 1) << 32) |
                                static_cast<std::uint32_t>(ccode);
      if (!seen.insert(key)) {
        reader.fail(fields[c_ccode], "country " + std::to_string(ccode) + " votes twice on roll call " +
                                         std::to_string(ballot.rcid));
      }
      data.ballots.push_back(ballot);
    }
  }
  return data;
}

}  // namespace statecraft::io
