// Exceptions: one Python class per C++ class, with the location as attributes.
//   Error(ValueError) ─┬ ParseError ─ (LimitError)
//                      ├ UnitError ─┬ UnknownUnitError
//                      │            └ IncompatibleUnitsError
//                      ├ DuplicateRowError
//                      ├ FileError(Error, OSError) ─ MissingFileError(FileError, FileNotFoundError)
//                      └ UnknownNameError(Error, KeyError) ─┬ MissingVariableError
//                                                           └ UnknownIndicatorError
#include <cerrno>

#include "bindings.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::python {
namespace {

py::object new_exception(py::module_& m, const char* name, py::tuple bases, const char* doc) {
    std::string qualified = std::string("zhibiao.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (!type) throw py::error_already_set();
    auto cls = py::reinterpret_steal<py::object>(type);
    m.add_object(name, cls);
    return cls;
}

// Text from C++ as a str. A file name need not be UTF-8 (Python passes os.fsencode(path)): its
// bytes come back as os.fsdecode would give them, never as a UnicodeDecodeError.
py::object text(const std::string& s) {
    PyObject* str = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
    if (!str) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(str);
}

void raise(const char* name, const error& e) {
    // Looked up at raise time rather than cached in a static: no Python object outlives the module.
    py::object cls = py::module_::import("zhibiao._core").attr(name);
    py::object instance = cls(text(e.what()));
    const location& w = e.where();
    instance.attr("message") = text(e.message());
    instance.attr("file") = w.file.empty() ? py::none() : text(w.file);
    if (dynamic_cast<const file_error*>(&e)) {  // the OSError attributes, as open() sets them
        instance.attr("errno") = dynamic_cast<const file_not_found_error*>(&e) ? py::cast(ENOENT) : py::none();
        instance.attr("strerror") = text(e.message());
        instance.attr("filename") = text(w.file);
    }
    instance.attr("line") = w.line ? py::cast(w.line) : py::none();
    instance.attr("column") = w.column ? py::cast(w.column) : py::none();
    instance.attr("entity") = w.entity.empty() ? py::none() : py::cast(w.entity);
    instance.attr("period") = w.period.empty() ? py::none() : py::cast(w.period);
    instance.attr("variable") = w.variable.empty() ? py::none() : py::cast(w.variable);
    if (auto* lookup = dynamic_cast<const lookup_error*>(&e)) instance.attr("name") = text(lookup->name());
    if (auto* unknown = dynamic_cast<const unknown_unit_error*>(&e)) instance.attr("unit") = text(unknown->unit_text());
    PyErr_SetObject(cls.ptr(), instance.ptr());
}

// "Unable to cast Python instance of type <class 'NoneType'> to C++ type 'std::vector<double>'"
// → "a value of type NoneType where a list of numbers is needed".
std::string python_words(const std::string& what) {
    static const std::pair<const char*, const char*> kinds[] = {
        {"std::vector<std::__cxx11::basic_string", "a list of texts"},
        {"std::vector<double", "a list of numbers"},
        {"std::vector<", "a list"},
        {"std::map<", "a dict"},
        {"std::unordered_map<", "a dict"},
        {"std::pair<", "a pair"},
        {"basic_string", "a str"},
        {"'double'", "a number"},
        {"'float'", "a number"},
        {"'bool'", "True or False"},
        {"long", "a whole number"},
        {"'int'", "a whole number"},
        {"'unsigned", "a whole number ≥ 0"},
    };
    std::string type = "a value";
    const auto open = what.find("<class '");
    if (open != std::string::npos) {
        const auto close = what.find('\'', open + 8);
        if (close != std::string::npos) type = "a value of type " + what.substr(open + 8, close - open - 8);
    }
    const auto target = what.find("C++ type");
    if (target == std::string::npos) return type + " that this function does not take";
    const std::string cpp = what.substr(target);
    for (const auto& [mark, words] : kinds)
        if (cpp.find(mark) != std::string::npos) return type + " where " + words + " is needed";
    return type + " that this function does not take";
}

}  // namespace

void register_errors(py::module_& m) {
    py::object base = new_exception(m, "Error", py::make_tuple(py::handle(PyExc_ValueError)),
                                    "Base of zhibiao's errors; a ValueError. Attributes: message, file, line, column, "
                                    "entity, period, variable (None when not applicable).");
    new_exception(m, "ParseError", py::make_tuple(base),
                  "Text that does not follow its grammar (CSV cell, unit, period, TOML).");
    py::object unit = new_exception(m, "UnitError", py::make_tuple(base), "Base of unit problems.");
    new_exception(m, "UnknownUnitError", py::make_tuple(unit), "A unit symbol nobody knows; `unit` is the text.");
    new_exception(m, "IncompatibleUnitsError", py::make_tuple(unit), "Units that cannot convert into each other.");
    new_exception(m, "DuplicateRowError", py::make_tuple(base), "The same (entity, period) given twice.");
    new_exception(m, "LimitError", py::make_tuple(base), "An input beyond a resource limit.");
    new_exception(m, "ArgumentError", py::make_tuple(base),
                  "An argument a function does not accept: an unknown option value, or mismatched shapes.");
    new_exception(m, "MethodError", py::make_tuple(base),
                  "Data for which a method has no answer (constant indicator, singular PCA, inconsistent AHP, ...).");
    // OSError.__str__ would print "[Errno 2] ...": keep the full sentence, as for the others.
    py::object base_str =
        py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(PyExc_BaseException)).attr("__str__");
    py::object file =
        new_exception(m, "FileError", py::make_tuple(base, py::handle(PyExc_OSError)),
                      "A file that cannot be read as input (not a regular file, unreadable, changed while "
                      "read); also an OSError.");
    file.attr("__str__") = base_str;
    new_exception(m, "MissingFileError", py::make_tuple(file, py::handle(PyExc_FileNotFoundError)),
                  "A file that does not exist; also a FileNotFoundError.")
        .attr("__str__") = base_str;
    // KeyError.__str__ would print the repr of the sentence, in quotes: keep it as written.
    py::object lookup = new_exception(
        m, "UnknownNameError", py::make_tuple(base, py::handle(PyExc_KeyError)),
        "A name that should exist does not (a scorecard, a preset, a layer, a region); `name` is the name "
        "looked up. Also a KeyError.");
    lookup.attr("__str__") = base_str;
    new_exception(m, "MissingVariableError", py::make_tuple(lookup),
                  "A variable an indicator needs is not in the panel; `name` is the variable. Also a KeyError.");
    new_exception(m, "UnknownIndicatorError", py::make_tuple(lookup),
                  "An indicator id that is not in the catalogue; `name` is the id. Also a KeyError.");

    // Most derived first: pybind11 tries translators in reverse order of registration, and each
    // catch below tries the most specific C++ type before its bases.
    py::register_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const unknown_unit_error& e) {
            raise("UnknownUnitError", e);
        } catch (const incompatible_units_error& e) {
            raise("IncompatibleUnitsError", e);
        } catch (const unit_error& e) {
            raise("UnitError", e);
        } catch (const missing_variable_error& e) {
            raise("MissingVariableError", e);
        } catch (const unknown_indicator_error& e) {
            raise("UnknownIndicatorError", e);
        } catch (const lookup_error& e) {
            raise("UnknownNameError", e);
        } catch (const duplicate_row_error& e) {
            raise("DuplicateRowError", e);
        } catch (const file_not_found_error& e) {
            raise("MissingFileError", e);
        } catch (const file_error& e) {
            raise("FileError", e);
        } catch (const parse_error& e) {
            raise("ParseError", e);
        } catch (const limit_error& e) {
            raise("LimitError", e);
        } catch (const method_error& e) {
            raise("MethodError", e);
        } catch (const argument_error& e) {
            raise("ArgumentError", e);
        } catch (const error& e) {
            raise("Error", e);
        }
    });
    // A Python value a binding could not convert (zb.extract(None) reached one as "Unable to cast
    // Python instance of type <class 'NoneType'> to C++ type 'std::__cxx11::basic_string<…>'", a
    // RuntimeError): a TypeError in Python's words. The Python layer names the parameter where it
    // can; this is the net under it.
    py::register_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const py::cast_error& e) {
            PyErr_SetString(PyExc_TypeError, python_words(e.what()).c_str());
        }
    });
}

}  // namespace zhibiao::python
