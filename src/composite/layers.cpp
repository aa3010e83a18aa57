// Members of zhibiao/composite/pipeline.hpp compiled once rather than inline: a layer's copy
// (an Eigen evaluation into fresh storage), its conversion to a matrix, and result::at's
// "did you mean" were instantiated in every file that includes the header (its compile time:
// bench/NOTES.md, "Header compile time").
#include "zhibiao/composite/pipeline.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao::composite {

const std::vector<reason>* table::reasons_of(const std::string& column) const& {
    const auto it = reasons.find(column);
    return it == reasons.end() ? nullptr : &it->second;
}

layer_view& layer_view::operator=(const layer_view& o) {
    if (this != &o) {
        storage_ = o.storage_;
        new (static_cast<base*>(this)) base(o.data(), o.rows(), o.cols());
    }
    return *this;
}

Eigen::MatrixXd layer_view::matrix() const { return *this; }

layer_matrix::layer_matrix(const layer_matrix& o) : base(nullptr, 0, 0) { assign(o); }

layer_matrix& layer_matrix::operator=(const layer_matrix& o) {
    if (this != &o) assign(o);
    return *this;
}

Eigen::MatrixXd layer_matrix::matrix() const { return *this; }

layer result::at(const std::string& name) && {
    for (auto& l : layers)
        if (l.name == name) return std::move(l);
    return static_cast<const result&>(*this).at(name);  // throws
}

const layer& result::at(const std::string& name) const& {
    for (const auto& l : layers)
        if (l.name == name) return l;
    std::string have;
    for (const auto& l : layers) have += (have.empty() ? "" : ", ") + l.name;
    throw lookup_error(
        "no layer '" + name + "'" +
            zhibiao::detail::suggestion(name, layers, [](const layer& l) { return std::string_view(l.name); }) +
            " (layers: " + have + ")",
        name);
}

}  // namespace zhibiao::composite
