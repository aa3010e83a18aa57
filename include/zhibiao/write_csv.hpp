#pragma once
// Writing a panel, or the indicators computed on it, as CSV: what Python's zb.write_csv and the
// CLI write, so a C++ program's tables read and print as theirs do.
//
// The header is entity,period, then name (when any entity has one), then the columns. A panel's
// column read from text (column::written_decimals not empty) is written as it was read, each cell
// with the decimals it was written with (1.7 as 1.7, "2.00" as 2.00, "2" as 2: the shortest digits,
// padded with 0s), not its catalogue indicator's, so read_csv reads the same values and written
// decimals back; write_csv_options::decimals still win. Any other column
// with decimals (its catalogue indicator's, or write_csv_options::decimals) is rounded half away
// from zero, as statistical tables print (四舍五入: 2.675 is 2.68), and written with every decimal
// (2.40, not 2.4; 0 as 0.00, never -0.00). A column in a counted unit (件, 项, 人, 万人) writes a
// whole value without a point (139); any other value is written with the digits that read back
// as the same double (Python's repr: 2.4, 3.0, 1e+16). A missing value is an empty cell; a ±inf
// is an empty cell too, with invalid_input in a `<column>_reason` column after its column (an
// "inf" is no figure Excel or read_csv takes back). UTF-8 (with a BOM on request) or GB18030, as
// Python's zb.write_csv encoding= "utf-8", "utf-8-sig", "gb18030"; "\n" line ends; fields holding a
// comma, a quote or a line break are quoted (a quote doubled), as Python's csv module quotes.
#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "zhibiao/fwd.hpp"

namespace zhibiao {

struct write_csv_options {
    enum class encoding_choice { utf8, utf8_bom, gb18030 };
    /// utf8_bom: a byte order mark first, so that Excel opens the file with its Chinese intact
    /// (Python's encoding="utf-8-sig"); gb18030: what Excel on Chinese Windows reads without a BOM
    /// and older tools expect (encoding="gb18030"; it holds GBK and GB2312), through the system's
    /// iconv: a character its table lacks (glibc: 24 private-use code points) is an argument_error
    /// naming the line and the code. write_csv_encoding() reads Python's names. A value outside the
    /// enum is an argument_error.
    encoding_choice encoding = encoding_choice::utf8;
    /// Every digit (the shortest text that reads back as the same double), no rounding; a column
    /// read from text is still written with its written decimals (they drop no digit).
    bool full_precision = false;
    /// The entity names in a `name` column after the period (when any entity has a name and no
    /// column is named `name`).
    bool names = true;
    /// Each column's unit in its header (rd_intensity[%]), as read_csv reads units back.
    bool unit_header = false;
    /// `<column>_reason` after each column: the reason of each missing value (blank where the
    /// value is present; a partial roll-up sum's beside its value), which read_csv reads back as
    /// the reasons of the cells (zhibiao/csv.hpp), as Python's zb.read_csv does. A panel writes it
    /// for the columns with a reason; indicators for every column (as zb.write_csv(values, reasons=...)).
    bool reasons = false;
    /// The catalogue whose indicators' decimals a column of the same name is printed with;
    /// nullptr: the built-in one.
    const catalogue* decimals_from = nullptr;
    /// Column → decimals (0 or more), over the catalogue's and those a panel's column was read with:
    /// a custom indicator's, or a variable's.
    std::vector<std::pair<std::string, int>> decimals;
};

/// The encoding Python's zb.write_csv names so: "utf-8", "utf-8-sig" or "gb18030" (for a program
/// taking it from its user or a configuration file). Another name is an argument_error with the
/// closest one ("did you mean"); gbk, gb2312 and cp936 are pointed to gb18030, which holds them.
write_csv_options::encoding_choice write_csv_encoding(const std::string& name);

/// Writes the panel's columns. A stream that is not good() before or after writing (a file stream
/// that failed to open, a full disk): a file_error, rather than a file silently left short. A file that cannot be
/// opened or written: a file_error naming it; a negative or unknown-column `decimals` entry: an argument_error naming
/// the column. A path is written through `<path>.zhibiao-part`, renamed to it when whole: a write refused or failing
/// half way leaves the file of that name as it was (a path that is no regular file, /dev/stdout, is written as is).
/// A symbolic link is followed: its target is written that way (`<target>.zhibiao-part`) and the link stays; a loop
/// of links is a file_error. A file replaced keeps its permission bits.
void write_csv(const panel& p, const std::string& path, const write_csv_options& options = {});
void write_csv(const panel& p, std::ostream& out, const write_csv_options& options = {});
/// Writes the indicators computed on `rows` (compute(rows, ids)): their rows, in order, are the
/// panel's; an argument_error when a column has another number of rows.
void write_csv(const panel& rows, const indicator_table& values, const std::string& path,
               const write_csv_options& options = {});
void write_csv(const panel& rows, const indicator_table& values, std::ostream& out,
               const write_csv_options& options = {});

}  // namespace zhibiao
