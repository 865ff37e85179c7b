#include "games/expression.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace statecraft::games {

struct Expression::Node {
  enum class Kind { number, quantity, negate, add, subtract, multiply, divide };
  Kind kind = Kind::number;
  double number = 0.0;
  std::size_t quantity = 0;  // index into Expression::quantities_
  std::size_t offset = 0;
  std::shared_ptr<const Node> left;
  std::shared_ptr<const Node> right;
};

namespace {

using NodePtr = std::shared_ptr<const Expression::Node>;

// Recursive descent over the grammar in expression.h; depth is bounded so a hostile
// scenario cannot overflow the stack.
class Parser {
 public:
  Parser(const std::string& text, std::vector<Quantity>& quantities) : text_(text), quantities_(quantities) {}

  NodePtr parse_all() {
    NodePtr node = expression();
    skip_space();
    if (position_ != text_.size()) fail("unexpected '" + std::string(1, text_[position_]) + "'");
    return node;
  }

 private:
  static constexpr int kMaxDepth = 100;

  [[noreturn]] void fail(const std::string& message) const { throw ExpressionError(position_, message); }

  void skip_space() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_])) != 0) ++position_;
  }

  bool take(char c) {
    skip_space();
    if (position_ < text_.size() && text_[position_] == c) {
      ++position_;
      return true;
    }
    return false;
  }

  static NodePtr binary(Expression::Node::Kind kind, NodePtr left, NodePtr right, std::size_t offset) {
    auto node = std::make_shared<Expression::Node>();
    node->kind = kind;
    node->left = std::move(left);
    node->right = std::move(right);
    node->offset = offset;
    return node;
  }

  NodePtr expression() {
    if (++depth_ > kMaxDepth) fail("expression nested too deeply");
    NodePtr left = term();
    while (true) {
      const std::size_t at = position_;
      if (take('+')) {
        left = binary(Expression::Node::Kind::add, left, term(), at);
      } else if (take('-')) {
        left = binary(Expression::Node::Kind::subtract, left, term(), at);
      } else {
        break;
      }
    }
    --depth_;
    return left;
  }

  NodePtr term() {
    NodePtr left = unary();
    while (true) {
      skip_space();
      const std::size_t at = position_;
      if (take('*')) {
        left = binary(Expression::Node::Kind::multiply, left, unary(), at);
      } else if (take('/')) {
        left = binary(Expression::Node::Kind::divide, left, unary(), at);
      } else {
        break;
      }
    }
    return left;
  }

  NodePtr unary() {
    skip_space();
    const std::size_t at = position_;
    if (take('-')) {
      if (++depth_ > kMaxDepth) fail("expression nested too deeply");
      auto node = std::make_shared<Expression::Node>();
      node->kind = Expression::Node::Kind::negate;
      node->left = unary();
      node->offset = at;
      --depth_;
      return node;
    }
    return primary();
  }

  NodePtr primary() {
    skip_space();
    if (position_ >= text_.size()) fail("expected a number, a quantity or '(' at the end of the expression");
    const char c = text_[position_];
    if (c == '(') {
      ++position_;
      NodePtr inner = expression();
      if (!take(')')) fail("expected ')'");
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') return quantity();
    fail("expected a number, a quantity or '(', found '" + std::string(1, c) + "'");
  }

  NodePtr number() {
    const std::size_t start = position_;
    double value = 0.0;
    auto [end, error] = std::from_chars(text_.data() + start, text_.data() + text_.size(), value);
    if (error != std::errc() || !std::isfinite(value)) fail("malformed number");
    position_ = static_cast<std::size_t>(end - text_.data());
    auto node = std::make_shared<Expression::Node>();
    node->number = value;
    node->offset = start;
    return node;
  }

  static bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-' || c == ':';
  }

  std::string word(const char* what) {
    skip_space();
    const std::size_t start = position_;
    while (position_ < text_.size() && word_char(text_[position_])) ++position_;
    if (position_ == start) fail(std::string("expected ") + what);
    return text_.substr(start, position_ - start);
  }

  NodePtr quantity() {
    Quantity q;
    q.offset = position_;
    while (position_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[position_])) != 0 || text_[position_] == '_' ||
            text_[position_] == '.')) {
      ++position_;
    }
    q.name = text_.substr(q.offset, position_ - q.offset);
    if (take('(')) {
      if (!take(')')) {
        do {
          skip_space();
          const std::size_t at = position_;
          std::string first = word("an argument");
          if (take('=')) {
            std::string value = word("a value after '='");
            if (!q.options.emplace(first, value).second) {
              position_ = at;
              fail("option '" + first + "' given twice");
            }
          } else {
            if (!q.options.empty()) {
              position_ = at;
              fail("positional argument after a named one");
            }
            q.arguments.push_back(std::move(first));
          }
        } while (take(','));
        if (!take(')')) fail("expected ',' or ')'");
      }
    }
    auto node = std::make_shared<Expression::Node>();
    node->kind = Expression::Node::Kind::quantity;
    node->quantity = quantities_.size();
    node->offset = q.offset;
    quantities_.push_back(std::move(q));
    return node;
  }

  const std::string& text_;
  std::vector<Quantity>& quantities_;
  std::size_t position_ = 0;
  int depth_ = 0;
};

double evaluate_node(const Expression::Node& node, const std::vector<double>& values) {
  using Kind = Expression::Node::Kind;
  switch (node.kind) {
    case Kind::number:
      return node.number;
    case Kind::quantity:
      return values[node.quantity];
    case Kind::negate:
      return -evaluate_node(*node.left, values);
    case Kind::add:
      return evaluate_node(*node.left, values) + evaluate_node(*node.right, values);
    case Kind::subtract:
      return evaluate_node(*node.left, values) - evaluate_node(*node.right, values);
    case Kind::multiply:
      return evaluate_node(*node.left, values) * evaluate_node(*node.right, values);
    case Kind::divide: {
      const double divisor = evaluate_node(*node.right, values);
      if (divisor == 0.0) throw ExpressionError(node.offset, "division by zero");
      return evaluate_node(*node.left, values) / divisor;
    }
  }
  return 0.0;
}

}  // namespace

Expression Expression::parse(const std::string& text) {
  Expression out;
  out.text_ = text;
  Parser parser(out.text_, out.quantities_);
  out.root_ = parser.parse_all();
  return out;
}

double Expression::evaluate(const QuantityResolver& resolver) const {
  std::vector<double> values;
  values.reserve(quantities_.size());
  for (const auto& q : quantities_) {
    const double v = resolver(q);
    if (!std::isfinite(v)) throw ExpressionError(q.offset, "quantity '" + q.name + "' is not a finite number");
    values.push_back(v);
  }
  return evaluate_node(*root_, values);
}

}  // namespace statecraft::games
