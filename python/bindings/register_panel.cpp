// Panel and the CSV loader. Columns from NumPy are viewed, not copied, when they are already
// contiguous float64; column values go back to Python as read-only views kept alive by a
// capsule that owns a reference to the storage.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "io/written_number.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/entity.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/write_csv.hpp"

namespace zhibiao::python {

std::shared_ptr<const void> keep_alive(py::object object) {
    auto* held = new py::object(std::move(object));
    return std::shared_ptr<const void>(held, [](const void* p) {
        // The last owner may be a C++ thread without the GIL: take it to drop the reference.
        py::gil_scoped_acquire gil;
        delete static_cast<const py::object*>(p);
    });
}

py::array read_only_view(const double* data, std::size_t size, std::shared_ptr<const void> owner) {
    auto* holder = new std::shared_ptr<const void>(std::move(owner));
    py::capsule base(holder, [](void* p) { delete static_cast<std::shared_ptr<const void>*>(p); });
    py::array view(py::dtype::of<double>(), {static_cast<py::ssize_t>(size)},
                   {static_cast<py::ssize_t>(sizeof(double))}, data, base);
    view.attr("flags").attr("writeable") = false;
    return view;
}

namespace {

using int_array = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::vector<std::int32_t> to_vector(const int_array& a) { return {a.data(), a.data() + a.size()}; }

py::dict report_to_dict(const load_report& r) {
    py::dict d;
    d["source"] = r.source;
    d["encoding"] = r.encoding;
    d["layout"] = r.layout;
    d["data_lines"] = r.data_lines;
    d["rows_loaded"] = r.rows_loaded;
    d["blank_lines"] = r.blank_lines;
    d["rows_skipped"] = r.rows_skipped;
    d["cells"] = r.cells;
    d["cells_missing"] = r.cells_missing;
    d["cells_unparseable"] = r.cells_unparseable;
    d["ignored_columns"] = r.ignored_columns;
    py::dict renamed;
    for (const auto& [written, id] : r.renamed_columns) renamed[py::str(written)] = id;
    d["renamed_columns"] = renamed;
    d["percent_columns"] = r.percent_columns;
    py::list issues;
    for (const auto& i : r.issues)
        issues.append(py::dict(py::arg("line") = i.line, py::arg("column") = i.column, py::arg("variable") = i.variable,
                               py::arg("text") = i.text, py::arg("problem") = i.problem, py::arg("entity") = i.entity,
                               py::arg("period") = i.period));
    d["issues"] = issues;
    d["issues_not_listed"] = r.issues_not_listed;
    return d;
}

csv_options make_options(char separator, const std::string& encoding, const std::string& layout, std::string entity,
                         std::string period_col, std::string name, std::string parent,
                         const std::vector<std::pair<std::string, std::string>>& units, std::vector<std::string> ignore,
                         std::optional<std::vector<std::string>> na_values, bool lenient, unsigned threads,
                         std::string period_value, const std::string& decimal) {
    csv_options o;
    if (decimal.size() > 1) throw argument_error("decimal must be '.' or ',', not '" + decimal + "'");
    o.decimal = decimal.empty() ? '\0' : decimal[0];  // checked with the separator by the loader
    o.threads = threads;
    o.period_value = std::move(period_value);
    o.separator = separator;
    if (encoding == "auto")
        o.encoding = csv_options::encoding_choice::automatic;
    else if (encoding == "utf-8" || encoding == "utf8")
        o.encoding = csv_options::encoding_choice::utf8;
    else if (encoding == "gb18030" || encoding == "gbk" || encoding == "gb2312")
        o.encoding = csv_options::encoding_choice::gb18030;
    else
        throw unknown_choice("encoding", encoding, {"auto", "utf-8", "gb18030"});
    if (layout == "auto")
        o.layout = csv_options::layout_choice::automatic;
    else if (layout == "wide")
        o.layout = csv_options::layout_choice::wide;
    else if (layout == "long")
        o.layout = csv_options::layout_choice::long_form;
    else
        throw unknown_choice("layout", layout, {"auto", "wide", "long"});
    o.entity = std::move(entity);
    o.period = std::move(period_col);
    o.name = std::move(name);
    o.parent = std::move(parent);
    o.units = units;
    o.ignore = std::move(ignore);
    if (na_values) o.na_values = *na_values;
    o.lenient = lenient;
    return o;
}

// Panel(entity_codes, names, parents, periods, entity_index, period_index) from Python.
panel make_panel(std::vector<std::string> codes, std::vector<std::string> names, std::vector<std::string> parents,
                 std::vector<std::string> period_texts, const int_array& entity_index, const int_array& period_index) {
    if (names.size() != codes.size() || parents.size() != codes.size())
        throw error("entity codes, names and parents differ in length");
    std::vector<entity> entities;
    entities.reserve(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i)
        entities.push_back({std::move(codes[i]), std::move(names[i]), std::move(parents[i])});
    std::vector<period> periods;
    for (const auto& t : period_texts) {
        try {
            periods.push_back(period::parse(t));
        } catch (const parse_error& e) {
            location w;
            w.period = t;
            throw parse_error(e.message(), w);
        }
    }
    auto e = to_vector(entity_index), p = to_vector(period_index);
    py::gil_scoped_release release;  // duplicate check over every row: pure C++
    return panel(std::move(entities), std::move(periods), std::move(e), std::move(p));
}

// Panel.add_column: a NumPy column viewed (no copy when already contiguous float64).
void add_numpy_column(
    panel& self, const std::string& name, const double_array& values, const std::optional<std::string>& unit_text,
    const std::optional<py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>>& reason_codes) {
    if (values.ndim() != 1) throw error("column '" + name + "' must be one-dimensional");
    bool given = unit_text.has_value() && !unit_text->empty();
    unit u = given ? unit::parse(*unit_text) : unit{};
    std::vector<reason> reasons;
    if (reason_codes) {
        if (reason_codes->size() != values.size())
            throw error("column '" + name + "': reasons and values differ in length");
        for (py::ssize_t i = 0; i < reason_codes->size(); ++i) {
            const std::uint8_t code = reason_codes->data()[i];
            if (code >= reason_count) throw error("column '" + name + "': no reason code " + std::to_string(code));
            reasons.push_back(static_cast<reason>(code));
        }
    }
    // `values` is the caller's array when it was already contiguous float64, else a
    // converted copy: either way the column views it and keeps it alive.
    self.add(column(name, u, values.data(), static_cast<std::size_t>(values.size()), keep_alive(values), given,
                    std::move(reasons)));
}

// The entity code of every row as a NumPy object array, one str per entity shared by its rows:
// the index of a table with a row per firm, without a list in between.
py::array row_entity_codes(const panel& p) {
    const auto& of_row = p.entity_of_row();
    std::vector<py::object> codes(p.entity_count());
    py::array out(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(of_row.size())});
    auto** cells = static_cast<PyObject**>(out.mutable_data());
    for (std::size_t r = 0; r < of_row.size(); ++r) {
        py::object& code = codes[static_cast<std::size_t>(of_row[r])];
        if (!code) {
            const std::string_view text = p.entity_code(static_cast<std::size_t>(of_row[r]));
            code = py::str(text.data(), text.size());
        }
        PyObject* old = cells[r];
        cells[r] = code.inc_ref().ptr();
        Py_XDECREF(old);
    }
    return out;
}

// Panel.written_decimals: a column's written decimals, one per row (0 where none).
py::array_t<std::uint8_t> written_decimals_of(const panel& p, const std::string& name) {
    const auto& d = p.at(name).written_decimals();
    py::array_t<std::uint8_t> out(static_cast<py::ssize_t>(p.rows()));
    auto* y = out.mutable_data();
    for (std::size_t r = 0; r < p.rows(); ++r) y[r] = d.empty() ? 0 : d[r];
    return out;
}

// Panel.set_written_decimals: the column again, its values shared, with these written decimals
// (a report's figures, which reach the panel through from_pandas: python/zhibiao/_extract.py).
void set_written_decimals_of(panel& p, const std::string& name, const py::array& given) {
    if (given.ndim() != 1) throw error("written decimals of '" + name + "' must be one-dimensional");
    // Whole numbers 0…255 only: a cast would wrap -1 to 255 decimals and cut 2.7 to 2 (review 36).
    if (given.dtype().kind() != 'i' && given.dtype().kind() != 'u')
        throw error("written decimals of '" + name + "' must be whole numbers, not of dtype " +
                    std::string(py::str(given.dtype())));
    const auto wide = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(given);
    const auto* w = wide.data();
    if (std::any_of(w, w + wide.size(), [](std::int64_t x) { return x < 0 || x > 255; }))
        throw error("written decimals of '" + name + "' must be 0 to 255");
    std::vector<std::uint8_t> decimals(w, w + wide.size());
    const column& old = p.at(name);
    column c(old.name(), old.unit(), old.data(), old.size(), old.storage_owner(), old.unit_given(), old.reasons());
    // All 0 too: the cells were written as their shortest forms show ("1.7"), as read_csv keeps a
    // column read from text; write_csv writes them so, not with the catalogue's decimals.
    c.set_written_decimals(std::move(decimals));
    p.add(std::move(c));
}

void register_cell_readers(py::module_& m);
void register_heading_rules(py::module_& m);
void register_csv_readers(py::module_& m);

}  // namespace

namespace {
// Panel.written_texts: a column's cells as write_csv writes them from their written decimals
// (detail::append_as_written; "" for a NaN or ±inf), or None when it has none (a column not read
// from text: write_csv prints it with its catalogue's decimals).
std::optional<std::vector<std::string>> written_texts_of(const panel& p, const std::string& name) {
    const column& c = p.at(name);
    const auto& d = c.written_decimals();
    if (d.empty()) return std::nullopt;
    std::vector<std::string> out(c.size());
    for (std::size_t r = 0; r < c.size(); ++r)
        if (std::isfinite(c.data()[r])) detail::append_as_written(out[r], c.data()[r], d[r]);
    return out;
}

void write_panel_csv(const panel& p, const std::string& path, bool full_precision, bool names, bool unit_header,
                     bool bom, bool reasons) {
    write_csv_options options;
    options.full_precision = full_precision;
    options.names = names;
    options.unit_header = unit_header;
    options.reasons = reasons;
    if (bom) options.encoding = write_csv_options::encoding_choice::utf8_bom;
    py::gil_scoped_release unlocked;
    write_csv(p, path, options);
}
}  // namespace

void register_panel(py::module_& m) {
    py::class_<panel>(m, "Panel", "Columnar (entity, period) × variable table. Use zhibiao.Panel, which wraps this.")
        .def(py::init(&make_panel), py::arg("entity_codes"), py::arg("entity_names"), py::arg("entity_parents"),
             py::arg("periods"), py::arg("entity_index"), py::arg("period_index"))
        .def("add_column", &add_numpy_column, py::arg("name"), py::arg("values"), py::arg("unit") = py::none(),
             py::arg("reasons") = py::none())
        .def_property_readonly("rows", &panel::rows)
        .def_property_readonly("variables",
                               [](const panel& p) {
                                   std::vector<std::string> names;
                                   for (const auto& c : p.columns()) names.push_back(c.name());
                                   return names;
                               })
        .def(
            "values",
            [](const panel& p, const std::string& name) {
                const column& c = p.at(name);
                return read_only_view(c.data(), c.size(), c.storage_owner());
            },
            py::arg("name"), "A read-only view of a column (no copy).")
        .def(
            "reasons",
            [](const panel& p, const std::string& name) {
                const column& c = p.at(name);
                py::array_t<std::uint8_t> out(static_cast<py::ssize_t>(c.size()));
                auto* y = out.mutable_data();
                for (std::size_t r = 0; r < c.size(); ++r) y[r] = static_cast<std::uint8_t>(c.reason_at(r));
                return out;
            },
            py::arg("name"))
        .def("written_decimals", &written_decimals_of, py::arg("name"),
             "Per row, the decimals the cell was written with beyond its shortest form (\"2.00\" → 2), else 0.")
        .def("set_written_decimals", &set_written_decimals_of, py::arg("name"), py::arg("decimals"),
             "Sets the decimals each cell of a column was written with (column::written_decimals): a "
             "report's \"2.00%\" is checked at 2 decimals, as read_csv's is.")
        .def(
            "unit", [](const panel& p, const std::string& name) { return p.at(name).unit(); }, py::arg("name"))
        .def(
            "unit_given", [](const panel& p, const std::string& name) { return p.at(name).unit_given(); },
            py::arg("name"))
        .def_property_readonly("entity_codes",
                               [](const panel& p) {
                                   std::vector<std::string_view> v;  // read compactly, no entity built
                                   for (std::size_t i = 0; i < p.entity_count(); ++i) v.push_back(p.entity_code(i));
                                   return v;
                               })
        .def_property_readonly("entity_names",
                               [](const panel& p) {
                                   std::vector<std::string_view> v;  // read compactly, no entity built
                                   for (std::size_t i = 0; i < p.entity_count(); ++i) v.push_back(p.entity_name(i));
                                   return v;
                               })
        .def_property_readonly("entity_parents",
                               [](const panel& p) {
                                   std::vector<std::string_view> v;  // read compactly, no entity built
                                   for (std::size_t i = 0; i < p.entity_count(); ++i) v.push_back(p.entity_parent(i));
                                   return v;
                               })
        .def_property_readonly("periods",
                               [](const panel& p) {
                                   std::vector<std::string> v;
                                   for (const auto& x : p.periods()) v.push_back(x.to_string());
                                   return v;
                               })
        .def_property_readonly("entity_index", [](const panel& p) { return copy_to_numpy(p.entity_of_row()); })
        .def("row_entity_codes", &row_entity_codes)
        .def_property_readonly("period_index", [](const panel& p) { return copy_to_numpy(p.period_of_row()); })
        .def_property_readonly("report", [](const panel& p) { return report_to_dict(p.report()); })
        .def("written_texts", &written_texts_of, py::arg("name"),
             "A column's cells as write_csv writes them from the decimals each was written with "
             "(column::written_decimals: 1.7 as 1.7, 2 written '2.00' as 2.00; '' for NaN or ±inf), or "
             "None when the column has none (not read from text: the catalogue's decimals apply).")
        .def("write_csv", &write_panel_csv, py::arg("path"), py::kw_only(), py::arg("full_precision") = false,
             py::arg("names") = true, py::arg("unit_header") = false, py::arg("bom") = false,
             py::arg("reasons") = false,
             "The C++ zhibiao::write_csv of the panel (what zb.write_csv writes of to_pandas(), the same bytes; "
             "the tests compare them).");

    register_cell_readers(m);
    register_heading_rules(m);
    register_csv_readers(m);
}

namespace {

// The cell and header grammar of the CSV loader, for Panel.from_pandas; definition files; Ctrl-C.
void register_cell_readers(py::module_& m) {
    m.def(
        "parse_column_header",
        [](const std::string& header, const catalogue* cat) {
            column_header h = parse_column_header(header, cat ? cat : &catalogue::builtin());
            return py::make_tuple(h.name, h.unit, h.renamed_from);
        },
        py::arg("header"), py::arg("catalogue") = nullptr,
        "(name, unit, renamed_from) of a column header, as read_csv reads it: gdp[亿元], gdp（亿元）, "
        "地区生产总值 → gdp.");
    m.def(
        "admin_code", [](std::string_view code) { return admin_code(code); }, py::arg("code"),
        "The canonical 6 digits of an administrative code, as read_csv and the roll-up compare codes "
        "(entity.hpp admin_code): '3206' is '320600', '32' is '320000'; any other code as it is.");
    m.def(
        "fixed_texts",
        [](const double_array& values, int decimals) {
            // write_csv's cells: each value with `decimals` digits after the point (2.40, not 2.4),
            // as Python's f"{v:.{d}f}" writes it (both exact), a NaN as an empty cell. Formatted
            // here: the same loop in Python took ~0.7 µs a cell, 40 % of writing 231,000 rows.
            if (decimals < 0)
                throw argument_error("fixed_texts: decimals must be 0 or more, not " + std::to_string(decimals));
            const double* x = values.data();
            py::list out(values.size());
            // DBL_MAX is 309 digits before the point; a sign, the point and the decimals after
            std::vector<char> buffer(static_cast<std::size_t>(decimals) + 320);
            for (py::ssize_t k = 0; k < values.size(); ++k) {
                if (std::isnan(x[k])) {
                    out[static_cast<std::size_t>(k)] = py::str("");
                    continue;
                }
                const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x[k] + 0.0,
                                                   std::chars_format::fixed, decimals);
                out[static_cast<std::size_t>(k)] =
                    py::str(buffer.data(), static_cast<std::size_t>(written.ptr - buffer.data()));
            }
            return out;
        },
        py::arg("values"), py::arg("decimals"),
        "Each value as text with `decimals` digits after the point (f'{v:.{d}f}'; -0.0 as 0), NaN as ''.");
    m.def(
        "trim_keys",
        [](const std::vector<std::string>& texts) {
            std::vector<std::string> out;
            out.reserve(texts.size());
            for (const auto& t : texts) out.push_back(trim_key(t));
            return out;
        },
        py::arg("texts"), "Entity codes or periods trimmed as read_csv trims them (white space, U+3000).");
    m.def(
        "parse_text_cells",
        [](const std::vector<std::optional<std::string>>& cells, const std::optional<std::string>& unit_text,
           std::optional<std::vector<std::string>> na_values, const std::string& decimal) {
            const unit u = unit_text && !unit_text->empty() ? unit::parse(*unit_text) : unit{};
            const bool unit_stated = unit_text && !unit_text->empty();
            if (decimal.size() > 1 || (decimal != "." && decimal != "," && !decimal.empty()))
                throw argument_error("decimal must be '.', ',' or '' (a ';' file's ambiguous comma refused), not '" +
                                     decimal + "'");
            text_cells r = parse_text_cells(cells, u, na_values ? *na_values : csv_options{}.na_values, unit_stated,
                                            decimal.empty() ? '\0' : decimal[0]);
            py::object first_bad = r.first_bad == static_cast<std::size_t>(-1) ? py::none() : py::cast(r.first_bad);
            py::object found_unit = r.in_percent ? py::cast("%") : py::none();
            return py::make_tuple(copy_to_numpy(r.values), reasons_to_numpy(r.reasons), first_bad, r.problem,
                                  found_unit);
        },
        py::arg("cells"), py::arg("unit") = py::none(), py::arg("na_values") = py::none(), py::arg("decimal") = ".",
        "(values, reasons, first bad index or None, its problem, '%' when no unit was given and every "
        "number is a percentage, else None): texts read by the CSV cell grammar.");
    m.def(
        "read_text_file",
        [](const py::object& path) {
            std::string name = fs_path(path), bytes;
            {
                interruptible ctrl_c;  // a FIFO nobody writes to waits in slices that poll for Ctrl-C
                py::gil_scoped_release release;
                bytes = read_definition_file(name);
            }
            return py::bytes(bytes);
        },
        py::arg("path"),
        "The bytes of a definition file (catalogue, rules, scorecard pack, composite model, lexicon) "
        "as the C++ loaders read them: MissingFileError / FileError for a missing or non-regular file, "
        "LimitError above 64 MiB. `path`: str, bytes or os.PathLike.");
    m.def(
        "_interruptible_wait",
        [](double seconds) {
            // Checks interrupt_check itself (tests): waits without the GIL, as a long C++ call
            // would, and returns True unless Ctrl-C (KeyboardInterrupt) ended the wait.
            interrupt_check check;
            py::gil_scoped_release release;
            const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
            while (std::chrono::steady_clock::now() < end) {
                check();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return true;
        },
        py::arg("seconds"));
}

// read_csv's rules of headings, for the Python layer's hints (one rule, not a copy).
void register_heading_rules(py::module_& m) {
    m.def("meaning_key", &detail::meaning_key, py::arg("heading"),
          "A heading as read_csv compares it to the catalogue's names (csv.hpp detail::meaning_key): "
          "full-width Ｒ＆Ｄ and （） as ASCII, R&D in any case, 研发 and 研究与试验发展 as R&D.");
}

void register_csv_readers(py::module_& m) {
    m.def(
        "looks_like_footnote", [](std::string_view first_cell) { return looks_like_footnote(first_cell); },
        py::arg("first_cell"),
        "Whether a row whose first cell is this is a footnote under a table (注：…, 数据来源：…), as "
        "read_csv tells one (csv.hpp looks_like_footnote).");
    m.def(
        "region_name", [](std::string_view a, std::string_view b) { return region_name(a, b); }, py::arg("a"),
        py::arg("b"),
        "The name of one region whose rows name it a and b, as read_csv settles a code's name (csv.hpp "
        "region_name): the longer when one is the other plus 市, 县, 区 or 旗 ('西湖', '西湖区' -> '西湖区'); "
        "None when they name two places ('南昌县', '南昌市').");
    m.def(
        "read_csv",
        [](const py::object& path_object, char separator, const std::string& encoding, const std::string& layout,
           std::string entity, std::string period_col, std::string name, std::string parent,
           std::vector<std::pair<std::string, std::string>> units, std::vector<std::string> ignore,
           std::optional<std::vector<std::string>> na_values, bool lenient, unsigned threads, std::string period_value,
           const std::string& decimal) {
            csv_options o = make_options(separator, encoding, layout, std::move(entity), std::move(period_col),
                                         std::move(name), std::move(parent), units, std::move(ignore),
                                         std::move(na_values), lenient, threads, std::move(period_value), decimal);
            const std::string path = fs_path(path_object);
            interruptible ctrl_c;            // polled between blocks of rows
            py::gil_scoped_release release;  // parsing touches no Python object
            return read_csv(path, o);
        },
        py::arg("path"), py::arg("separator") = ',', py::arg("encoding") = "auto", py::arg("layout") = "auto",
        py::arg("entity") = "", py::arg("period") = "", py::arg("name") = "", py::arg("parent") = "",
        py::arg("units") = std::vector<std::pair<std::string, std::string>>{},
        py::arg("ignore") = std::vector<std::string>{}, py::arg("na_values") = py::none(), py::arg("lenient") = false,
        py::arg("threads") = 0u, py::arg("period_value") = "", py::arg("decimal") = "");
    m.def(
        "parse_csv",
        [](const py::bytes& data, char separator, const std::string& encoding, const std::string& layout,
           std::string entity, std::string period_col, std::string name, std::string parent,
           std::vector<std::pair<std::string, std::string>> units, std::vector<std::string> ignore,
           std::optional<std::vector<std::string>> na_values, bool lenient, unsigned threads, std::string period_value,
           const std::string& decimal, const std::string& source) {
            csv_options o = make_options(separator, encoding, layout, std::move(entity), std::move(period_col),
                                         std::move(name), std::move(parent), units, std::move(ignore),
                                         std::move(na_values), lenient, threads, std::move(period_value), decimal);
            std::string bytes = data;
            interruptible ctrl_c;            // polled (and progress reported) between blocks of rows
            py::gil_scoped_release release;  // parsing touches no Python object
            return parse_csv(bytes, o, source);
        },
        py::arg("data"), py::arg("separator") = ',', py::arg("encoding") = "auto", py::arg("layout") = "auto",
        py::arg("entity") = "", py::arg("period") = "", py::arg("name") = "", py::arg("parent") = "",
        py::arg("units") = std::vector<std::pair<std::string, std::string>>{},
        py::arg("ignore") = std::vector<std::string>{}, py::arg("na_values") = py::none(), py::arg("lenient") = false,
        py::arg("threads") = 0u, py::arg("period_value") = "", py::arg("decimal") = "", py::arg("source") = "<bytes>");
}

}  // namespace

}  // namespace zhibiao::python
