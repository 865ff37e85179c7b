#include "games/expression.h"

#include <gtest/gtest.h>

namespace statecraft::games {
namespace {

double eval(const std::string& text, const QuantityResolver& resolver = [](const Quantity&) { return 0.0; }) {
  return Expression::parse(text).evaluate(resolver);
}

TEST(Expression, ArithmeticWithPrecedenceAndParentheses) {
  EXPECT_DOUBLE_EQ(eval("1 + 2 * 3"), 7);
  EXPECT_DOUBLE_EQ(eval("(1 + 2) * 3"), 9);
  EXPECT_DOUBLE_EQ(eval("10 - 4 - 3"), 3);  // left associative
  EXPECT_DOUBLE_EQ(eval("8 / 4 / 2"), 1);
  EXPECT_DOUBLE_EQ(eval("-2 * -3"), 6);
  EXPECT_DOUBLE_EQ(eval("1.5e3 / 1e3"), 1.5);
  EXPECT_DOUBLE_EQ(eval("  - (2 - 5)  "), 3);
}

TEST(Expression, QuantitiesWithArgumentsGoToTheResolver) {
  Expression e = Expression::parse("-corridor.closure_cost(PAK, close=torkham) / 1e6 + aid");
  ASSERT_EQ(e.quantities().size(), 2U);
  EXPECT_EQ(e.quantities()[0].name, "corridor.closure_cost");
  EXPECT_EQ(e.quantities()[0].arguments, std::vector<std::string>{"PAK"});
  EXPECT_EQ(e.quantities()[0].options.at("close"), "torkham");
  EXPECT_EQ(e.quantities()[0].offset, 1U);
  EXPECT_EQ(e.quantities()[1].name, "aid");
  double v = e.evaluate([](const Quantity& q) { return q.name == "aid" ? 2.0 : 3e6; });
  EXPECT_DOUBLE_EQ(v, -3 + 2);
}

TEST(Expression, SyntaxErrorsSayWhere) {
  auto offset_of = [](const std::string& text) {
    try {
      Expression::parse(text);
    } catch (const ExpressionError& e) {
      return static_cast<int>(e.offset());
    }
    return -1;
  };
  EXPECT_EQ(offset_of("1 +"), 3);
  EXPECT_EQ(offset_of("1 + * 2"), 4);
  EXPECT_EQ(offset_of("(1 + 2"), 6);
  EXPECT_EQ(offset_of("2 3"), 2);
  EXPECT_EQ(offset_of("f(a=1, b)"), 7);
  EXPECT_EQ(offset_of("f(a=1, a=2)"), 7);
  EXPECT_EQ(offset_of(std::string(500, '(') + "1" + std::string(500, ')')) >= 0, true);  // too deep, not a crash
}

TEST(Expression, EvaluationErrors) {
  EXPECT_THROW(eval("1 / (2 - 2)"), ExpressionError);
  EXPECT_THROW(eval("x", [](const Quantity& q) -> double { throw ExpressionError(q.offset, "unknown"); }),
               ExpressionError);
}

}  // namespace
}  // namespace statecraft::games
