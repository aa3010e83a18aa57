// Members of zhibiao/panel.hpp compiled once rather than inline: the empty panel's make_shared,
// the entity table's one-time build (a mutex and a vector of entities) and the copies a
// temporary panel's accessors return were instantiated in every file that includes the header
// (its compile time: bench/NOTES.md, "Header compile time").
#include "zhibiao/panel.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao {

panel::panel() : entities_(std::make_shared<const detail::panel_entities>()) {}

// A temporary panel's accessors return copies (panel.hpp): the copies are made here.
std::vector<entity> panel::entities() && { return entity_data().all(); }

entity panel::entity_at(std::size_t row) && { return std::as_const(*this).entity_at(row); }

column panel::at(const std::string& name) && { return at(name); }

void detail::throw_index_error(const char* call, std::size_t index, std::size_t size, const char* counted) {
    throw argument_error(std::string(call) + "(" + std::to_string(index) + "): there are " + std::to_string(size) +
                         " " + counted);
}

void detail::throw_no_column(const panel& p, const std::string& name) {
    location where;
    where.variable = name;
    throw missing_variable_error(
        "the panel has no variable '" + name + "'" +
            detail::suggestion(name, p.columns(), [](const column& c) -> std::string_view { return c.name(); }),
        name, where);
}

void detail::panel_entities::build() const {
    std::lock_guard<std::mutex> lock(building_);
    if (built_.load(std::memory_order_relaxed)) return;  // another thread built it meanwhile
    all_.resize(table_.size());
    for (std::size_t i = 0; i < all_.size(); ++i)
        all_[i] = {std::string(code(i)), std::string(name(i)), std::string(parent(i))};
    built_.store(true, std::memory_order_release);
}

}  // namespace zhibiao
