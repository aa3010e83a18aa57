#pragma once
// Loading panels from CSV, as statistics offices and Excel write them.
//
// Two layouts:
//  - wide: one row per (entity, period), one column per variable, the unit in the header as
//    `gdp[亿元]` or from `csv_options::units`;
//  - long: columns entity, period, variable, value and (optionally) unit, one row per cell.
// Encodings: UTF-8 with or without BOM, GB18030 (what Excel writes on Chinese Windows) and
// UTF-16 with BOM; `automatic` takes UTF-8 when the bytes are valid UTF-8, else GB18030.
// Cells: full-width digits, thousands separators in groups of three ("1,234.5" when quoted),
// a trailing % or ‰ (converted into the column's unit), and empty, "-", "—", "NA" as missing.
// Anything else that is not a number is a parse_error naming file, line, column and text; with
// `lenient`, it becomes NaN with reason::unparseable and an entry in the load report.
// Reasons: a wide file's column `<variable>_reason` beside its variable's column (what
// write_csv(reasons = true) and `zhibiao rollup` write) holds the reasons of that variable's
// cells, by name ("zero_denominator"; blank for none), and is no variable: a missing cell takes
// its reason; a present value only incomplete_rollup or invalid_child, the reason a partial
// roll-up sum keeps beside its value (rollup_options::partial_sums). An unknown name, or another
// reason beside a value, is a parse_error at its cell (with `lenient`, an issue of the load
// report, the cell keeping the reason its value gives it). A `_reason` column with no variable
// beside it is a variable; in a long file, one beside a column is refused (parse_error).

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/panel.hpp"

namespace zhibiao {

struct csv_options {
    enum class encoding_choice { automatic, utf8, gb18030 };
    enum class layout_choice { automatic, wide, long_form };

    char separator = ',';
    /// The decimal mark: '.' or ','. With ',' (Excel's CSV where the comma is the decimal mark,
    /// separated by ';'), "1,5" is 1.5 and points group thousands ("1.234,5" is 1234.5; "1.5" is
    /// not a number). 0, the default, is '.', except that in a file separated by ';' a number with
    /// a comma ("1,500": 1.5 or 1500?) is refused as ambiguous until the mark is given.
    char decimal = 0;
    encoding_choice encoding = encoding_choice::automatic;
    layout_choice layout = layout_choice::automatic;
    /// Column names; empty means "detect" (entity: entity, region, code, adcode, 地区代码, 地区, firm,
    /// firm_id, id, 统一社会信用代码, 企业名称, 行政区划代码, 区县, 县（市、区）, 城市, 省份…: of two
    /// levels of region the finer, and a coarser one is never the names of the entity;
    /// period: period, year, 年份, 时期, 期间, 年度, 统计年度, 报告期, 年; name: name, 名称; parent:
    /// parent, 上级代码). A name given that the header lacks is a parse_error with the closest heading.
    std::string entity;
    std::string period;
    /// The period of every row when the file has no period column (a firm table for one year).
    std::string period_value;
    std::string name;
    std::string parent;
    /// Variable → unit text; overrides a unit given in the header. A column read as a catalogue
    /// name by its meaning or as an indicator by its official name (column_header) is keyed by its
    /// id or by its heading as written (R&D经费投入强度 for rd_intensity).
    std::vector<std::pair<std::string, std::string>> units;
    /// Columns to leave out (listed in the report's ignored_columns), never detected as a key column.
    std::vector<std::string> ignore;
    /// Texts read as missing, after trimming and full-width normalisation (－ is -): the dashes of
    /// a table's empty cell and the ellipses of a figure not available, single or doubled as
    /// Chinese text writes them (……, ⋯⋯: GB/T 15834 标点符号用法), and the spellings of NA. The one
    /// list read_csv, from_pandas (parse_text_cells) and the CLI read.
    std::vector<std::string> na_values = {"",    "-",    "--",   "—", "——", "–", "NA", "N/A", "n/a",   "NaN",
                                          "nan", "null", "NULL", "…", "……", "⋯", "⋯⋯", "...", "......"};
    /// Unparseable cells become NaN with a reason (and rows with the wrong number of fields are
    /// skipped and reported) instead of throwing.
    bool lenient = false;
    std::size_t max_reported_issues = 1000;
    /// Threads for large wide files (0: one per core). The result is the same for any count.
    unsigned threads = 0;
    /// A wide file is split across threads in chunks of at least this many bytes (smaller files
    /// are read on one thread). Chunks are cut at row ends, also in files with quoted fields.
    std::size_t min_chunk_bytes = std::size_t{4} << 20;
    /// A header with more columns is refused with limit_error before anything is allocated.
    std::size_t max_columns = 100000;
    /// Long layout: the panel has (entity, period) rows × variables cells however few records
    /// fill it, so it is refused (limit_error) beyond max_long_cells + max_long_fill × records. A
    /// dense file has about one cell per record; the limit stops a 200 KB file from asking for
    /// gigabytes. Distinct variables count against max_columns as in the wide layout.
    std::size_t max_long_cells = std::size_t{1} << 24;
    std::size_t max_long_fill = 64;
};

/// Reads a file (read into memory, never mapped). Throws file_not_found_error and file_error
/// (not a regular file), parse_error (with file, line, column; also when the file changes size
/// while it is read), unknown_unit_error, incompatible_units_error, duplicate_row_error, limit_error.
panel read_csv(const std::string& path, const csv_options& options = {});

/// Parses CSV text already in memory; `source` names it in messages.
panel parse_csv(std::string_view bytes, const csv_options& options = {}, const std::string& source = "<text>");

/// Throws parse_error (naming `source`) when `bytes` (a file's contents) are not a text file by read_csv's
/// detection: a zip archive (an .xlsx workbook), an OLE document (an .xls workbook), or other bytes with NULs
/// (4 or more, in 1 of 32 code units or more) not in the pattern of UTF-16 text. read_csv checks with it, and
/// the report extractor's bytes input (Python's zb.extract, `zhibiao extract`) too.
void check_text_file(std::string_view bytes, const std::string& source);

/// A column header read as a variable and its unit: `gdp[亿元]`, `gdp［亿元］`, `gdp（亿元）`,
/// `gdp(亿元)`. Square brackets always hold a unit (an unknown one is an error where it is used);
/// round ones only when their text is a unit, else they are part of the name (`R&D(内部)`). A name
/// that is not a variable id of `cat` but is a variable's Chinese name (`地区生产总值`) becomes its id
/// (`gdp`), and so does a heading that means exactly one variable's name once 研发, 研究与试验发展
/// and 研究与开发 (with or without `(R&D)`) and R&D in any case or width are read as R&D
/// (`研发经费内部支出` → `rd_expenditure`). A heading that is no variable but a catalogue indicator's
/// official name (`name_zh`), as written or by that meaning (`R&D经费投入强度`, `研究与试验发展经费投入强度`
/// → `rd_intensity`), becomes the indicator's id: a published figure, which validate checks against
/// its inputs. `renamed_from` keeps the heading as written, for the load report (renamed_columns),
/// csv_options::units keyed by it and the messages.
struct column_header {
    std::string name;
    std::string unit;  ///< empty: none given
    std::string
        renamed_from;  ///< the heading as written when it was read as a catalogue variable or indicator, or empty
};
/// The one header parser of read_csv and Panel.from_pandas.
column_header parse_column_header(std::string_view header, const catalogue* cat = &catalogue::builtin());

/// An entity code or period as read_csv keys rows by it: ASCII white space and U+3000 trimmed at
/// both ends, so "A01 " and "A01" are one entity (Panel.from_pandas uses the same rule).
std::string trim_key(std::string_view text);

/// A footnote under a table as Excel saves it (注：2024年上半年数据为快报数。,,,), text and no row:
/// its first cell starts 注, 说明, 备注, 资料来源 or 数据来源 with a colon (： or :), white space around
/// the cell aside. The one rule of read_csv and Panel.from_pandas.
bool looks_like_footnote(std::string_view first_cell);

/// The name of one region whose rows name it `a` and `b`, as read_csv settles a code's name: the
/// longer when one is the other plus an administrative suffix, 市, 县, 区 or 旗 (西湖 and 西湖区:
/// 西湖区); either when they are equal or one is blank; nullopt when they name two places (南昌县
/// and 南昌市, 东湖区 and 西湖区).
std::optional<std::string> region_name(std::string_view a, std::string_view b);

/// Cells of one column given as texts (a pandas column of strings), each read by the CSV cell
/// grammar: numbers, percentages converted into `u` when it is dimensionless, and the texts of
/// `na_values` (csv_options' by default) as missing. An absent cell (nullopt) is missing. Without
/// `unit_stated`, percentages among plain numbers are unparseable, as in read_csv (100× apart).
struct text_cells {
    std::vector<double> values;
    std::vector<reason> reasons;                           ///< none, missing_input or unparseable per cell
    std::size_t first_bad = static_cast<std::size_t>(-1);  ///< the first unparseable cell, or -1
    std::string problem;                                   ///< what is wrong with it, quoting it
    /// No unit was stated and every number was written as a percentage ("60%", "5‰"): the values
    /// are in %, and the column is one in % (read_csv gives such a column that unit).
    bool in_percent = false;
};
/// `decimal` as csv_options::decimal in a file separated by ';': '.', ',', or 0 for '.' with a number
/// holding a comma refused as ambiguous.
text_cells parse_text_cells(const std::vector<std::optional<std::string>>& cells, const unit& u,
                            const std::vector<std::string>& na_values = csv_options{}.na_values,
                            bool unit_stated = true, char decimal = '.');

/// The bytes of a definition file (catalogue, rules, scorecard pack, composite model, lexicon), as
/// every loader of those reads them: file_not_found_error, file_error when it is not a regular
/// file (a directory, /dev/zero), limit_error above 64 MiB.
std::string read_definition_file(const std::string& path);

namespace detail {
/// Reads one cell as a number: the grammar of the loader, exposed for tests and fuzzing.
/// Returns false (leaving `value` unspecified) when the text is not a number; `percent_exponent`
/// receives -2 for a trailing %, -3 for ‰, 0 otherwise. Missing texts are not handled here.
bool parse_number(std::string_view text, double& value, int& percent_exponent);
/// The same with ',' as the decimal mark and '.' grouping thousands ("1.234,5"); `decimal` '.'
/// is the overload above.
bool parse_number(std::string_view text, double& value, int& percent_exponent, char decimal);
/// "1 234.567": a space grouping digits and a point in one number, which a decimal-comma file reads
/// two ways (1234567, or 1234.567 with a decimal point); parse_number with ',' refuses it.
bool mixes_space_and_point(std::string_view text);
/// A heading as its meaning compares it (read_csv's match of a header to a catalogue name):
/// full-width Ｒ＆Ｄ and （） as ASCII, R&D in any case as "R&D", and 研发, 研究与试验发展,
/// 研究与开发 (with or without "(R&D)") as "R&D". Exposed for the Python layer's hints.
std::string meaning_key(std::string_view name);
}  // namespace detail

}  // namespace zhibiao
