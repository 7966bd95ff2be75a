// UAI model, evidence and result files (docs/formats/uai.md).
//
// Every UAI file is a sequence of white-space separated tokens whose meaning depends only on
// their position, so one small lexer serves all of them; line breaks matter only to tell
// the two evidence layouts apart when the token count fits both.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/io/uai.hpp>

#include "bif_common.hpp"
#include "error_collector.hpp"
#include "file_io.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace augury::io {
namespace {

struct token {
  std::string_view text;
  std::size_t offset = 0;  // byte offset of the first character
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_line_end(char c) { return c == '\n' || c == '\r'; }
bool is_space(char c) { return is_blank(c) || is_line_end(c); }

/// Splits UAI text into tokens. White space (CRLF included) separates tokens; `#` starts a
/// comment running to the end of the line (aGrUM writes them, also after values); a line
/// whose first token is a lone `c` is a comment line (the UAI 2016 model format).
class lexer {
 public:
  lexer(std::string_view text, const std::string& source) : text_(text), source_(source) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte-order mark
  }

  /// The next token, or a token with empty text at the end of the input.
  token next() {
    skip();
    token t;
    t.offset = pos_;
    while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != '#') ++pos_;
    t.text = text_.substr(t.offset, pos_ - t.offset);
    fresh_line_ = false;
    return t;
  }

  /// Whether only white space and comments remain.
  bool at_end() {
    skip();
    return pos_ >= text_.size();
  }

  /// Offset of the end of the input (for "found end of input" errors).
  [[nodiscard]] std::size_t end_offset() const noexcept { return text_.size(); }

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const { throw error_at(offset, message); }

  [[nodiscard]] parse_error error_at(std::size_t offset, const std::string& message) const {
    const auto lc = detail_bif::line_column(text_, offset);
    return parse_error(source_, lc.first, lc.second, message);
  }

  /// Whether a line break lies between two offsets.
  [[nodiscard]] bool line_break_between(std::size_t a, std::size_t b) const {
    for (std::size_t i = a; i < b && i < text_.size(); ++i)
      if (is_line_end(text_[i])) return true;
    return false;
  }

 private:
  void skip() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (is_line_end(c)) {
        fresh_line_ = true;
        ++pos_;
      } else if (is_blank(c)) {
        ++pos_;
      } else if (c == '#' || (fresh_line_ && c == 'c' &&
                              (pos_ + 1 == text_.size() || is_space(text_[pos_ + 1])))) {
        while (pos_ < text_.size() && !is_line_end(text_[pos_])) ++pos_;
      } else {
        break;
      }
    }
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  bool fresh_line_ = true;
};

/// "'abc'" or "end of input", for messages.
std::string describe(const token& t) {
  if (t.text.empty()) return "end of input";
  return "'" + std::string(t.text.substr(0, 40)) + (t.text.size() > 40 ? "..." : "") + "'";
}

/// Parses a whole token as a non-negative integer.
bool parse_count(std::string_view text, std::uint64_t& out) {
  if (text.empty()) return false;
  const char* b = text.data();
  const char* e = b + text.size();
  if (*b == '+') ++b;
  const auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e && b != e;
}

/// Shortest decimal form that reads back to the same double.
void append_number(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

/// Token-level reading helpers shared by the parsers.
class reader {
 public:
  reader(std::string_view text, const std::string& source) : lex_(text, source) {}

  token expect(const std::string& what) {
    token t = lex_.next();
    if (t.text.empty()) lex_.fail(lex_.end_offset(), "expected " + what + ", found end of input");
    return t;
  }

  std::uint64_t count(const std::string& what, token* where = nullptr) {
    const token t = expect(what);
    std::uint64_t v = 0;
    if (!parse_count(t.text, v))
      lex_.fail(t.offset, "expected " + what + " (a non-negative integer), found " + describe(t));
    if (where) *where = t;
    return v;
  }

  double number(const std::string& what, token* where = nullptr) {
    const token t = expect(what);
    double v = 0.0;
    if (!detail_bif::parse_number(t.text, v))
      lex_.fail(t.offset, "expected " + what + " (a finite number), found " + describe(t));
    if (where) *where = t;
    return v;
  }

  lexer& lex() { return lex_; }

 private:
  lexer lex_;
};

// ---- models -------------------------------------------------------------------------------

struct parsed_factor {
  std::vector<var_id> scope;
  std::size_t scope_offset = 0;  // the scope's first token (its size k)
  std::vector<double> values;
};

struct parsed_model {
  bool bayes = false;
  std::vector<std::size_t> cards;
  std::vector<parsed_factor> factors;
};

std::string scope_text(const std::vector<var_id>& scope) {
  return scope.empty() ? std::string("empty") : detail::join(scope, " ");
}

/// "v1=0, v0=1" for row `row` of a CPT whose parents are `parents`.
std::string parent_configuration(const std::vector<var_id>& parents, const std::vector<std::size_t>& cards,
                                 std::size_t row) {
  std::vector<std::string> parts(parents.size());
  for (std::size_t i = parents.size(); i-- > 0;) {
    const std::size_t c = cards[parents[i]];
    parts[i] = "variable " + std::to_string(parents[i]) + " = " + std::to_string(row % c);
    row /= c;
  }
  return detail::join(parts);
}

enum class wanted { bayes, any };

// In collect mode a negative entry or a row that does not sum to 1 is kept in `errs` and the
// table is read on; anything else (the counts and sizes that say where the next value is)
// stops reading.
parsed_model parse_model_text(reader& in, wanted want, double tolerance, detail_io::error_collector& errs) {
  lexer& lex = in.lex();
  parsed_model m;
  const token type = in.expect("the network type BAYES or MARKOV");
  std::string upper(type.text);
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (upper == "BAYES") {
    m.bayes = true;
  } else if (upper != "MARKOV") {
    lex.fail(type.offset, "expected the network type BAYES or MARKOV, found " + describe(type) +
                              " (sparse and other UAI network types are not supported)");
  }
  if (want == wanted::bayes && !m.bayes)
    lex.fail(type.offset, "this is a MARKOV file, not a Bayesian network (BAYES): read it as a Markov "
                          "network (read_uai_markov)");

  token n_token;
  const std::uint64_t n = in.count("the number of variables", &n_token);
  constexpr std::uint64_t max_total_states = std::uint64_t(1) << 22;
  std::uint64_t total_states = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    token t;
    const std::uint64_t c = in.count("the cardinality of variable " + std::to_string(i) + " (the file declares " +
                                         std::to_string(n) + " variables)",
                                     &t);
    if (c == 0) lex.fail(t.offset, "variable " + std::to_string(i) + " has cardinality 0; a variable needs at least one state");
    if (c > std::numeric_limits<std::uint32_t>::max())
      lex.fail(t.offset, "variable " + std::to_string(i) + " has cardinality " + std::to_string(c) +
                             ", more than a table can index");
    // Every state gets a name, so the states of all variables together are bounded before
    // any is made (a file of a few bytes could otherwise ask for billions).
    total_states += c;
    if (total_states > max_total_states)
      lex.fail(t.offset, "variable " + std::to_string(i) + " has cardinality " + std::to_string(c) +
                             ", which brings the model to " + std::to_string(total_states) +
                             " states in all; the reader accepts at most " + std::to_string(max_total_states));
    m.cards.push_back(static_cast<std::size_t>(c));
  }

  token m_token;
  const std::uint64_t num_factors = in.count("the number of factors", &m_token);
  std::vector<std::size_t> child_factor(m.cards.size(), std::numeric_limits<std::size_t>::max());
  for (std::uint64_t f = 0; f < num_factors; ++f) {
    token k_token;
    const std::string which = "factor " + std::to_string(f);
    const std::uint64_t k = in.count("the number of variables in the scope of " + which + " (the file declares " +
                                         std::to_string(num_factors) + " factors)",
                                     &k_token);
    parsed_factor pf;
    pf.scope_offset = k_token.offset;
    if (m.bayes && k == 0)
      lex.fail(k_token.offset, which + " has an empty scope; in a BAYES file each factor is the CPT of the last "
                                       "variable of its scope");
    if (k > m.cards.size())
      lex.fail(k_token.offset, "the scope of " + which + " has " + std::to_string(k) +
                                   " variables, but the model has only " + std::to_string(m.cards.size()));
    for (std::uint64_t j = 0; j < k; ++j) {
      token t;
      const std::uint64_t v = in.count("variable " + std::to_string(j) + " of the scope of " + which, &t);
      if (v >= m.cards.size())
        lex.fail(t.offset, which + " names variable " + std::to_string(v) + ", but the model has " +
                               std::to_string(m.cards.size()) + " variables (0.." +
                               std::to_string(m.cards.size() == 0 ? 0 : m.cards.size() - 1) + ")");
      if (std::find(pf.scope.begin(), pf.scope.end(), v) != pf.scope.end())
        lex.fail(t.offset, "the scope of " + which + " lists variable " + std::to_string(v) + " twice");
      pf.scope.push_back(static_cast<var_id>(v));
    }
    if (m.bayes) {
      const var_id child = pf.scope.back();
      if (child_factor[child] != std::numeric_limits<std::size_t>::max())
        lex.fail(k_token.offset, "variable " + std::to_string(child) + " is the child (last scope variable) of factors " +
                                     std::to_string(child_factor[child]) + " and " + std::to_string(f) +
                                     "; in a BAYES file each variable is the child of exactly one factor");
      child_factor[child] = static_cast<std::size_t>(f);
    }
    m.factors.push_back(std::move(pf));
  }
  if (m.bayes)
    for (std::size_t v = 0; v < m.cards.size(); ++v)
      if (child_factor[v] == std::numeric_limits<std::size_t>::max())
        lex.fail(m_token.offset, "variable " + std::to_string(v) +
                                     " is the child (last scope variable) of no factor; in a BAYES file each "
                                     "variable is the child of exactly one factor");

  for (std::size_t f = 0; f < m.factors.size(); ++f) {
    parsed_factor& pf = m.factors[f];
    const std::string which = "factor " + std::to_string(f);
    std::vector<std::size_t> scope_cards;
    for (var_id v : pf.scope) scope_cards.push_back(m.cards[v]);
    std::uint64_t expected = 1;
    bool overflow = false;
    for (std::size_t c : scope_cards) {
      if (expected > std::numeric_limits<std::uint64_t>::max() / c) overflow = true;
      expected *= c;
    }
    token size_token;
    const std::uint64_t size = in.count("the table size of " + which, &size_token);
    if (overflow || size != expected)
      lex.fail(size_token.offset,
               which + " (scope " + scope_text(pf.scope) + ") has table size " + std::to_string(size) + ", expected " +
                   (overflow ? std::string("more than 2^64") : std::to_string(expected)) +
                   (pf.scope.empty() ? std::string(" (a factor with an empty scope holds one value)")
                                     : " = " + detail::join(scope_cards, " x ") +
                                           ", the product of its scope's cardinalities"));
    // Rows of a CPT: runs of card(child) entries, one per parent configuration.
    const std::size_t row_length = m.bayes ? scope_cards.back() : 0;
    std::vector<var_id> parents;
    if (m.bayes) parents.assign(pf.scope.begin(), pf.scope.end() - 1);
    pf.values.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(size, 1u << 20)));
    std::size_t row_offset = 0;
    double row_sum = 0.0;
    for (std::uint64_t r = 0; r < size; ++r) {
      token t;
      const double x = in.number("entry " + std::to_string(r) + " of the table of " + which + " (" +
                                     std::to_string(size) + " entries)",
                                 &t);
      if (x < 0.0)
        errs.report(lex.error_at(t.offset, "entry " + std::to_string(r) + " of the table of " + which + " is negative (" +
                                               detail::format_number(x) + "); factor entries must be non-negative"));
      pf.values.push_back(x);
      if (!m.bayes) continue;
      if (r % row_length == 0) {
        row_offset = t.offset;
        row_sum = 0.0;
      }
      row_sum += x;
      if ((r + 1) % row_length == 0 && !(std::fabs(row_sum - 1.0) <= tolerance + detail_bif::rounding_slack)) {
        const var_id child = pf.scope.back();
        errs.report(lex.error_at(
            row_offset, which + " (CPT of variable " + std::to_string(child) +
                            (parents.empty() ? std::string()
                                             : " given " + parent_configuration(parents, m.cards,
                                                                                static_cast<std::size_t>(r / row_length))) +
                            ") sums to " + detail_bif::format_sum(row_sum) + ", not 1 (tolerance " +
                            detail::format_number(tolerance) + ")"));
      }
    }
  }
  if (!lex.at_end()) {
    const token t = lex.next();
    lex.fail(t.offset, "unexpected " + describe(t) + " after the table of the last factor (the file declares " +
                           std::to_string(m.factors.size()) + " factors)");
  }
  return m;
}

// In collect mode each factor is set on its own, so every factor that closes a cycle is kept.
bayesian_network to_bayesian(const parsed_model& m, const lexer& lex, double tolerance, detail_io::error_collector& errs) {
  bayesian_network net;
  for (std::size_t v = 0; v < m.cards.size(); ++v) {
    std::vector<std::string> states;
    for (std::size_t s = 0; s < m.cards[v]; ++s) states.push_back(uai_state_name(s));
    net.add_variable(uai_variable_name(v), std::move(states));
  }
  for (std::size_t f = 0; f < m.factors.size(); ++f) {
    const parsed_factor& pf = m.factors[f];
    const var_id child = pf.scope.back();
    std::vector<var_id> parents(pf.scope.begin(), pf.scope.end() - 1);
    errs.attempt([&] {
      try {
        net.set_cpt(child, std::move(parents), pf.values, tolerance + detail_bif::rounding_slack);
      } catch (const model_error& e) {
        lex.fail(pf.scope_offset, "factor " + std::to_string(f) + " (CPT of variable " + std::to_string(child) +
                                      "): " + e.what());
      }
    });
  }
  return net;
}

void append_row(std::string& out, const std::vector<double>& values, std::size_t begin, std::size_t length) {
  for (std::size_t i = 0; i < length; ++i) {
    if (i) out += ' ';
    append_number(out, values[begin + i]);
  }
  out += '\n';
}

/// Header, scopes and tables of a UAI model text.
std::string model_text(const char* type, const std::vector<std::size_t>& cards, const std::vector<const factor*>& factors) {
  std::string out = type;
  out += "\n" + std::to_string(cards.size()) + "\n" + detail::join(cards, " ") + "\n" +
         std::to_string(factors.size()) + "\n";
  for (const factor* f : factors) {
    out += std::to_string(f->arity());
    for (var_id v : f->scope()) out += " " + std::to_string(v);
    out += '\n';
  }
  for (const factor* f : factors) {
    out += "\n" + std::to_string(f->size()) + "\n";
    const std::size_t run = f->arity() == 0 ? 1 : f->cardinalities().back();
    for (std::size_t b = 0; b < f->size(); b += run) append_row(out, f->values(), b, run);
  }
  return out;
}

// ---- results ------------------------------------------------------------------------------

/// The tokens of a result file after its task line, from the last `-BEGIN-` on.
std::vector<token> last_solution(reader& in, const char* task) {
  lexer& lex = in.lex();
  const token head = in.expect(std::string("the task line '") + task + "'");
  if (head.text != task)
    lex.fail(head.offset, std::string("expected the task line '") + task + "', found " + describe(head));
  std::vector<token> tokens;
  while (!lex.at_end()) {
    const token t = lex.next();
    if (t.text == "-BEGIN-")
      tokens.clear();
    else
      tokens.push_back(t);
  }
  return tokens;
}

}  // namespace

std::string uai_variable_name(std::size_t index) { return "v" + std::to_string(index); }

std::string uai_state_name(std::size_t index) { return std::to_string(index); }

bayesian_network parse_uai_bayesian(std::string_view text, const std::string& source_name,
                                    const read_options& options) {
  detail_io::check_read_options(options);
  detail_io::error_collector errs(options, source_name);
  return errs.guard([&] {
    reader in(text, source_name);
    const parsed_model m = parse_model_text(in, wanted::bayes, options.sum_tolerance, errs);
    errs.finish();  // collect mode: tables with problems are not checked for cycles
    return to_bayesian(m, in.lex(), options.sum_tolerance, errs);
  });
}

bayesian_network read_uai_bayesian(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "UAI model");
  return parse_uai_bayesian(text, path, options);
}

markov_network parse_uai_markov(std::string_view text, const std::string& source_name,
                                const read_options& options) {
  detail_io::check_read_options(options);
  detail_io::error_collector errs(options, source_name);
  return errs.guard([&] {
    reader in(text, source_name);
    parsed_model m = parse_model_text(in, wanted::any, options.sum_tolerance, errs);
    errs.finish();  // collect mode: tables with problems are not checked for cycles
    // A BAYES file must also be a valid Bayesian network (acyclic); the CPT checks are done.
    if (m.bayes) (void)to_bayesian(m, in.lex(), options.sum_tolerance, errs);
    errs.finish();
    markov_network net;
    for (std::size_t v = 0; v < m.cards.size(); ++v) {
      std::vector<std::string> states;
      for (std::size_t s = 0; s < m.cards[v]; ++s) states.push_back(uai_state_name(s));
      net.add_variable(uai_variable_name(v), std::move(states));
    }
    for (parsed_factor& pf : m.factors) net.add_factor(std::move(pf.scope), std::move(pf.values));
    return net;
  });
}

markov_network read_uai_markov(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "UAI model");
  return parse_uai_markov(text, path, options);
}

std::string to_uai(const bayesian_network& net) {
  net.validate();
  std::vector<const factor*> factors;
  for (var_id v = 0; v < net.size(); ++v) factors.push_back(&net.cpt_of(v).table());
  return model_text("BAYES", net.cardinalities(), factors);
}

void write_uai(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_uai(net), "UAI model");
}

std::string to_uai(const markov_network& net) {
  std::vector<const factor*> factors;
  for (const factor& f : net.factors()) factors.push_back(&f);
  return model_text("MARKOV", net.cardinalities(), factors);
}

void write_uai(const markov_network& net, const std::string& path) {
  detail_io::write_file(path, to_uai(net), "UAI model");
}

// ---- evidence -----------------------------------------------------------------------------

uai_evidence parse_uai_evidence(std::string_view text, const std::vector<std::size_t>& cardinalities,
                                const std::string& source_name) {
  lexer lex(text, source_name);
  std::vector<token> tokens;
  std::vector<std::uint64_t> values;
  while (!lex.at_end()) {
    const token t = lex.next();
    std::uint64_t v = 0;
    if (!parse_count(t.text, v))
      lex.fail(t.offset, "expected a non-negative integer (a count, a variable index or a state index), found " +
                             describe(t));
    tokens.push_back(t);
    values.push_back(v);
  }
  const std::size_t total = values.size();
  if (total == 0)
    lex.fail(lex.end_offset(), "expected the number of observed variables (0 for none), found end of input");

  // UAI 2014: k, then k pairs.
  const std::uint64_t first = values[0];
  const bool fits_2014 = first <= (total - 1) / 2 && total == 1 + 2 * first;
  // UAI 2010: s, then s samples of the 2014 form.
  bool fits_2010 = true;
  {
    std::size_t pos = 1;
    for (std::uint64_t s = 0; s < first && fits_2010; ++s) {
      if (pos >= total) {
        fits_2010 = false;
        break;
      }
      const std::uint64_t k = values[pos];
      if (k > (total - pos - 1) / 2) {
        fits_2010 = false;
        break;
      }
      pos += 1 + 2 * static_cast<std::size_t>(k);
    }
    fits_2010 = fits_2010 && pos == total;
  }
  uai_evidence out;
  if (fits_2014 && fits_2010)
    // A lone "0" is one empty sample; otherwise the 2010 layout puts the count on its own line.
    out.layout = (total > 1 && lex.line_break_between(tokens[0].offset, tokens[1].offset)) ? uai_evidence_layout::uai2010
                                                                             : uai_evidence_layout::uai2014;
  else if (fits_2010)
    out.layout = uai_evidence_layout::uai2010;
  else if (fits_2014)
    out.layout = uai_evidence_layout::uai2014;
  else if (total < 1 + 2 * std::min<std::uint64_t>(first, total))
    lex.fail(lex.end_offset(), "expected " + std::to_string(first) +
                                   " observed variables (two numbers each) after the count, found end of input after " +
                                   std::to_string(total - 1) +
                                   " numbers; the file does not fit the UAI 2010 layout (a sample count, then "
                                   "samples) either");
  else
    lex.fail(tokens[1 + 2 * first].offset,
             "unexpected " + describe(tokens[1 + 2 * first]) + " after the " + std::to_string(first) +
                 " observed variables of the UAI 2014 layout; the file does not fit the UAI 2010 layout (a "
                 "sample count, then samples) either");

  const std::size_t num_vars = cardinalities.size();
  auto read_sample = [&](std::size_t pos, std::size_t k) {
    std::vector<uai_observation> sample;
    for (std::size_t i = 0; i < k; ++i) {
      const token& vt = tokens[pos + 2 * i];
      const token& st = tokens[pos + 2 * i + 1];
      const std::uint64_t v = values[pos + 2 * i];
      const std::uint64_t s = values[pos + 2 * i + 1];
      if (v >= num_vars)
        lex.fail(vt.offset, "variable index " + std::to_string(v) + " is out of range: the model has " +
                                std::to_string(num_vars) + " variables" +
                                (num_vars ? " (0.." + std::to_string(num_vars - 1) + ")" : std::string()));
      const std::size_t card = cardinalities[static_cast<std::size_t>(v)];
      if (s >= card)
        lex.fail(st.offset, "state " + std::to_string(s) + " of variable " + std::to_string(v) +
                                " is out of range: the variable has " + std::to_string(card) + " states (0.." +
                                std::to_string(card - 1) + ")");
      const auto same = std::find_if(sample.begin(), sample.end(),
                                     [&](const uai_observation& o) { return o.variable == v; });
      if (same != sample.end()) {
        if (same->state != s)
          lex.fail(vt.offset, "variable " + std::to_string(v) + " is observed twice in one sample, in states " +
                                  std::to_string(same->state) + " and " + std::to_string(s));
        continue;
      }
      sample.push_back(uai_observation{static_cast<var_id>(v), static_cast<std::size_t>(s)});
    }
    return sample;
  };
  if (out.layout == uai_evidence_layout::uai2014) {
    out.samples.push_back(read_sample(1, static_cast<std::size_t>(first)));
  } else {
    std::size_t pos = 1;
    for (std::uint64_t s = 0; s < first; ++s) {
      const std::size_t k = static_cast<std::size_t>(values[pos]);
      out.samples.push_back(read_sample(pos + 1, k));
      pos += 1 + 2 * k;
    }
  }
  return out;
}

uai_evidence read_uai_evidence(const std::string& path, const std::vector<std::size_t>& cardinalities) {
  const std::string text = detail_io::read_file(path, "UAI evidence");
  return parse_uai_evidence(text, cardinalities, path);
}

std::string to_uai_evidence(const evidence_set& e) {
  std::string out = std::to_string(e.size());
  for (const auto& [v, f] : e.findings()) {
    if (f.kind != evidence_kind::hard)
      throw evidence_error("the finding on variable id " + std::to_string(v) +
                           " is not hard evidence; UAI evidence files hold hard findings only");
    out += " " + std::to_string(v) + " " + std::to_string(f.state);
  }
  return out + "\n";
}

// ---- results ------------------------------------------------------------------------------

std::string to_uai_mar(const std::vector<std::vector<double>>& marginals) {
  std::string out = "MAR\n" + std::to_string(marginals.size());
  for (std::size_t v = 0; v < marginals.size(); ++v) {
    const auto& m = marginals[v];
    if (m.empty()) throw error("the marginal of variable " + std::to_string(v) + " is empty");
    out += " " + std::to_string(m.size());
    for (double p : m) {
      if (!std::isfinite(p) || p < 0.0)
        throw error("the marginal of variable " + std::to_string(v) + " holds " + detail::format_number(p) +
                    "; marginals must be finite and non-negative");
      out += ' ';
      append_number(out, p);
    }
  }
  return out + "\n";
}

std::string to_uai_pr(double log10_z) {
  if (!std::isfinite(log10_z))
    throw error("log10 of the partition function is " + detail::format_number(log10_z) + ", not a finite number");
  std::string out = "PR\n";
  append_number(out, log10_z);
  return out + "\n";
}

std::vector<std::vector<double>> parse_uai_mar(std::string_view text, const std::string& source_name) {
  reader in(text, source_name);
  lexer& lex = in.lex();
  const std::vector<token> tokens = last_solution(in, "MAR");
  std::size_t pos = 0;
  auto take = [&](const std::string& what) -> const token& {
    if (pos >= tokens.size()) lex.fail(lex.end_offset(), "expected " + what + ", found end of input");
    return tokens[pos++];
  };
  auto count = [&](const std::string& what) {
    const token& t = take(what);
    std::uint64_t v = 0;
    if (!parse_count(t.text, v)) lex.fail(t.offset, "expected " + what + " (a non-negative integer), found " + describe(t));
    return std::make_pair(v, t);
  };
  const auto [n, n_token] = count("the number of variables");
  (void)n_token;
  std::vector<std::vector<double>> out;
  for (std::uint64_t v = 0; v < n; ++v) {
    const auto [card, card_token] = count("the cardinality of variable " + std::to_string(v));
    if (card == 0) lex.fail(card_token.offset, "variable " + std::to_string(v) + " has cardinality 0");
    std::vector<double> m;
    for (std::uint64_t s = 0; s < card; ++s) {
      const token& t = take("the probability of state " + std::to_string(s) + " of variable " + std::to_string(v));
      double p = 0.0;
      if (!detail_bif::parse_number(t.text, p) || p < 0.0)
        lex.fail(t.offset, "expected the probability of state " + std::to_string(s) + " of variable " +
                               std::to_string(v) + " (a non-negative number), found " + describe(t));
      m.push_back(p);
    }
    out.push_back(std::move(m));
  }
  if (pos < tokens.size())
    lex.fail(tokens[pos].offset, "unexpected " + describe(tokens[pos]) + " after the marginals of the " +
                                     std::to_string(n) + " variables");
  return out;
}

std::vector<std::vector<double>> read_uai_mar(const std::string& path) {
  const std::string text = detail_io::read_file(path, "UAI MAR result");
  return parse_uai_mar(text, path);
}

double parse_uai_pr(std::string_view text, const std::string& source_name) {
  reader in(text, source_name);
  lexer& lex = in.lex();
  const std::vector<token> tokens = last_solution(in, "PR");
  if (tokens.empty()) lex.fail(lex.end_offset(), "expected log10 of the partition function, found end of input");
  const token& t = tokens[0];
  std::string lower(t.text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  double value = 0.0;
  if (lower == "-inf" || lower == "-infinity")
    value = -std::numeric_limits<double>::infinity();
  else if (!detail_bif::parse_number(t.text, value))
    lex.fail(t.offset, "expected log10 of the partition function (a number), found " + describe(t));
  if (tokens.size() > 1)
    lex.fail(tokens[1].offset, "unexpected " + describe(tokens[1]) + " after log10 of the partition function");
  return value;
}

double read_uai_pr(const std::string& path) {
  const std::string text = detail_io::read_file(path, "UAI PR result");
  return parse_uai_pr(text, path);
}

}  // namespace augury::io
