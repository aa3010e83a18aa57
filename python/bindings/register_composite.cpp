// Composite scoring: framework, models (TOML steps), the pipeline result and its audit, and the
// single-purpose methods (weights, AHP, TOPSIS, VIKOR, outranking, MPI, BoD) for direct use.
#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "bindings.hpp"
#include "composite/code_suggestion.hpp"
#include "zhibiao/composite/audit.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/input.hpp"
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/composite/weights.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/entity.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/period.hpp"

namespace zhibiao::python {
namespace {

namespace cp = zhibiao::composite;

/// A built index together with its framework, which the audit functions need.
struct built {
    cp::framework fw;
    cp::result r;
};

cp::ties ties_of(const std::string& t) { return cp::choose(cp::ties_choices, t, "rank", "ties"); }

/// Blocks of whole 2 MiB pages that NumPy arrays of built results let go, kept for the next ones:
/// a new block is pages the kernel must zero and map on every call (~0.1 ms a page), and a
/// result's scores, ranks and layers are a few such blocks each time. At most 8 blocks, 64 MB.
struct spare_pages {
    struct block {
        void* data;
        std::size_t bytes;
    };
    std::mutex guard;
    std::vector<block> kept;
    std::size_t kept_bytes = 0;

    static spare_pages& one() {
        static spare_pages* pages = new spare_pages;  // never destroyed: an array may outlive statics
        return *pages;
    }
    void* take(std::size_t bytes) {
        const std::lock_guard<std::mutex> lock(guard);
        for (auto it = kept.begin(); it != kept.end(); ++it)
            if (it->bytes == bytes) {
                void* p = it->data;
                kept_bytes -= bytes, kept.erase(it);
                return p;
            }
        return nullptr;
    }
    static void give_back(void* b) {
        const auto* freed = static_cast<block*>(b);
        spare_pages& s = one();
        {
            const std::lock_guard<std::mutex> lock(s.guard);
            if (s.kept.size() < 8 && s.kept_bytes + freed->bytes <= (std::size_t{64} << 20)) {
                s.kept.push_back(*freed), s.kept_bytes += freed->bytes;
                delete freed;
                return;
            }
        }
        std::free(freed->data);
        delete freed;
    }
};

/// `bytes` of new memory for NumPy arrays and the capsule that frees it. From 1 MiB up it is whole
/// 2 MiB huge pages where the system has them (on this kind of result, 73 nodes × 3,000 regions,
/// 1.75 MB, each fresh 4 KiB page is a fault, 430 of them, against one), reused (spare_pages).
py::capsule fresh_memory(std::size_t bytes, char*& data) {
    constexpr std::size_t huge_page = std::size_t{2} << 20;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= huge_page / 2) {
        const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
        void* p = spare_pages::one().take(rounded);
        if (!p) {
            if (::posix_memalign(&p, huge_page, rounded) != 0) throw std::bad_alloc();
            ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only
        }
        data = static_cast<char*>(p);
        auto* owner = new spare_pages::block{p, rounded};
        return py::capsule(owner, &spare_pages::give_back);
    }
#endif
    void* p = std::malloc(std::max<std::size_t>(bytes, 1));
    if (!p) throw std::bad_alloc();
    data = static_cast<char*>(p);
    return py::capsule(p, [](void* q) { std::free(q); });
}

/// A writable column-major NumPy copy of `m`, in fresh_memory.
py::array_t<double> numpy_copy(const Eigen::Ref<const Eigen::MatrixXd>& m) {
    char* data = nullptr;
    py::capsule owner = fresh_memory(static_cast<std::size_t>(m.size()) * sizeof(double), data);
    Eigen::Map<Eigen::MatrixXd>(reinterpret_cast<double*>(data), m.rows(), m.cols()) = m;
    const auto d = static_cast<py::ssize_t>(sizeof(double));
    return py::array_t<double>({m.rows(), m.cols()}, {d, d * m.rows()}, reinterpret_cast<double*>(data), owner);
}

const char* type_text(cp::option_type t) {
    static const char* texts[] = {"true or false",
                                  "a whole number",
                                  "a number",
                                  "a string",
                                  "a string",
                                  "a list of numbers",
                                  "a list of whole numbers",
                                  "a mapping of names to strings",
                                  "a mapping of names to numbers",
                                  "a mapping of names to (low, high)",
                                  "a mapping of names to square matrices"};
    return texts[static_cast<int>(t)];
}

/// Whether `v`, or an item or value in it, is True or False (Python's or NumPy's): booleans are no
/// numbers, though Python counts them as 1 and 0 (review 28c: winmaxes={"x": True} winsorised a point).
bool holds_bool(py::handle v) {
    if (py::isinstance<py::bool_>(v) || py::isinstance(v, py::module_::import("numpy").attr("bool_"))) return true;
    if (py::isinstance<py::dict>(v)) {
        for (const auto& item : v.cast<py::dict>())
            if (holds_bool(item.second)) return true;
        return false;
    }
    if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v))
        for (const auto& item : v)
            if (holds_bool(item)) return true;
    return false;
}

cp::option_value python_value(const cp::option_spec& o, py::handle v) {
    using T = cp::option_type;
    if (o.type != T::flag && holds_bool(v)) throw py::cast_error();
    switch (o.type) {
        case T::flag:
            return v.cast<bool>();
        case T::whole: {
            if (!py::isinstance<py::float_>(v)) return v.cast<int>();
            const double d = v.cast<double>();  // 5.0 is 5; 2.5 is not a whole number
            if (d != std::floor(d) || !(std::abs(d) <= 1e6)) throw py::cast_error();
            return static_cast<int>(d);
        }
        case T::number:
            return v.cast<double>();
        case T::text:
        case T::choice:
            return v.cast<std::string>();
        case T::numbers:
            return v.cast<std::vector<double>>();
        case T::wholes:
            return v.cast<std::vector<int>>();
        case T::text_map:
            return v.cast<std::map<std::string, std::string>>();
        case T::number_map:
            return v.cast<std::map<std::string, double>>();
        case T::range_map:
            return v.cast<std::map<std::string, std::pair<double, double>>>();
        default:
            return v.cast<std::map<std::string, Eigen::MatrixXd>>();
    }
}

// The parameter is named in the message; it is no variable of the data, so the location stays
// empty (a "(variable method): " prefix read as a column of the table).
argument_error parameter_error(const std::string& label, const std::string& parameter, const std::string& problem) {
    return argument_error(label + ": parameter '" + parameter + "' " + problem);
}

/// A step of `kind` from the parameters a Python step class (`label`) holds, checked against the
/// option vocabulary; None leaves the default. Problems name the class and the parameter.
cp::step step_from_python(const std::string& kind, const std::string& label, const py::dict& parameters) {
    cp::step s = cp::make_step(kind);
    const std::vector<const cp::option_spec*> specs = cp::options_of(kind);
    for (const auto& [key, value] : parameters) {
        const auto name = key.cast<std::string>();
        const auto spec =
            std::find_if(specs.begin(), specs.end(), [&name](const cp::option_spec* o) { return o->name == name; });
        if (spec == specs.end()) throw parameter_error(label, name, "is not a parameter of this step");
        if (value.is_none()) continue;
        cp::option_value v;
        try {
            v = python_value(**spec, value);
        } catch (const py::cast_error&) {
            throw parameter_error(
                label, name,
                std::string("must be ") + type_text((*spec)->type) + ", not " + py::repr(value).cast<std::string>());
        }
        const std::string problem = (*spec)->problem(v);
        if (!problem.empty()) throw parameter_error(label, name, problem);
        (*spec)->set(s, v);
    }
    const auto [key, problem] = cp::step_problem(s);
    if (!key.empty()) throw parameter_error(label, key, problem);
    return s;
}

py::object python_of(const cp::option_value& v) {
    return std::visit([](const auto& x) -> py::object { return py::cast(x); }, v);
}

/// Every step option: (step, name, type, allowed names, default).
py::list step_options() {
    py::list out;
    for (const auto& o : cp::step_options())
        out.append(py::make_tuple(o.step, o.name, cp::option_type_names[static_cast<int>(o.type)], o.values,
                                  python_of(o.default_value())));
    return out;
}

template <class T>
std::vector<T> node_field(const cp::framework& f, T cp::node::*field) {
    std::vector<T> out;
    for (const auto& n : f.nodes()) out.push_back(n.*field);
    return out;
}

py::dict treat_record_dict(const cp::treat_record& t) {
    py::dict d;
    d["skew_before"] = t.skew_before, d["kurt_before"] = t.kurt_before, d["passed_before"] = t.passed_before;
    d["winsorised"] = t.winsorised, d["skew_after"] = t.skew_after, d["kurt_after"] = t.kurt_after;
    d["passed_after"] = t.passed_after, d["action"] = t.action;
    return d;
}

void register_framework(py::module_& m) {
    py::class_<cp::framework>(m, "Framework", "The tree of a composite index (use zhibiao.composite.Framework).")
        .def(py::init([](const std::vector<std::string>& code, const std::vector<std::string>& parent,
                         const std::vector<double>& weight, const std::vector<int>& direction,
                         const std::vector<int>& level) {
                 const std::size_t n = code.size();
                 if (parent.size() != n || weight.size() != n || direction.size() != n || level.size() != n)
                     throw error("framework columns differ in length");
                 std::vector<cp::node> nodes;
                 for (std::size_t k = 0; k < n; ++k)
                     nodes.push_back(
                         {code[k], parent[k], weight[k], static_cast<zhibiao::direction>(direction[k]), level[k]});
                 return cp::framework(std::move(nodes));
             }),
             py::arg("code"), py::arg("parent"), py::arg("weight"), py::arg("direction"), py::arg("level"))
        .def_property_readonly("codes", [](const cp::framework& f) { return node_field(f, &cp::node::code); })
        .def_property_readonly("parents", [](const cp::framework& f) { return node_field(f, &cp::node::parent); })
        .def_property_readonly("weights", [](const cp::framework& f) { return node_field(f, &cp::node::weight); })
        .def_property_readonly("node_directions",
                               [](const cp::framework& f) {
                                   std::vector<int> out;
                                   for (const auto& n : f.nodes()) out.push_back(sign_of(n.direction));
                                   return out;
                               })
        .def_property_readonly("indicators",
                               [](const cp::framework& f) {
                                   std::vector<std::string> out;
                                   for (int k : f.indicators()) out.push_back(f.at(k).code);
                                   return out;
                               })
        .def_property_readonly("levels", [](const cp::framework& f) { return node_field(f, &cp::node::level); })
        .def_property_readonly("directions",
                               [](const cp::framework& f) {
                                   std::vector<int> out;
                                   for (int k : f.indicators()) out.push_back(sign_of(f.at(k).direction));
                                   return out;
                               })
        .def("effective_weights", &cp::framework::effective_weights);
    m.def("composite_flat_framework", py::overload_cast<const std::vector<std::string>&>(&cp::flat_framework),
          py::arg("ids"), "One root over built-in catalogue indicators, with their catalogue directions.");
}

/// Each column of x normalised as a Normalise step with these parameters normalises the indicator
/// of that name in a build (normalise_step::options_for): composite.normalise() with per-column entries.
Eigen::MatrixXd normalise_by_step(const Eigen::MatrixXd& x, const std::vector<int>& directions,
                                  const std::vector<std::string>& names, const std::string& label,
                                  const py::dict& parameters) {
    const cp::step s = step_from_python("normalise", label, parameters);
    const auto& step = std::get<cp::normalise_step>(s);
    if (names.size() != static_cast<std::size_t>(x.cols()))
        throw argument_error(label + ": " + std::to_string(names.size()) + " names for " + std::to_string(x.cols()) +
                             " columns");
    // One type per column, as normalise() checks them all at once (a column beyond them is no benefit).
    if (!directions.empty() && directions.size() != names.size())
        throw argument_error("normalise: " + detail::counted(directions.size(), "direction") + " for " +
                             detail::counted(names.size(), "indicator"));
    // An entry for a column x lacks would be silently unused: refused with the closest name.
    const auto refuse_unknown = [&](const auto& entries, const char* option) {
        for (const auto& entry : entries)
            if (std::find(names.begin(), names.end(), entry.first) == names.end())
                throw unknown_indicator_error(label + ": " + option + ": '" + entry.first + "' is not a column of x" +
                                                  zhibiao::composite::detail::code_suggestion(entry.first, names),
                                              entry.first, location{{}, 0, 0, {}, {}, entry.first});
    };
    refuse_unknown(step.methods, "methods"), refuse_unknown(step.ranges, "ranges");
    refuse_unknown(step.m_sds, "m_sds"), refuse_unknown(step.goal_scales, "goal_scales");
    refuse_unknown(step.goalposts, "goalposts"), refuse_unknown(step.standard, "standard");
    Eigen::MatrixXd out(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const auto k = static_cast<std::size_t>(j);
        const int d = k < directions.size() ? directions[k] : 1;
        out.col(j) = cp::normalise(x.col(j), {d}, step.options_for(names[k]), {names[k]});
    }
    return out;
}

void register_model(py::module_& m) {
    py::class_<cp::model>(m, "Model", "A composite model: optional framework nodes and the pipeline steps (TOML).")
        .def_readonly("name", &cp::model::name)
        .def_readonly("description", &cp::model::description)
        .def_property_readonly("has_framework", [](const cp::model& md) { return !md.nodes.empty(); })
        .def_property_readonly("step_count", [](const cp::model& md) { return md.steps.size(); })
        .def_readonly("units", &cp::model::units, "Indicator → the unit its node writes its values in.")
        .def("framework", &cp::model::make_framework);
    m.def("composite_parse_model", &cp::parse_model, py::arg("text"), py::arg("source") = "<string>");
    m.def("composite_read_model", &cp::read_model, py::arg("path"));
    m.def("composite_preset_names", &cp::preset_names);
    m.def(
        "composite_preset_text", [](const std::string& name) { return std::string(cp::preset_text(name)); },
        py::arg("name"));
    m.def(
        "composite_check_step",
        [](const std::string& kind, const std::string& label, const py::dict& parameters,
           const std::vector<std::string>& given) {
            const cp::step s = step_from_python(kind, label, parameters);
            // A keyword the caller wrote for a method that does not read it, even at its default
            // (Normalise("zscore", range=(0, 100))): refused as a model file's key is
            // (detail::refuse_given_unread_options); the step alone cannot tell it from no value.
            const std::vector<std::string> methods = cp::methods_in_play(s);
            if (methods.empty()) return;
            for (const cp::option_spec* o : cp::options_of(kind))
                if (std::find(given.begin(), given.end(), o->name) != given.end())
                    if (std::string problem = cp::unread_option_problem(o->step, o->name, methods); !problem.empty())
                        throw parameter_error(label, o->name, problem);
        },
        py::arg("kind"), py::arg("label"), py::arg("parameters"), py::arg("given") = std::vector<std::string>{},
        "Checks a step's parameters as its Python class holds them; `given`: the keywords the caller "
        "wrote, each refused when the step's method does not read it (unread_option_problem).");
    m.def("composite_normalise_by_step", &normalise_by_step, py::arg("x"), py::arg("directions"), py::arg("names"),
          py::arg("label"), py::arg("parameters"),
          "Each column of x normalised as a Normalise step with these parameters normalises the indicator "
          "of that name in a build (its own method and parameters, options_for).");
    m.def(
        "composite_model_from_steps",
        [](const std::string& name, const py::list& steps, const cp::framework* fw, bool check) {
            cp::model md;
            md.name = name;
            if (fw) md.nodes = fw->nodes();
            std::vector<std::string> labels;
            for (const auto& one : steps) {
                const auto t = one.cast<py::tuple>();
                labels.push_back(t[1].cast<std::string>());
                md.steps.push_back(step_from_python(t[0].cast<std::string>(), labels.back(), t[2].cast<py::dict>()));
            }
            // A goalpost, standard value, denominator or weight for a name the framework lacks
            // would be silently unused: refused here, with the closest name.
            if (fw) cp::check_step_names(md.steps, *fw, labels);
            // Weigh/Aggregate steps that set one level twice, or a second Denominate: refused here, as
            // build() would refuse them, not left to fail there (round 36).
            if (check) cp::check_steps(md.steps, fw ? fw->top_level() : 0, labels);
            return md;
        },
        py::arg("name"), py::arg("steps"), py::arg("framework") = nullptr, py::arg("check_steps") = true,
        "A model from (kind, class name, {parameter: value}) per step; `check_steps` false for a list of "
        "alternatives (uncertainty's), whose steps may set the same levels.");
    m.def(
        "composite_model_toml",
        [](cp::model md, const cp::framework* fw) {
            if (fw && md.nodes.empty()) md.nodes = fw->nodes();
            return cp::to_toml(md);
        },
        py::arg("model"), py::arg("framework") = nullptr,
        "The model (with `framework`'s nodes when it has none) as TOML.");
    m.def("composite_step_options", &step_options, "(step, name, type, allowed names, default) of every step option.");
    m.def(
        "composite_option_vocabularies",
        [] {
            py::list out;
            for (const auto& o : cp::option_vocabularies())
                out.append(py::make_tuple(o.step, o.parameter, o.values, o.default_value));
            return out;
        },
        "(step, parameter, allowed values, default) of every composite option with a vocabulary.");
    m.def("composite_check_option", &cp::check_option, py::arg("step"), py::arg("parameter"), py::arg("value"),
          py::arg("function"));
    m.def("composite_closest_code", &cp::detail::closest_code, py::arg("wanted"), py::arg("codes"),
          "The code a framework's messages suggest for a misspelt one, or '' (src/composite/code_suggestion.hpp).");
    m.def(
        "composite_parameter_hint",
        [](const std::string& step, const std::string& parameter, const std::vector<std::string>& allowed) {
            return cp::detail::parameter_alias_hint(step, parameter, allowed);
        },
        py::arg("step"), py::arg("parameter"), py::arg("allowed"),
        "The suggestion data/composite/aliases.toml makes for another tool's name of a step parameter, or ''.");
    m.attr("composite_mark_names") = [] {
        std::vector<std::string> out;
        for (const char* n : cp::mark_names) out.push_back(n);
        return out;
    }();
}

/// Whole-number ranks as (int64 ranks, 0 where missing; missing mask), both column-major in one
/// block of fresh memory: the parts of pandas "Int64" columns. `rank_column(j, r)` gives the ranks
/// of column j (NaN where missing): `r` filled, or ranks kept elsewhere; it runs without the GIL.
template <class RankColumn>
py::tuple integer_ranks(Eigen::Index rows, Eigen::Index cols, const RankColumn& rank_column) {
    const auto cells = static_cast<std::size_t>(rows * cols);
    char* data = nullptr;
    py::capsule owner = fresh_memory(cells * (sizeof(std::int64_t) + 1), data);
    auto* whole = reinterpret_cast<std::int64_t*>(data);
    auto* missing = reinterpret_cast<bool*>(data + cells * sizeof(std::int64_t));
    {
        py::gil_scoped_release release;
        Eigen::VectorXd r(rows);
        for (Eigen::Index j = 0; j < cols; ++j) {
            const double* rank = rank_column(j, r);
            std::int64_t* w = whole + static_cast<std::size_t>(j * rows);
            bool* m = missing + static_cast<std::size_t>(j * rows);
            // Selects over plain pointers (the loop vectorises): a rank is a whole number ≥ 1.
            for (Eigen::Index i = 0; i < rows; ++i) m[i] = rank[i] != rank[i];
            for (Eigen::Index i = 0; i < rows; ++i) w[i] = m[i] ? 0 : static_cast<std::int64_t>(rank[i]);
        }
    }
    const py::ssize_t n = rows;
    const auto i64 = static_cast<py::ssize_t>(sizeof(std::int64_t));
    return py::make_tuple(py::array_t<std::int64_t>({n, py::ssize_t{cols}}, {i64, i64 * n}, whole, owner),
                          py::array_t<bool>({n, py::ssize_t{cols}}, {py::ssize_t{1}, n}, missing, owner));
}

/// composite_rank_integers: the ranks of each column of `array` as integer_ranks gives them.
py::tuple rank_integers(py::array_t<double, py::array::f_style | py::array::forcecast> array, const std::string& ties,
                        std::vector<std::string> groups) {
    if (array.ndim() != 2) throw argument_error("composite_rank_integers: a two-dimensional array of scores");
    const cp::ties rule = ties_of(ties);
    if (rule == cp::ties::average) throw argument_error("composite_rank_integers: average ranks are not whole numbers");
    const Eigen::Map<const Eigen::MatrixXd> scores(array.data(), array.shape(0), array.shape(1));
    return integer_ranks(scores.rows(), scores.cols(), [&](Eigen::Index j, Eigen::VectorXd& r) {
        r = cp::rank_within(scores.col(j), groups, rule);
        return r.data();
    });
}

/// The ranks build() made with the scores (ties "min", no groups), as integer_ranks gives them;
/// ranked here if the result has none of the scores' shape.
py::tuple built_rank_integers(const built& b) {
    const Eigen::MatrixXd& scores = b.r.aggregation.scores;
    const cp::layer_matrix& ranks = b.r.ranks;
    const bool kept = ranks.rows() == scores.rows() && ranks.cols() == scores.cols();
    return integer_ranks(scores.rows(), scores.cols(), [&](Eigen::Index j, Eigen::VectorXd& r) -> const double* {
        if (kept) return ranks.col(j).data();  // read in place
        r = cp::rank_scores(scores.col(j), cp::ties::min);
        return r.data();
    });
}

void register_build_layers(py::class_<built>& c) {
    const auto regions = [](const built& b) { return b.r.regions; };
    c.def_property_readonly("regions", regions)
        .def_property_readonly("units", regions, "Deprecated: the rows are regions (use regions).")
        .def_property_readonly("layer_names",
                               [](const built& b) {
                                   std::vector<std::string> out;
                                   for (const auto& l : b.r.layers) out.push_back(l.name);
                                   return out;
                               })
        .def("layer_rows", [](const built& b, const std::string& name) { return copy_to_numpy(b.r.at(name).rows); })
        .def("layer_values", [](const built& b, const std::string& name) { return numpy_copy(b.r.at(name).values); })
        .def_property_readonly("imputed_marks", [](const built& b) { return b.r.imputed_marks; })
        .def_property_readonly("imputed_reasons", [](const built& b) { return b.r.imputed_reasons; })
        .def_property_readonly("treated_marks", [](const built& b) { return b.r.treated_marks; })
        .def_property_readonly("treatment",
                               [](const built& b) {
                                   py::list out;
                                   for (const auto& t : b.r.treatment) out.append(treat_record_dict(t));
                                   return out;
                               })
        .def_property_readonly("screening",
                               [](const built& b) {
                                   py::dict d;
                                   d["kept"] = b.r.screened.kept, d["dropped"] = b.r.screened.dropped;
                                   d["availability"] = b.r.screened.availability,
                                   d["zero_share"] = b.r.screened.zero_share;
                                   return d;
                               })
        .def_property_readonly("scores", [](const built& b) { return numpy_copy(b.r.aggregation.scores); })
        .def("rank_integers", &built_rank_integers,
             "The ranks of every node made with the scores (1 = best, ties 'min') as (int64 ranks, missing "
             "mask), both column-major in one fresh block.")
        .def_property_readonly("weights", [](const built& b) { return b.r.aggregation.weights; })
        .def_property_readonly("effective_weights", [](const built& b) { return b.r.aggregation.effective; })
        .def_property_readonly("ahp",
                               [](const built& b) {
                                   py::dict d;
                                   for (const auto& [group, a] : b.r.aggregation.ahp) {
                                       py::dict e;
                                       e["weights"] = a.weights, e["lambda_max"] = a.lambda_max, e["ci"] = a.ci,
                                       e["cr"] = a.cr;
                                       d[py::str(group)] = e;
                                   }
                                   return d;
                               })
        .def_property_readonly("method", [](const built& b) { return b.r.method; })
        .def_property_readonly(
            "warnings", [](const built& b) { return b.r.warnings; },
            "The parts of the method that call for attention (regression predictions outside the observed range).")
        .def_property_readonly(
            "region_notes",
            [](const built& b) { return std::make_pair(b.r.region_notes.totals, b.r.region_notes.nested); },
            "(the rows whose region code or name is a totals row's, [(region, the region it lies in)] by "
            "administrative codes): the build's result::region_notes.")
        .def_property_readonly(
            "region_warning", [](const built& b) { return b.r.region_notes.said; },
            "The sentence of region_notes, as warnings holds it ('' when none): NestedRegionsWarning's.");
}

void register_build_audit(py::class_<built>& c) {
    c.def(
         "contributions", [](const built& b, const std::string& code) { return cp::contributions(b.fw, b.r, code); },
         py::arg("code"))
        .def(
            "what_if",
            [](const built& b, const std::vector<std::string>& codes) {
                py::gil_scoped_release release;
                return cp::what_if(b.fw, b.r, codes).scores;
            },
            py::arg("codes"))
        .def("parent_correlations", [](const built& b) { return cp::parent_correlations(b.fw, b.r); })
        .def("cronbach_alpha", [](const built& b) { return cp::cronbach_alpha(b.fw, b.r); })
        .def(
            "removal_impacts",
            [](const built& b, const std::string& target) {
                py::gil_scoped_release release;
                const cp::removal_impact i = cp::removal_impacts(b.fw, b.r, target);
                return std::make_pair(i.mean_shift, i.max_shift);
            },
            py::arg("target") = "");
}

built build_without_gil(const cp::framework& fw, const cp::model& md, cp::table t) {
    interruptible ctrl_c;
    py::gil_scoped_release release;  // the whole pipeline is C++
    // A model with nodes had its steps' names checked against them when it was made; one without
    // is checked against the framework it is built with (a name that is none of its is unused).
    if (md.nodes.empty()) {
        std::vector<std::string> labels;  // "model 'eis', step 2 (normalise)": the file is not known here
        for (std::size_t i = 0; i < md.steps.size(); ++i)
            labels.push_back((md.name.empty() ? "" : "model '" + md.name + "', ") + "step " + std::to_string(i + 1) +
                             " (" + cp::kind_of(md.steps[i]) + ")");
        cp::check_step_names(md.steps, fw, labels);
    }
    cp::to_model_units(t, md);
    return built{fw, cp::detail::build_steps(t, fw, md.steps)};  // the names checked above or at the model's making
}

void register_region_notes(py::module_& m) {
    m.def(
        "region_notes",
        [](const std::vector<std::string>& regions, const std::optional<std::vector<std::string>>& names) {
            const cp::region_notes n = cp::note_regions(regions, names ? &*names : nullptr);
            return std::make_pair(n.totals, n.nested);
        },
        py::arg("regions"), py::arg("names") = py::none(),
        "(the rows whose region code or name is a totals row's, [(region, the region it lies in)]): what a "
        "build's region_notes says (composite::note_regions), for regions not built (the uncertainty analysis).");
    m.def(
        "region_warning",
        [](const std::vector<std::string>& regions, const std::optional<std::vector<std::string>>& names) {
            return cp::note_regions(regions, names ? &*names : nullptr).said;
        },
        py::arg("regions"), py::arg("names") = py::none(),
        "The sentence a build's warnings would hold for these regions and names ('' when none): a build's "
        "region_warning, for regions not built.");
}

/// A DataFrame's reason columns (codes, as reason_names numbers them) as the table's reasons:
/// a code that names no reason, or a column of another length, is refused, naming the column.
std::map<std::string, std::vector<reason>> reasons_of_codes(
    const std::map<std::string, std::vector<std::uint8_t>>& codes, std::size_t rows) {
    std::map<std::string, std::vector<reason>> out;
    for (const auto& [column, given] : codes) {
        if (given.size() != rows)
            throw argument_error("composite_build: the reasons of '" + column + "' have " +
                                 std::to_string(given.size()) + " rows for " + std::to_string(rows) + " regions");
        std::vector<reason>& why = out[column];
        why.reserve(rows);
        for (std::uint8_t c : given) {
            if (c >= reason_count)
                throw argument_error("composite_build: the reasons of '" + column + "' hold code " + std::to_string(c) +
                                     ", which names no reason (0 to " + std::to_string(reason_count - 1) + ")");
            why.push_back(static_cast<reason>(c));
        }
    }
    return out;
}

void register_build(py::module_& m) {
    py::class_<built> c(m, "CompositeBuild", "Every layer, mark and weight of one build, and its audit.");
    register_build_layers(c);
    register_build_audit(c);
    m.def(
        "composite_build",
        [](const cp::framework& fw, const cp::model& md, std::vector<std::string> regions,
           std::map<std::string, Eigen::VectorXd> numbers, std::map<std::string, std::vector<std::string>> labels,
           std::map<std::string, Eigen::VectorXd> previous, std::map<std::string, std::string> units,
           const std::map<std::string, std::vector<std::uint8_t>>& reasons) {
            auto why = reasons_of_codes(reasons, regions.size());
            return build_without_gil(fw, md,
                                     cp::table{std::move(regions), std::move(numbers), std::move(labels),
                                               std::move(previous), std::move(why), std::move(units)});
        },
        py::arg("framework"), py::arg("model"), py::arg("regions"), py::arg("numbers"), py::arg("labels"),
        py::arg("previous"), py::arg("units") = std::map<std::string, std::string>{},
        py::arg("reasons") = std::map<std::string, std::vector<std::uint8_t>>{},
        "The index of a table; `units` (column → unit symbol, where known) are converted to the model's node units; "
        "`reasons` (column → a reason code per region, 0 where none) are the reasons of its missing cells.");
    m.def(
        "composite_build_panel",
        [](const cp::framework& fw, const cp::model& md, const panel& p, const std::string& when,
           const std::vector<std::string>& indicators) {
            const period chosen = when.empty() ? cp::only_period(p) : period::parse(when);
            if (indicators.empty()) return build_without_gil(fw, md, cp::table_from_panel(p, chosen));
            indicator_table computed;
            {
                interruptible ctrl_c;
                py::gil_scoped_release release;
                computed = compute(p, indicators);
            }
            return build_without_gil(fw, md, cp::table_from_indicators(computed, p, chosen));
        },
        py::arg("framework"), py::arg("model"), py::arg("panel"), py::arg("period") = "",
        py::arg("indicators") = std::vector<std::string>{},
        "The index over one period of a panel (its only one when `period` is empty), reasons carried to the imputation "
        "marks; `indicators` (catalogue ids) are computed from the panel first, with their reasons.");
}

void register_ranks(py::module_& m) {
    m.def(
        "composite_rank",
        [](const Eigen::VectorXd& scores, const std::string& ties, std::vector<std::string> groups) {
            return cp::rank_within(scores, groups, ties_of(ties));
        },
        py::arg("scores"), py::arg("ties") = "min", py::arg("groups") = std::vector<std::string>{});
    m.def(
        "composite_rank_columns",
        // A column-major float64 array (a DataFrame's to_numpy()) is read in place, not copied.
        [](py::array_t<double, py::array::f_style | py::array::forcecast> array, const std::string& ties,
           std::vector<std::string> groups) {
            if (array.ndim() != 2) throw argument_error("composite_rank_columns: a two-dimensional array of scores");
            const cp::ties rule = ties_of(ties);
            py::gil_scoped_release release;
            const Eigen::Map<const Eigen::MatrixXd> scores(array.data(), array.shape(0), array.shape(1));
            Eigen::MatrixXd out(scores.rows(), scores.cols());
            for (Eigen::Index j = 0; j < scores.cols(); ++j) out.col(j) = cp::rank_within(scores.col(j), groups, rule);
            return out;
        },
        py::arg("scores"), py::arg("ties") = "min", py::arg("groups") = std::vector<std::string>{});
    m.def("composite_rank_integers", &rank_integers, py::arg("scores"), py::arg("ties") = "min",
          py::arg("groups") = std::vector<std::string>{},
          "Whole-number ranks (ties 'min' or 'dense') of each column as (int64 ranks, missing mask), both "
          "column-major in one fresh block: the parts of pandas 'Int64' columns.");
}

Eigen::VectorXd column_weights(const Eigen::MatrixXd& x, const std::string& method, int ddof, const std::string& zeros,
                               const std::string& correlation, const std::vector<int>& types) {
    const cp::weighting scheme = cp::choose(cp::column_weighting_choices, method, "weights", "method");
    const cp::entropy_zeros z = cp::choose(cp::entropy_zeros_choices, zeros, "weights", "zeros");
    const cp::correlation_kind r = cp::choose(cp::correlation_choices, correlation, "weights", "correlation");
    if (ddof != 0 && ddof != 1) throw argument_error("weights: ddof is " + std::to_string(ddof) + " (0 or 1)");
    if (!types.empty() && scheme != cp::weighting::merec) throw argument_error("weights: types are used by MEREC only");
    switch (scheme) {
        case cp::weighting::entropy:
            return cp::entropy_weights(x, z);
        case cp::weighting::sd:
            return cp::sd_weights(x, ddof);
        case cp::weighting::variance:
            return cp::variance_weights(x, ddof);
        case cp::weighting::critic:
            return cp::critic_weights(x, ddof, r);
        case cp::weighting::pca:
            return cp::pca_weights(x).weights;
        case cp::weighting::vic:
            return cp::vic_weights(x, r);
        case cp::weighting::merec:
            return cp::merec_weights(x, types);
        case cp::weighting::gini:
            return cp::gini_weights(x);
        default:
            return cp::equal_weights(x.cols());
    }
}

void register_methods(py::module_& m) {
    // Single-purpose methods on a regions × criteria matrix.
    m.def("composite_weights", &column_weights, py::arg("x"), py::arg("method"), py::arg("ddof") = 1,
          py::arg("zeros") = "skip", py::arg("correlation") = "auto", py::arg("types") = std::vector<int>{});
    m.def(
        "composite_pca",
        [](const Eigen::MatrixXd& x) {
            const cp::pca_weights_result p = cp::pca_weights(x);
            return py::make_tuple(p.loadings, p.weights, p.explained, p.note);
        },
        py::arg("x"));
    m.def(
        "composite_ahp",
        [](const Eigen::MatrixXd& a, const std::string& ri, double max_cr, bool accept, const std::string& priority) {
            const cp::ahp_result r =
                cp::ahp_weights(a, cp::choose(cp::random_index_choices, ri, "ahp", "ri"), max_cr, accept, "",
                                cp::choose(cp::ahp_priority_choices, priority, "ahp", "priority"));
            return py::make_tuple(r.weights, r.lambda_max, r.ci, r.cr);
        },
        py::arg("matrix"), py::arg("ri") = "tummala_ling", py::arg("max_cr") = 0.1,
        py::arg("accept_inconsistent") = false, py::arg("priority") = "eigenvector");
    m.def(
        "composite_topsis",
        [](const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types,
           const std::string& inner) {
            return cp::topsis(x, w, types, cp::choose(cp::topsis_choices, inner, "topsis", "inner"));
        },
        py::arg("x"), py::arg("weights"), py::arg("types") = std::vector<int>{}, py::arg("inner") = "minmax");
    m.def(
        "composite_vikor",
        [](const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types, double v) {
            const cp::vikor_result r = cp::vikor(x, w, types, v);
            return py::make_tuple(r.s, r.r, r.q);
        },
        py::arg("x"), py::arg("weights"), py::arg("types") = std::vector<int>{}, py::arg("v") = 0.5);
    m.def(
        "composite_outranking",
        [](const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
            interruptible ctrl_c;  // O(n²)
            py::gil_scoped_release release;
            return cp::outranking_matrix(x, w);
        },
        py::arg("x"), py::arg("weights"));
    m.def(
        "composite_copeland",
        [](const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
            interruptible ctrl_c;  // O(n²·criteria): seconds for 10⁴ regions
            py::gil_scoped_release release;
            return cp::copeland(x, w);
        },
        py::arg("x"), py::arg("weights"));
    m.def("composite_mpi", &cp::mazziotta_pareto, py::arg("x"), py::arg("penalty") = 1);
    m.def(
        "composite_bod",
        [](const Eigen::MatrixXd& x) {
            const cp::bod_result r = cp::benefit_of_the_doubt(x);
            return py::make_tuple(r.score, r.weights);
        },
        py::arg("x"));
}

}  // namespace

void register_composite(py::module_& m) {
    register_framework(m);
    register_model(m);
    register_build(m);
    register_region_notes(m);
    register_ranks(m);
    register_methods(m);
}

}  // namespace zhibiao::python
