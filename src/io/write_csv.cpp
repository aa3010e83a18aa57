#include "zhibiao/write_csv.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string_view>

#include "core/printed_round.hpp"
#include "core/text.hpp"
#include "io/written_number.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {

void detail::append_shortest(std::string& out, double x, unsigned min_decimals, far_values far) {
    char buffer[40];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, x + 0.0, std::chars_format::scientific);
    const std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
    const std::size_t e = text.find('e');
    int exponent = 0;  // after "e+" or "e-": from_chars takes no '+', and the buffer has no '\0'
    std::from_chars(text.data() + e + 2, text.data() + text.size(), exponent);
    if (text[e + 1] == '-') exponent = -exponent;
    if (far == far_values::scientific && (exponent < -4 || exponent >= 16)) {  // as repr writes it: 1.5e-05, 1e+16
        out += text;
        return;
    }
    std::string_view mantissa = text.substr(0, e);
    if (mantissa.front() == '-') {
        out += '-';
        mantissa.remove_prefix(1);
    }
    std::string digits(mantissa.substr(0, 1));
    if (mantissa.size() > 2) digits += mantissa.substr(2);  // without the point
    std::size_t fraction = 0;                               // the digits after the point
    if (exponent < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-exponent - 1), '0');
        out += digits;
        fraction = static_cast<std::size_t>(-exponent - 1) + digits.size();
    } else {
        const auto whole = static_cast<std::size_t>(exponent) + 1;
        out.append(digits, 0, std::min(whole, digits.size()));
        if (digits.size() < whole) out.append(whole - digits.size(), '0');
        if (digits.size() > whole) {
            out += '.';
            out.append(digits, whole, std::string::npos);
            fraction = digits.size() - whole;
        } else if (min_decimals > 0) {
            out += '.';
        }
    }
    if (min_decimals > fraction) out.append(min_decimals - fraction, '0');
}

namespace {

constexpr std::string_view reason_suffix = "_reason";
constexpr std::string_view invalid_input = "invalid_input";  // a ±inf: a number there, but not finite

// How a column's values are written: with decimals (the options' or the catalogue's), a count, the
// shortest text, or each cell as it was read (column::written_decimals).
enum class number_style { printed, counted, shortest, as_written };

struct written_column {
    std::string name;
    std::string unit_symbol;  // "" when the header states none
    const double* values = nullptr;
    const std::vector<std::uint8_t>* written = nullptr;  // the column's written decimals, when it has them
    std::vector<reason> why;                             // one per row when the reasons are written, else empty
    number_style style = number_style::shortest;
    int decimals = 0;
    bool reason_column = false;
};

struct writer_rows {
    const panel& rows;
    bool names = false;
};

// Appends a field, quoted when it holds the separator, a quote or a line break (a quote doubled),
// as Python's csv module writes it.
void append_field(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_chars(std::string& out, double x, std::chars_format format, int precision = -1) {
    char buffer[400];  // DBL_MAX is 309 digits; precision is at most 22 + the sign and the point
    const auto written = precision < 0 ? std::to_chars(buffer, buffer + sizeof buffer, x, format)
                                       : std::to_chars(buffer, buffer + sizeof buffer, x, format, precision);
    out.append(buffer, static_cast<std::size_t>(written.ptr - buffer));
}

void append_number(std::string& out, const written_column& c, double x, std::size_t row) {
    x += 0.0;  // -0.0 is the 0 it means; "-0.0" is no figure
    if (c.style == number_style::as_written) {
        detail::append_as_written(out, x, (*c.written)[row]);
    } else if (c.style == number_style::printed) {
        append_chars(out, detail::printed_round(x, c.decimals) + 0.0, std::chars_format::fixed, c.decimals);
    } else if (c.style == number_style::counted && x == std::floor(x) && std::fabs(x) < 1e16) {
        append_chars(out, x, std::chars_format::fixed, 0);  // 139, not 139.0: a whole count
    } else {
        detail::append_shortest(out, x, 1, detail::far_values::scientific);  // as pandas writes a float: 3.0
    }
}

void append_reason(std::string& out, const written_column& c, std::size_t row) {
    if (std::isinf(c.values[row]))
        out += invalid_input;
    else if (!c.why.empty() && c.why[row] != reason::none)
        out += to_string(c.why[row]);
}

void append_header(std::string& out, const writer_rows& r, const std::vector<written_column>& columns,
                   bool unit_header) {
    out += "entity,period";
    if (r.names) out += ",name";
    for (const auto& c : columns) {
        out += ',';
        append_field(out, unit_header && !c.unit_symbol.empty() ? c.name + "[" + c.unit_symbol + "]" : c.name);
        if (c.reason_column) {
            out += ',';
            append_field(out, c.name + std::string(reason_suffix));
        }
    }
    out += '\n';
}

void append_row(std::string& out, const writer_rows& r, const std::vector<written_column>& columns, std::size_t row) {
    const auto entity = static_cast<std::size_t>(r.rows.entity_of_row()[row]);
    append_field(out, r.rows.entity_code(entity));
    out += ',';
    append_field(out, r.rows.period_at(row).to_string());
    if (r.names) {
        out += ',';
        append_field(out, r.rows.entity_name(entity));
    }
    for (const auto& c : columns) {
        out += ',';
        if (std::isfinite(c.values[row])) append_number(out, c, c.values[row], row);
        if (c.reason_column) {
            out += ',';
            append_reason(out, c, row);
        }
    }
    out += '\n';
}

bool any_name(const panel& p) {
    for (std::size_t i = 0; i < p.entity_count(); ++i)
        if (!p.entity_name(i).empty()) return true;
    return false;
}

// The text of a write_csv call, written to `out` in the options' encoding a block at a time (each
// block whole lines: no UTF-8 sequence is cut).
class encoded_output {
public:
    encoded_output(std::ostream& out, write_csv_options::encoding_choice encoding) : out_(out) {
        if (encoding != write_csv_options::encoding_choice::gb18030) return;
        to_gb18030_ = iconv_open("GB18030", "UTF-8");
        if (to_gb18030_ == reinterpret_cast<iconv_t>(-1))
            throw argument_error(
                "write_csv: this system's iconv cannot encode GB18030; write UTF-8 with a BOM (utf8_bom)");
    }
    encoded_output(const encoded_output&) = delete;
    encoded_output& operator=(const encoded_output&) = delete;
    ~encoded_output() {
        if (to_gb18030_ != reinterpret_cast<iconv_t>(-1)) iconv_close(to_gb18030_);
    }

    void write(std::string_view text) {
        if (to_gb18030_ != reinterpret_cast<iconv_t>(-1)) text = encoded(text);
        out_.write(text.data(), static_cast<std::streamsize>(text.size()));
        lines_ += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    }

private:
    // Two things stop the encoder, each refused naming the line, never written as something else:
    // bytes that are not UTF-8 (a name a program gave the panel), and the few code points this
    // system's GB18030 table lacks (glibc's iconv refuses 24 private-use ones Python's codec maps).
    std::string_view encoded(std::string_view text) {
        buffer_.resize(text.size() * 2 + 16);  // at most twice the UTF-8 (é: 2 bytes, 4 in GB18030)
        char* in = const_cast<char*>(text.data());
        std::size_t in_left = text.size();
        char* out = buffer_.data();
        std::size_t out_left = buffer_.size();
        if (iconv(to_gb18030_, &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1)) {
            const auto before = static_cast<std::size_t>(in - text.data());
            const auto line = lines_ +
                              static_cast<std::size_t>(
                                  std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(before), '\n')) +
                              1;
            throw argument_error("write_csv: line " + std::to_string(line) + " holds " +
                                 unencodable(text.substr(before)) + " (write UTF-8 with a BOM: utf8_bom)");
        }
        return {buffer_.data(), buffer_.size() - out_left};
    }

    // What stopped the encoder at the start of `rest`: a character it has no code for, or bytes
    // that are not UTF-8.
    static std::string unencodable(std::string_view rest) {
        const unsigned lead = rest.empty() ? 0 : static_cast<unsigned char>(rest[0]);
        const std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (rest.empty() || detail::valid_utf8_prefix(rest.substr(0, n)) != n)
            return "bytes that are not UTF-8, which GB18030 cannot encode";
        char32_t c = static_cast<unsigned char>(rest[0]) & (n == 1 ? 0x7F : n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(rest[k]) & 0x3F);
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        return "the character " + std::string(rest.substr(0, n)) + " (" + code +
               "), which this system's GB18030 encoder (iconv) has no code for";
    }

    std::ostream& out_;
    iconv_t to_gb18030_ = reinterpret_cast<iconv_t>(-1);
    std::string buffer_;
    std::size_t lines_ = 0;  // written before the current block
};

void write_rows(const panel& p, const std::vector<written_column>& columns, std::ostream& out,
                const write_csv_options& options) {
    bool name_taken = false;
    for (const auto& c : columns) name_taken = name_taken || c.name == "name";
    const writer_rows r{p, options.names && !name_taken && any_name(p)};
    encoded_output encoded(out, options.encoding);
    std::string text;
    if (options.encoding == write_csv_options::encoding_choice::utf8_bom) text += "\xEF\xBB\xBF";
    append_header(text, r, columns, options.unit_header);
    for (std::size_t row = 0; row < p.rows(); ++row) {
        append_row(text, r, columns, row);
        if (text.size() >= (std::size_t{1} << 20)) {  // written a megabyte at a time
            encoded.write(text);
            text.clear();
        }
    }
    encoded.write(text);
}

bool is_counted(const unit& u) {
    return u.dim() == dimension::of(base_quantity::count) || u.dim() == dimension::of(base_quantity::person);
}

// The decimals of each column: the options' over those it was read with (column::written_decimals,
// cell by cell), those over the catalogue's; full_precision leaves only the ones it was read with
// (they drop no digit). An option naming no column is refused (a typo would otherwise print the
// column unrounded without a word).
void set_styles(std::vector<written_column>& columns, const std::vector<bool>& counted,
                const write_csv_options& options) {
    for (const auto& [name, decimals] : options.decimals) {
        bool found = false;
        for (const auto& c : columns) found = found || c.name == name;
        if (!found)
            throw argument_error(
                "write_csv: decimals of '" + name + "', which is no column" +
                detail::suggestion(name, columns, [](const written_column& c) -> std::string_view { return c.name; }));
        if (decimals < 0)
            throw argument_error("write_csv: column '" + name + "': " + std::to_string(decimals) +
                                 " decimals; a column is written with 0 or more");
    }
    const catalogue& cat = options.decimals_from ? *options.decimals_from : catalogue::builtin();
    for (std::size_t k = 0; k < columns.size(); ++k) {
        written_column& c = columns[k];
        c.style = counted[k] ? number_style::counted : number_style::shortest;
        if (c.written) c.style = number_style::as_written;
        if (options.full_precision) continue;
        if (const indicator* ind = cat.find(c.name); ind && !c.written) {
            c.style = number_style::printed;
            c.decimals = ind->decimals;
        }
        for (const auto& [name, decimals] : options.decimals)
            if (name == c.name) c.style = number_style::printed, c.decimals = decimals;
    }
}

bool any_infinite(const double* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (std::isinf(x[i])) return true;
    return false;
}

// A value outside the enum (a cast, or memory overwritten) would have written UTF-8 without a word.
void check_encoding(const write_csv_options& options) {
    using choice = write_csv_options::encoding_choice;
    if (options.encoding != choice::utf8 && options.encoding != choice::utf8_bom && options.encoding != choice::gb18030)
        throw argument_error("write_csv: encoding " + std::to_string(static_cast<int>(options.encoding)) +
                             " is none of write_csv_options::encoding_choice's utf8, utf8_bom, gb18030");
}

// The file `path` names, through its symbolic links (at most 40, as the kernel follows): a CSV
// renamed over a link would replace the link by a regular file and leave its target as it was.
std::string through_links(const std::string& path) {
    namespace fs = std::filesystem;
    fs::path p = path;
    std::error_code failed;
    for (int hops = 0; fs::is_symlink(fs::symlink_status(p, failed)); ++hops) {
        // a loop of links (a.csv -> b.csv -> a.csv) would otherwise end with a link renamed over
        if (hops == 40) throw file_error("cannot be written: too many levels of symbolic links", location{path});
        const fs::path next = fs::read_symlink(p, failed);
        if (failed) throw file_error("cannot be written: its link cannot be read: " + failed.message(), location{path});
        p = next.is_absolute() ? next : p.parent_path() / next;
    }
    return p.string();
}

// A CSV written to a file goes to a file beside it first and takes the file's name only when whole:
// a write refused or failing half way (a character GB18030 has no code for, a full disk) leaves a
// file of that name as it was. A path that is no regular file (/dev/stdout, a pipe) is written as is.
// Through a symbolic link the link's target is written (the link stays), and a file replaced keeps
// its permission bits: the part file takes them before a byte is written (a 0640 file's figures are
// never readable by others on the way).
class file_being_written {
public:
    explicit file_being_written(std::string path) : path_(std::move(path)) {
        namespace fs = std::filesystem;
        std::error_code ignored;
        const auto status = fs::status(path_, ignored);
        const bool replaced = fs::is_regular_file(status), special = fs::exists(status) && !replaced;
        target_ = special ? path_ : through_links(path_);
        part_ = special ? path_ : target_ + ".zhibiao-part";
        out_.open(part_, std::ios::binary | std::ios::trunc);
        if (!out_) throw file_error(std::string("cannot be written: ") + std::strerror(errno), location{path_});
        if (!replaced) return;
        std::error_code failed;
        fs::permissions(part_, status.permissions(), fs::perm_options::replace, failed);
        if (failed) {
            out_.close();
            std::remove(part_.c_str());  // no destructor runs for a constructor that throws
            throw file_error("cannot keep its permission bits: " + failed.message(), location{path_});
        }
    }
    file_being_written(const file_being_written&) = delete;
    file_being_written& operator=(const file_being_written&) = delete;
    ~file_being_written() {
        if (!done_ && part_ != target_) {
            out_.close();
            std::remove(part_.c_str());
        }
    }
    std::ofstream& stream() { return out_; }
    void finish() {
        out_.close();
        if (!out_) throw file_error(std::string("writing it failed: ") + std::strerror(errno), location{path_});
        if (part_ != target_ && std::rename(part_.c_str(), target_.c_str()) != 0)
            throw file_error(std::string("cannot be written: ") + std::strerror(errno), location{path_});
        done_ = true;
    }

private:
    std::string path_;    ///< as the caller named it (the errors say this one)
    std::string target_;  ///< the file written: path_ through its links
    std::string part_;
    std::ofstream out_;
    bool done_ = false;
};

// A stream that has failed writes nothing, silently: the caller's CSV would be empty or cut short.
void check_stream(const std::ostream& out, const char* when) {
    if (!out)
        throw file_error(std::string("write_csv: the output stream ") + when +
                         " (its failbit or badbit is set): the CSV is not written whole");
}

std::vector<written_column> panel_columns(const panel& p, const write_csv_options& options) {
    check_encoding(options);
    std::vector<written_column> columns;
    std::vector<bool> counted;
    for (const auto& c : p.columns()) {
        written_column w;
        w.name = c.name();
        w.unit_symbol = c.unit_given() ? c.unit().symbol() : std::string();
        w.values = c.data();
        if (!c.written_decimals().empty()) w.written = &c.written_decimals();
        for (std::size_t row = 0; options.reasons && row < c.size(); ++row)
            if (c.reason_at(row) != reason::none) w.why.resize(c.size(), reason::none), w.why[row] = c.reason_at(row);
        w.reason_column = !w.why.empty() || any_infinite(w.values, c.size());
        counted.push_back(c.unit_given() && is_counted(c.unit()));
        columns.push_back(std::move(w));
    }
    set_styles(columns, counted, options);
    return columns;
}

std::vector<written_column> indicator_columns(const panel& rows, const indicator_table& values,
                                              const write_csv_options& options) {
    check_encoding(options);
    std::vector<written_column> columns;
    std::vector<bool> counted;
    for (const auto& v : values) {
        if (v.size() != rows.rows())
            throw argument_error("write_csv: indicator '" + v.id() + "' has " + std::to_string(v.size()) +
                                 " rows and the panel " + std::to_string(rows.rows()) +
                                 ": write the indicators with the panel they were computed on");
        written_column w;
        w.name = v.id();
        w.unit_symbol = v.unit().symbol();
        w.values = v.values().data();
        if (options.reasons) w.why.assign(v.reasons().begin(), v.reasons().end());
        w.reason_column = options.reasons || any_infinite(w.values, v.size());
        counted.push_back(is_counted(v.unit()));
        columns.push_back(std::move(w));
    }
    set_styles(columns, counted, options);
    return columns;
}

}  // namespace

write_csv_options::encoding_choice write_csv_encoding(const std::string& name) {
    using choice = write_csv_options::encoding_choice;
    static const std::vector<std::pair<std::string, choice>> names{
        {"utf-8", choice::utf8}, {"utf-8-sig", choice::utf8_bom}, {"gb18030", choice::gb18030}};
    for (const auto& [known, encoding] : names)
        if (name == known) return encoding;
    std::string folded;
    for (char c : name)
        if (c != '-' && c != '_') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // read_csv reads these names as GB18030, which holds GBK: writing needs the one name (as Python says)
    const bool gbk = folded == "gbk" || folded == "gb2312" || folded == "cp936" || folded == "936" ||
                     folded == "ms936" || folded == "euccn";
    const std::string hint =
        gbk ? " (did you mean 'gb18030'? It holds GBK, GB2312 and CP936, and writes them byte for byte)"
            : detail::suggestion(name, names, [](const auto& entry) -> std::string_view { return entry.first; });
    throw argument_error("encoding must be one of utf-8, utf-8-sig, gb18030, not '" + name + "'" + hint);
}

void write_csv(const panel& p, std::ostream& out, const write_csv_options& options) {
    const std::vector<written_column> columns = panel_columns(p, options);
    check_stream(out, "has failed before writing");
    write_rows(p, columns, out, options);
    check_stream(out, "failed while writing");
}

void write_csv(const panel& rows, const indicator_table& values, std::ostream& out, const write_csv_options& options) {
    const std::vector<written_column> columns = indicator_columns(rows, values, options);
    check_stream(out, "has failed before writing");
    write_rows(rows, columns, out, options);
    check_stream(out, "failed while writing");
}

// The columns are checked before the file is opened: a refused option leaves an existing file as it was.
void write_csv(const panel& p, const std::string& path, const write_csv_options& options) {
    const std::vector<written_column> columns = panel_columns(p, options);
    file_being_written file(path);
    write_rows(p, columns, file.stream(), options);
    file.finish();
}

void write_csv(const panel& rows, const indicator_table& values, const std::string& path,
               const write_csv_options& options) {
    const std::vector<written_column> columns = indicator_columns(rows, values, options);
    file_being_written file(path);
    write_rows(rows, columns, file.stream(), options);
    file.finish();
}

}  // namespace zhibiao
