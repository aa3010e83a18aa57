// Formula text → tree: a hand-written lexer and precedence-climbing parser (the grammar is in
// formula.hpp). Nesting and the height of the tree are bounded so hostile input cannot exhaust
// the stack, here or in any later walk over the tree.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "zhibiao/formula.hpp"

#include "formula/node.hpp"

namespace zhibiao {
namespace {

using detail::formula_node;
using detail::node_kind;
using node_ptr = std::shared_ptr<const formula_node>;

enum class token_kind { end, number, name, unit, op, lparen, rparen, comma };

struct token {
    token_kind kind = token_kind::end;
    std::string text;
    text_span span;
};

class parser {
public:
    explicit parser(const formula& f) : f_(f), s_(f.text()) { advance(); }

    node_ptr parse_all() {
        node_ptr n = parse_or();
        if (tok_.kind != token_kind::end) fail("unexpected '" + tok_.text + "'", tok_.span);
        return n;
    }

private:
    [[noreturn]] void fail(const std::string& message, text_span where) const {
        throw parse_error(f_.describe(message, where));
    }

    void advance() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
        token t;
        t.span.begin = pos_;
        if (pos_ >= s_.size()) {
            t.kind = token_kind::end;
            t.text = "end of formula";
            t.span.end = pos_ + 1;
            tok_ = t;
            return;
        }
        char c = s_[pos_];
        auto take = [&](token_kind k, std::size_t n) {
            t.kind = k;
            t.text = s_.substr(pos_, n);
            pos_ += n;
        };
        if (std::isdigit(static_cast<unsigned char>(c)) ||
            (c == '.' && pos_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
            std::size_t p = pos_;
            while (p < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p]))) ++p;
            if (p < s_.size() && s_[p] == '.') {
                ++p;
                while (p < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p]))) ++p;
            }
            if (p < s_.size() && (s_[p] == 'e' || s_[p] == 'E')) {
                std::size_t q = p + 1;
                if (q < s_.size() && (s_[q] == '+' || s_[q] == '-')) ++q;
                if (q < s_.size() && std::isdigit(static_cast<unsigned char>(s_[q]))) {
                    while (q < s_.size() && std::isdigit(static_cast<unsigned char>(s_[q]))) ++q;
                    p = q;
                }
            }
            take(token_kind::number, p - pos_);
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t p = pos_;
            while (p < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p])) || s_[p] == '_')) ++p;
            take(token_kind::name, p - pos_);
        } else if (c == '[') {
            std::size_t close = s_.find(']', pos_);
            if (close == std::string::npos) fail("unit literal without ']'", {pos_, s_.size()});
            t.kind = token_kind::unit;
            t.text = s_.substr(pos_ + 1, close - pos_ - 1);
            pos_ = close + 1;
        } else if (c == '(') {
            take(token_kind::lparen, 1);
        } else if (c == ')') {
            take(token_kind::rparen, 1);
        } else if (c == ',') {
            take(token_kind::comma, 1);
        } else if (s_.compare(pos_, 2, "<=") == 0 || s_.compare(pos_, 2, ">=") == 0 || s_.compare(pos_, 2, "==") == 0 ||
                   s_.compare(pos_, 2, "!=") == 0) {
            take(token_kind::op, 2);
        } else if (std::string_view("+-*/<>").find(c) != std::string_view::npos) {
            take(token_kind::op, 1);
        } else {
            std::size_t n = 1;
            while (pos_ + n < s_.size() && (static_cast<unsigned char>(s_[pos_ + n]) & 0xC0) == 0x80)
                ++n;  // whole UTF-8 character
            t.span.end = pos_ + n;
            fail("unexpected character '" + s_.substr(pos_, n) + "'", t.span);
        }
        t.span.end = pos_;
        tok_ = t;
    }

    bool is_op(const char* op) const { return tok_.kind == token_kind::op && tok_.text == op; }
    bool is_word(const char* w) const { return tok_.kind == token_kind::name && tok_.text == w; }

    struct depth_guard {
        parser& p;
        explicit depth_guard(parser& owner, text_span where) : p(owner) {
            if (++p.depth_ > formula::max_depth)
                throw limit_error(p.f_.describe(
                    "formula nested deeper than " + std::to_string(formula::max_depth) + " levels", where));
        }
        ~depth_guard() { --p.depth_; }
    };

    // Sets the height of a node from its arguments; a tree taller than max_height is refused
    // while it is built, so no walk over it (nor its destructor) can exhaust the stack.
    node_ptr finished(std::shared_ptr<formula_node> n) const {
        for (const auto& a : n->args) n->height = std::max(n->height, a->height + 1);
        if (n->height > formula::max_height)
            throw limit_error(f_.describe("formula more than " + std::to_string(formula::max_height) +
                                              " levels deep (each operator of a chain like a + b + c … is one level)",
                                          n->span));
        return n;
    }

    node_ptr make_binary(std::string op, node_ptr a, node_ptr b) const {
        auto n = std::make_shared<formula_node>();
        n->kind = node_kind::binary;
        n->op = std::move(op);
        n->span = {a->span.begin, b->span.end};
        n->args = {std::move(a), std::move(b)};
        return finished(std::move(n));
    }

    node_ptr parse_or() {
        depth_guard guard(*this, tok_.span);
        node_ptr left = parse_and();
        while (is_word("or")) {
            advance();
            left = make_binary("or", left, parse_and());
        }
        return left;
    }
    node_ptr parse_and() {
        node_ptr left = parse_not();
        while (is_word("and")) {
            advance();
            left = make_binary("and", left, parse_not());
        }
        return left;
    }
    node_ptr parse_not() {
        if (is_word("not")) {
            depth_guard guard(*this, tok_.span);
            std::size_t begin = tok_.span.begin;
            advance();
            auto n = std::make_shared<formula_node>();
            n->kind = node_kind::logical_not;
            node_ptr arg = parse_not();
            n->span = {begin, arg->span.end};
            n->args = {arg};
            return finished(std::move(n));
        }
        return parse_comparison();
    }
    node_ptr parse_comparison() {
        node_ptr left = parse_sum();
        for (const char* op : {"<=", ">=", "==", "!=", "<", ">"})
            if (is_op(op)) {
                advance();
                node_ptr right = parse_sum();
                left = make_binary(op, left, right);
                if (tok_.kind == token_kind::op && (tok_.text == "<" || tok_.text == ">" || tok_.text == "<=" ||
                                                    tok_.text == ">=" || tok_.text == "==" || tok_.text == "!="))
                    fail("comparisons do not chain: use 'and'", tok_.span);
                break;
            }
        return left;
    }
    node_ptr parse_sum() {
        node_ptr left = parse_product();
        while (is_op("+") || is_op("-")) {
            std::string op = tok_.text;
            advance();
            left = make_binary(op, left, parse_product());
        }
        return left;
    }
    node_ptr parse_product() {
        node_ptr left = parse_unary();
        while (is_op("*") || is_op("/")) {
            std::string op = tok_.text;
            advance();
            left = make_binary(op, left, parse_unary());
        }
        return left;
    }
    node_ptr parse_unary() {
        if (is_op("-")) {
            depth_guard guard(*this, tok_.span);
            std::size_t begin = tok_.span.begin;
            advance();
            node_ptr arg = parse_unary();
            auto n = std::make_shared<formula_node>();
            n->kind = node_kind::unary_minus;
            n->span = {begin, arg->span.end};
            n->args = {arg};
            return finished(std::move(n));
        }
        if (is_op("+")) {
            depth_guard guard(*this, tok_.span);  // a run of '+' recurses as deep as a run of '-'
            advance();
            return parse_unary();
        }
        return parse_primary();
    }
    node_ptr parse_primary() {
        auto n = std::make_shared<formula_node>();
        n->span = tok_.span;
        switch (tok_.kind) {
            case token_kind::number: {
                n->kind = node_kind::number;
                try {
                    std::size_t used = 0;
                    n->number = std::stod(tok_.text, &used);
                } catch (const std::exception&) {
                    fail("number out of range", tok_.span);
                }
                if (!std::isfinite(n->number)) fail("number out of range", tok_.span);
                advance();
                if (tok_.kind == token_kind::unit) {
                    try {
                        n->number_unit = unit::parse(tok_.text);
                    } catch (const unknown_unit_error&) {
                        fail("unknown unit '" + tok_.text + "'", tok_.span);
                    }
                    n->span.end = tok_.span.end;
                    advance();
                }
                return n;
            }
            case token_kind::name: {
                if (tok_.text == "and" || tok_.text == "or" || tok_.text == "not")
                    fail("expected a value, found '" + tok_.text + "'", tok_.span);
                n->name = tok_.text;
                advance();
                if (tok_.kind != token_kind::lparen) {
                    n->kind = node_kind::name;
                    return n;
                }
                depth_guard guard(*this, n->span);
                n->kind = node_kind::call;
                advance();
                if (tok_.kind != token_kind::rparen) {
                    for (;;) {
                        n->args.push_back(parse_or());
                        if (tok_.kind == token_kind::comma) {
                            advance();
                            continue;
                        }
                        break;
                    }
                }
                if (tok_.kind != token_kind::rparen) fail("expected ',' or ')'", tok_.span);
                n->span.end = tok_.span.end;
                advance();
                return finished(std::move(n));
            }
            case token_kind::lparen: {
                depth_guard guard(*this, tok_.span);
                std::size_t begin = tok_.span.begin;
                advance();
                node_ptr inner = parse_or();
                if (tok_.kind != token_kind::rparen) fail("expected ')'", tok_.span);
                auto copy = std::make_shared<formula_node>(*inner);
                copy->span = {begin, tok_.span.end};
                advance();
                return copy;
            }
            case token_kind::unit:
                fail("a unit must follow a number, as in 10000[人]", tok_.span);
            default:
                fail(tok_.kind == token_kind::end ? "formula ends too early"
                                                  : "expected a value, found '" + tok_.text + "'",
                     tok_.span);
        }
    }

    const formula& f_;
    const std::string& s_;
    std::size_t pos_ = 0;
    token tok_;
    int depth_ = 0;
};

void collect_names(const formula_node& n, std::vector<std::string>& out) {
    if (n.kind == node_kind::name && std::find(out.begin(), out.end(), n.name) == out.end()) out.push_back(n.name);
    for (const auto& a : n.args) collect_names(*a, out);
}

}  // namespace

const detail::formula_node& detail::root_of(const formula& f) {
    if (!f.root_) throw error("formula: empty (default-constructed or moved from); make one with formula::parse");
    return *f.root_;
}

formula formula::parse(const std::string& text) {
    formula f;
    f.text_ = text;
    f.root_ = parser(f).parse_all();
    return f;
}

std::vector<std::string> formula::names() const {
    std::vector<std::string> out;
    if (root_) collect_names(*root_, out);
    return out;
}

std::string formula::describe(const std::string& message, text_span where) const {
    // The caret line counts display columns: a CJK character is two wide, other UTF-8 one.
    auto width = [this](std::size_t from, std::size_t to) {
        std::size_t w = 0;
        for (std::size_t i = from; i < to && i < text_.size(); ++i) {
            auto c = static_cast<unsigned char>(text_[i]);
            if ((c & 0xC0) == 0x80) continue;
            w += c >= 0xE0 ? 2 : 1;
        }
        return w;
    };
    auto character_start = [this](std::size_t i) {
        while (i > 0 && i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) --i;
        return i;
    };
    // A long formula shows as a window around the span: a message never grows with the formula.
    constexpr std::size_t context = 60;
    std::size_t begin = std::min(where.begin, text_.size());
    std::size_t end = std::max(where.end, begin + 1);
    const std::size_t from = begin > context ? character_start(begin - context) : 0;
    const std::size_t to = begin + 2 * context < text_.size() ? character_start(begin + 2 * context) : text_.size();
    const std::string before = from > 0 ? "..." : "", after = to < text_.size() ? "..." : "";
    std::size_t marks = std::max<std::size_t>(1, width(begin, std::min(end, to)) + (end > text_.size() ? 1 : 0));
    return message + "\n  " + before + text_.substr(from, to - from) + after + "\n  " +
           std::string(before.size() + width(from, begin), ' ') + "^" + std::string(marks - 1, '~');
}

}  // namespace zhibiao
