// Uncertainty and sensitivity analysis of a composite index (composite/uncertainty.hpp). The
// Python layer (zhibiao/uncertainty.py) passes the alternatives as models (TOML steps).
#include <pybind11/eigen.h>
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <cstring>

#include "bindings.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/input.hpp"
#include "zhibiao/composite/uncertainty.hpp"

namespace zhibiao::python {
namespace {

namespace cp = zhibiao::composite;
using model_ptr =
    std::shared_ptr<cp::uncertainty_model>;  // pybind11 holders hold non-const; the model is never changed

/// The steps of kind S in a model of alternatives, one per option.
template <class S>
std::vector<S> steps_of(const cp::model& m, const char* what) {
    std::vector<S> out;
    for (const auto& s : m.steps) {
        const S* one = std::get_if<S>(&s);
        if (!one)
            throw argument_error(std::string("uncertainty: the ") + what + " alternatives must all be " + what +
                                 " steps");
        out.push_back(*one);
    }
    return out;
}

template <class T>
void choice(cp::alternatives<T>& a, std::vector<T> options, const py::dict& d) {
    a.options = std::move(options);
    if (d.contains("labels")) a.labels = d["labels"].cast<std::vector<std::string>>();
    if (d.contains("probabilities")) a.probabilities = d["probabilities"].cast<std::vector<double>>();
}

/// The spec from a dict: noise / dirichlet {level: value}; weighting, aggregation, normalisation,
/// imputation {"model": Model, "labels": [...], "probabilities": [...]}; winmax (low, high);
/// exclude_indicator bool.
cp::uncertainty_spec spec_of(const py::dict& d) {
    cp::uncertainty_spec s;
    if (d.contains("noise"))
        for (const auto& [level, x] : d["noise"].cast<std::map<int, double>>()) s.noise.push_back({level, x});
    if (d.contains("dirichlet"))
        for (const auto& [level, c] : d["dirichlet"].cast<std::map<int, double>>()) s.dirichlet.push_back({level, c});
    auto model_of = [&](const char* key) { return d[key]["model"].cast<cp::model>(); };
    if (d.contains("weighting")) {
        std::vector<cp::weight_options> options;
        for (const auto& w : steps_of<cp::weigh_step>(model_of("weighting"), "weigh")) {
            options.push_back(w.options);
            if (!w.levels.empty()) s.weighting_levels = w.levels;
        }
        choice(s.weighting, options, d["weighting"]);
    }
    if (d.contains("aggregation")) {
        std::vector<cp::aggregate_options> options;
        for (const auto& a : steps_of<cp::aggregate_step>(model_of("aggregation"), "aggregate")) {
            options.push_back(a.options);
            if (!a.levels.empty()) s.aggregation_levels = a.levels;
        }
        choice(s.aggregation, options, d["aggregation"]);
    }
    if (d.contains("normalisation"))
        choice(s.normalisation, steps_of<cp::normalise_step>(model_of("normalisation"), "normalise"),
               d["normalisation"]);
    if (d.contains("imputation"))
        choice(s.imputation, steps_of<cp::impute_step>(model_of("imputation"), "impute"), d["imputation"]);
    if (d.contains("winmax")) {
        const auto w = d["winmax"].cast<std::pair<int, int>>();
        s.winmax_low = w.first, s.winmax_high = w.second;
        if (w.second < w.first) throw argument_error("uncertainty: winmax must be (low, high) with low ≤ high");
    }
    if (d.contains("exclude_indicator")) s.exclude_indicator = d["exclude_indicator"].cast<bool>();
    return s;
}

/// The progress callback, called with the GIL held (the run calls it on this thread).
std::function<void(std::size_t, std::size_t)> progress_of(const py::object& f) {
    if (f.is_none()) return {};
    return [f](std::size_t done, std::size_t total) {
        py::gil_scoped_acquire gil;
        f(done, total);
    };
}

template <class T>
void put(std::string& out, const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
void put_all(std::string& out, const T* data, std::size_t n) {
    put(out, static_cast<std::uint64_t>(n));
    if (n != 0) out.append(reinterpret_cast<const char*>(data), n * sizeof(T));
}
class reader {
public:
    explicit reader(const std::string& s) : s_(s) {}
    template <class T>
    T get() {
        if (at_ + sizeof(T) > s_.size()) throw error("a damaged uncertainty block (too short)");
        T v;
        std::memcpy(&v, s_.data() + at_, sizeof v);
        at_ += sizeof v;
        return v;
    }
    template <class T>
    std::vector<T> get_all() {
        const auto n = get<std::uint64_t>();
        if (n > (s_.size() - at_) / sizeof(T)) throw error("a damaged uncertainty block (a length beyond its end)");
        std::vector<T> v(n);
        if (n != 0) std::memcpy(v.data(), s_.data() + at_, n * sizeof(T));  // an empty vector's data() may be null
        at_ += n * sizeof(T);
        return v;
    }

private:
    const std::string& s_;
    std::size_t at_ = 0;
};

/// A block as bytes, so that Dask can move it between processes (native byte order: the
/// workers of one cluster share an architecture).
std::string block_bytes(const cp::uncertainty_block& b) {
    std::string out;
    put(out, static_cast<std::uint64_t>(b.first)), put(out, static_cast<std::uint64_t>(b.count));
    put(out, static_cast<std::uint64_t>(b.rank_counts.size()));
    for (const auto& h : b.rank_counts)
        put(out, static_cast<std::int64_t>(h.low)), put_all(out, h.counts.data(), h.counts.size());
    put_all(out, b.missing.data(), b.missing.size());
    put(out, static_cast<std::uint64_t>(b.chunk_sums.size()));
    for (const auto& c : b.chunk_sums)
        put(out, static_cast<std::int64_t>(c.rows())), put_all(out, c.data(), static_cast<std::size_t>(c.size()));
    put(out, static_cast<std::int64_t>(b.uniforms.rows())),
        put_all(out, b.uniforms.data(), static_cast<std::size_t>(b.uniforms.size()));
    put_all(out, b.ranks.data(), b.ranks.size()), put_all(out, b.scores.data(), b.scores.size());
    put(out, static_cast<std::uint64_t>(b.tails.keep)), put(out, static_cast<std::uint64_t>(b.tails.low.size()));
    for (std::size_t c = 0; c < b.tails.low.size(); ++c)
        put_all(out, b.tails.low[c].data(), b.tails.low[c].size()),
            put_all(out, b.tails.high[c].data(), b.tails.high[c].size());
    return out;
}

Eigen::MatrixXd matrix_of(reader& r) {
    const auto rows = r.get<std::int64_t>();
    std::vector<double> v = r.get_all<double>();
    if (rows < 0 || (rows == 0 ? !v.empty() : v.size() % static_cast<std::size_t>(rows) != 0))
        throw error("a damaged uncertainty block (a matrix)");
    const auto cols = rows ? static_cast<Eigen::Index>(v.size()) / rows : 0;
    return Eigen::Map<Eigen::MatrixXd>(v.data(), rows, cols);
}

cp::uncertainty_block block_of(const std::string& s) {
    reader r(s);
    cp::uncertainty_block b;
    b.first = r.get<std::uint64_t>(), b.count = r.get<std::uint64_t>();
    const auto cells = r.get<std::uint64_t>();
    if (cells > s.size()) throw error("a damaged uncertainty block (cells)");
    b.rank_counts.resize(cells);
    for (auto& h : b.rank_counts)
        h.low = static_cast<int>(r.get<std::int64_t>()), h.counts = r.get_all<std::uint32_t>();
    b.missing = r.get_all<std::uint32_t>();
    const auto chunks = r.get<std::uint64_t>();
    if (chunks > s.size()) throw error("a damaged uncertainty block (chunks)");
    for (std::uint64_t c = 0; c < chunks; ++c) b.chunk_sums.push_back(matrix_of(r));
    b.uniforms = matrix_of(r);
    b.ranks = r.get_all<float>(), b.scores = r.get_all<float>();
    b.tails.keep = r.get<std::uint64_t>();
    const auto tail_cells = r.get<std::uint64_t>();
    if (tail_cells > s.size() || (b.tails.keep != 0) != (tail_cells != 0))
        throw error("a damaged uncertainty block (score tails)");
    b.tails.low.resize(tail_cells), b.tails.high.resize(tail_cells);
    for (std::size_t c = 0; c < tail_cells; ++c) {
        b.tails.low[c] = r.get_all<double>(), b.tails.high[c] = r.get_all<double>();
        if (b.tails.low[c].size() > b.tails.keep || b.tails.high[c].size() > b.tails.keep)
            throw error("a damaged uncertainty block (score tails longer than kept)");
    }
    return b;
}

void register_result(py::module_& m) {
    py::class_<cp::uncertainty_result>(m, "UncertaintyResult", "Rank and score statistics of every replication.")
        .def_readonly("regions", &cp::uncertainty_result::regions)
        .def_readonly("nodes", &cp::uncertainty_result::nodes)
        .def_readonly("replications", &cp::uncertainty_result::replications)
        .def_readonly("top_k", &cp::uncertainty_result::top_k)
        .def_readonly("nominal_rank", &cp::uncertainty_result::nominal_rank)
        .def_readonly("nominal_score", &cp::uncertainty_result::nominal_score)
        .def_readonly("mean_rank", &cp::uncertainty_result::mean_rank)
        .def_readonly("median_rank", &cp::uncertainty_result::median_rank)
        .def_readonly("rank_p05", &cp::uncertainty_result::rank_p05)
        .def_readonly("rank_p95", &cp::uncertainty_result::rank_p95)
        .def_readonly("top_k_share", &cp::uncertainty_result::top_k_share)
        .def_readonly("no_score", &cp::uncertainty_result::no_score)
        .def_readonly("mean_score", &cp::uncertainty_result::mean_score)
        .def_readonly("score_p05", &cp::uncertainty_result::score_p05)
        .def_readonly("score_p95", &cp::uncertainty_result::score_p95)
        .def_readonly("uniforms", &cp::uncertainty_result::uniforms)
        .def_readonly("notes", &cp::uncertainty_result::notes)
        .def_property_readonly("ranks", [](const cp::uncertainty_result& r) { return copy_to_numpy(r.ranks); })
        .def_property_readonly("scores", [](const cp::uncertainty_result& r) { return copy_to_numpy(r.scores); })
        .def_property_readonly("parameter_names", &cp::uncertainty_result::parameter_names)
        .def_property_readonly("parameter_labels",
                               [](const cp::uncertainty_result& r) { return r.model->parameter_labels(); })
        .def("parameters", &cp::uncertainty_result::parameters)
        .def("replication_layers", [](const cp::uncertainty_result& r, std::size_t k) {
            cp::result one = r.replication(k);
            py::list out;
            // A copy: the layers die with `one` at the end of this call.
            for (auto& l : one.layers) out.append(py::make_tuple(l.name, l.rows, l.values.matrix()));
            return py::make_tuple(out, one.aggregation.weights, one.aggregation.effective, one.method);
        });
    py::class_<cp::uncertainty_block>(m, "UncertaintyBlock", "Replications of one block, merged exactly.")
        .def_readonly("first", &cp::uncertainty_block::first)
        .def_readonly("count", &cp::uncertainty_block::count)
        .def(py::pickle([](const cp::uncertainty_block& b) { return py::bytes(block_bytes(b)); },
                        [](const py::bytes& data) { return block_of(std::string(data)); }));
}

}  // namespace

void register_uncertainty(py::module_& m) {
    register_result(m);
    py::class_<cp::uncertainty_model, model_ptr>(
        m, "UncertaintyModel", "A composite model with its uncertain assumptions, layers precomputed.")
        .def_property_readonly("inputs", &cp::uncertainty_model::inputs)
        .def_property_readonly("dimensions", &cp::uncertainty_model::dimensions)
        .def(
            "run",
            [](const cp::uncertainty_model& u, std::size_t n, std::uint64_t seed, unsigned threads, int top_k,
               bool keep, const py::object& progress, bool score_percentiles) {
                cp::uncertainty_options o;
                o.replications = n, o.seed = seed, o.threads = threads, o.top_k = top_k,
                o.keep_ranks = o.keep_scores = keep;
                o.score_percentiles = score_percentiles;
                o.progress = progress_of(progress);
                interruptible ctrl_c;
                py::gil_scoped_release release;
                return u.run(o);
            },
            py::arg("n"), py::arg("seed"), py::arg("threads"), py::arg("top_k"), py::arg("keep"), py::arg("progress"),
            py::arg("score_percentiles") = false,
            "The analysis; top_k 1 to the number of regions (more: ArgumentError), 0 the default 10.")
        .def(
            "run_block",
            [](const cp::uncertainty_model& u, std::size_t first, std::size_t count, std::uint64_t seed, bool keep,
               bool score_percentiles, std::size_t replications) {
                cp::uncertainty_options o;
                o.seed = seed, o.keep_ranks = o.keep_scores = keep;
                o.score_percentiles = score_percentiles, o.replications = replications;
                interruptible ctrl_c;
                py::gil_scoped_release release;
                return u.run_block(first, count, o);
            },
            py::arg("first"), py::arg("count"), py::arg("seed"), py::arg("keep"), py::arg("score_percentiles") = false,
            py::arg("replications") = 0)
        .def(
            "merge",
            [](const cp::uncertainty_model& u, std::vector<cp::uncertainty_block> blocks, int top_k, bool keep) {
                cp::uncertainty_options o;
                o.top_k = top_k, o.keep_ranks = o.keep_scores = keep;  // 0: the default
                py::gil_scoped_release release;
                return u.merge(std::move(blocks), o);
            },
            py::arg("blocks"), py::arg("top_k"), py::arg("keep"))
        .def(
            "sensitivity",
            [](const cp::uncertainty_model& u, std::size_t n, bool random, std::uint64_t seed, unsigned threads,
               std::size_t bootstrap, double level, const std::string& node, const py::object& progress) {
                cp::sensitivity_options o;
                o.n = n, o.random = random, o.seed = seed, o.threads = threads, o.bootstrap = bootstrap,
                o.level = level, o.node = node;
                o.progress = progress_of(progress);
                interruptible ctrl_c;
                py::gil_scoped_release release;
                const cp::sensitivity_result s = u.sensitivity(o);
                py::gil_scoped_acquire gil;
                py::list indices;
                for (const auto& i : s.indices)
                    indices.append(py::make_tuple(i.first, i.total, i.first_low, i.first_high, i.total_low,
                                                  i.total_high, i.variance));
                return py::make_tuple(s.inputs, s.outputs, indices, s.node, s.runs);
            },
            py::arg("n"), py::arg("random"), py::arg("seed"), py::arg("threads"), py::arg("bootstrap"),
            py::arg("level"), py::arg("node"), py::arg("progress"));
    m.def(
        "composite_uncertainty_model",
        [](const cp::framework& fw, const cp::model& md, std::vector<std::string> units,
           std::map<std::string, Eigen::VectorXd> numbers, std::map<std::string, std::vector<std::string>> labels,
           std::map<std::string, Eigen::VectorXd> previous, const py::dict& spec,
           std::map<std::string, std::string> column_units) {
            cp::table t{std::move(units),       std::move(numbers), std::move(labels), std::move(previous), {},
                        std::move(column_units)};
            cp::uncertainty_spec s = spec_of(spec);
            interruptible ctrl_c;
            py::gil_scoped_release release;
            cp::to_model_units(t, md);
            return std::const_pointer_cast<cp::uncertainty_model>(
                cp::uncertainty_model::make(std::move(t), fw, md.steps, std::move(s)));
        },
        py::arg("framework"), py::arg("model"), py::arg("units"), py::arg("numbers"), py::arg("labels"),
        py::arg("previous"), py::arg("spec"), py::arg("column_units") = std::map<std::string, std::string>{});
    m.def(
        "composite_sobol_estimate",
        [](const Eigen::VectorXd& y, std::size_t n, std::size_t d, std::size_t bootstrap, double level,
           std::uint64_t seed) {
            const cp::sobol_indices s = cp::sobol_estimate(y, n, d, bootstrap, level, seed);
            return py::make_tuple(s.first, s.total, s.first_low, s.first_high, s.total_low, s.total_high, s.variance);
        },
        py::arg("y"), py::arg("n"), py::arg("d"), py::arg("bootstrap") = 1000, py::arg("level") = 0.95,
        py::arg("seed") = 1);
    m.def("composite_saltelli_design", &cp::saltelli_design, py::arg("n"), py::arg("dims"), py::arg("groups"),
          py::arg("random") = false, py::arg("seed") = 1);
}

}  // namespace zhibiao::python
