// The CSV panel loader. One pass over the bytes: a small RFC 4180 tokenizer (quotes, doubled
// quotes, CRLF or LF, newlines inside quotes) yields the fields of a row as string views into
// the buffer; numbers go through fast_float (a stricter grammar only for unusual text). Large
// files are split at row ends (found by counting quotes) and parsed on every core. Nothing is allocated
// per cell: values are appended to one std::vector<double> per variable, and entity and period
// texts are looked up in hash maps keyed by views into stable storage.
#include <fast_float/fast_float.h>
#include <iconv.h>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <thread>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/conversion.hpp"
#include "io/encoding.hpp"
#include "io/headings.hpp"
#include "io/unit_cell.hpp"
#include "io/written_number.hpp"
#include "core/column_memory.hpp"
#include "core/file_buffer.hpp"
#include "core/interner.hpp"
#include "core/text.hpp"
#include "core/try_parse_unit.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/interrupt.hpp"
#include "core/thread_pool.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace zhibiao {
namespace detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [+-]? (d+ ('.' d+)? | '.' d+) ([eE] [+-]? d+)?  — stricter than strtod: "13." and "1e" fail.
bool strict_number_syntax(const char* b, const char* e) {
    const char* p = b;
    if (p < e && (*p == '+' || *p == '-')) ++p;
    const char* int_start = p;
    while (p < e && is_digit(*p)) ++p;
    bool int_digits = p > int_start;
    if (p < e && *p == '.') {
        ++p;
        const char* frac_start = p;
        while (p < e && is_digit(*p)) ++p;
        if (p == frac_start) return false;
    } else if (!int_digits) {
        return false;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < e && (*p == '+' || *p == '-')) ++p;
        const char* exp_start = p;
        while (p < e && is_digit(*p)) ++p;
        if (p == exp_start) return false;
    }
    return p == e;
}

}  // namespace

// The code a spreadsheet's spelling stands for ('320102, ="0101", 320102.0), or "" when `code` is
// no such spelling. Only codes of ASCII letters and digits: a name is left as written.
std::string code_meant(std::string_view code) {
    auto plain = [](std::string_view c) {
        return !c.empty() &&
               std::all_of(c.begin(), c.end(), [](char x) { return std::isalnum(static_cast<unsigned char>(x)); });
    };
    if (code.size() > 1 && code[0] == '\'' && plain(code.substr(1))) return std::string(code.substr(1));
    if (code.size() > 3 && code.substr(0, 2) == "=\"" && code.back() == '"' && plain(code.substr(2, code.size() - 3)))
        return std::string(code.substr(2, code.size() - 3));
    const std::size_t point = code.find('.');
    if (point == std::string_view::npos || point < 2 || point + 1 == code.size()) return "";
    const std::string_view digits = code.substr(0, point), zeros = code.substr(point + 1);
    if (std::all_of(digits.begin(), digits.end(), is_digit) && zeros.find_first_not_of('0') == std::string_view::npos)
        return std::string(digits);
    return "";
}

// A number too small for a double ("1e-400") reads as 0 in fast_float: a zero divisor made out of
// a figure that is not zero. True when the value is 0 but a digit before the exponent is not.
bool underflowed(const char* b, const char* e, double value) {
    if (value != 0) return false;
    for (const char* p = b; p < e && *p != 'e' && *p != 'E'; ++p)
        if (*p >= '1' && *p <= '9') return true;
    return false;
}

namespace {

bool convert(const char* b, const char* e, double& value) {
    if (!strict_number_syntax(b, e)) return false;
    if (*b == '+') ++b;
    auto result = fast_float::from_chars(b, e, value);
    return result.ec == std::errc() && result.ptr == e && std::isfinite(value) && !underflowed(b, e, value);
}

// "1,234,567.25" → "1234567.25" when the commas group the integer part by exactly three (and the
// first group is no 0: "0,125" is a decimal comma, not 125). Never with an exponent: no one groups
// the digits of "1,234e3" (read as 1234000 before round 34; it is refused as "1,2345" is).
bool strip_thousands(std::string& s) {
    std::size_t comma = s.find(',');
    if (comma == std::string::npos) return true;
    if (s.find_first_of("eE") != std::string::npos) return false;
    std::size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    std::size_t end = s.find_first_of(".eE", start);
    if (end == std::string::npos) end = s.size();
    if (s.find(',', end) != std::string::npos) return false;
    std::size_t first = s.find(',', start);
    if (first == start || first - start > 3 || s[start] == '0') return false;
    for (std::size_t i = first; i < end; i += 4)
        if (s[i] != ',' || i + 4 > end ||
            !std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i) + 1, s.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                         is_digit))
            return false;
    s.erase(std::remove(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(end), ','),
            s.begin() + static_cast<std::ptrdiff_t>(end));
    return true;
}

// The common case, plain ASCII numbers, in one pass: fast_float alone would accept "13." and
// "1.e5", so a point must be followed by a digit.
bool fast_convert(const char* b, const char* e, double& value) {
    auto result = fast_float::from_chars(b, e, value);
    if (result.ec != std::errc() || result.ptr != e || !std::isfinite(value) || underflowed(b, e, value)) return false;
    for (const char* p = b; p < e; ++p)
        if (*p == '.') return p + 1 < e && is_digit(p[1]);
    return true;
}

}  // namespace

bool parse_number(std::string_view text, double& value, int& percent_exponent) {
    percent_exponent = 0;
    if (!text.empty() && fast_convert(text.data(), text.data() + text.size(), value)) return true;
    std::string s = normalize_fullwidth(trim(text));
    if (s.size() >= 1 && s.back() == '%') {
        percent_exponent = -2;
        s.pop_back();
    } else if (s.size() >= 3 && s.compare(s.size() - 3, 3, "‰") == 0) {
        percent_exponent = -3;
        s.resize(s.size() - 3);
    }
    while (!s.empty() && is_space(s.back())) s.pop_back();
    if (s.empty() || !strip_thousands(s)) return false;
    return convert(s.data(), s.data() + s.size(), value);
}

namespace {
// With a decimal comma, Excel in French, Russian, Polish … groups thousands by a space, a no-break
// space (U+00A0) or a narrow one (U+202F): "1 234,5". Such a mark between two digits becomes the
// grouping mark; strip_thousands then checks the groups are of three.
std::string spaces_grouping(std::string_view text) {
    static constexpr std::string_view marks[] = {" ", "\xC2\xA0", "\xE2\x80\xAF"};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t width = 0;
        for (const std::string_view mark : marks)
            if (text.substr(i, mark.size()) == mark) width = mark.size();
        const bool between_digits =
            width && !out.empty() && is_digit(out.back()) && i + width < text.size() && is_digit(text[i + width]);
        if (between_digits)
            out += '.', i += width;  // the grouping mark of a decimal-comma file
        else
            out += text[i++];
    }
    return out;
}
}  // namespace

bool mixes_space_and_point(std::string_view text) {
    const std::string_view plain = trim(text);
    return normalize_fullwidth(plain).find('.') != std::string::npos && spaces_grouping(plain) != plain;
}

bool parse_number(std::string_view text, double& value, int& percent_exponent, char decimal) {
    if (decimal != ',') return parse_number(text, value, percent_exponent);
    // "1 234.567": 1234567 with two grouping marks, or 1234.567 with a decimal point: neither.
    if (mixes_space_and_point(text)) return false;
    // The marks swapped ("1.234,5" → "1,234.5"), the cell reads as in a file with decimal points;
    // a cell that already held a point in the swapped text's role is refused by its grouping.
    std::string swapped = normalize_fullwidth(spaces_grouping(trim(text)));
    for (char& c : swapped) c = c == ',' ? '.' : c == '.' ? ',' : c;
    return parse_number(swapped, value, percent_exponent);
}

}  // namespace detail

namespace {

using detail::trim;

using field = std::string_view;

// Sets cell `row` of a column's written decimals, allocated on the first cell that has any to at
// least `rows` entries (the rows expected: a table written by pandas has 12.0 on every row, and a
// resize a row was a fifth of the reading time).
void store_decimals(std::vector<std::uint8_t>& decimals, std::size_t row, std::uint8_t n, std::size_t rows) {
    if (n == 0 && decimals.size() <= row) return;
    if (decimals.size() <= row) decimals.resize(std::max(row + 1, rows), 0);
    decimals[row] = n;
}

// "1,500" or "1.500" where Excel may have written a decimal comma and grouping points (a file
// separated by ';'): 1.5 or 1500.
constexpr const char* ambiguous_mark_problem =
    "a number that reads two ways in a file separated by ';', where Excel writes decimal commas and "
    "groups thousands by points (1,5 for 1.5; 1.500 for 1500): give the decimal mark, decimal=',' or "
    "decimal='.' (csv_options::decimal)";

bool has_comma(std::string_view text) {
    return text.find(',') != std::string_view::npos || text.find("，") != std::string_view::npos;
}

// In a ';' file whose decimal mark was not given: a number with a comma ("1,5", "1,500",
// "1.234,5"), or one whose points group thousands as a decimal comma's file does ("1.500"; not
// "1.5" or "0.125", which no grouping reads).
bool ambiguous_mark(std::string_view text) {
    double value = 0;
    int percent = 0;
    const bool point = text.find('.') != std::string_view::npos || text.find("．") != std::string_view::npos;
    if (!has_comma(text) && !point) return false;
    return detail::parse_number(text, value, percent, ',') ||
           (has_comma(text) && detail::parse_number(text, value, percent));
}

// "5." or "12.%" / "12.‰": the digits after the point lost (a damaged export), not a number.
bool ends_in_decimal_point(std::string_view s) {
    for (std::string_view sign : {"%", "\u2030"})  // ‰
        if (s.size() > sign.size() && s.substr(s.size() - sign.size()) == sign) s.remove_suffix(sign.size());
    return s.size() > 1 && s.back() == '.' && s.find_first_not_of("+-0123456789,") == s.size() - 1;
}

// A cell that is no number, said so that the fix is plain: the forms that look like a number but
// are refused here get their own words; anything else is "not a number".
std::string not_a_number(std::string_view cell, char decimal) {
    const std::string s = detail::normalize_fullwidth(trim(cell));
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string bare = !lower.empty() && (lower[0] == '+' || lower[0] == '-') ? lower.substr(1) : lower;
    if (bare == "inf" || bare == "infinity" || bare == "∞")
        return "an infinity, which is no figure (leave the cell empty or write why it is missing)";
    if (!s.empty() && s[0] == '#')
        return "a spreadsheet's error value (a formula that failed in the sheet): correct it there, or load "
               "leniently to read it as missing";
    const std::size_t end = s.find_first_not_of("+-0123456789.,eE");
    const std::string number = s.substr(0, end);
    double value = 0;
    int percent = 0;
    if (!number.empty() && detail::strict_number_syntax(number.data(), number.data() + number.size())) {
        fast_float::from_chars(number.data() + (number[0] == '+'), number.data() + number.size(), value);
        if (end == std::string::npos && !std::isfinite(value))
            return "a number beyond the range of a double (about 1.8e308), never read as infinite";
        if (end == std::string::npos && detail::underflowed(number.data(), number.data() + number.size(), value))
            return "a number below the smallest double, never read as 0";
    }
    if (ends_in_decimal_point(s))
        return "a number ending in its decimal point, as when digits after it were lost (write 5 or 5.0)";
    if (!s.empty() && s[0] == '\'') return "a number behind a spreadsheet's text mark ('): remove the apostrophe";
    if (decimal == ',' && detail::mixes_space_and_point(s))
        return "a number with both a space and a point in it (1 234.567: 1234567 grouped two ways, or 1234.567 "
               "with a decimal point?) in a file whose decimal mark is ',': write 1 234 567 if it is 1234567, 1 "
               "234,567 if "
               "it is 1234.567";
    if (end != std::string::npos && end > 0 && detail::parse_number(number, value, percent, decimal)) {
        try {
            const unit u = unit::parse(trim(std::string_view(s).substr(end)));
            return "a number with its unit '" + u.symbol() +
                   "' in the cell: put the unit in the header (name[unit]) or give a unit column (a long table)";
        } catch (const error&) {}
    }
    return "not a number";
}

// Words, no figure: no digit in the cell, and a CJK ideograph (全国, 北京: U+4000–U+9FFF, lead
// bytes E4–E9): a name, not a damaged number ("abc", "inf", "—" have words of their own or none).
bool is_words(std::string_view cell) {
    bool ideograph = false;
    for (const char c : cell) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= '0' && b <= '9') return false;
        ideograph = ideograph || (b >= 0xE4 && b <= 0xE9);
    }
    if (!ideograph) return false;
    // Full-width digits (１２) are figures too.
    const std::string normal = detail::normalize_fullwidth(cell);
    return normal.find_first_of("0123456789") == std::string::npos;
}

// Splits rows. Quoted fields with doubled quotes are unescaped into `unescaped` (stable storage).
class tokenizer {
public:
    tokenizer(std::string_view text, char sep, std::string source, std::size_t first_line = 1)
        : text_(text), sep_(sep), source_(std::move(source)), line_(first_line), next_line_(first_line) {
        stops_[static_cast<unsigned char>(sep)] = stops_['\n'] = stops_['\r'] = true;
    }

    bool done() const { return pos_ >= text_.size(); }
    std::size_t position() const { return pos_; }
    std::size_t length() const { return text_.size(); }
    std::size_t next_line() const { return next_line_; }
    std::size_t line() const { return line_; }  // line where the current row started
    // A chunk's tokenizer learns its first line once the chunks before it are counted.
    void start_at_line(std::size_t line) { line_ = next_line_ = line; }
    // Continues at byte `pos`, which starts line `line` (after rows read without the tokenizer).
    void seek(std::size_t pos, std::size_t line) {
        pos_ = pos;
        line_ = next_line_ = line;
    }
    // Whether a quote stood inside an unquoted field (`ab"c`), watched for when chunks were cut
    // by counting quotes: such a quote does not open a field, so the count was wrong.
    void watch_quotes(bool on) { watch_quotes_ = on; }
    bool stray_quote() const { return stray_quote_; }

    // Reads the next row into `fields`; returns false at the end of input.
    bool next(std::vector<field>& fields) {
        fields.clear();
        if (done()) return false;
        line_ = next_line_;
        const char* data = text_.data();
        const std::size_t n = text_.size();
        std::size_t p = pos_;
        for (;;) {
            if (p < n && data[p] == '"') {
                std::size_t q = p + 1;
                bool doubled = false;
                for (;;) {
                    if (q >= n) throw parse_error("unterminated quoted field", where(fields.size() + 1));
                    if (data[q] == '"') {
                        if (q + 1 < n && data[q + 1] == '"') {
                            doubled = true;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    if (data[q] == '\n') ++next_line_;
                    ++q;
                }
                std::string_view inner(data + p + 1, q - p - 1);
                if (doubled) {
                    std::string s;
                    s.reserve(inner.size());
                    for (std::size_t i = 0; i < inner.size(); ++i) {
                        s.push_back(inner[i]);
                        if (inner[i] == '"') ++i;
                    }
                    unescaped_.push_back(std::move(s));
                    inner = unescaped_.back();
                }
                fields.push_back(inner);
                p = q + 1;
                // Only spaces may stand between the closing quote and the separator.
                while (p < n && (data[p] == ' ' || data[p] == '\t') && data[p] != sep_) ++p;
                if (p < n && data[p] != sep_ && data[p] != '\n' && data[p] != '\r')
                    throw parse_error("text after a closing quote", where(fields.size()));
            } else {
                std::size_t q = p;
                while (q < n && !stops_[static_cast<unsigned char>(data[q])]) ++q;
                if (watch_quotes_ && std::memchr(data + p, '"', q - p)) stray_quote_ = true;
                fields.emplace_back(data + p, q - p);
                p = q;
            }
            if (p >= n) {
                pos_ = n;
                return true;
            }
            if (data[p] == sep_) {
                ++p;
                continue;
            }
            // End of line: \n, \r\n or a lone \r.
            if (data[p] == '\r') ++p;
            if (p < n && data[p] == '\n') ++p;
            ++next_line_;
            pos_ = p;
            return true;
        }
    }

    location where(std::size_t column) const {
        location w;
        w.file = source_;
        w.line = line_;
        w.column = column;
        return w;
    }

private:
    std::string_view text_;
    char sep_;
    std::string source_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t next_line_ = 1;
    std::deque<std::string> unescaped_;
    bool watch_quotes_ = false, stray_quote_ = false;
    std::array<bool, 256> stops_{};  // bytes that end an unquoted field
};

std::string iconv_to_utf8(std::string_view bytes, const char* from, const std::string& source) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) throw parse_error(std::string("this system cannot decode ") + from);
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in_ptr = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t written = 0;
    while (in_left > 0) {
        char* out_ptr = out.data() + written;
        std::size_t out_left = out.size() - written;
        std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
        written = static_cast<std::size_t>(out_ptr - out.data());
        if (rc != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        iconv_close(cd);
        location w;
        w.file = source;
        w.line = 1 + static_cast<std::size_t>(std::count(out.data(), out.data() + written, '\n'));
        throw parse_error(
            std::string("invalid ") + from + " byte sequence (the file is neither UTF-8 nor " + from + ")", w);
    }
    iconv_close(cd);
    out.resize(written);
    return out;
}

[[noreturn]] void refuse_binary(const std::string& source, const std::string& what) {
    location w;
    w.file = source;
    throw parse_error(what, w);
}

// The refusal of a file that detail::sniff finds no text (a workbook, an archive, other binary bytes).
[[noreturn]] void refuse_not_text(detail::sniffed kind, const std::string& source) {
    if (kind == detail::sniffed::zip)
        refuse_binary(source,
                      "not a text file but a zip archive (an Excel .xlsx workbook is one): read a workbook "
                      "with pandas.read_excel(path) and zb.Panel.from_pandas(df, entity, period, units=...), "
                      "or save it from Excel as CSV UTF-8");
    if (kind == detail::sniffed::ole)
        refuse_binary(source,
                      "not a text file but an Excel 97-2003 (.xls) workbook or another OLE document: read it "
                      "with pandas.read_excel(path) and zb.Panel.from_pandas(df, entity, period, units=...), "
                      "or save it from Excel as CSV UTF-8");
    refuse_binary(source,
                  "not a text file: it has NUL bytes, and not in the pattern of UTF-16 text (zhibiao reads "
                  "UTF-8, GB18030 and UTF-16 text)");
}

// A file that is neither UTF-8 nor GB18030 as a whole. When its first `valid` bytes are UTF-8 with
// characters beyond ASCII in them (青石县), it is UTF-8 up to the line that breaks it, and that line
// is named (GB18030 text after UTF-8, as two files joined), not the line where GB18030 failed,
// which is UTF-8 text; else the GB18030 error, which names the line of the bytes neither reads.
[[noreturn]] void refuse_two_encodings(std::string_view bytes, std::size_t valid, const parse_error& gb18030,
                                       const std::string& source) {
    const std::string_view utf8 = bytes.substr(0, valid);
    const std::size_t first_wide = static_cast<std::size_t>(
        std::find_if(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) -
        utf8.begin());
    if (first_wide == utf8.size()) throw gb18030;
    const auto line_of = [&](std::size_t at) {
        return 1 + static_cast<std::size_t>(
                       std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    };
    location w;
    w.file = source;
    w.line = line_of(valid);
    const std::size_t wide_line = line_of(first_wide);
    const std::string before = w.line == 2 ? "line 1 is" : "lines 1-" + std::to_string(w.line - 1) + " are";
    throw parse_error(
        "invalid UTF-8 byte sequence: the file was detected as UTF-8, since " +
            (w.line == 1 ? std::string("the text before this point is") : before) + " UTF-8 (line " +
            std::to_string(wide_line) + " has characters beyond ASCII in UTF-8), and this line is not " +
            "(GB18030 text, as two files joined or lines pasted from another file?); read as GB18030 instead, " +
            "line " + std::to_string(gb18030.where().line) + " fails. Save the file in one encoding",
        w);
}

// The quotes and line feeds in [p, end), whether there is a CR and whether every byte is ASCII:
// one pass, 16 bytes a step (each byte compared, the matches summed in byte counters that are
// added up every 255 steps), where memchr per line, a byte-counting loop and the UTF-8 check were
// three passes. The same counts as counting byte by byte.
struct byte_counts {
    std::size_t quotes = 0, line_feeds = 0;
    bool cr = false, ascii = true;
    byte_counts& operator+=(const byte_counts& o) {
        quotes += o.quotes;
        line_feeds += o.line_feeds;
        cr = cr || o.cr;
        ascii = ascii && o.ascii;
        return *this;
    }
};

byte_counts count_bytes(const char* p, const char* end) {
    byte_counts n;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    const __m128i zero = _mm_setzero_si128();
    __m128i any_cr = zero, high = zero;
    while (end - p >= 16) {
        const std::size_t steps = std::min<std::size_t>(static_cast<std::size_t>(end - p) / 16, 255);
        __m128i quotes = zero, line_feeds = zero;  // per byte lane: matches so far (at most 255)
        for (std::size_t k = 0; k < steps; ++k, p += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            quotes = _mm_sub_epi8(quotes, _mm_cmpeq_epi8(v, quote));  // a match is -1
            line_feeds = _mm_sub_epi8(line_feeds, _mm_cmpeq_epi8(v, lf));
            any_cr = _mm_or_si128(any_cr, _mm_cmpeq_epi8(v, cr));
            high = _mm_or_si128(high, v);
        }
        const __m128i q = _mm_sad_epu8(quotes, zero), l = _mm_sad_epu8(line_feeds, zero);  // two 64-bit sums
        n.quotes += static_cast<std::size_t>(_mm_cvtsi128_si32(q)) +
                    static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(q, 8)));
        n.line_feeds += static_cast<std::size_t>(_mm_cvtsi128_si32(l)) +
                        static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(l, 8)));
    }
    n.cr = _mm_movemask_epi8(any_cr) != 0;
    n.ascii = _mm_movemask_epi8(high) == 0;
#endif
    for (; p < end; ++p) {
        n.quotes += *p == '"';
        n.line_feeds += *p == '\n';
        n.cr = n.cr || *p == '\r';
        n.ascii = n.ascii && static_cast<unsigned char>(*p) < 0x80;
    }
    return n;
}

// The byte_counts of every 1 MiB of a text, counted once, on the threads, by the pass that checks
// that the file is UTF-8: the split, the line counts and that check were three passes over the
// file before the parse (and the check a serial one). Any stretch's counts are then the blocks it
// covers and at most two partial blocks.
class byte_index {
public:
    static constexpr std::size_t block = std::size_t{1} << 20;

    void build(std::string_view text, std::size_t parts) {
        base_ = text.data();
        size_ = text.size();
        blocks_.assign((size_ + block - 1) / block, {});
        parts = std::max<std::size_t>(1, std::min(parts, blocks_.size()));
        zhibiao::detail::run_in_threads(parts, [&](std::size_t i) {
            for (std::size_t b = blocks_.size() * i / parts; b < blocks_.size() * (i + 1) / parts; ++b)
                blocks_[b] = count_bytes(base_ + b * block, base_ + std::min(size_, (b + 1) * block));
        });
    }
    void clear() { blocks_.clear(); }
    bool ascii() const {
        for (const auto& b : blocks_)
            if (!b.ascii) return false;
        return !blocks_.empty();
    }
    // The counts of [p, end), a stretch of the indexed text or (without an index) of any.
    byte_counts count(const char* p, const char* end) const {
        if (blocks_.empty() || p < base_ || end > base_ + size_) return count_bytes(p, end);
        const std::size_t first = (static_cast<std::size_t>(p - base_) + block - 1) / block;
        const std::size_t last = static_cast<std::size_t>(end - base_) / block;
        if (first >= last) return count_bytes(p, end);
        byte_counts n = count_bytes(p, base_ + first * block);
        for (std::size_t b = first; b < last; ++b) n += blocks_[b];
        n += count_bytes(base_ + last * block, end);
        return n;
    }

private:
    const char* base_ = nullptr;
    std::size_t size_ = 0;
    std::vector<byte_counts> blocks_;
};

// valid_utf8_prefix(bytes); an ASCII file (a numeric CSV) is known as one from `index`, built
// here over `bytes` in `parts` stretches, one a thread.
std::size_t valid_utf8_length(std::string_view bytes, std::size_t parts, byte_index* index) {
    if (index) {
        index->build(bytes, parts);
        if (index->ascii()) return bytes.size();
    }
    return detail::valid_utf8_prefix(bytes);
}

// Returns the text as UTF-8 (a view into `bytes` or into `storage`) and names the encoding.
// `index`, when given, is built over the UTF-8 text returned as a view of `bytes` (cleared for a
// converted one) by `parts` threads.
std::string_view decode(std::string_view bytes, csv_options::encoding_choice choice, std::string& storage,
                        std::string& encoding, const std::string& source, std::size_t parts = 1,
                        byte_index* index = nullptr) {
    using choice_t = csv_options::encoding_choice;
    const detail::sniffed kind = detail::sniff(bytes);
    switch (kind) {
        case detail::sniffed::utf16_bom:
            encoding = "utf-16";
            storage = iconv_to_utf8(bytes, "UTF-16", source);
            return storage;
        case detail::sniffed::utf16le:
        case detail::sniffed::utf16be: {
            const bool le = kind == detail::sniffed::utf16le;
            try {
                storage = iconv_to_utf8(bytes, le ? "UTF-16LE" : "UTF-16BE", source);
            } catch (const parse_error&) {
                refuse_binary(source, std::string("not a text file: its NUL bytes look like UTF-16") +
                                          (le ? "LE" : "BE") +
                                          " without a byte order mark, but it does not decode as that");
            }
            encoding = le ? "utf-16-le" : "utf-16-be";
            return storage;
        }
        case detail::sniffed::zip:
        case detail::sniffed::ole:
        case detail::sniffed::binary:
            refuse_not_text(kind, source);
        case detail::sniffed::text:
            break;
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        encoding = "utf-8-bom";
        bytes.remove_prefix(3);
        choice = choice_t::utf8;
    } else if (bytes.substr(0, 4) == "\x84\x31\x95\x33") {
        // GB18030's byte order mark (U+FEFF): what `iconv -t gb18030` makes of a UTF-8 file with a BOM.
        encoding = "gb18030-bom";
        storage = iconv_to_utf8(bytes.substr(4), "GB18030", source);
        return storage;
    }
    if (choice == choice_t::gb18030) {
        encoding = "gb18030";
        storage = iconv_to_utf8(bytes, "GB18030", source);
        return storage;
    }
    std::size_t valid = valid_utf8_length(bytes, parts, index);
    if (valid == bytes.size()) {
        if (encoding.empty()) encoding = "utf-8";
        return bytes;
    }
    if (choice == choice_t::utf8) {
        location w;
        w.file = source;
        w.line = 1 + static_cast<std::size_t>(
                         std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(valid), '\n'));
        // A UTF-8 BOM and then other bytes: two files joined, or a sheet saved over in GB18030.
        throw parse_error(encoding == "utf-8-bom"
                              ? "invalid UTF-8 byte sequence in a file that begins with a UTF-8 byte order mark: "
                                "a file in two encodings (GB18030 text after UTF-8, as two files joined)? Save "
                                "it in one encoding"
                              : "invalid UTF-8 byte sequence",
                          w);
    }
    encoding = "gb18030";
    if (index) index->clear();
    try {
        storage = iconv_to_utf8(bytes, "GB18030", source);
    } catch (const parse_error& e) {
        refuse_two_encodings(bytes, valid, e, source);
    }
    return storage;
}

using detail::interner;

// Entity and period bookkeeping shared by both layouts.
class row_keys {
public:
    explicit row_keys(std::size_t expected_rows) {
        entity_of_row.reserve(expected_rows);
        period_of_row.reserve(expected_rows);
    }

    std::int32_t entity_index(std::string_view code, std::string_view name, std::string_view parent) {
        auto [id, inserted] = entity_codes_.intern(code);
        if (inserted) entities.push_back({std::string(code), std::string(name), std::string(parent)});
        return id;
    }
    // "2023.0", "2023.00": a year column that held a blank, saved as floats (no month 0 exists).
    static bool year_as_number(std::string_view text) {
        if (text.size() < 6 || text[4] != '.') return false;
        const auto digit = [](char c) { return c >= '0' && c <= '9'; };
        return std::all_of(text.begin(), text.begin() + 4, digit) &&
               text.find_first_not_of('0', 5) == std::string_view::npos;
    }

    // `where` makes the location of the cell; it is called only when the text is not a period.
    template <class Where>
    std::int32_t period_index(std::string_view text, const Where& where) {
        auto [text_id, inserted] = period_texts_.intern(text);
        if (!inserted) return period_of_text_[static_cast<std::size_t>(text_id)];
        period p;
        try {
            p = period::parse(text);
        } catch (const parse_error& e) {
            if (year_as_number(text))
                throw parse_error("period " + detail::quoted(text) +
                                      " is a year as a spreadsheet or pandas wrote it (a column of years with a "
                                      "blank in it becomes numbers with decimals): write the year alone, " +
                                      std::string(text.substr(0, 4)) + " (pandas: .astype('Int64') before to_csv)",
                                  where());
            throw parse_error(e.message(), where());
        }
        auto [id, new_period] = period_names_.intern(p.to_string());
        if (new_period) periods.push_back(p);
        period_of_text_.push_back(id);
        return id;
    }

    std::vector<entity> entities;  // the long layout's
    entity_table table;            // the wide layout's, when `compact`
    bool compact = false;
    std::vector<period> periods;
    std::vector<std::int32_t> entity_of_row;
    std::vector<std::int32_t> period_of_row;

private:
    interner entity_codes_, period_texts_, period_names_;
    std::vector<std::int32_t> period_of_text_;
};

bool same_ascii_case_blind(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The column named `wanted`, else the first of `headings` (data/headings.toml) the header has,
// ASCII letters in any case (Region, YEAR); -1 when none. `taken`: columns already read in
// another role or left out by ignore=, never detected (a header of 地区代码 and 地区 has its codes
// and its names: 地区 is the entity only when it stands alone).
int find_column(const std::vector<std::string>& names, const std::string& wanted,
                const std::vector<std::string>& headings, const char* role, const std::string& source,
                const std::vector<int>& taken = {}) {
    if (!wanted.empty()) {
        auto it = std::find(names.begin(), names.end(), wanted);
        if (it == names.end()) {
            location w;
            w.file = source;
            w.line = 1;
            throw parse_error(
                std::string("no ") + role + " column '" + wanted + "' in the header" +
                    detail::suggestion(wanted, names, [](const std::string& n) { return std::string_view(n); }),
                w);
        }
        return static_cast<int>(it - names.begin());
    }
    for (const auto& heading : headings)
        for (std::size_t i = 0; i < names.size(); ++i) {
            const int col = static_cast<int>(i);
            if (same_ascii_case_blind(names[i], heading) && std::find(taken.begin(), taken.end(), col) == taken.end())
                return col;
        }
    return -1;
}

std::string listed(const std::vector<std::string>& headings) {
    std::string out;
    for (const auto& h : headings) out += (out.empty() ? "" : ", ") + h;
    return out;
}

// A header cell that looks like a misspelt heading: a third of its characters edited at most (at
// least one; two swapped neighbours, as in regoin, count one). Never a short variable near a short
// heading (gdp, id), nor a Latin name near a Chinese heading of as many characters (rd, 地区代码).
bool looks_like(std::string_view cell, std::string_view heading) {
    const std::string a = detail::ascii_lower(cell), b = detail::ascii_lower(heading);
    const std::size_t characters = detail::code_points(b).size();
    const std::size_t allowed = characters < 4 ? 0 : std::max<std::size_t>(1, characters / 3);
    return detail::edit_distance(a, b) <= allowed;
}

// " (is the header's 'regoin' the entity column? it is close to 'region')" for the first header
// cell that looks like one of `headings`, else "".
std::string closest_heading(const std::vector<std::string>& names, const std::vector<std::string>& headings,
                            const char* role) {
    for (const auto& name : names)
        for (const auto& heading : headings)
            if (looks_like(name, heading))
                return std::string(" (is the header's '") + name + "' the " + role + " column? it is close to '" +
                       heading + "')";
    return {};
}

// Whether `name` is one of the catalogue's names of a variable, as written (not by its meaning).
bool named_in_catalogue(const catalogue& cat, std::string_view name) {
    for (const auto& v : cat.variables())
        if (v.name_zh == name || std::find(v.other_names.begin(), v.other_names.end(), name) != v.other_names.end())
            return true;
    return false;
}

class loader {
public:
    loader(std::string_view bytes, const csv_options& options, std::string source)
        : options_(options), source_(std::move(source)) {
        semicolon_marks_ = options.decimal == 0 && options.separator == ';';
        text_ =
            decode(bytes, options.encoding, storage_, report_.encoding, source_, chunk_count(bytes.size()), &index_);
        report_.source = source_;
        na_.insert(options.na_values.begin(), options.na_values.end());
        for (const auto& [variable, unit_text] : options.units) unit_override_[variable] = unit_text;
    }

    panel run() {
        tokenizer tok(text_, options_.separator, source_);
        std::vector<field> fields;
        // Skip leading blank lines to the header.
        while (tok.next(fields) && blank(fields)) {}
        if (fields.empty() || blank(fields)) {
            location w;
            w.file = source_;
            throw parse_error("no header row: the file is empty", w);
        }
        header_line_ = tok.line();
        body_start_ = tok.position();
        body_line_ = tok.next_line();
        if (fields.size() > options_.max_columns)
            throw limit_error("the header has " + detail::counted(fields.size(), "column") +
                                  ", more than the limit of " + std::to_string(options_.max_columns) +
                                  " (csv_options::max_columns)",
                              at(header_line_, 0));
        for (const auto& f : fields) header_.push_back(std::string(trim(f)));
        std::vector<std::string> names;
        for (const auto& h : header_) parsed_headers_.push_back(parse_column_header(h));
        keep_meaning_renames_apart();
        for (const auto& h : parsed_headers_) names.push_back(h.name);
        units_by_written_name();
        check_duplicate_headers();
        const detail::column_headings& headings = detail::builtin_headings();
        const std::vector<int> left_out = ignored_columns();
        bool has_long_columns = find_column(names, {}, headings.variable, "variable", source_, left_out) >= 0 &&
                                find_column(names, {}, headings.value, "value", source_, left_out) >= 0;
        bool long_form = options_.layout == csv_options::layout_choice::long_form ||
                         (options_.layout == csv_options::layout_choice::automatic && has_long_columns);
        report_.layout = long_form ? "long" : "wide";

        // A long file's 单位 is the unit of its values, never the entity (单位, a firm table's unit).
        std::vector<int> taken = ignored_columns();
        const int unit_col = long_form ? find_column(names, {}, headings.unit, "unit", source_, taken) : -1;
        taken.push_back(unit_col);
        entity_col_ = find_column(names, options_.entity, headings.entity, "entity", source_, taken);
        taken.push_back(entity_col_);
        period_col_ = find_column(names, options_.period, headings.period, "period", source_, taken);
        taken.push_back(period_col_);
        const std::vector<int> coarser = coarser_than_entity(names, headings.levels);
        taken.insert(taken.end(), coarser.begin(), coarser.end());
        name_col_ = find_column(names, options_.name, headings.name, "name", source_, taken);
        taken.push_back(name_col_);
        parent_col_ = find_column(names, options_.parent, headings.parent, "parent", source_, taken);
        if (entity_col_ < 0)
            throw header_error("no entity column" + closest_heading(names, headings.entity, "entity") +
                               ": name it with csv_options::entity (looked for " + listed(headings.entity) + ")" +
                               separator_hint());
        if (period_col_ < 0 && options_.period_value.empty())
            throw header_error("no period column" + closest_heading(names, headings.period, "period") +
                               ": name it with csv_options::period (looked for " + listed(headings.period) +
                               "), or give every row one with csv_options::period_value" + separator_hint());

        std::size_t expected = text_.size() / std::max<std::size_t>(16, header_.size() * 4) + 16;
        row_keys keys(long_form ? expected / 4 : expected);
        check_ignored_columns(names);
        if (long_form)
            refuse_reason_columns();
        else
            find_reason_columns();
        // A wide file's header says which variables there are; a long file's rows do, and a unit
        // for a variable they lack (a file without rows, rows skipped by a lenient read) is kept.
        if (!long_form) {
            std::vector<std::string> variables;
            for (std::size_t i = 0; i < names.size(); ++i)
                if (!is_key_column(static_cast<int>(i)) && !ignored_column(i) && reason_of_[i] < 0)
                    variables.push_back(names[i]);
            check_unit_columns(variables, names);
        }
        panel result = long_form ? load_long(tok, fields, names, keys) : load_wide(tok, names, keys);
        result.set_report(std::move(report_));
        return result;
    }

    bool is_key_column(int col) const {
        return col == entity_col_ || col == period_col_ || col == name_col_ || col == parent_col_;
    }

    // A unit or an ignore naming no column of the file did nothing — the column it meant kept its
    // header unit (万元 read where 亿元 was meant) or was loaded — so each is an error, with the name
    // it most likely means.
    void check_unit_columns(const std::vector<std::string>& variables, const std::vector<std::string>& names) const {
        for (const auto& [variable, unit_text] : options_.units) {
            (void)unit_text;
            if (std::find(variables.begin(), variables.end(), variable) != variables.end()) continue;
            const int written = named_in_catalogue(catalogue::builtin(), variable) ? -1 : renamed_column(variable);
            if (written >= 0 && std::find(variables.begin(), variables.end(),
                                          names[static_cast<std::size_t>(written)]) != variables.end())
                continue;  // the heading as written (units_by_written_name)
            std::string why = read_as(variable, names);
            if (why.empty())
                why = std::find(names.begin(), names.end(), variable) != names.end()
                          ? " (a column of the file, but not a variable read: it is a key column or ignored)"
                          : detail::suggestion(variable, variables,
                                               [](const std::string& n) { return std::string_view(n); });
            throw missing_variable_error("csv_options::units names '" + variable + "', no variable of the file" + why,
                                         variable, whole_file());
        }
    }
    void check_ignored_columns(const std::vector<std::string>& names) const {
        for (const auto& column : options_.ignore) {
            if (std::find(names.begin(), names.end(), column) != names.end() || renamed_column(column) >= 0) continue;
            std::string why = read_as(column, names);
            if (why.empty())
                why = detail::suggestion(column, names, [](const std::string& n) { return std::string_view(n); });
            throw missing_variable_error("csv_options::ignore names '" + column + "', no column of the file" + why,
                                         column, whole_file());
        }
    }
    // " (the header's 'gdp[亿元]' is read as 'gdp': use that name)" when `text` is a header cell as
    // written or a catalogue name the header used, else empty.
    std::string read_as(const std::string& text, const std::vector<std::string>& names) const {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (header_[i] == text || parsed_headers_[i].renamed_from == text)
                return " (the header's '" + header_[i] + "' is read as '" + names[i] + "': use that name)";
        return {};
    }
    location whole_file() const {
        location w;
        w.file = source_;
        return w;
    }

private:
    struct variable_column {
        std::string name;
        unit u;
        bool unit_given = false;
        int field = -1;
        std::vector<double> values;
        std::vector<reason> reasons;         // allocated on the first unparseable cell
        std::vector<std::uint8_t> decimals;  // written decimals (written_decimals), allocated on the first
        conversion percent_conversion{};
        bool percent_ok = false;
        conversion permille_conversion{};
        // Headed as names are (城市 beside 区县, 企业): a cell that is no number says how to leave
        // the column out — never left out unasked, as a column of numbers may carry such a heading.
        bool headed_as_names = false;
    };
    // A `<variable>_reason` column of a wide file: its field and the index of its variable among
    // the columns read.
    struct reason_column {
        std::size_t field;
        std::size_t variable;
    };

    // A header read as one field that holds another usual separator: a file separated by ';'
    // (Excel in many locales), tabs or '|', read with the default ','. Said where the header is
    // found wanting, so the message points at the cause rather than at a column name.
    std::string separator_hint() const {
        if (header_.size() != 1) return {};
        constexpr std::string_view fullwidth_comma = "\xEF\xBC\x8C";
        if (header_[0].find(fullwidth_comma) != std::string::npos)
            return "; the header is one column holding full-width commas ('，'), which separate nothing: "
                   "replace them with ','";
        // The common separator the header holds most often (the first of a tie, in this order).
        const auto shown = [](char c) { return c == '\t' ? std::string("\\t") : std::string(1, c); };
        char best = 0;
        std::ptrdiff_t most = 0;
        for (char c : {',', ';', '\t', '|'}) {
            const std::ptrdiff_t n = std::count(header_[0].begin(), header_[0].end(), c);
            if (c != options_.separator && n > most) best = c, most = n;
        }
        if (!best) return {};
        const std::string mark = "'" + shown(best) + "'";
        return "; the header has no '" + shown(options_.separator) + "' but " +
               detail::counted(most, mark, mark + "s") + ": is the separator '" + shown(best) +
               "'? read it with sep='" + shown(best) + "' (csv_options::separator)";
    }

    parse_error header_error(const std::string& message) const {
        location w;
        w.file = source_;
        w.line = header_line_;
        return parse_error(message, w);
    }

    location at(std::size_t line, std::size_t column, const std::string& variable = {}) const {
        location w;
        w.file = source_;
        w.line = line;
        w.column = column;
        w.variable = variable;
        return w;
    }

    static bool blank(const std::vector<field>& fields) {
        for (const auto& f : fields)
            if (!trim(f).empty()) return false;
        return true;
    }

    /// The line after a header with empty names when it looks like the header instead: two names
    /// or more, every one given and none a number (a data row has its year and figures), blanks
    /// only at its end. 0 otherwise. A two-row header reads so: a first row naming groups of columns
    /// (基本情况,,,科技投入, — a merged cell of Excel, written as its text and blanks) above the names.
    std::size_t header_below() const {
        tokenizer tok(text_.substr(body_start_), options_.separator, source_, body_line_);
        std::vector<field> fields;
        try {
            while (tok.next(fields) && blank(fields)) {}
        } catch (const parse_error&) {
            return 0;  // not a header either; the reading proper says what is wrong with it
        }
        while (!fields.empty() && trim(fields.back()).empty()) fields.pop_back();
        if (fields.size() < 2) return 0;
        for (const field f : fields) {
            double value = 0;
            int percent = 0;
            if (trim(f).empty() || detail::parse_number(trim(f), value, percent, options_.decimal)) return 0;
        }
        return tok.line();
    }

    std::string two_row_header(std::size_t names_line) const {
        const std::string header = std::to_string(header_line_), names = std::to_string(names_line);
        return "empty column name in the header: line " + header + " has empty column names and line " + names +
               " looks like the header: a two-row header (a row naming groups of columns above the column "
               "names, as a merged cell of Excel writes)? delete line " +
               header + " so that line " + names + " is the header";
    }

    // A heading read as a variable by its meaning (研发经费内部支出 as R&D经费内部支出) stays as written
    // when another heading of the file is that variable too: the file meant two columns.
    void keep_meaning_renames_apart() {
        const catalogue& cat = catalogue::builtin();
        std::vector<bool> revert(parsed_headers_.size(), false);
        for (std::size_t i = 0; i < parsed_headers_.size(); ++i) {
            const column_header& h = parsed_headers_[i];
            if (h.renamed_from.empty() || named_in_catalogue(cat, h.renamed_from)) continue;
            for (std::size_t j = 0; j < parsed_headers_.size() && !revert[i]; ++j)
                revert[i] =
                    j != i && !ignored_column(j) && parsed_headers_[j].name == h.name;  // one left out: no clash
        }
        for (std::size_t i = 0; i < parsed_headers_.size(); ++i)
            if (revert[i]) parsed_headers_[i].name = std::exchange(parsed_headers_[i].renamed_from, std::string());
    }

    // A unit given by the heading as written (研发经费内部支出) for a column read as a catalogue
    // variable by its meaning (rd_expenditure) is that column's unit, as it was before such headings
    // were renamed (round 28); a catalogue name as written (地区生产总值) is still "use that name".
    void units_by_written_name() {
        const catalogue& cat = catalogue::builtin();
        for (const auto& [key, unit_text] : options_.units) {
            const int column = named_in_catalogue(cat, key) ? -1 : renamed_column(key);
            if (column < 0) continue;
            const std::string& variable = parsed_headers_[static_cast<std::size_t>(column)].name;
            const auto [it, inserted] = unit_override_.emplace(variable, unit_text);
            if (!inserted && it->second != unit_text)
                throw argument_error("csv_options::units gives '" + variable + "' two units: " + it->second +
                                     " and, by its heading '" + key + "', " + unit_text);
        }
    }
    // The column whose heading, as written, is `written` and was read as another name, or -1.
    int renamed_column(const std::string& written) const {
        for (std::size_t i = 0; i < parsed_headers_.size(); ++i)
            if (parsed_headers_[i].renamed_from == written && parsed_headers_[i].name != written)
                return static_cast<int>(i);
        return -1;
    }

    void check_duplicate_headers() const {
        std::unordered_set<std::string> seen;
        for (std::size_t i = 0; i < header_.size(); ++i) {
            const column_header& h = parsed_headers_[i];
            if (h.name.empty()) {
                location w = at(header_line_, i + 1);
                if (const std::size_t line = header_below()) throw parse_error(two_row_header(line), w);
                // Excel writes a separator after the last heading for a column that was once formatted
                throw parse_error(i + 1 == header_.size() && i > 0
                                      ? "empty column name in the header: the header ends with a separator (an "
                                        "unnamed last column, as Excel writes for a formatted empty column); "
                                        "delete it, or give it a heading and leave it out with csv_options::ignore"
                                      : "empty column name in the header",
                                  w);
            }
            if (ignored_column(i)) continue;  // ignore= leaves one of two same-named columns out
            if (!seen.insert(h.name).second)
                throw parse_error(
                    "duplicate column " + detail::quoted(h.name) + " in the header" +
                        (h.renamed_from.empty() ? std::string()
                                                : " (" + detail::quoted(h.renamed_from) +
                                                      " is a name the catalogue gives that variable)") +
                        "; leave one out with csv_options::ignore (its heading as written), or rename one",
                    at(header_line_, i + 1));
        }
    }

    // The column whose reasons heading i holds: `<variable>_reason` beside its variable is what
    // write_csv(reasons = true) and `zhibiao rollup` write, and what Python's read_csv reads back
    // (_reason_columns.py). -1 for a key, an ignored column, or a heading without the suffix or
    // without its variable beside it: such a column stays a variable, as a file may well name one so.
    int reason_target(std::size_t i) const {
        constexpr std::string_view suffix = "_reason";
        const std::string& heading = header_[i];
        if (ignored_column(i) || is_key_column(static_cast<int>(i)) || heading.size() <= suffix.size() ||
            !ends_with(heading, suffix))
            return -1;
        const std::string stem = parse_column_header(heading.substr(0, heading.size() - suffix.size())).name;
        for (std::size_t j = 0; j < parsed_headers_.size(); ++j)
            if (j != i && !ignored_column(j) && !is_key_column(static_cast<int>(j)) && !ends_with(header_[j], suffix) &&
                parsed_headers_[j].name == stem)
                return static_cast<int>(j);
        return -1;
    }
    static bool ends_with(const std::string& text, std::string_view suffix) {
        return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
    }

    void find_reason_columns() {
        reason_of_.assign(header_.size(), -1);
        for (std::size_t i = 0; i < header_.size(); ++i) reason_of_[i] = reason_target(i);
    }

    // A long file's values are in one column, so a `<variable>_reason` column has no cells to be
    // the reasons of: refused rather than left out, for its reasons would be lost without a word.
    // A lenient load goes on without it.
    void refuse_reason_columns() const {
        if (options_.lenient) return;
        for (std::size_t i = 0; i < header_.size(); ++i) {
            const int target = reason_target(i);
            if (target < 0) continue;
            throw parse_error("column " + detail::quoted(header_[i]) + " holds the reasons of " +
                                  detail::quoted(parsed_headers_[static_cast<std::size_t>(target)].name) +
                                  " (as write_csv with reasons writes them), which read_csv reads back from a "
                                  "wide file only: leave it out with csv_options::ignore, or write the file wide",
                              at(header_line_, i + 1));
        }
    }

    // The columns ignore= names, which no detection of a key column may choose.
    std::vector<int> ignored_columns() const {
        std::vector<int> out;
        for (std::size_t i = 0; i < parsed_headers_.size(); ++i)
            if (ignored_column(i)) out.push_back(static_cast<int>(i));
        return out;
    }
    // The level (data/headings.toml's county_level, city_level...) a heading names, or -1.
    static int region_level(const std::string& name, const std::vector<std::vector<std::string>>& levels) {
        for (std::size_t k = 0; k < levels.size(); ++k)
            for (const auto& heading : levels[k])
                if (same_ascii_case_blind(name, heading)) return static_cast<int>(k);
        return -1;
    }
    // The columns of a coarser level than the entity's (城市 beside a county table keyed by 区县):
    // never its names, which would name each county by its city. Not left out unasked either: as a
    // variable, its first name is refused saying how to leave it out (ignore=).
    std::vector<int> coarser_than_entity(const std::vector<std::string>& names,
                                         const std::vector<std::vector<std::string>>& levels) const {
        std::vector<int> out;
        if (entity_col_ < 0) return out;
        const int level = region_level(names[static_cast<std::size_t>(entity_col_)], levels);
        if (level < 0) return out;
        for (std::size_t i = 0; i < names.size(); ++i)
            if (region_level(names[i], levels) > level) out.push_back(static_cast<int>(i));
        return out;
    }
    // Whether ignore= names column i: by the name it is read as, or by its heading as written.
    bool ignored_column(std::size_t i) const {
        const column_header& h = parsed_headers_[i];
        return ignored(h.name) || (!h.renamed_from.empty() && ignored(h.renamed_from));
    }
    bool ignored(const std::string& name) const {
        return std::find(options_.ignore.begin(), options_.ignore.end(), name) != options_.ignore.end();
    }

    // `line`: the record that gave the unit (a long file's unit column), else the header's.
    unit resolve_unit(const std::string& variable, const std::string& header_unit, bool& given, std::size_t column,
                      std::size_t line = 0) const {
        auto it = unit_override_.find(variable);
        const std::string& text = it != unit_override_.end() ? it->second : header_unit;
        given = !text.empty();
        if (!given) return unit{};
        try {
            return unit::parse(text);
        } catch (const unknown_unit_error& e) {
            location w = at(line && it == unit_override_.end() ? line : header_line_, column, variable);
            throw unknown_unit_error(e.unit_text(), w);
        }
    }

    // A cell "13.5%" is 13.5 × 10^-2 of a dimensionless quantity: converted into the column's unit.
    // A column whose header states no unit is read in % (13.5): if its numbers all turn out to be
    // percentages it is a column in % (percentage_column), and if it mixes them with plain numbers
    // the percentages are refused, so they never need another scale.
    void prepare_percent(variable_column& v) {
        if (!v.u.dimensionless()) return;
        v.percent_ok = true;
        const unit target = v.unit_given ? v.u : percent_unit();
        v.percent_conversion = unit(dimension{}, -2, "%").to(target);
        v.permille_conversion = unit(dimension{}, -3, "‰").to(target);
    }

    static unit percent_unit() { return unit(dimension{}, -2, "%"); }

    // A column of no stated unit whose numbers were all written as percentages ("60%", "5‰") holds
    // a quantity in %, not a bare number: given that unit, so that whoever reads it in 万元 or 人
    // is refused rather than handed 0.6 of it.
    void make_percentage_column(variable_column& v) {
        v.u = percent_unit();
        v.unit_given = true;
        report_.percent_columns.push_back(v.name);
    }

    // Counts and issues go to `sink`: the loader's report, or a chunk's while chunks run in parallel.
    void note(load_report& sink, std::size_t line, std::size_t column, const std::string& variable,
              std::string_view text, std::string problem) const {
        keep_issue(sink, {line, column, variable, detail::shortened(text, 200), std::move(problem), {}, {}});
    }

    // Lists an issue while the list is short, else counts it: every issue is accounted for.
    void keep_issue(load_report& sink, load_issue issue) const {
        if (sink.issues.size() < options_.max_reported_issues)
            sink.issues.push_back(std::move(issue));
        else
            ++sink.issues_not_listed;
    }

    // The written decimals of a cell read as a number (written_decimals), where its value is the
    // number written: a percentage converted to another unit (5‰ in %) has other decimals.
    std::uint8_t cell_decimals(std::string_view text, const variable_column& v, int percent) const {
        if (percent != 0 && !(percent == -2 ? v.percent_conversion : v.permille_conversion).identity()) return 0;
        return detail::written_decimals(text, options_.decimal == ',' ? ',' : '.');
    }

    // Reads a cell into `out`. Returns the reason (none, missing_input, unparseable).
    // `percent` receives the cell's percent exponent (-2 for %, -3 for ‰, 0 otherwise).
    reason read_cell(load_report& sink, std::string_view text, const variable_column& v, double& out, std::size_t line,
                     std::size_t column, int& percent) const {
        ++sink.cells;
        percent = 0;
        if (semicolon_marks_ && ambiguous_mark(text))
            return bad_cell(sink, text, v, out, line, column, ambiguous_mark_problem);
        if (detail::parse_number(text, out, percent, options_.decimal)) {
            if (percent == 0) return reason::none;
            if (v.percent_ok) {
                out = detail::convert_exactly(percent == -2 ? v.percent_conversion : v.permille_conversion, out);
                return reason::none;
            }
            return bad_cell(sink, text, v, out, line, column,
                            "a percentage in a column of unit '" + v.u.symbol() + "'");
        }
        std::string normal = detail::normalize_fullwidth(trim(text));
        if (na_.count(normal)) {
            out = std::numeric_limits<double>::quiet_NaN();
            ++sink.cells_missing;
            return reason::missing_input;
        }
        std::string problem = not_a_number(text, options_.decimal);
        if (v.headed_as_names)
            problem += " (the column '" + v.name + "' is headed as names are: leave it out with ignore=['" + v.name +
                       "'], or read it as the names with name='" + v.name + "')";
        else if (problem == "not a number" &&
                 is_words(text))  // 全国 under province_zh: a column of names whose heading is no name heading
            problem += " (text in the column '" + v.name +
                       "': if it holds names or notes, leave it out with ignore=['" + v.name +
                       "'], or read it as the names with name='" + v.name + "')";
        return bad_cell(sink, text, v, out, line, column, problem);
    }

    reason bad_cell(load_report& sink, std::string_view text, const variable_column& v, double& out, std::size_t line,
                    std::size_t column, const std::string& problem) const {
        if (!options_.lenient) {
            // A unit in a figure cell may be a whole row of units (单位,,亿元,万元): said as that.
            if (const std::string why = not_a_data_row_at(line); !why.empty())
                throw parse_error(why, at(line, column, v.name));
            throw parse_error(problem + ": " + detail::quoted(text), at(line, column, v.name));
        }
        out = std::numeric_limits<double>::quiet_NaN();
        ++sink.cells_unparseable;
        note(sink, line, column, v.name, text, problem);
        return reason::unparseable;
    }

    static void store_reason(std::vector<reason>& reasons, std::size_t rows_before, std::size_t row, reason r) {
        if (r != reason::unparseable && reasons.empty()) return;
        if (reasons.size() <= row) reasons.resize(std::max(row + 1, rows_before), reason::none);
        reasons[row] = r;
    }

    std::string_view optional_field(const std::vector<field>& fields, int col) const {
        return col >= 0 ? trim(fields[static_cast<std::size_t>(col)]) : std::string_view{};
    }

    // The units of a row of units under the header (,,亿元,万元 — the 统计报表 layout), "亿元, 万元",
    // and in `example` the first column's header with its unit (地区生产总值[亿元]); "" when some
    // figure cell holds no unit text (a number, a word) or none holds one.
    std::string units_row(const std::vector<field>& fields, std::string& example) const {
        std::string said;
        for (std::size_t i = 0; i < fields.size() && i < header_.size(); ++i) {
            if (is_key_column(static_cast<int>(i))) continue;
            const std::string_view cell = trim(fields[i]);
            if (detail::without_brackets(cell).empty()) continue;
            const std::optional<std::string_view> unit_said = detail::unit_cell(cell, options_.decimal);
            if (!unit_said) return "";
            const std::string_view t = *unit_said;
            if (said.empty()) example = std::string(trim(header_[i])) + "[" + std::string(t) + "]";
            said += (said.empty() ? "" : ", ") + std::string(t);
        }
        return said;
    }

    // Why a row that cannot be read is no row of data, when it is a footnote or a row of units:
    // the message for it, else "".
    std::string not_a_data_row(const std::vector<field>& fields, std::size_t line) const {
        if (repeats_header(fields))
            return "line " + std::to_string(line) +
                   " repeats the header, not a row of data (files joined one after another?): delete it, or read "
                   "each file alone and concatenate the panels";
        if (!fields.empty() && looks_like_footnote(trim(fields[0])))
            return "line " + std::to_string(line) + " is a footnote (" + detail::quoted(trim(fields[0])) +
                   "), not a row of data: leave it out of the file (or below the table, out of the range saved)";
        std::string example;
        const std::string units = units_row(fields, example);
        if (units.empty()) return "";
        return "line " + std::to_string(line) + " looks like a row of units (" + units +
               "), not a row of data: put the units in the header as " + example +
               " and delete the line, or give them with csv_options::units";
    }

    // The entity and period cells of a row hold the header's names for them; without a period
    // column (csv_options::period_value), every cell does (review23b F6: lenient read it as an
    // entity named "entity").
    // A variable's header cell repeated as another file of the same table wrote it counts too: gdp
    // where the first said gdp[亿元], 地区生产总值 for gdp. The key columns' cells are compared as
    // written, which keeps the test of a row of data one comparison (a lenient read asks it of
    // every row the tokenizer reads).
    static std::string_view without_bom(std::string_view text) {
        constexpr std::string_view bom = "\xEF\xBB\xBF";
        return text.substr(0, bom.size()) == bom ? text.substr(bom.size()) : text;
    }
    bool repeats_header(const std::vector<field>& fields) const {
        const auto same = [&](int col) {
            const auto k = static_cast<std::size_t>(col);
            if (col < 0 || k >= fields.size() || k >= header_.size()) return false;
            // a second file's byte order mark before its header (two files joined with cat)
            if (without_bom(trim(fields[k])) == trim(header_[k])) return true;
            if (is_key_column(col)) return false;
            try {
                return !trim(fields[k]).empty() && parse_column_header(trim(fields[k])).name == parsed_headers_[k].name;
            } catch (const error&) {  // no header's text at all
                return false;
            }
        };
        if (!same(entity_col_)) return false;
        if (period_col_ >= 0) return same(period_col_);
        if (fields.size() != header_.size()) return false;
        for (std::size_t k = 0; k < fields.size(); ++k)
            if (!same(static_cast<int>(k))) return false;
        return true;
    }

    // A row that repeats the header (tables joined one after another) is refused in both modes, as
    // read with a period column it always was (round 23): the rows after it are another table's,
    // whose units may differ (gdp[万元] under gdp[亿元]); leniently without a period column it was an
    // entity named as the entity column. A footnote as wide as the table (注：…,,, as Excel saves
    // one) is refused, or skipped and listed by a lenient read (注：x,2024,3 was an entity '注：x').
    bool skipped_non_data_row(load_report& sink, const std::vector<field>& fields, std::size_t line) const {
        const bool footnote = !fields.empty() && looks_like_footnote(fields[0]);
        if ((footnote && !options_.lenient) || (!footnote && repeats_header(fields)))
            throw parse_error(not_a_data_row(fields, line), at(line, 1));
        if (!footnote) return false;
        ++sink.rows_skipped;
        note(sink, line, 0, {}, {}, not_a_data_row(fields, line));
        return true;
    }

    // not_a_data_row of line `line` of the body (error path only: the body is tokenized again). The
    // fields are read while the tokenizer lives: a quoted field with doubled quotes is a view into
    // the tokenizer's own buffer (fuzz_csv: returned, the fields dangled).
    std::string not_a_data_row_at(std::size_t line) const {
        std::vector<field> fields;
        try {
            tokenizer tok(text_.substr(body_start_), options_.separator, source_, body_line_);
            while (tok.next(fields))
                if (tok.line() == line) return not_a_data_row(fields, line);
        } catch (const std::exception&) {  // a bad row before it: the caller's message stands
        }
        return not_a_data_row({}, line);
    }

    // Whether the row's last field runs to the end of the text with no line break after it: a file
    // cut off (a transfer or a write stopped), which a short last row alone does not say.
    bool ends_the_text(const std::vector<field>& fields) const {
        if (fields.empty() || text_.empty() || text_.back() == '\n' || text_.back() == '\r') return false;
        const field& last = fields.back();
        return !last.empty() && std::equal_to<const char*>()(last.data() + last.size(), text_.data() + text_.size());
    }

    bool wrong_width(load_report& sink, const std::vector<field>& fields, std::size_t line) const {
        if (fields.size() == header_.size()) return false;
        if (!fields.empty() && looks_like_footnote(trim(fields[0]))) {
            const std::string why = not_a_data_row(fields, line);
            if (!options_.lenient) throw parse_error(why, at(line, 0));
            ++sink.rows_skipped;
            note(sink, line, 0, {}, {}, why);
            return true;
        }
        std::string problem =
            "row has " + detail::counted(fields.size(), "field") + ", the header has " + std::to_string(header_.size());
        if (fields.size() < header_.size() && ends_the_text(fields))
            problem += "; the file ends inside this row, without a line break: cut off when it was written or copied?";
        if (!options_.lenient) throw parse_error(problem, at(line, 0));
        ++sink.rows_skipped;
        note(sink, line, 0, {}, {}, problem);
        return true;
    }

    // A row without an entity code cannot be anyone's: refused, or (lenient) skipped and noted as a
    // row of the wrong width is. A totals row (合计 in another cell) is said to be one.
    bool without_code(load_report& sink, const std::vector<field>& fields, std::size_t line) const {
        if (!trim(fields[static_cast<std::size_t>(entity_col_)]).empty()) return false;
        std::string example;
        if (const std::string units = units_row(fields, example); !units.empty())  // lenient would lose them
            throw parse_error(not_a_data_row(fields, line), at(line, static_cast<std::size_t>(entity_col_) + 1));
        std::string problem = "empty entity code";
        for (const field& f : fields)
            if (detail::looks_like_total(trim(f))) {
                problem += " in a row that reads " + detail::quoted(trim(f)) +
                           ": a totals row? its figures are the others' sum; leave it out of the file";
                break;
            }
        if (!options_.lenient) throw parse_error(problem, at(line, static_cast<std::size_t>(entity_col_) + 1));
        ++sink.rows_skipped;
        note(sink, line, 0, {}, {}, problem);
        return true;
    }

    std::string_view period_of(const std::vector<field>& fields) const {
        return period_col_ >= 0 ? trim(fields[static_cast<std::size_t>(period_col_)])
                                : std::string_view(options_.period_value);
    }

    std::string_view entity_code(const std::vector<field>& fields, std::size_t line) const {
        std::string_view code = trim(fields[static_cast<std::size_t>(entity_col_)]);
        if (code.empty()) throw parse_error("empty entity code", at(line, static_cast<std::size_t>(entity_col_) + 1));
        return code;
    }

    // Entity and period of a row; throws parse_error for an empty code or a bad period.
    std::pair<std::int32_t, std::int32_t> row_key(const std::vector<field>& fields, row_keys& keys, std::size_t line) {
        const std::string_view parent = optional_field(fields, parent_col_);
        const std::string_view name = optional_field(fields, name_col_);
        std::int32_t e = keys.entity_index(entity_code(fields, line), name, parent);
        entity& kept = keys.entities[static_cast<std::size_t>(e)];
        // A blank states nothing (blank_states_nothing): the first cell that is not blank names
        // the code and gives its parent, as in the wide layout.
        // 西湖 and 西湖区 are one region, named the longer way (detail::two_places).
        if (name_col_ >= 0 && detail::two_places(kept.name, name)) refuse_two_names();
        if (name_col_ >= 0 && name.size() > kept.name.size()) kept.name = std::string(name);
        if (parent_col_ >= 0 && !parent.empty()) {
            if (!kept.parent.empty() && other_parent(kept.parent, parent))
                refuse_two_parents({kept.code, kept.parent, parent, 0, line});
            if (kept.parent.empty()) kept.parent = std::string(parent);
        }
        std::int32_t p = 0;
        try {
            p = keys.period_index(period_of(fields),
                                  [&] { return at(line, static_cast<std::size_t>(period_col_ + 1)); });
        } catch (const parse_error& bad) {
            if (repeats_header(fields)) throw parse_error(not_a_data_row(fields, line), bad.where());
            throw;
        }
        return {e, p};
    }

    // The lines of the first two rows of `entity` and `period` (as the panel names them), or 0s.
    // Only on the error path: the body is read again rather than a line kept for every row.
    std::pair<std::size_t, std::size_t> duplicate_lines(const std::string& entity, const std::string& period) const {
        std::pair<std::size_t, std::size_t> lines{0, 0};
        try {
            tokenizer tok(text_.substr(body_start_), options_.separator, source_, body_line_);
            std::vector<field> fields;
            std::string_view last_text;
            std::string last_period;
            while (tok.next(fields)) {
                if (fields.size() != header_.size() || blank(fields)) continue;  // skipped or blank
                if (trim(fields[static_cast<std::size_t>(entity_col_)]) != entity) continue;
                const std::string_view text = period_of(fields);
                if (last_period.empty() || text != last_text) last_period = period::parse(text).to_string();
                last_text = text;
                if (last_period != period) continue;
                (lines.first ? lines.second : lines.first) = tok.line();
                if (lines.second) return lines;
            }
        } catch (const std::exception&) {  // the first error of the read was the duplicate: none here
        }
        return {0, 0};
    }

    // blank_states_nothing: a blank name or parent states nothing. Files exported from sheets with
    // merged cells name a region on one of its rows only (the first, or where the merge was
    // anchored), so a blank never disagrees with the name its code was given, and the first
    // cell that is not blank names it (gives its parent), whichever row that is, in either layout.
    // Texts that differ are compared again by settle_keys in file order: 西湖 and 西湖区 are one
    // region named the longer way, 南昌县 and 南昌市 two (detail::two_places).
    static bool names_differ(std::string_view kept, std::string_view name) {
        return !kept.empty() && !name.empty() && kept != name;
    }

    // One code named two ways (东湖区 on one row, 西湖区 on another) is a row shifted or a code
    // mistyped as often as a renamed region, and the panel keeps one name: refused, naming both
    // lines. A name with and without its administrative suffix (西湖, 西湖区) is one region's. Found while reading by a
    // compare of each row's name with its code's first; the lines only here, on the error path, by reading the body
    // again in file order (so the same row is named whatever the number of threads).
    [[noreturn]] void refuse_two_names() const {
        tokenizer tok(text_.substr(body_start_), options_.separator, source_, body_line_);
        std::vector<field> fields;
        std::unordered_map<std::string, std::pair<std::string, std::size_t>> first;
        while (tok.next(fields)) {
            if (fields.size() != header_.size() || blank(fields)) continue;  // skipped or blank
            const std::string_view code = trim(fields[static_cast<std::size_t>(entity_col_)]);
            if (code.empty()) continue;
            const std::string_view name = optional_field(fields, name_col_);
            if (name.empty()) continue;  // a blank states nothing: compared with the first name given
            auto [it, fresh] = first.try_emplace(std::string(code), std::string(name), tok.line());
            if (fresh) continue;
            if (!detail::two_places(it->second.first, name)) {
                if (name.size() > it->second.first.size()) it->second = {std::string(name), tok.line()};
                continue;
            }
            throw parse_error("entity " + detail::quoted(code) + " is named " + detail::quoted(name) + " here and " +
                                  detail::quoted(it->second.first) + " on line " + std::to_string(it->second.second) +
                                  ": one code is one region (a row shifted, or a code mistyped?); if the region was "
                                  "renamed, write one name on all its rows, or leave the names out (ignore the " +
                                  detail::quoted(header_[static_cast<std::size_t>(name_col_)]) + " column)",
                              at(tok.line(), static_cast<std::size_t>(name_col_) + 1));
        }
        throw parse_error("an entity code is named two ways in the name column", at(0, 0));  // not reached
    }

    // blank_states_nothing across chunks: a code whose first row (in an earlier chunk) left its
    // name or parent blank takes the first one a later row gives; a code named with and without its
    // administrative suffix (西湖, 西湖区) takes the full name. Rare (a sheet naming a region on a
    // later row only, or two ways), so found by reading the body again, in file order, on that path
    // only; two names of two places are refused here.
    void settle_keys(entity_table& table) const {
        std::unordered_map<std::string, std::pair<std::string, std::string>> given;  // code → name, parent
        tokenizer tok(text_.substr(body_start_), options_.separator, source_, body_line_);
        std::vector<field> fields;
        while (tok.next(fields)) {
            if (fields.size() != header_.size() || blank(fields)) continue;
            const std::string_view code = trim(fields[static_cast<std::size_t>(entity_col_)]);
            auto& [name, parent] = given[std::string(code)];
            const std::string_view named = optional_field(fields, name_col_);
            if (detail::two_places(name, named)) refuse_two_names();
            if (named.size() > name.size()) name = std::string(named);
            if (parent.empty()) parent = std::string(optional_field(fields, parent_col_));
        }
        const auto refill = [&](entity_texts& texts, bool names) {
            std::string all;
            std::vector<std::size_t> ends(table.size());
            for (std::size_t i = 0; i < table.size(); ++i) {
                std::string_view kept = texts.at(i);
                if (kept.empty() || names) {  // a name given in full on a later row is the full one
                    const auto found = given.find(std::string(table.codes.at(i)));
                    if (found != given.end()) kept = names ? found->second.first : found->second.second;
                }
                all += kept;
                ends[i] = all.size();
            }
            texts.text.reset(new char[std::max<std::size_t>(all.size(), 1)]);
            if (!all.empty()) std::memcpy(texts.text.get(), all.data(), all.size());
            texts.ends = std::move(ends);
        };
        if (name_col_ >= 0) refill(table.names, true);
        if (parent_col_ >= 0) refill(table.parents, false);
    }

    // A code written with full-width digits (３２０１０２) is another entity than 320102, which
    // rolls up nowhere and matches no other table: refused at its first line, with the code it
    // means. Not read as ASCII: a file of both spellings would then hold one entity twice.
    // The search for the first refused entity is split over the threads (5·10⁶ firms were ~0.3 s
    // on one thread after the parallel parse); the first one found is refused as before.
    void refuse_fullwidth_codes(const panel& p) const {
        const std::size_t n = p.entity_count(),
                          parts = std::min(chunk_count(text_.size()), std::max<std::size_t>(n, 1));
        std::vector<std::size_t> first(parts, n);
        for_each_chunk(parts, [&](std::size_t t) {
            for (std::size_t i = n * t / parts, end = n * (t + 1) / parts; i < end; ++i)
                if (refused_code(p.entity_code(i)) || refused_code(p.entity_parent(i)) ||
                    (name_col_ >= 0 && hides_character(p.entity_name(i)))) {
                    first[t] = i;
                    return;
                }
        });
        const std::size_t i = *std::min_element(first.begin(), first.end());
        if (i < n) {
            refuse_invisible(p.entity_code(i), entity_col_, "entity code");
            refuse_invisible(p.entity_parent(i), parent_col_, "parent code");
            refuse_invisible(p.entity_name(i), name_col_, "name");
            refuse_fullwidth(p.entity_code(i), entity_col_, "entity code");
            refuse_fullwidth(p.entity_parent(i), parent_col_, "parent code");
            refuse_spreadsheet_spelling(p.entity_code(i), entity_col_, "entity code");
            refuse_spreadsheet_spelling(p.entity_parent(i), parent_col_, "parent code");
        }
    }
    // Whether refuse_fullwidth or refuse_spreadsheet_spelling refuses `code`. Most codes hold none
    // of the bytes either looks for (a full-width form's lead byte, a point, a leading ' or =).
    static bool refused_code(std::string_view code) {
        if (code.empty()) return false;
        // A loop, not find_first_of: that calls memchr on the set for every byte of the code.
        const bool suspect = code[0] == '\'' || code[0] == '=' || std::any_of(code.begin(), code.end(), [](char c) {
                                 return c == '.' || c == '+' || c == '\xEF' || hidden_lead(c);
                             });
        if (!suspect) return false;
        if (hides_character(code)) return true;
        if (!detail::code_meant(code).empty() || scientific_code(code)) return true;
        if (detail::first_fullwidth_ascii(code).empty()) return false;
        const std::string ascii = detail::normalize_fullwidth(code);
        return std::all_of(ascii.begin(), ascii.end(), [](char c) { return c > ' ' && c < 0x7F; });
    }
    // A byte that may open a detail::invisible_character: an ASCII control, C2 (U+0080–U+00BF), E1
    // (U+180E), E2 (U+2000–U+2FFF); EF (U+FEFF) is tested with the full-width forms.
    static bool hidden_lead(char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE1 || b == 0xE2;
    }
    static bool hides_character(std::string_view text) {
        char32_t c = 0;  // first_invisible_character decodes only the bytes that can open one
        return detail::first_invisible_character(text, c) != std::string_view::npos;
    }
    // A code or a name holding an invisible character (360102 with a zero-width space after it, a
    // byte order mark of a second file joined with cat, 东\0湖区): it prints as the other and is
    // another entity, beside it (round 38: the duplicate-row check passed). Refused at its cell,
    // naming the character.
    void refuse_invisible(std::string_view text, int col, const char* what) const {
        char32_t c = 0;
        if (col < 0 || detail::first_invisible_character(text, c) == std::string_view::npos) return;
        throw parse_error(std::string(what) + " " + detail::quoted(text) + " holds an invisible character, " +
                              detail::invisible_character_name(c) +
                              ", which a copy from Word or a PDF or files joined with cat leave: it would be "
                              "another entity than the one it prints as; delete the character",
                          at(first_line_with(col, text), static_cast<std::size_t>(col) + 1));
    }
    // A code as a spreadsheet leaves it: behind Excel's text mark ('320102), as a formula keeping
    // its zeros (="0101"), or as a number of a float column (320102.0, what pandas writes for codes
    // with a gap). Each is an entity of its own beside 320102, ranked twice and rolled up with
    // nothing, so refused as full-width digits are, naming the code meant.
    // A number as Excel shows a long one (3.60102E+11 for 360102001000): a mantissa, E and a signed
    // exponent. The sign is what Excel writes and what keeps a code such as 12E3 a code.
    static bool scientific_code(std::string_view code) {
        const std::size_t e = code.find_first_of("eE");
        if (e == std::string_view::npos || e == 0 || e + 2 >= code.size() || code[e + 1] != '+') return false;
        const std::string_view mantissa = code.substr(0, e), exponent = code.substr(e + 2);
        const std::size_t point = mantissa.find('.');
        auto digits = [](std::string_view d) { return std::all_of(d.begin(), d.end(), detail::is_digit); };
        return detail::is_digit(mantissa[0]) && digits(exponent) &&
               (point == std::string_view::npos
                    ? digits(mantissa)
                    : digits(mantissa.substr(0, point)) && digits(mantissa.substr(point + 1)));
    }
    void refuse_spreadsheet_spelling(std::string_view code, int col, const char* what) const {
        if (scientific_code(code))
            throw parse_error(std::string(what) + " " + detail::quoted(code) +
                                  " is a code Excel wrote in scientific notation: the digits it did not show are "
                                  "lost, so no code can be read from it; format the column as text in the sheet "
                                  "and save it again",
                              at(first_line_with(col, code), static_cast<std::size_t>(col) + 1));
        const std::string meant = detail::code_meant(code);
        if (meant.empty()) return;
        throw parse_error(std::string(what) + " " + detail::quoted(code) + " is the code '" + meant +
                              "' as a spreadsheet wrote it; it would be an entity of its own, beside '" + meant +
                              "': write the code alone (in the sheet: format the column as text)",
                          at(first_line_with(col, code), static_cast<std::size_t>(col) + 1));
    }
    // Only a code that is all ASCII once its full-width forms are: a firm's name standing as its
    // code (甲公司（南京）, 第３分公司) is text, not a misspelt code.
    void refuse_fullwidth(std::string_view code, int col, const char* what) const {
        const std::string_view wide = detail::first_fullwidth_ascii(code);
        if (wide.empty()) return;
        const std::string ascii = detail::normalize_fullwidth(code);
        if (!std::all_of(ascii.begin(), ascii.end(), [](char c) { return c > ' ' && c < 0x7F; })) return;
        throw parse_error(std::string(what) + " " + detail::quoted(code) + " is written with full-width characters ('" +
                              std::string(wide) + "'): it is not the code '" + detail::normalize_fullwidth(code) +
                              "' and would match and roll up with nothing; write it in ASCII",
                          at(first_line_with(col, code), static_cast<std::size_t>(col) + 1));
    }
    // The line of the first row whose field `col` is `text` (trimmed), or 0. Only on the error path.
    std::size_t first_line_with(int col, std::string_view text) const {
        try {
            tokenizer tok(text_.substr(body_start_), options_.separator, source_, body_line_);
            std::vector<field> fields;
            while (tok.next(fields))
                if (fields.size() == header_.size() && trim(fields[static_cast<std::size_t>(col)]) == text)
                    return tok.line();
        } catch (const std::exception&) {  // a bad row later on: the code was not found before it
        }
        return 0;
    }

    // `storage`, when given, holds the values of vars[k] (wide layout); else they are in vars[k].values.
    panel finish(row_keys& keys, std::vector<variable_column>& vars,
                 const std::vector<std::shared_ptr<double[]>>& storage = {}, std::size_t rows = 0) {
        std::vector<std::int32_t> entity_of_row = std::move(keys.entity_of_row);
        std::vector<std::int32_t> period_of_row = std::move(keys.period_of_row);
        panel result;
        try {
            // The codes were interned (one entity per code text): not checked for duplicates again.
            result = keys.compact ? detail::panel_of_interned_codes(std::move(keys.table), std::move(keys.periods),
                                                                    std::move(entity_of_row), std::move(period_of_row))
                                  : detail::panel_of_interned_codes(std::move(keys.entities), std::move(keys.periods),
                                                                    std::move(entity_of_row), std::move(period_of_row));
        } catch (const duplicate_row_error& e) {
            location w = e.where();
            w.file = source_;
            const auto [first, second] = duplicate_lines(w.entity, w.period);
            w.line = second;
            throw duplicate_row_error(
                first ? e.message() + " (the first on line " + std::to_string(first) + ")" : e.message(), w);
        }
        refuse_fullwidth_codes(result);
        std::vector<column> columns;
        columns.reserve(vars.size());
        for (std::size_t k = 0; k < vars.size(); ++k) {
            auto& v = vars[k];
            if (storage.empty()) {
                auto owned = std::make_shared<std::vector<double>>(std::move(v.values));
                if (!v.reasons.empty()) v.reasons.resize(owned->size(), reason::none);
                columns.emplace_back(v.name, v.u, owned->data(), owned->size(), owned, v.unit_given,
                                     std::move(v.reasons));
            } else {
                if (!v.reasons.empty()) v.reasons.resize(rows, reason::none);
                columns.emplace_back(v.name, v.u, storage[k].get(), rows, storage[k], v.unit_given,
                                     std::move(v.reasons));
            }
            // Every column read from text has them, 0 where a cell's shortest form shows its decimals:
            // write_csv writes "1.7" back as 1.7, where a column without any takes its catalogue's.
            v.decimals.resize(columns.back().size(), 0);
            columns.back().set_written_decimals(std::move(v.decimals));
        }
        // The names are distinct (a duplicate heading was refused, a long file has one variable a
        // name): panel::add, looking each one up among those before it, was quadratic in them.
        detail::add_distinct_columns(result, std::move(columns));
        return result;
    }

    // Where a column of no stated unit has plain numbers and percentages ("12.5" and "12.5%",
    // 100× apart): counted per chunk on the tokenizer's path only, judged once the chunks meet.
    struct number_kinds {
        std::size_t first_plain_line = 0, first_percent_line = 0;
        struct percent_cell {
            std::size_t row, line;  // the row in its chunk
            std::string text;       // shortened
        };
        std::vector<percent_cell> percent_cells;
    };

    // A code given two parents by the parent column (re-districting between years): kept, the first
    // would have been summed into the old parent silently (rollup refuses the same in a map).
    struct parent_conflict {
        std::string_view code, first_parent, second_parent;
        std::size_t first_line = 0, second_line = 0;
    };

    static bool other_parent(std::string_view a, std::string_view b) {
        return a != b && admin_code(a) != admin_code(b);  // 3601 is 360100
    }

    [[noreturn]] void refuse_two_parents(const parent_conflict& k) const {
        throw parse_error("the parent column gives " + std::string(k.code) + " the parent " +
                              std::string(k.second_parent) + " here and " + std::string(k.first_parent) +
                              (k.first_line ? " on line " + std::to_string(k.first_line) : " on an earlier row") +
                              ": a region sums into one parent; if it moved between periods, read each "
                              "period's rows (or pass rollup a map per period) separately",
                          at(k.second_line, static_cast<std::size_t>(parent_col_) + 1));
    }

    // The rows of one stretch of the body, parsed independently of the others. Values go straight
    // into the shared output columns at `first_row`; a chunk never writes past its line count.
    struct chunk {
        std::string_view text;
        std::size_t newlines = 0;
        std::size_t first_line = 1;
        std::size_t first_row = 0;
        std::unique_ptr<tokenizer> tok;  // owns unescaped quoted fields the views below may point into
        load_report counts;
        std::vector<std::vector<reason>> reasons;
        std::vector<std::vector<std::uint8_t>> decimals;  // per variable: written decimals (store_decimals)
        // fast_row has written decimals (note_fast_decimals): a row it gives up on has its entries
        // cleared (forget_fast_decimals) before the tokenizer reads it again.
        bool fast_decimals = false;
        std::size_t row_capacity = 0;     // row_bound: the rows the chunk can have
        std::vector<number_kinds> kinds;  // per variable: where its plain numbers and percentages are
        std::size_t first_fast_line = 0;  // a row read by fast_row: every variable cell a plain number
        std::exception_ptr failure;
        // With a parent column: each code's first non-blank parent in the chunk and its line, and the
        // chunk's first row giving one of its codes another parent (second_line 0: none).
        std::unordered_map<std::string_view, std::pair<std::string_view, std::size_t>> parent_seen;
        parent_conflict conflict;
        // The entity codes and period texts, interned per chunk as its rows are read (no view
        // kept per row), then numbered for the whole file in first-seen order (number_entities,
        // add_chunk_rows).
        // The per-row indices are written only once a row breaks the common pattern: while every
        // row has a code of its own (a firm table: row r's code is code r) entity_local stays
        // empty, and while every row has the chunk's first period (one period for all)
        // period_local does. Each was 20 MB written and read again at 5·10⁶ rows, each page a
        // fault, for indices that say nothing (number_entities, add_chunk_rows).
        interner entity_codes{false};  // this chunk's distinct codes, first-seen order: views of its rows' codes
        detail::huge_page_vector<std::int32_t> entity_local;  // per row: its code's index, or empty: row r's is r
        detail::huge_page_vector<std::string_view> name_of, parent_of;  // per code: name and parent on its first row
        bool two_names = false;                // a row of the chunk names its code otherwise than name_of (settle_keys)
        bool late_keys = false;                // a code's first row left its name or parent blank, a later row gives it
        interner period_texts{false};          // this chunk's distinct period texts
        std::vector<std::size_t> period_line;  // per period text: the line it first appears on
        detail::huge_page_vector<std::int32_t> period_local;  // per row: its period's index, or empty: all 0
        std::size_t interned = 0;                             // rows whose code is interned
        std::string_view last_entity, last_period;            // the previous row's (rows come grouped)
        std::int32_t last_entity_id = -1, last_period_id = -1;
        // Codes read but not yet interned: each is interned `lag` rows after its slot in the table
        // was prefetched, so that the cache miss of a new code overlaps the parsing of the rows
        // in between (a firm table's codes are all new: that miss was the largest cost).
        static constexpr std::size_t lag = 16;
        struct pending_code {
            std::string_view code, name, parent;
            std::uint64_t hash;
            bool repeat;  // the same code as the row before: no lookup
        };
        std::array<pending_code, lag> pending{};
        std::size_t pending_count = 0;                    // codes read; pending_count - interned wait
        std::size_t deferred_from = 0;                    // the first row whose code was deferred, if any
        detail::huge_page_vector<std::int32_t> new_rank;  // per code: its rank among codes no earlier chunk has, or -1;
                                                          // empty while all are new (code l's rank is l)
        struct earlier_code {
            std::uint32_t chunk;  // the earliest chunk with the code
            std::int32_t index;   // its index there, or -1
        };
        detail::huge_page_vector<earlier_code> earlier;  // per code (not for the first chunk, whose codes are all new)
        std::size_t new_codes = 0;
        std::array<std::size_t, 3> new_bytes{};  // of the new codes' codes, names and parents
        std::size_t rows() const { return pending_count; }
        std::int32_t rank_of(std::size_t code) const {
            return new_rank.empty() ? static_cast<std::int32_t>(code) : new_rank[code];
        }
    };

    // The first row of the file whose parent contradicts an earlier row of its code, over all
    // chunks in file order (the same answer whatever the number of chunks): refused.
    void check_parents(const std::vector<chunk>& chunks) const {
        if (parent_col_ < 0) return;
        std::unordered_map<std::string_view, std::pair<std::string_view, std::size_t>> first;
        parent_conflict found;
        for (const auto& c : chunks) {
            if (c.conflict.second_line && (!found.second_line || c.conflict.second_line < found.second_line))
                found = c.conflict;
            for (const auto& [code, seen] : c.parent_seen) {
                auto [it, fresh] = first.emplace(code, seen);
                if (fresh || !other_parent(it->second.first, seen.first)) continue;
                if (!found.second_line || seen.second < found.second_line)
                    found = {code, it->second.first, seen.first, it->second.second, seen.second};
            }
        }
        if (!found.second_line) return;
        found.first_line = first.at(found.code).second;  // the code's first row in the file
        refuse_two_parents(found);
    }

    // Interns the oldest code read and not yet interned (its slot was prefetched `lag` rows ago).
    void intern_pending(chunk& c) const {
        const chunk::pending_code& p = c.pending[c.interned % chunk::lag];
        if (!p.repeat) {
            const auto [id, inserted] = c.entity_codes.intern(p.code, p.hash);
            if (inserted && name_col_ >= 0) c.name_of.push_back(p.name);
            if (inserted && parent_col_ >= 0) c.parent_of.push_back(p.parent);
            c.last_entity_id = id;
            if (!inserted) same_name(c, p.name, p.parent);
        } else {
            same_name(c, p.name, p.parent);
        }
        note_entity(c);
    }

    // While a chunk's codes come in ascending order (a register written in code order) with
    // nothing pending, a code after the last one is new: appended without hash or prefetch
    // (interner::start_ascending). False once the order breaks: then the code goes the usual way.
    bool append_ascending(chunk& c, std::string_view code, std::string_view name, std::string_view parent,
                          bool repeat) const {
        if (!c.entity_codes.ascending() || c.pending_count != c.interned) return false;
        if (!repeat) {
            if (!c.entity_codes.append_if_ascending(code)) return false;
            if (name_col_ >= 0) c.name_of.push_back(name);
            if (parent_col_ >= 0) c.parent_of.push_back(parent);
            c.last_entity_id = static_cast<std::int32_t>(c.entity_codes.size() - 1);
        } else {
            same_name(c, name, parent);
        }
        ++c.pending_count;
        note_entity(c);
        return true;
    }

    // The codes of a chunk read deferred (add_row_keys) numbered: the first deferred_from rows were
    // interned as usual (their codes are the first items), each later row is one item. Names and
    // parents, kept per row while deferred, moved down to one per code, as interning keeps them.
    void settle_codes(chunk& c) const {
        const std::size_t first_items = c.entity_codes.items() - (c.rows() - c.deferred_from);
        c.entity_codes.settle();
        std::size_t next = first_items;
        for (std::size_t i = first_items; i < c.entity_codes.items(); ++i) {
            const auto id = static_cast<std::size_t>(c.entity_codes.item_index(i));
            if (id == next) {  // the code's first row
                if (name_col_ >= 0) c.name_of[next] = c.name_of[i];
                if (parent_col_ >= 0) c.parent_of[next] = c.parent_of[i];
                ++next;
            } else {  // name_of[id] and parent_of[id] already moved down
                if (name_col_ >= 0 && names_differ(c.name_of[i], c.name_of[id])) c.two_names = true;
                if (name_col_ >= 0 && given_late(c.name_of[id], c.name_of[i])) c.name_of[id] = c.name_of[i];
                if (parent_col_ >= 0 && given_late(c.parent_of[id], c.parent_of[i])) c.parent_of[id] = c.parent_of[i];
            }
            c.last_entity_id = static_cast<std::int32_t>(id);
            note_entity(c);
        }
        if (name_col_ >= 0) c.name_of.resize(next);
        if (parent_col_ >= 0) c.parent_of.resize(next);
    }

    // Row c.interned's name, for a code seen before (c.last_entity_id), against the code's first
    // name in the chunk: one compare of two texts only where a name column is read. A name or
    // parent given where the code's first row left it blank is the code's (blank_states_nothing).
    void same_name(chunk& c, std::string_view name, std::string_view parent) const {
        const auto id = static_cast<std::size_t>(c.last_entity_id);
        if (name_col_ >= 0 && names_differ(name, c.name_of[id])) c.two_names = true;
        if (name_col_ >= 0 && given_late(c.name_of[id], name)) c.name_of[id] = name;
        if (parent_col_ >= 0 && given_late(c.parent_of[id], parent)) c.parent_of[id] = parent;
    }

    static bool given_late(std::string_view kept, std::string_view later) { return kept.empty() && !later.empty(); }

    // Row c.interned's entity index (c.last_entity_id) kept, when it is not the row's own.
    static void note_entity(chunk& c) {
        if (!c.entity_local.empty() || static_cast<std::size_t>(c.last_entity_id) != c.interned) {
            if (c.entity_local.empty())  // the first row whose code is not its own: the rows before, written out
                for (std::size_t r = 0; r < c.interned; ++r) c.entity_local.push_back(static_cast<std::int32_t>(r));
            c.entity_local.push_back(c.last_entity_id);
        }
        ++c.interned;
    }

    // A row's entity and period, interned into the chunk's tables as the row is read (the entity
    // a few rows later: intern_pending).
    void add_row_keys(chunk& c, std::string_view code, std::string_view period, std::string_view name,
                      std::string_view parent, std::size_t line) const {
        // A firm table has a new code on (nearly) every row: room for all of them at once rather
        // than growing the table step by step — or, when the codes do not ascend, no table while
        // reading: the codes are numbered at the end of the chunk by hash partition (settle_codes).
        if (c.rows() == 1024 && c.entity_codes.size() > 768) {
            if (c.entity_codes.ascending()) {
                c.entity_codes.reserve(c.newlines + 1);
            } else {
                while (c.interned < c.pending_count) intern_pending(c);
                c.deferred_from = c.rows();
                c.entity_codes.start_deferred(c.newlines + 1);
            }
        }
        if (parent_col_ >= 0 && !parent.empty()) {
            auto [it, fresh] = c.parent_seen.emplace(code, std::pair(parent, line));
            if (!fresh && !c.conflict.second_line && other_parent(it->second.first, parent))
                c.conflict = {code, it->second.first, parent, it->second.second, line};
        }
        const bool repeat = c.pending_count > 0 && code == c.last_entity;  // rows usually come grouped
        c.last_entity = code;
        if (c.entity_codes.deferred()) {
            c.entity_codes.defer(code);
            if (name_col_ >= 0) c.name_of.push_back(name);  // per row from here on, until settle_codes
            if (parent_col_ >= 0) c.parent_of.push_back(parent);
            ++c.pending_count;
        } else if (!append_ascending(c, code, name, parent, repeat)) {
            if (c.pending_count - c.interned == chunk::lag) intern_pending(c);
            chunk::pending_code& p = c.pending[c.pending_count % chunk::lag];
            p = {code, name, parent, repeat ? 0 : interner::hash(code), repeat};
            if (!repeat) c.entity_codes.prefetch(p.hash);
            ++c.pending_count;
        }
        if (c.last_period_id < 0 || period != c.last_period) {  // one period for all, in a firm table
            // A file sorted by entity and then period cycles through its periods in first-seen
            // order: the next one, or the first again, is compared before the text is hashed.
            const auto next = static_cast<std::size_t>(c.last_period_id) + 1;
            if (c.last_period_id >= 0 && next < c.period_texts.size() && c.period_texts.text(next) == period) {
                c.last_period_id = static_cast<std::int32_t>(next);
            } else if (c.last_period_id > 0 && c.period_texts.text(0) == period) {
                c.last_period_id = 0;
            } else {
                const auto [id, inserted] = c.period_texts.intern(period);
                if (inserted) c.period_line.push_back(line);
                c.last_period_id = id;
            }
            c.last_period = period;
        }
        if (c.last_period_id != 0 || !c.period_local.empty()) {
            c.period_local.resize(c.rows() - 1);  // the rows before, of period 0, the first time
            c.period_local.push_back(c.last_period_id);
        }
    }

    // The CRs in [p, end) not followed by a LF (the byte at `end` read when there is one: `last`
    // is the end of the text).
    static std::size_t lone_crs(const char* p, const char* end, const char* last) {
        std::size_t n = 0;
        for (; const void* hit = std::memchr(p, '\r', static_cast<std::size_t>(end - p));) {
            const char* cr = static_cast<const char*>(hit);
            n += cr + 1 == last || cr[1] != '\n';
            p = cr + 1;
        }
        return n;
    }

    // Line ends as the tokenizer sees them: LF, CRLF, or a lone CR.
    std::size_t count_newlines(std::string_view text) const {
        const char* end = text.data() + text.size();
        const byte_counts n = index_.count(text.data(), end);
        return n.line_feeds + (n.cr ? lone_crs(text.data(), end, end) : 0);
    }

    // The most rows a chunk can have: one a line end, and one more for a last line without one.
    // (A chunk cut after a line end has no such line: the next chunk's rows then follow its own
    // in the columns with no gap to close.)
    static std::size_t row_bound(const chunk& c) {
        const bool open_end = !c.text.empty() && c.text.back() != '\n' && c.text.back() != '\r';
        return c.newlines + open_end;
    }

    // What each column of a wide row is: a variable's index (>= 0) or one of these.
    enum column_role : int {
        key_entity = -1,
        key_period = -2,
        key_name = -3,
        key_parent = -4,
        not_read = -5,
        reasons_of_variable = -6
    };

    std::vector<int> column_roles(const std::vector<variable_column>& vars) const {
        std::vector<int> roles(header_.size(), not_read);
        for (std::size_t k = 0; k < vars.size(); ++k)
            roles[static_cast<std::size_t>(vars[k].field)] = static_cast<int>(k);
        if (entity_col_ >= 0) roles[static_cast<std::size_t>(entity_col_)] = key_entity;
        if (period_col_ >= 0) roles[static_cast<std::size_t>(period_col_)] = key_period;
        if (name_col_ >= 0) roles[static_cast<std::size_t>(name_col_)] = key_name;
        if (parent_col_ >= 0) roles[static_cast<std::size_t>(parent_col_)] = key_parent;
        for (const auto& rc : reason_columns_) roles[rc.field] = reasons_of_variable;
        return roles;
    }

    // The digits from q on, appended to `digits` (digits × 10 + d each, wrapping as uint64 does)
    // and q moved past them: eight bytes at a time while eight can be read, as one word (which of
    // them are digits from two adds and a mask; their value from three multiplies, as fast_float's
    // parse_eight_digits_unrolled), then a byte at a time. The same value and end as the byte loop
    // alone; a cell of the wide files is two such words instead of ~10 dependent multiply-adds.
    static void digit_run(const char*& q, const char* end, std::uint64_t& digits) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
        static constexpr std::uint64_t powers[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
        while (end - q >= 8) {
            std::uint64_t word;
            std::memcpy(&word, q, 8);  // little-endian: the first character is the low byte
            // A byte's high bit set: not a digit ('0'..'9' + 0x46 stays below 0x80, and - '0'
            // does not wrap). Carries and borrows only run from a flagged byte to the later ones,
            // so the lowest flagged byte is the first character that is not a digit.
            const std::uint64_t flags =
                ((word + 0x4646464646464646ull) | (word - 0x3030303030303030ull)) & 0x8080808080808080ull;
            const unsigned n = flags ? static_cast<unsigned>(__builtin_ctzll(flags)) / 8 : 8u;
            if (n == 0) return;
            std::uint64_t v = word - 0x3030303030303030ull;  // the digits' bytes are exact (no borrow into them)
            if (n < 8) v = (v & ((std::uint64_t{1} << (8 * n)) - 1)) << (8 * (8 - n));  // leading zeros
            v = v * 10 + (v >> 8);
            v = (((v & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
                 (((v >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >>
                32;
            digits = digits * powers[n] + static_cast<std::uint32_t>(v);
            q += n;
            if (n < 8) return;
        }
#endif  // elsewhere (big-endian, no __builtin_ctzll) the byte loop alone: the same value and end
        while (q < end && detail::is_digit(*q)) digits = digits * 10 + static_cast<std::uint64_t>(*q++ - '0');
    }

    // A plain number up to the separator, as parse_number's first step (fast_float) reads a cell
    // (a point must be followed by a digit); nullptr when the cell is anything else. Up to 15
    // digits without an exponent, the digits as an integer divided by a power of ten is the
    // correctly rounded value (both exact in a double, one rounding: Clinger's fast path, which
    // fast_float takes too), so the result is the same bits, without fast_float's generality.
    static const char* plain_number(const char* p, const char* end, double& value) {
        static constexpr double powers_of_ten[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const char* q = p;
        const bool negative = q < end && *q == '-';
        q += negative;
        std::uint64_t digits = 0;
        const char* first_digit = q;
        digit_run(q, end, digits);
        std::ptrdiff_t decimals = 0;
        if (q < end && *q == '.') {
            const char* point = q++;
            digit_run(q, end, digits);
            decimals = q - point - 1;
            if (decimals == 0) return nullptr;  // "13.": not a number in this grammar
        }
        const std::ptrdiff_t count = q - first_digit - (decimals > 0);
        if (count == 0) return nullptr;
        if (count > 15 || (q < end && (*q == 'e' || *q == 'E'))) return general_number(p, end, value);
        value = static_cast<double>(digits) / powers_of_ten[decimals];
        if (negative) value = -value;
        return q;
    }

    static const char* general_number(const char* p, const char* end, double& value) {
        const auto r = fast_float::from_chars(p, end, value);
        if (r.ec != std::errc() || r.ptr == p || !std::isfinite(value) || detail::underflowed(p, r.ptr, value))
            return nullptr;
        const void* point = std::memchr(p, '.', static_cast<std::size_t>(r.ptr - p));
        if (point) {
            const char* after = static_cast<const char*>(point) + 1;
            if (after == r.ptr || !detail::is_digit(*after)) return nullptr;
        }
        return r.ptr;
    }

    // A text field without quotes, up to the separator or line end; nullptr at a quote.
    static const char* plain_text(const char* p, const char* end, char sep) {
        while (p < end && *p != sep && *p != '\n' && *p != '\r') {
            if (*p == '"') return nullptr;
            ++p;
        }
        return p;
    }

    // The same as plain_number and plain_text (the same value, end and nullptr), with the end of
    // the field found first: where the byte loops found the end of a cell digit by digit, each
    // cell's start waited on the previous cell's last digit (~25 cycles a cell on one dependent
    // chain); here the next cell's start waits only on one 16-byte compare of this one, and the
    // digits of neighbouring cells are converted side by side. Cells of up to 15 bytes with up to
    // 8 digits on each side of the point; anything else (and the last 32 bytes of the text, where
    // 16 bytes could not be read) goes to plain_number or plain_text.
#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    (defined(__GNUC__) || defined(__clang__))
    struct stop_bytes {
        __m128i sep, lf, cr, quote;
        explicit stop_bytes(char s)
            : sep(_mm_set1_epi8(s)), lf(_mm_set1_epi8('\n')), cr(_mm_set1_epi8('\r')), quote(_mm_set1_epi8('"')) {}
        // Bit k set: byte k of v is the separator, a line end or a quote.
        unsigned in(__m128i v) const {
            const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sep), _mm_cmpeq_epi8(v, lf)),
                                             _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));
            return static_cast<unsigned>(_mm_movemask_epi8(hit));
        }
    };

    // The value of the n digits (1 to 8) at p, as digit_run computes it.
    static std::uint64_t eight_digits(const char* p, unsigned n) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        v -= 0x3030303030303030ull;
        if (n < 8) v = (v & ((std::uint64_t{1} << (8 * n)) - 1)) << (8 * (8 - n));  // leading zeros
        v = v * 10 + (v >> 8);
        v = (((v & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
             (((v >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >>
            32;
        return static_cast<std::uint32_t>(v);
    }

    static const char* plain_number_ahead(const char* p, const char* end, double& value, const stop_bytes& stops) {
        static constexpr double powers_of_ten[9] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
        static constexpr std::uint64_t scale[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
        if (end - p < 32) return plain_number(p, end, value);
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const unsigned stop = stops.in(v);
        if (stop == 0) return plain_number(p, end, value);
        const auto length = static_cast<unsigned>(__builtin_ctz(stop));
        const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
        const auto digits =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d)));
        const unsigned within = (1u << length) - 1;
        const unsigned points =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')))) & within;
        const unsigned sign = *p == '-';
        // [sign, length): digits and at most one point, neither first nor last.
        if (((digits | points) & within) >> sign != within >> sign || (points & (points - 1)) != 0)
            return plain_number(p, end, value);
        const unsigned point = points ? static_cast<unsigned>(__builtin_ctz(points)) : length;
        const unsigned before = point - sign, after = points ? length - point - 1 : 0;
        if (before == 0 || before > 8 || after > 8 || before + after > 15 || (points && after == 0))
            return plain_number(p, end, value);
        std::uint64_t integer = eight_digits(p + sign, before);
        if (after) integer = integer * scale[after] + eight_digits(p + point + 1, after);
        value = static_cast<double>(integer) / powers_of_ten[after];
        if (sign) value = -value;
        return p + length;
    }

    static const char* plain_text_ahead(const char* p, const char* end, char sep, const stop_bytes& stops) {
        if (end - p < 32) return plain_text(p, end, sep);
        const unsigned stop = stops.in(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
        if (stop == 0) return plain_text(p + 16, end, sep);
        const char* at = p + __builtin_ctz(stop);
        return *at == '"' ? nullptr : at;
    }
#define ZHIBIAO_CSV_AHEAD 1
#endif

    // The common row read in one pass, without the tokenizer: no quotes, the right number of
    // fields, every variable cell a plain number. Returns false for any other row (and then
    // keeps nothing of it, though it may have written its cells), which the tokenizer reads.
    bool fast_row(const char*& p, const char* end, const std::vector<int>& roles, chunk& c,
                  const std::vector<double*>& out, std::size_t line) const {
        if (options_.decimal == ',') return false;  // plain_number reads "1.5" as 1.5, a grouping error there
        const char sep = options_.separator;
        const std::size_t row = c.first_row + c.rows();
        std::string_view keys[4];
        const char* q = p;
#ifdef ZHIBIAO_CSV_AHEAD
        const stop_bytes stops(sep);
#endif
        for (std::size_t j = 0; j < roles.size(); ++j) {
            const char* field_end;
            if (roles[j] >= 0) {
#ifdef ZHIBIAO_CSV_AHEAD
                field_end = plain_number_ahead(q, end, out[static_cast<std::size_t>(roles[j])][row], stops);
#else
                field_end = plain_number(q, end, out[static_cast<std::size_t>(roles[j])][row]);
#endif
                if (field_end && semicolon_marks_ && ambiguous_mark({q, static_cast<std::size_t>(field_end - q)}))
                    return false;  // "1.500": the tokenizer's path refuses it with its line
                // A final 0 ("2.00", "1200"): one compare a cell, the rest only for those.
                if (field_end && field_end[-1] == '0') note_fast_decimals(c, roles[j], row - c.first_row, q, field_end);
            } else {
#ifdef ZHIBIAO_CSV_AHEAD
                field_end = plain_text_ahead(q, end, sep, stops);
#else
                field_end = plain_text(q, end, sep);
#endif
                if (field_end && roles[j] == reasons_of_variable) {
                    // Reasons are rare (a missing or partial cell): a row with one takes the tokenizer's path.
                    if (!trim(std::string_view(q, static_cast<std::size_t>(field_end - q))).empty()) return false;
                } else if (field_end && roles[j] != not_read) {
                    keys[-roles[j] - 1] = trim(std::string_view(q, static_cast<std::size_t>(field_end - q)));
                }
            }
            if (!field_end) return false;
            q = field_end;
            if (j + 1 < roles.size()) {
                if (q == end || *q != sep) return false;
                ++q;
            } else if (q < end) {
                if (*q == '\r')
                    ++q;
                else if (*q != '\n')
                    return false;
                if (q < end && *q == '\n') ++q;
            }
        }
        if (keys[0].empty()) return false;  // an empty entity code: the tokenizer's path says where
        const char* first = p;              // " 注：x": a blank before the note hides it from no reader
        while (first < q && (*first == ' ' || *first == '\t')) ++first;
        if (first < q && static_cast<unsigned char>(*first) >= 0x80 &&
            looks_like_footnote(std::string_view(first, static_cast<std::size_t>(q - first)).substr(0, 16)))
            return false;  // 注：x,2024,3: no row of data, as the tokenizer's path says
        add_row_keys(c, keys[0], period_col_ >= 0 ? keys[1] : std::string_view(options_.period_value), keys[2], keys[3],
                     line);
        p = q;
        return true;
    }

    // A plain number of fast_row ending in 0: its written decimals, if it has a point, in the row's
    // entry, written in place (a list per row kept for its end, with a resize per cell, cost +30 %
    // instructions on a table written by pandas, 12.0 on every row).
    static void note_fast_decimals(chunk& c, int variable, std::size_t row, const char* b, const char* e) {
        const char* point = e - 1;
        while (point > b && *point != '.') --point;
        if (*point != '.') return;
        store_decimals(c.decimals[static_cast<std::size_t>(variable)], row,
                       static_cast<std::uint8_t>(std::min<std::ptrdiff_t>(e - point - 1, 255)), c.row_capacity);
        c.fast_decimals = true;
    }

    // The written decimals fast_row wrote on the row it gave up on (its cells are read again).
    static void forget_fast_decimals(chunk& c) {
        for (auto& d : c.decimals)
            if (d.size() > c.rows()) d[c.rows()] = 0;
        c.fast_decimals = false;
    }

    // One row through the tokenizer: any quoting, blank and short rows, unusual cells, errors.
    void tokenized_row(chunk& c, std::vector<field>& fields, const std::vector<variable_column>& vars,
                       const std::vector<double*>& out) const {
        c.tok->next(fields);
        const std::size_t line = c.tok->line();
        if (blank(fields)) {
            ++c.counts.blank_lines;
            return;
        }
        if (wrong_width(c.counts, fields, line) || without_code(c.counts, fields, line) ||
            skipped_non_data_row(c.counts, fields, line))
            return;
        const std::size_t row = c.rows();
        add_row_keys(c, entity_code(fields, line), period_of(fields), optional_field(fields, name_col_),
                     optional_field(fields, parent_col_), line);
        for (std::size_t k = 0; k < vars.size(); ++k) {
            const auto col = static_cast<std::size_t>(vars[k].field);
            int percent = 0;
            reason r = read_cell(c.counts, fields[col], vars[k], out[k][c.first_row + row], line, col + 1, percent);
            if (r == reason::unparseable) label_issue(c.counts, line, col + 1, fields);
            store_reason(c.reasons[k], row, row, r);
            store_decimals(c.decimals[k], row, r == reason::none ? cell_decimals(fields[col], vars[k], percent) : 0,
                           c.row_capacity);
            if (r == reason::none && !vars[k].unit_given) note_kind(c.kinds[k], percent, row, line, fields[col]);
        }
        for (const auto& rc : reason_columns_)
            read_reason_cell(c, fields[rc.field], vars[rc.variable], out[rc.variable][c.first_row + row], rc, row,
                             line);
        ++c.counts.rows_loaded;
    }

    // A `<variable>_reason` cell: the reason of its variable's cell on the row. A missing value
    // takes it; a present value only the reason of a partial roll-up sum (incomplete_rollup,
    // invalid_child), which rollup_options::partial_sums gives the sum it keeps, as Python's
    // read_csv does. Any other reason beside a value contradicts it: refused, never one dropped.
    // A cell the value column could not read keeps its own reason, unparseable.
    void read_reason_cell(chunk& c, std::string_view cell, const variable_column& v, double value,
                          const reason_column& rc, std::size_t row, std::size_t line) const {
        const std::string_view text = trim(cell);
        if (text.empty()) return;
        const auto named = std::find(reason_names.begin() + 1, reason_names.end(), text);
        if (named == reason_names.end())
            return refuse_reason_cell(c.counts, line, rc.field + 1, v.name, text, unknown_reason(text));
        const auto given = static_cast<reason>(named - reason_names.begin());
        const bool present = !detail::is_nan(value);
        if (present && given != reason::incomplete_rollup && given != reason::invalid_child)
            return refuse_reason_cell(c.counts, line, rc.field + 1, v.name, text,
                                      detail::quoted(v.name) + " has a value and the reason '" + std::string(text) +
                                          "': only a partial roll-up sum (incomplete_rollup, invalid_child) keeps a "
                                          "value beside its reason; blank the value or the reason");
        std::vector<reason>& reasons = c.reasons[rc.variable];
        if (reasons.size() > row && reasons[row] == reason::unparseable) return;
        if (reasons.size() <= row) reasons.resize(row + 1, reason::none);
        reasons[row] = given;
    }

    static std::string unknown_reason(std::string_view text) {
        std::string known;
        for (std::size_t r = 1; r < reason_names.size(); ++r)
            known += (r > 1 ? ", " : "") + std::string(reason_names[r]);
        const auto name_of = [](std::string_view n) { return n; };
        return "no reason " + detail::quoted(text) +
               detail::suggestion(text, std::vector<std::string_view>(reason_names.begin() + 1, reason_names.end()),
                                  name_of) +
               " (reasons: " + known + ")";
    }

    // Not a reason that can stand there: a parse_error at its cell, or with lenient an issue of
    // the load report, the cell keeping the reason its value gives it.
    void refuse_reason_cell(load_report& sink, std::size_t line, std::size_t column, const std::string& variable,
                            std::string_view text, const std::string& problem) const {
        if (!options_.lenient) throw parse_error(problem, at(line, column, variable));
        note(sink, line, column, variable, text, problem);
    }

    // The row of an unreadable cell on its issue (the last one listed, if the list was not full):
    // the panel's rows keep no line, so validate() finds the cell's text, line and column by it.
    void label_issue(load_report& sink, std::size_t line, std::size_t column, const std::vector<field>& fields) const {
        if (sink.issues.empty() || sink.issues.back().line != line || sink.issues.back().column != column) return;
        load_issue& issue = sink.issues.back();
        issue.entity = std::string(trim(fields[static_cast<std::size_t>(entity_col_)]));
        try {
            issue.period = period::parse(period_of(fields)).to_string();
        } catch (const error&) {  // the row's period is refused on its own, with its message
        }
    }

    static void note_kind(number_kinds& kinds, int percent, std::size_t row, std::size_t line, std::string_view text) {
        if (percent == 0) {
            if (kinds.first_plain_line == 0) kinds.first_plain_line = line;
            return;
        }
        if (kinds.first_percent_line == 0) kinds.first_percent_line = line;
        kinds.percent_cells.push_back({row, line, detail::shortened(trim(text), 200)});
    }

    void parse_chunk(chunk& c, const std::vector<variable_column>& vars, const std::vector<double*>& out) const {
        try {
            const std::size_t capacity = row_bound(c);
            c.row_capacity = capacity;
            c.reasons.assign(vars.size(), {});
            c.decimals.assign(vars.size(), {});
            c.kinds.assign(vars.size(), {});
            c.entity_local.reserve(capacity);
            c.period_local.reserve(capacity);
            std::vector<field> fields;
            fields.reserve(header_.size() + 1);
            const std::vector<int> roles = column_roles(vars);
            const char* const begin = c.text.data();
            const char* const end = begin + c.text.size();
            const char* p = begin;
            std::size_t line = c.first_line;
            while (p < end) {
                if ((c.counts.data_lines & 4095) == 0) {  // progress: this thread's chunk, as long as the others
                    poll_stop();
                    report_progress(static_cast<std::size_t>(p - begin), c.text.size());
                }
                ++c.counts.data_lines;
                if (fast_row(p, end, roles, c, out, line)) {
                    if (c.first_fast_line == 0) c.first_fast_line = line;
                    ++line;
                    c.counts.cells += vars.size();
                    ++c.counts.rows_loaded;
                    continue;
                }
                if (c.fast_decimals) forget_fast_decimals(c);
                c.tok->seek(static_cast<std::size_t>(p - begin), line);
                tokenized_row(c, fields, vars, out);
                p = begin + c.tok->position();
                line = c.tok->next_line();
            }
            if (c.entity_codes.deferred())
                settle_codes(c);
            else
                while (c.interned < c.pending_count) intern_pending(c);
            report_progress(c.text.size(), c.text.size());
        } catch (...) {
            c.failure = std::current_exception();
        }
    }

    // Between blocks of rows: the calling thread's interrupt check (Ctrl-C); when it throws,
    // the chunks on other threads stop at their next block, so the call ends as soon as this
    // thread's does, and the first chunk's failure (the interrupt) is the one rethrown.
    void poll_stop() const {
        if (stopping_.load(std::memory_order_relaxed)) throw error("stopped: the read was interrupted");
        try {
            poll_interrupt();
        } catch (...) {
            stopping_.store(true, std::memory_order_relaxed);
            throw;
        }
    }

    // Runs fn(i) for every chunk, the first (and any whose thread cannot start) on this thread;
    // the first exception in chunk order reaches the caller once every chunk has ended.
    template <class Fn>
    static void for_each_chunk(std::size_t n, const Fn& fn) {
        zhibiao::detail::run_in_threads(n, fn);
    }

    std::size_t chunk_count(std::size_t bytes) const {
        const std::size_t min_chunk = std::max<std::size_t>(1, options_.min_chunk_bytes);
        unsigned cores = options_.threads ? options_.threads : std::thread::hardware_concurrency();
        std::size_t parts = std::min<std::size_t>(std::max(1u, cores), 16);
        return std::min(parts, std::max<std::size_t>(1, bytes / min_chunk));
    }

    // Quotes and lone CRs in one stretch of the body (the byte after it may be read).
    struct stretch_marks {
        std::size_t quotes = 0, lone_cr = 0;
    };
    stretch_marks marks_of(std::string_view body, std::size_t begin, std::size_t end) const {
        stretch_marks m;
        const char* p = body.data();
        const byte_counts n = index_.count(p + begin, p + end);
        m.quotes = n.quotes;
        if (n.cr) m.lone_cr = lone_crs(p + begin, p + end, p + body.size());
        return m;
    }

    // The first row start at or after `from`: just after a line end with an even number of quotes
    // before it (`odd`: the count before `from` is odd).
    static std::size_t row_start_after(std::string_view body, std::size_t from, bool odd) {
        for (std::size_t i = from; i < body.size(); ++i) {
            if (body[i] == '"')
                odd = !odd;
            else if (body[i] == '\n' && !odd)
                return i + 1;
        }
        return body.size();
    }

    // Splits the body at row ends into `parts` stretches. A line end ends a row only outside
    // quotes; with well-formed quoting (quotes open and close fields, doubled inside them) that
    // is where the count of quotes before it is even. The cut is speculative: a chunk that meets
    // a quote inside an unquoted field (where the count says nothing) or fails is read again on
    // one thread (wide_body). A lone CR in a quoted file also reads on one thread: inside quotes
    // it is no line end, and the line numbers of later chunks could not be known in advance.
    std::vector<chunk> split(std::string_view body, std::size_t parts, bool& speculative) const {
        speculative = false;
        std::vector<stretch_marks> marks(parts);
        if (parts > 1)
            for_each_chunk(parts, [&](std::size_t i) {
                marks[i] = marks_of(body, body.size() * i / parts, body.size() * (i + 1) / parts);
            });
        std::size_t quotes = 0, lone_cr = 0;
        for (const auto& m : marks) quotes += m.quotes, lone_cr += m.lone_cr;
        if (quotes > 0 && lone_cr > 0) parts = 1;
        speculative = parts > 1 && quotes > 0;
        std::vector<chunk> chunks(parts);
        std::size_t begin = 0, quotes_before = 0;
        for (std::size_t i = 0; i < parts; ++i) {
            std::size_t end = body.size();
            if (i + 1 < parts) {
                quotes_before += marks[i].quotes;
                end = std::max(begin, row_start_after(body, body.size() * (i + 1) / parts, quotes_before % 2 == 1));
            }
            chunks[i].text = body.substr(begin, end - begin);
            chunks[i].tok = std::make_unique<tokenizer>(chunks[i].text, options_.separator, source_);
            chunks[i].tok->watch_quotes(speculative);
            chunks[i].entity_codes.start_ascending();
            begin = end;
        }
        return chunks;
    }

    std::vector<variable_column> wide_columns(const std::vector<std::string>& names) {
        std::vector<variable_column> vars;
        for (std::size_t i = 0; i < names.size(); ++i) {
            const int col = static_cast<int>(i);
            if (is_key_column(col)) continue;
            if (ignored_column(i)) {
                report_.ignored_columns.push_back(names[i]);
                continue;
            }
            if (reason_of_[i] >= 0) continue;  // read with its variable (reason_columns_)
            variable_column v;
            v.name = names[i];
            const auto& name_headings = detail::builtin_headings().name;
            v.headed_as_names = std::any_of(name_headings.begin(), name_headings.end(),
                                            [&](const std::string& h) { return same_ascii_case_blind(v.name, h); });
            v.u = resolve_unit(v.name, parsed_headers_[i].unit, v.unit_given, i + 1);
            if (!parsed_headers_[i].renamed_from.empty())
                report_.renamed_columns.emplace_back(parsed_headers_[i].renamed_from, v.name);
            v.field = col;
            prepare_percent(v);
            vars.push_back(std::move(v));
        }
        for (std::size_t i = 0; i < names.size(); ++i)
            for (std::size_t k = 0; reason_of_[i] >= 0 && k < vars.size(); ++k)
                if (vars[k].field == reason_of_[i]) reason_columns_.push_back({i, k});
        return vars;
    }

    // The body of a wide file parsed in chunks: their rows' values in `storage`, in order.
    struct wide_parse {
        std::vector<chunk> chunks;
        std::vector<std::shared_ptr<double[]>> storage;
        std::size_t rows = 0;
    };

    // Whether a speculative split went wrong: a chunk saw a stray quote, or a parse error (maybe
    // from a cut inside quotes). Any other failure (Ctrl-C) is rethrown, the first in file order.
    static bool must_reread(const std::vector<chunk>& chunks, bool speculative) {
        for (const auto& c : chunks) {
            if (speculative && c.tok->stray_quote()) return true;
            if (!c.failure) continue;
            try {
                std::rethrow_exception(c.failure);
            } catch (const parse_error&) {
                if (speculative) return true;
                throw;
            }
        }
        return false;
    }

    wide_parse wide_body(std::string_view body, std::size_t first_line, const std::vector<variable_column>& vars,
                         std::size_t parts) {
        wide_parse w;
        bool speculative = false;
        w.chunks = split(body, parts, speculative);
        // Pass 1 (parallel): line ends per chunk give line numbers and a bound on the rows.
        for_each_chunk(w.chunks.size(),
                       [&w, this](std::size_t i) { w.chunks[i].newlines = count_newlines(w.chunks[i].text); });
        std::size_t line = first_line, capacity = 0;
        for (auto& c : w.chunks) {
            c.first_line = line;
            c.tok->start_at_line(line);
            c.first_row = capacity;
            line += c.newlines;
            capacity += row_bound(c);
        }
        // Pass 2 (parallel): every chunk parses into its stretch of the output columns, which it
        // also touches first (so the pages are faulted in in parallel too).
        // One block for all the columns, each column a stretch of it kept alive by the block:
        // columns of a few hundred kB each then still get huge pages (column_memory.hpp).
        std::vector<double*> out;
        const std::shared_ptr<double[]> block = detail::column_memory(capacity * vars.size());
        for (std::size_t k = 0; k < vars.size(); ++k) {
            out.push_back(block.get() + k * capacity);
            w.storage.emplace_back(block, out.back());
        }
        for_each_chunk(w.chunks.size(), [&](std::size_t i) { parse_chunk(w.chunks[i], vars, out); });
        if (must_reread(w.chunks, speculative)) return wide_body(body, first_line, vars, 1);
        for (auto& c : w.chunks) {
            if (c.first_row != w.rows)  // close the gap left by blank or skipped lines
                for (double* column : out)
                    std::memmove(column + w.rows, column + c.first_row, c.rows() * sizeof(double));
            w.rows += c.rows();
        }
        return w;
    }

    // A chunk's counts and issues into the loader's report.
    void add_counts(const load_report& n) {
        report_.data_lines += n.data_lines;
        report_.rows_loaded += n.rows_loaded;
        report_.blank_lines += n.blank_lines;
        report_.rows_skipped += n.rows_skipped;
        report_.cells += n.cells;
        report_.cells_missing += n.cells_missing;
        report_.cells_unparseable += n.cells_unparseable;
        report_.issues_not_listed += n.issues_not_listed;
        for (const auto& issue : n.issues) keep_issue(report_, issue);
    }

    // One thread's share of one chunk's codes in find_earlier_entities: [begin, end).
    struct code_piece {
        std::size_t begin = 0, end = 0, new_codes = 0;
        std::array<std::size_t, 3> new_bytes{};
        bool any_earlier = false;
        bool two_names = false;  // a code named otherwise on its first row in an earlier chunk
        bool late_keys = false;  // a name or parent blank on the code's first row in an earlier chunk, given here
    };

    // Which of the codes [p.begin, p.end) of chunk i an earlier chunk has, the earliest one
    // (read-only lookups into the earlier chunks' tables), and the count and sizes of the others.
    // A chunk whose codes were numbered by partition is asked for all of them at once, partition
    // by partition (interner::find_found); the others code by code, their slots prefetched.
    static void find_earlier_in_piece(std::vector<chunk>& chunks, std::size_t i, code_piece& p) {
        chunk& c = chunks[i];
        const auto& codes = c.entity_codes.texts();
        for (std::size_t j = 0; j < i && p.begin < p.end; ++j)
            if (chunks[j].entity_codes.partitioned())
                chunks[j].entity_codes.find_found(codes.data() + p.begin, p.end - p.begin,
                                                  [&](std::size_t k, std::int32_t id) {
                                                      chunk::earlier_code& e = c.earlier[p.begin + k];
                                                      if (e.index < 0 || j < e.chunk)
                                                          e = {static_cast<std::uint32_t>(j), id};
                                                  });
        bool any_one_by_one = false;
        for (std::size_t j = 0; j < i; ++j) any_one_by_one = any_one_by_one || !chunks[j].entity_codes.partitioned();
        constexpr std::size_t ahead = 8;  // prefetch the slots of the code this far ahead
        for (std::size_t l = p.begin; l < p.end; ++l) {
            if (i > 0) {
                if (any_one_by_one) {
                    if (l + ahead < p.end) {
                        const std::uint64_t next = interner::hash(codes[l + ahead]);
                        for (std::size_t j = 0; j < i; ++j)
                            if (!chunks[j].entity_codes.partitioned()) chunks[j].entity_codes.prefetch(next);
                    }
                    const std::uint64_t h = interner::hash(codes[l]);
                    chunk::earlier_code& e = c.earlier[l];
                    for (std::size_t j = 0; j < i && (e.index < 0 || j < e.chunk); ++j) {
                        if (chunks[j].entity_codes.partitioned()) continue;
                        const std::int32_t id = chunks[j].entity_codes.find(codes[l], h);
                        if (id >= 0) e = {static_cast<std::uint32_t>(j), id};
                    }
                }
                if (const chunk::earlier_code e = c.earlier[l]; e.index >= 0) {
                    p.any_earlier = true;
                    const auto first = static_cast<std::size_t>(e.index);
                    const chunk& earlier = chunks[e.chunk];
                    if (!c.name_of.empty() && names_differ(c.name_of[l], earlier.name_of[first])) p.two_names = true;
                    if ((!c.name_of.empty() && given_late(earlier.name_of[first], c.name_of[l])) ||
                        (!c.parent_of.empty() && given_late(earlier.parent_of[first], c.parent_of[l])))
                        p.late_keys = true;
                    continue;
                }
            }
            ++p.new_codes;
            p.new_bytes[0] += codes[l].size();
            if (!c.name_of.empty()) p.new_bytes[1] += c.name_of[l].size();
            if (!c.parent_of.empty()) p.new_bytes[2] += c.parent_of[l].size();
        }
    }

    // Which of every chunk's codes an earlier chunk has, and the rank of each code new to the file.
    // Every thread takes its share of every chunk (the last chunk has the most to look up: split
    // by chunk, the first thread had nothing to do and the last did a lookup per code alone).
    static void find_earlier_entities(std::vector<chunk>& chunks) {
        const std::size_t threads = chunks.size();
        // A chunk whose codes ascend has no table: a later chunk's code outside its range is told
        // apart at once, but one inside would be a binary search. So a table is made for such a
        // chunk unless every later chunk ascends too and lies wholly outside its range.
        for_each_chunk(threads, [&](std::size_t j) {
            const interner& mine = chunks[j].entity_codes;
            if (!mine.ascending() || mine.size() == 0) return;
            for (std::size_t i = j + 1; i < chunks.size(); ++i) {
                const interner& later = chunks[i].entity_codes;
                if (later.size() == 0) continue;
                if (!later.ascending() ||
                    !(later.text(0) > mine.text(mine.size() - 1) || later.text(later.size() - 1) < mine.text(0))) {
                    chunks[j].entity_codes.make_table();
                    return;
                }
            }
        });
        std::vector<code_piece> pieces(chunks.size() * threads);
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            chunk& c = chunks[i];
            const std::size_t n = c.entity_codes.size();
            c.new_rank.clear();  // written only when an earlier chunk has one of the codes (rank_of)
            if (i > 0) c.earlier.assign(n, {0, -1});
            for (std::size_t t = 0; t < threads; ++t)
                pieces[i * threads + t] = {n * t / threads, n * (t + 1) / threads, 0, {}, false};
        }
        for_each_chunk(threads, [&](std::size_t t) {
            for (std::size_t i = 0; i < chunks.size(); ++i) find_earlier_in_piece(chunks, i, pieces[i * threads + t]);
        });
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            chunk& c = chunks[i];
            c.new_codes = 0;
            c.new_bytes = {};
            bool any_earlier = false;
            for (std::size_t t = 0; t < threads; ++t) {
                code_piece& p = pieces[i * threads + t];
                const std::size_t count = p.new_codes;
                p.new_codes = c.new_codes;  // from here on: the rank of the piece's first new code
                c.new_codes += count;
                for (std::size_t f = 0; f < 3; ++f) c.new_bytes[f] += p.new_bytes[f];
                any_earlier = any_earlier || p.any_earlier;
                c.two_names = c.two_names || p.two_names;
                c.late_keys = c.late_keys || p.late_keys;
            }
            if (any_earlier) c.new_rank.resize(c.entity_codes.size());
        }
        for_each_chunk(threads, [&](std::size_t t) {
            for (std::size_t i = 1; i < chunks.size(); ++i) {
                chunk& c = chunks[i];
                if (c.new_rank.empty()) continue;
                const code_piece& p = pieces[i * threads + t];
                auto rank = static_cast<std::int32_t>(p.new_codes);
                for (std::size_t l = p.begin; l < p.end; ++l) c.new_rank[l] = c.earlier[l].index >= 0 ? -1 : rank++;
            }
        });
    }

    // Chunk i's codes as indices into the file's entities (first-seen order in the file, whatever
    // the number of chunks), the entities it sees first built, and its rows' entity indices.
    void number_entities(std::vector<chunk>& chunks, std::size_t i, const std::vector<std::size_t>& first_entity,
                         std::array<std::size_t, 3> at, std::size_t first_row, row_keys& keys) const {
        chunk& c = chunks[i];
        std::int32_t* out = keys.entity_of_row.data() + first_row;
        // Row r's code is code r (entity_local empty): the codes' indices are the rows' own.
        const bool own_codes = c.entity_local.empty();
        detail::huge_page_vector<std::int32_t> global(own_codes ? 0 : c.entity_codes.size());
        std::int32_t* const index_of = own_codes ? out : global.data();
        for (std::size_t l = 0; l < c.entity_codes.size(); ++l) {
            const std::int32_t rank = c.rank_of(l);
            if (rank < 0) {
                const auto [j, there] = c.earlier[l];
                index_of[l] = static_cast<std::int32_t>(
                    first_entity[j] + static_cast<std::size_t>(chunks[j].rank_of(static_cast<std::size_t>(there))));
                continue;
            }
            const std::size_t g = first_entity[i] + static_cast<std::size_t>(rank);
            index_of[l] = static_cast<std::int32_t>(g);
            put_text(keys.table.codes, at[0], g, c.entity_codes.text(l));
            if (name_col_ >= 0) put_text(keys.table.names, at[1], g, c.name_of[l]);
            if (parent_col_ >= 0) put_text(keys.table.parents, at[2], g, c.parent_of[l]);
        }
        if (!own_codes)
            for (std::size_t r = 0; r < c.rows(); ++r) out[r] = global[static_cast<std::size_t>(c.entity_local[r])];
    }

    // Entity g's text in `t`, written at byte `at` (the texts go in entity order).
    static void put_text(entity_texts& t, std::size_t& at, std::size_t g, std::string_view s) {
        if (!s.empty()) std::memcpy(t.text.get() + at, s.data(), s.size());
        at += s.size();
        t.ends[g] = at;
    }

    // Both are written once, in parallel, before being read: advised into huge pages before the
    // first write (a 5·10⁶-firm table's 90 MB of codes and 40 MB of ends were ~32,000 faults).
    static void allocate(entity_texts& t, std::size_t entities, std::size_t bytes, std::size_t parts) {
        t.text.reset(new char[std::max<std::size_t>(bytes, 1)]);
        detail::advise_huge_pages_within(t.text.get(), bytes);
        t.ends.reserve(entities);
        detail::advise_huge_pages_within(t.ends.data(), t.ends.capacity() * sizeof(std::size_t));
        detail::populate_in_parts(t.ends.data(), entities * sizeof(std::size_t), parts);  // resize writes it serially
        t.ends.resize(entities);
    }

    // The entities of all chunks: interned per chunk while parsing, matched against the earlier
    // chunks in parallel, their texts written into one block per field (entity_table) in
    // parallel; only the prefix sums of the new codes' counts and sizes are serial.
    void wide_entities(std::vector<chunk>& chunks, row_keys& keys) const {
        find_earlier_entities(chunks);
        std::vector<std::size_t> first_entity(chunks.size()), first_row(chunks.size());
        std::vector<std::array<std::size_t, 3>> first_byte(chunks.size());
        std::size_t entities = 0, rows = 0;
        std::array<std::size_t, 3> bytes{};
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            first_entity[i] = entities;
            first_row[i] = rows;
            first_byte[i] = bytes;
            entities += chunks[i].new_codes;
            rows += chunks[i].rows();
            for (std::size_t f = 0; f < 3; ++f) bytes[f] += chunks[i].new_bytes[f];
        }
        if (entities > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
            throw limit_error("more than 2^31 - 1 distinct entity codes in one file");
        keys.compact = true;
        allocate(keys.table.codes, entities, bytes[0], chunks.size());
        if (name_col_ >= 0) allocate(keys.table.names, entities, bytes[1], chunks.size());
        if (parent_col_ >= 0) allocate(keys.table.parents, entities, bytes[2], chunks.size());
        keys.entity_of_row.reserve(rows);
        detail::advise_huge_pages_within(keys.entity_of_row.data(),
                                         keys.entity_of_row.capacity() * sizeof(std::int32_t));
        detail::populate_in_parts(keys.entity_of_row.data(), rows * sizeof(std::int32_t), chunks.size());
        keys.entity_of_row.resize(rows);
        for_each_chunk(chunks.size(), [&](std::size_t i) {
            number_entities(chunks, i, first_entity, first_byte[i], first_row[i], keys);
        });
    }

    // A chunk's period texts as indices (its distinct texts in first-seen order, so the first bad
    // period of the file is the one reported), and its reasons appended to the columns'.
    void add_chunk_rows(chunk& c, row_keys& keys, std::vector<variable_column>& vars) {
        const std::size_t rows_before = keys.period_of_row.size();
        std::vector<std::int32_t> period_index(c.period_texts.size());
        for (std::size_t l = 0; l < period_index.size(); ++l) try {
                period_index[l] = keys.period_index(c.period_texts.text(l), [&] {
                    return at(c.period_line[l], static_cast<std::size_t>(period_col_ + 1));
                });
            } catch (const parse_error& e) {
                // A footnote or a row of units, not a period that is misspelt: said as what it is.
                const std::string why = not_a_data_row_at(c.period_line[l]);
                if (why.empty()) throw;
                throw parse_error(why, e.where());
            }
        for (const std::int32_t l : c.period_local)
            keys.period_of_row.push_back(period_index[static_cast<std::size_t>(l)]);
        if (c.period_local.size() < c.rows())  // none written: every row has the chunk's first period
            keys.period_of_row.insert(keys.period_of_row.end(), c.rows() - c.period_local.size(), period_index[0]);
        for (std::size_t k = 0; k < vars.size(); ++k) {
            auto& v = vars[k];
            if (!c.reasons[k].empty() || !v.reasons.empty()) {
                v.reasons.resize(rows_before, reason::none);
                c.reasons[k].resize(c.rows(), reason::none);
                v.reasons.insert(v.reasons.end(), c.reasons[k].begin(), c.reasons[k].end());
            }
            if (v.decimals.empty() && rows_before == 0) {
                v.decimals = std::move(c.decimals[k]);  // the first chunk's: no copy
                if (!v.decimals.empty()) v.decimals.resize(c.rows(), 0);
            } else if (!c.decimals[k].empty() || !v.decimals.empty()) {
                v.decimals.resize(rows_before, 0);
                c.decimals[k].resize(c.rows(), 0);
                v.decimals.insert(v.decimals.end(), c.decimals[k].begin(), c.decimals[k].end());
            }
        }
    }

    panel load_wide(tokenizer& tok, const std::vector<std::string>& names, row_keys& keys) {
        std::vector<variable_column> vars = wide_columns(names);
        const std::string_view body = text_.substr(tok.position());
        // Merged in file order, so that the result and the first error reported do not depend on
        // the number of threads.
        wide_parse parsed = wide_body(body, tok.next_line(), vars, chunk_count(body.size()));
        keys.period_of_row.reserve(parsed.rows);
        detail::advise_huge_pages_within(keys.period_of_row.data(),
                                         keys.period_of_row.capacity() * sizeof(std::int32_t));
        // Filled serially, chunk after chunk (add_chunk_rows): its pages faulted in on every thread first.
        detail::populate_in_parts(keys.period_of_row.data(), parsed.rows * sizeof(std::int32_t), parsed.chunks.size());
        check_parents(parsed.chunks);
        wide_entities(parsed.chunks, keys);
        bool unsettled = false;
        for (std::size_t i = 0; i < parsed.chunks.size(); ++i)
            unsettled = unsettled || parsed.chunks[i].two_names || (i > 0 && parsed.chunks[i].late_keys);
        if (unsettled) settle_keys(keys.table);
        for (auto& c : parsed.chunks) {
            add_counts(c.counts);
            add_chunk_rows(c, keys, vars);
        }
        for (std::size_t k = 0; k < vars.size(); ++k) refuse_mixed_percentages(parsed, vars[k], k);
        return finish(keys, vars, parsed.storage, parsed.rows);
    }

    // A column whose header states no unit, holding both "12.5%" (0.125) and "12.5": one of the
    // two is 100× off, and which one cannot be told. Refused (parse_error naming both lines), or
    // with lenient, its percentage cells become unparseable, each an issue in the report.
    void refuse_mixed_percentages(wide_parse& parsed, variable_column& v, std::size_t k) {
        std::size_t plain_line = 0, percent_line = 0;
        auto earliest = [](std::size_t a, std::size_t b) { return a == 0 ? b : b == 0 ? a : std::min(a, b); };
        for (const auto& c : parsed.chunks) {
            plain_line = earliest(plain_line, earliest(c.kinds[k].first_plain_line, c.first_fast_line));
            percent_line = earliest(percent_line, c.kinds[k].first_percent_line);
        }
        if (percent_line == 0) return;
        if (plain_line == 0) return make_percentage_column(v);
        const std::string problem = "a percentage in column " + detail::quoted(v.name) +
                                    ", whose header states no unit, while line " + std::to_string(plain_line) +
                                    " has a plain number there (100× apart): state the unit in the header (" + v.name +
                                    "[%] or " + v.name + "[1])";
        const std::size_t column = static_cast<std::size_t>(v.field) + 1;
        std::size_t rows_before = 0;
        for (const auto& c : parsed.chunks) {
            for (const auto& cell : c.kinds[k].percent_cells) {
                if (!options_.lenient)
                    throw parse_error(problem + ": " + detail::quoted(cell.text), at(cell.line, column, v.name));
                const std::size_t at_row = rows_before + cell.row;
                parsed.storage[k].get()[at_row] = std::numeric_limits<double>::quiet_NaN();
                if (v.reasons.size() < parsed.rows) v.reasons.resize(parsed.rows, reason::none);
                v.reasons[at_row] = reason::unparseable;
                ++report_.cells_unparseable;
                note(report_, cell.line, column, v.name, cell.text, problem);
            }
            rows_before += c.rows();
        }
    }

    // What a long file builds up record by record.
    struct long_state {
        int variable_col = -1, value_col = -1, unit_col = -1;
        std::vector<variable_column> vars;
        std::vector<std::vector<char>> filled;  // per variable: which rows have a record
        interner variable_names;                // the names as written; variable_of_raw: each one's variable
        std::vector<column_header> name_headers;
        std::vector<std::int32_t> variable_of_raw;
        std::unordered_map<std::string, std::int32_t> variable_of_name;
        std::unordered_map<std::int64_t, std::int32_t> row_of_key;
        std::unordered_map<std::string, unit> unit_cache;
        std::vector<std::size_t> first_unitless_line;  // per variable: its first record without a unit (0: none)
        // per variable: the line of its first plain number and of its first percentage (0: none)
        std::vector<std::pair<std::size_t, std::size_t>> first_kind_line;
    };

    panel load_long(tokenizer& tok, std::vector<field>& fields, const std::vector<std::string>& names, row_keys& keys) {
        long_state st;
        const detail::column_headings& headings = detail::builtin_headings();
        std::vector<int> taken = ignored_columns();
        st.variable_col = find_column(names, {}, headings.variable, "variable", source_, taken);
        st.value_col = find_column(names, {}, headings.value, "value", source_, taken);
        taken.insert(taken.end(), {entity_col_, name_col_});
        st.unit_col = find_column(names, {}, headings.unit, "unit", source_, taken);
        if (st.variable_col < 0 || st.value_col < 0)
            throw header_error("long layout needs 'variable' and 'value' columns (or 指标 and 数值)");
        for (std::size_t i = 0; i < names.size(); ++i) {
            int col = static_cast<int>(i);
            if (col != entity_col_ && col != period_col_ && col != name_col_ && col != parent_col_ &&
                col != st.variable_col && col != st.value_col && col != st.unit_col)
                report_.ignored_columns.push_back(names[i]);
        }
        while (tok.next(fields)) {
            if ((report_.data_lines & 4095) == 0) {
                poll_interrupt();
                report_progress(tok.position(), tok.length());
            }
            ++report_.data_lines;
            const std::size_t line = tok.line();
            if (blank(fields)) {
                ++report_.blank_lines;
                continue;
            }
            if (wrong_width(report_, fields, line) || without_code(report_, fields, line) ||
                skipped_non_data_row(report_, fields, line))
                continue;
            read_long_record(fields, line, keys, st);
        }
        report_progress(tok.length(), tok.length());
        for (std::size_t i = 0; i < st.vars.size(); ++i) {
            // Cells with no record at all are missing too; count them so the report adds up.
            st.vars[i].values.resize(keys.entity_of_row.size(), std::numeric_limits<double>::quiet_NaN());
            st.filled[i].resize(keys.entity_of_row.size(), 0);
            report_.cells_missing += static_cast<std::size_t>(std::count(st.filled[i].begin(), st.filled[i].end(), 0));
            report_.cells += static_cast<std::size_t>(std::count(st.filled[i].begin(), st.filled[i].end(), 0));
            // The first kind of number a variable's records gave is the kind kept (check_long_percent).
            if (i < st.first_kind_line.size()) {
                const auto [plain, percent] = st.first_kind_line[i];
                if (percent != 0 && (plain == 0 || percent < plain)) make_percentage_column(st.vars[i]);
            }
        }
        return finish(keys, st.vars);
    }

    // The variable a long record names (a new column on its first appearance) and the unit its
    // record is given in. A name read as a wide header is (地区生产总值 → gdp, gdp[亿元]): by its
    // first spelling, then by index; two spellings of one variable are one column.
    std::pair<std::int32_t, std::string_view> long_variable(const std::vector<field>& fields, std::size_t line,
                                                            std::size_t rows, bool new_row, long_state& st) {
        std::string_view variable = trim(fields[static_cast<std::size_t>(st.variable_col)]);
        if (variable.empty())
            throw parse_error("empty variable name", at(line, static_cast<std::size_t>(st.variable_col) + 1));
        auto [raw, new_name] = st.variable_names.intern(variable);
        bool new_variable = false;
        if (new_name) {
            st.name_headers.push_back(
                long_variable_header(variable, line, static_cast<std::size_t>(st.variable_col) + 1));
            auto [known, inserted] =
                st.variable_of_name.emplace(st.name_headers.back().name, static_cast<std::int32_t>(st.vars.size()));
            st.variable_of_raw.push_back(known->second);
            new_variable = inserted;
        }
        const column_header& header = st.name_headers[static_cast<std::size_t>(raw)];
        const std::size_t unit_column = static_cast<std::size_t>(st.unit_col) + 1;
        std::string_view unit_text =
            st.unit_col >= 0 ? trim(fields[static_cast<std::size_t>(st.unit_col)]) : std::string_view{};
        if (!header.unit.empty()) {
            if (!unit_text.empty() && unit_text != header.unit)
                throw parse_error("the variable name " + detail::quoted(variable) + " gives the unit " +
                                      detail::quoted(header.unit) + ", the unit column " + detail::quoted(unit_text),
                                  at(line, unit_column, header.name));
            unit_text = header.unit;
        }
        if (new_row || new_variable) check_long_size(st.vars.size() + new_variable, rows, line);
        if (new_variable) {
            variable_column v;
            v.name = header.name;
            v.u = resolve_unit(v.name, std::string(unit_text), v.unit_given, unit_column, line);
            prepare_percent(v);
            st.vars.push_back(std::move(v));
            st.filled.emplace_back();
        }
        return {st.variable_of_raw[static_cast<std::size_t>(raw)], unit_text};
    }

    // A value given in `unit_text` in the unit of its column.
    double convert_long_value(double value, std::string_view unit_text, const variable_column& v, std::size_t line,
                              long_state& st) {
        const std::size_t unit_column = static_cast<std::size_t>(st.unit_col) + 1;
        auto cached = st.unit_cache.find(std::string(unit_text));
        if (cached == st.unit_cache.end()) {
            unit u;
            try {
                u = unit::parse(unit_text);
            } catch (const unknown_unit_error& err) {
                throw unknown_unit_error(err.unit_text(), at(line, unit_column, v.name));
            }
            cached = st.unit_cache.emplace(std::string(unit_text), u).first;
        }
        try {
            return detail::convert_exactly(cached->second.to(v.u), value);
        } catch (const incompatible_units_error& err) {
            throw incompatible_units_error(err.message(), at(line, unit_column, v.name));
        }
    }

    void read_long_record(const std::vector<field>& fields, std::size_t line, row_keys& keys, long_state& st) {
        auto [e, p] = row_key(fields, keys, line);
        auto [row_it, new_row] =
            st.row_of_key.emplace((static_cast<std::int64_t>(e) << 32) | static_cast<std::uint32_t>(p),
                                  static_cast<std::int32_t>(keys.entity_of_row.size()));
        if (new_row) {
            keys.entity_of_row.push_back(e);
            keys.period_of_row.push_back(p);
        }
        const auto row = static_cast<std::size_t>(row_it->second);
        const auto [vi, unit_text] = long_variable(fields, line, keys.entity_of_row.size(), new_row, st);
        auto& v = st.vars[static_cast<std::size_t>(vi)];
        auto& has = st.filled[static_cast<std::size_t>(vi)];
        if (v.values.size() <= row) {
            v.values.resize(keys.entity_of_row.size(), std::numeric_limits<double>::quiet_NaN());
            has.resize(keys.entity_of_row.size(), 0);
        }
        if (has[row]) {
            location w = at(line, 0, v.name);
            w.entity = keys.entities[static_cast<std::size_t>(e)].code;
            w.period = keys.periods[static_cast<std::size_t>(p)].to_string();
            throw duplicate_row_error("duplicate record for the same entity, period and variable", w);
        }
        has[row] = 1;
        double value;
        int percent = 0;
        reason r = read_cell(report_, fields[static_cast<std::size_t>(st.value_col)], v, value, line,
                             static_cast<std::size_t>(st.value_col) + 1, percent);
        const double as_read = value;
        if (r == reason::unparseable) label_issue(report_, line, static_cast<std::size_t>(st.value_col) + 1, fields);
        if (r == reason::none && st.unit_col >= 0 && unit_override_.count(v.name) == 0)
            r = check_long_unit(v, unit_text, fields[static_cast<std::size_t>(st.value_col)],
                                static_cast<std::size_t>(vi), line, st, value);
        if (r == reason::none && !v.unit_given && unit_text.empty())
            r = check_long_percent(v, percent != 0, fields[static_cast<std::size_t>(st.value_col)],
                                   static_cast<std::size_t>(vi), line, st, value);
        if (r == reason::none && !unit_text.empty() && unit_override_.count(v.name) == 0 && unit_text != v.u.symbol())
            value = convert_long_value(value, unit_text, v, line, st);
        v.values[row] = value;
        store_reason(v.reasons, v.values.size(), row, r);
        // The written decimals where the value is the number written (not converted from the record's unit).
        const bool as_written = r == reason::none && detail::exactly_equal(value, as_read);
        store_decimals(v.decimals, row,
                       as_written ? cell_decimals(fields[static_cast<std::size_t>(st.value_col)], v, percent) : 0,
                       v.values.size());
        ++report_.rows_loaded;
    }

    // A record without a unit beside records of the same variable with one is refused (or, lenient,
    // unparseable): which unit it meant would otherwise depend on the order of the rows.
    reason check_long_unit(const variable_column& v, std::string_view unit_text, std::string_view value_text,
                           std::size_t variable, std::size_t line, long_state& st, double& value) {
        if (st.first_unitless_line.size() <= variable) st.first_unitless_line.resize(variable + 1, 0);
        std::size_t& unitless = st.first_unitless_line[variable];
        std::string problem;
        if (unit_text.empty() && v.unit_given)
            problem = "no unit, while the first record of " + detail::quoted(v.name) + " is in " +
                      detail::quoted(v.u.symbol()) + ": give every record its unit";
        else if (unit_text.empty() && unitless == 0)
            unitless = line;
        else if (!unit_text.empty() && unitless != 0)
            problem = "in " + detail::quoted(unit_text) + ", while the record of " + detail::quoted(v.name) +
                      " at line " + std::to_string(unitless) + " has no unit: give every record its unit";
        if (problem.empty()) return reason::none;
        const std::size_t unit_column = static_cast<std::size_t>(st.unit_col) + 1;
        return bad_cell(report_, value_text, v, value, line, unit_column, problem);
    }

    // As in a wide column (refuse_mixed_percentages): records of a variable with no unit cannot mix
    // "12.5%" and "12.5". The record that differs from the first kind seen is refused (lenient:
    // unparseable), naming the line of the first.
    reason check_long_percent(const variable_column& v, bool is_percent, std::string_view value_text,
                              std::size_t variable, std::size_t line, long_state& st, double& value) {
        if (st.first_kind_line.size() <= variable) st.first_kind_line.resize(variable + 1, {0, 0});
        auto& [plain, percent] = st.first_kind_line[variable];
        std::size_t& first_of_this_kind = is_percent ? percent : plain;
        if (first_of_this_kind == 0) first_of_this_kind = line;
        const std::size_t other = is_percent ? plain : percent;
        if (other == 0) return reason::none;
        const std::string problem =
            std::string(is_percent ? "a percentage" : "a plain number") + " for " + detail::quoted(v.name) +
            ", which has no unit, while line " + std::to_string(other) + " gives " +
            (is_percent ? "a plain number" : "a percentage") + " (100× apart): give the records a unit (% or 1)";
        return bad_cell(report_, value_text, v, value, line, static_cast<std::size_t>(st.value_col) + 1, problem);
    }

    // A long file's variable name, read as a wide header is; a catalogue rename is reported.
    column_header long_variable_header(std::string_view variable, std::size_t line, std::size_t column) {
        column_header h = parse_column_header(variable);
        if (h.name.empty()) throw parse_error("empty variable name in " + detail::quoted(variable), at(line, column));
        if (!h.renamed_from.empty()) report_.renamed_columns.emplace_back(h.renamed_from, h.name);
        return h;
    }

    // The dense panel a long file describes has rows × variables cells, however few records it
    // has: refuse before allocating what a small file could make huge.
    void check_long_size(std::size_t variables, std::size_t rows, std::size_t line) const {
        if (variables > options_.max_columns)
            throw limit_error("more than " + detail::counted(options_.max_columns, "distinct variable") +
                                  ", the limit (csv_options::max_columns)",
                              at(line, 0));
        const std::size_t records = report_.rows_loaded + 1;
        const std::size_t allowed = options_.max_long_cells + options_.max_long_fill * records;
        if (rows != 0 && variables > allowed / rows)
            throw limit_error(detail::counted(rows, "row") + " × " + detail::counted(variables, "variable") + " from " +
                                  detail::counted(records, "record") + ": more than " +
                                  std::to_string(options_.max_long_cells) + " + " +
                                  std::to_string(options_.max_long_fill) +
                                  " cells per record (csv_options::max_long_cells, max_long_fill)",
                              at(line, 0));
    }

    const csv_options& options_;
    // A ';' file whose decimal mark was not given: numbers that read two ways are refused (ambiguous_mark).
    bool semicolon_marks_ = false;
    mutable std::atomic<bool> stopping_{false};
    std::string source_;
    std::string storage_;
    byte_index index_;  // over text_ when it is the file's bytes (the UTF-8 check's counts)
    std::string_view text_;
    load_report report_;
    std::unordered_set<std::string> na_;
    std::unordered_map<std::string, std::string> unit_override_;
    std::vector<std::string> header_;
    std::vector<column_header> parsed_headers_;
    // A wide file's `<variable>_reason` columns: per column, the column it holds the reasons of (-1: none).
    std::vector<int> reason_of_;
    std::vector<reason_column> reason_columns_;
    std::size_t header_line_ = 1;
    std::size_t body_start_ = 0, body_line_ = 2;  // the first byte and line after the header
    int entity_col_ = -1, period_col_ = -1, name_col_ = -1, parent_col_ = -1;
};

}  // namespace

namespace {
// The decimal mark: '.', ',' or 0 ('.', with a comma refused as ambiguous in a ';' file).
void check_decimal(const csv_options& options) {
    if (options.decimal == 0 || options.decimal == '.' || options.decimal == ',') {
        if (options.decimal == ',' && options.separator == ',')
            throw argument_error(
                "csv_options::decimal ',' needs another separator than ',' (Excel writes such "
                "files separated by ';')");
        return;
    }
    throw argument_error("csv_options::decimal must be '.' or ',', not " +
                         detail::quoted(std::string(1, options.decimal)));
}

// A separator that is part of a cell's grammar or of the line structure would silently cut
// numbers ("1.5" on '.') or quoted text apart, and a byte ≥ 0x80 is part of a character in
// every encoding read here.
void check_separator(char separator) {
    const auto byte = static_cast<unsigned char>(separator);
    const bool usable = byte >= 0x20 && byte < 0x7F && separator != '"' && separator != '.' && separator != '+' &&
                        separator != '-' && (separator < '0' || separator > '9');
    if (usable || separator == '\t') return;
    std::string shown = byte >= 0x20 && byte < 0x7F ? std::string(1, separator) : "byte " + std::to_string(byte);
    throw argument_error("csv_options::separator '" + shown +
                         "' cannot separate fields: it is a quote, part of a number, a line break or part of a "
                         "character; use ',', ';', '\\t', '|' or another ASCII mark");
}
}  // namespace

panel parse_csv(std::string_view bytes, const csv_options& options, const std::string& source) {
    check_separator(options.separator);
    check_decimal(options);
    return loader(bytes, options, source).run();
}

// A heading as its meaning compares it: 研发 and 研究与试验发展 (with or without "(R&D)") are how
// bureau tables write R&D, so 研发经费内部支出 is the catalogue's R&D经费内部支出.
// Full-width forms (Ｒ＆Ｄ, （R&D）) and R&D in any case (R&d, r&d) are read as the ASCII R&D.
std::string detail::meaning_key(std::string_view name) {
    std::string key(name);
    const auto replace_all = [&key](std::string_view from, std::string_view to) {
        for (std::size_t at = key.find(from); at != std::string::npos; at = key.find(from, at + to.size()))
            key.replace(at, from.size(), to);
    };
    for (const auto& [wide, narrow] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"Ｒ", "R"}, {"ｒ", "r"}, {"Ｄ", "D"}, {"ｄ", "d"}, {"＆", "&"}, {"（", "("}, {"）", ")"}})
        replace_all(wide, narrow);
    for (std::size_t at = key.find('&'); at != std::string::npos; at = key.find('&', at + 1))
        if (at > 0 && at + 1 < key.size() && (key[at - 1] == 'r' || key[at - 1] == 'R') &&
            (key[at + 1] == 'd' || key[at + 1] == 'D')) {
            key[at - 1] = 'R';
            key[at + 1] = 'D';
        }
    for (const std::string_view longer :
         {"研究与试验发展(R&D)", "研究与开发(R&D)", "研究与试验发展", "研究与开发", "研发"})
        replace_all(longer, "R&D");
    return key;
}

void check_text_file(std::string_view bytes, const std::string& source) {
    const detail::sniffed kind = detail::sniff(bytes);
    if (kind == detail::sniffed::zip || kind == detail::sniffed::ole || kind == detail::sniffed::binary)
        refuse_not_text(kind, source);
}

namespace {

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> ends, std::size_t& length) {
    for (std::string_view e : ends)
        if (s.size() >= e.size() && s.substr(s.size() - e.size()) == e) return length = e.size(), true;
    return false;
}

// The last opening bracket of either form: its position and length, or npos.
std::pair<std::size_t, std::size_t> last_open(std::string_view s, std::string_view ascii, std::string_view wide) {
    const std::size_t a = s.rfind(ascii), w = s.rfind(wide);
    if (a == std::string_view::npos && w == std::string_view::npos) return {std::string_view::npos, 0};
    if (w == std::string_view::npos || (a != std::string_view::npos && a > w)) return {a, ascii.size()};
    return {w, wide.size()};
}

// The one variable a heading names by the meaning of one of the catalogue's names, or null (none,
// or two: then the heading is left as it is).
const variable_spec* variable_meant(const catalogue& cat, std::string_view name) {
    const std::string key = detail::meaning_key(name);
    const variable_spec* found = nullptr;
    for (const auto& v : cat.variables()) {
        bool named = !v.name_zh.empty() && detail::meaning_key(v.name_zh) == key;
        for (const auto& other : v.other_names) named = named || detail::meaning_key(other) == key;
        if (named && found && found != &v) return nullptr;
        if (named) found = &v;
    }
    return found;
}

}  // namespace

column_header parse_column_header(std::string_view header, const catalogue* cat) {
    const std::string_view text = detail::trim(header);
    column_header h;
    h.name = std::string(text);
    std::size_t close = 0;
    const bool square = ends_with_any(text, {"]", "］"}, close);
    if (square || ends_with_any(text, {")", "）"}, close)) {
        const auto [opening, opening_size] = square ? last_open(text, "[", "［") : last_open(text, "(", "（");
        if (opening != std::string_view::npos) {
            const std::string_view inner =
                detail::trim(text.substr(opening + opening_size, text.size() - close - opening - opening_size));
            bool is_unit = square;
            if (!square && !inner.empty()) {
                try {
                    unit::parse(inner);
                    is_unit = true;
                } catch (const unit_error&) {  // "R&D(内部)": part of the name
                    // …but gdp（亿万元） is a unit slip (two multipliers), refused later as a [亿万元] is: never a
                    // column named with its unit and no unit (review 35)
                    is_unit = !detail::stacked_multiplier_readings(inner).empty();
                }
            }
            if (is_unit) {
                h.name = std::string(detail::trim(text.substr(0, opening)));
                h.unit = std::string(inner);
            }
        }
    }
    if (cat && !h.name.empty() && !cat->variable(h.name))
        for (const auto& v : cat->variables())
            if ((!v.name_zh.empty() && v.name_zh == h.name) ||
                std::find(v.other_names.begin(), v.other_names.end(), h.name) != v.other_names.end()) {
                h.renamed_from = std::move(h.name);
                h.name = v.id;
                break;
            }
    if (cat && h.renamed_from.empty() && !h.name.empty() && !cat->variable(h.name))
        if (const variable_spec* v = variable_meant(*cat, h.name)) {
            h.renamed_from = std::move(h.name);
            h.name = v->id;
        }
    // A published indicator under its official name (R&D经费投入强度, 每万人口发明专利拥有量) is the
    // indicator, so validate checks it; renamed_from keeps the heading for the load report, the
    // units= keys and the messages.
    if (cat && h.renamed_from.empty() && !h.name.empty())
        if (const indicator* ind = detail::indicator_named(*cat, h.name)) {
            h.renamed_from = std::move(h.name);
            h.name = ind->id;
        }
    return h;
}

std::string trim_key(std::string_view text) { return std::string(detail::trim(text)); }

std::optional<std::string> region_name(std::string_view a, std::string_view b) {
    if (detail::two_places(a, b)) return std::nullopt;
    return std::string(b.size() > a.size() ? b : a);
}

bool looks_like_footnote(std::string_view first_cell) {
    const std::string_view text = detail::trim(first_cell);
    for (const std::string_view mark :
         {"注：", "注:", "说明：", "说明:", "备注：", "备注:", "资料来源：", "资料来源:", "数据来源：", "数据来源:"})
        if (text.substr(0, mark.size()) == mark) return true;
    return false;
}

namespace {

// As read_csv: in a column of no stated unit, percentages among plain numbers are unparseable.
void refuse_mixed_percentages(text_cells& out, const std::vector<std::optional<std::string>>& cells,
                              const std::vector<std::size_t>& percent_cells, std::size_t first_plain) {
    for (const std::size_t i : percent_cells) {
        out.values[i] = std::numeric_limits<double>::quiet_NaN();
        out.reasons[i] = reason::unparseable;
    }
    const std::size_t first = percent_cells.front();
    if (out.first_bad < first) return;
    out.first_bad = first;
    out.problem = "a percentage in a column of no stated unit, while row " + std::to_string(first_plain + 1) +
                  " has a plain number (100× apart): give the unit ('%' or '1'): " + detail::quoted(*cells[first]);
}

}  // namespace

text_cells parse_text_cells(const std::vector<std::optional<std::string>>& cells, const unit& u,
                            const std::vector<std::string>& na_values, bool unit_stated, char decimal) {
    const std::unordered_set<std::string> na(na_values.begin(), na_values.end());
    const bool percent_ok = u.dimensionless();
    // Percentages in a column of no stated unit are read in %, as read_csv reads them (prepare_percent).
    const unit target = unit_stated ? u : unit(dimension{}, -2, "%");
    const conversion percent = percent_ok ? unit(dimension{}, -2, "%").to(target) : conversion{};
    const conversion permille = percent_ok ? unit(dimension{}, -3, "‰").to(target) : conversion{};
    text_cells out;
    out.values.assign(cells.size(), std::numeric_limits<double>::quiet_NaN());
    out.reasons.assign(cells.size(), reason::missing_input);
    std::vector<std::size_t> percent_cells;
    std::size_t first_plain = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i] || na.count(detail::normalize_fullwidth(detail::trim(*cells[i])))) continue;
        double x = 0;
        int exponent = 0;
        std::string problem;
        if (decimal == 0 && ambiguous_mark(*cells[i]))
            problem = ambiguous_mark_problem;
        else if (!detail::parse_number(*cells[i], x, exponent, decimal))
            problem = not_a_number(*cells[i], decimal);
        else if (exponent != 0 && !percent_ok)
            problem = "a percentage in a column of unit '" + u.symbol() + "'";
        if (problem.empty()) {
            out.values[i] = exponent == 0 ? x : detail::convert_exactly(exponent == -2 ? percent : permille, x);
            out.reasons[i] = reason::none;
            if (exponent != 0)
                percent_cells.push_back(i);
            else
                first_plain = std::min(first_plain, i);
            continue;
        }
        out.reasons[i] = reason::unparseable;
        if (out.first_bad == static_cast<std::size_t>(-1)) {
            out.first_bad = i;
            out.problem = problem + ": " + detail::quoted(*cells[i]);
        }
    }
    if (!unit_stated && !percent_cells.empty()) {
        if (first_plain != static_cast<std::size_t>(-1))
            refuse_mixed_percentages(out, cells, percent_cells, first_plain);
        else
            out.in_percent = true;
    }
    return out;
}

std::string read_definition_file(const std::string& path) { return detail::read_text_file(path); }

panel read_csv(const std::string& path, const csv_options& options) {
    check_separator(options.separator);  // before the file is read
    check_decimal(options);
    // Read, not memory-mapped: another program truncating a mapped file would end this one with
    // SIGBUS. The copy goes to huge pages (file_buffer.hpp): fewer page faults than the parse.
    const detail::file_buffer file = detail::file_buffer::read(path, options.threads);
    return parse_csv(file.view(), options, path);
}

namespace detail {
namespace {
// Ideographs, CJK punctuation and full-width forms: a report in UTF-16 without one ASCII character
// (no line break, no digit) has no NUL byte, and nearly all its code units are these.
bool cjk_unit(unsigned unit) {
    return (unit >= 0x4E00 && unit <= 0x9FFF) || (unit >= 0x3000 && unit <= 0x303F) ||
           (unit >= 0xFF00 && unit <= 0xFFEF);
}
// UTF-16 LE or BE for a sample with no NUL byte that is not UTF-8 and whose code units, read one
// way, are at least 9 in 10 such characters. GB18030 and misaligned UTF-8 read as UTF-16 land
// mostly in Hangul, surrogates and private use; at most a third of them in these ranges.
sniffed cjk_utf16(std::string_view sample) {
    const std::size_t units = sample.size() / 2;
    if (units < 4 || valid_utf8_prefix(sample) == sample.size()) return sniffed::text;
    std::size_t le = 0, be = 0;
    for (std::size_t k = 0; k + 1 < sample.size(); k += 2) {
        const unsigned lo = static_cast<unsigned char>(sample[k]), hi = static_cast<unsigned char>(sample[k + 1]);
        le += cjk_unit(hi << 8 | lo);
        be += cjk_unit(lo << 8 | hi);
    }
    if (le * 10 >= units * 9) return sniffed::utf16le;
    if (be * 10 >= units * 9) return sniffed::utf16be;
    return sniffed::text;
}
}  // namespace

sniffed sniff(std::string_view bytes) {
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        return sniffed::utf16_bom;
    if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return sniffed::zip;
    if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return sniffed::ole;
    // UTF-8 and GB18030 text has no NUL byte; UTF-16 text of a CSV or a report has many (every ASCII
    // character: digits, commas, line ends), all on one side of its code units.
    const std::size_t sample = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    std::size_t even = 0, odd = 0;
    for (std::size_t k = 0; k < sample; k += 2) {
        even += bytes[k] == '\0';
        odd += bytes[k + 1] == '\0';
    }
    const std::size_t units = sample / 2;
    if (even + odd == 0) return cjk_utf16(bytes.substr(0, sample));
    if ((even + odd) * 32 < units || even + odd < 4) return sniffed::text;  // a stray NUL: the parse reports it
    const std::size_t most = std::max(even, odd), fewest = std::min(even, odd);
    // U+xx00 characters (一 is U+4E00) put a NUL on the other side now and then.
    if (fewest * 4 <= most) return odd > even ? sniffed::utf16le : sniffed::utf16be;
    return sniffed::binary;
}

// For the other readers of text files (encoding.hpp): the same detector as read_csv.
std::string_view decode_text(std::string_view bytes, csv_options::encoding_choice choice, std::string& storage,
                             std::string& encoding, const std::string& source) {
    return decode(bytes, choice, storage, encoding, source);
}
}  // namespace detail

}  // namespace zhibiao
