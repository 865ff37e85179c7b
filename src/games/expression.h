// Payoff expressions: arithmetic over numbers and named scenario quantities, so a
// game's payoff can be "the cost of closing Torkham to Pakistan, in billions" rather
// than a number typed in by hand.
//
// Grammar (whitespace ignored):
//   expression := term (('+' | '-') term)*
//   term       := unary (('*' | '/') unary)*
//   unary      := '-' unary | primary
//   primary    := number | '(' expression ')' | quantity
//   quantity   := name ('(' [argument (',' argument)*] ')')?
//   argument   := word | word '=' word          (a word: letters, digits, '_', '.', '-', ':')
//   name       := letter-or-'_' then letters, digits, '_' and '.'
// e.g.  -corridor.closure_cost(PAK, close=torkham) / 1e6 + 0.5 * games.recognition_value
//
// Parsing knows nothing of what quantities exist: evaluation asks a caller-supplied
// resolver, so this engine stays independent of the corridor engine.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace statecraft::games {

// A named scenario quantity with its arguments, as written.
struct Quantity {
  std::string name;                            // e.g. "corridor.closure_cost"
  std::vector<std::string> arguments;          // positional, e.g. {"PAK"}
  std::map<std::string, std::string> options;  // named, e.g. {"close": "torkham"}
  std::size_t offset = 0;                      // where it starts in the text (0-based)
};

// A syntax or evaluation error at a character offset (0-based) in the expression text.
class ExpressionError : public std::runtime_error {
 public:
  ExpressionError(std::size_t offset, const std::string& message) : std::runtime_error(message), offset_(offset) {}
  [[nodiscard]] std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// Returns the value of a quantity, or throws ExpressionError (e.g. unknown name).
using QuantityResolver = std::function<double(const Quantity&)>;

class Expression {
 public:
  // Throws ExpressionError on a syntax error.
  static Expression parse(const std::string& text);

  // Throws ExpressionError when the resolver does, or on division by zero.
  [[nodiscard]] double evaluate(const QuantityResolver& resolver) const;
  [[nodiscard]] const std::vector<Quantity>& quantities() const { return quantities_; }
  [[nodiscard]] const std::string& text() const { return text_; }

  struct Node;

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;  // immutable tree, shared by copies
  std::vector<Quantity> quantities_;  // every quantity, in order of appearance
};

}  // namespace statecraft::games
