#pragma once
// Composite models in TOML: the framework as [[node]] tables and the pipeline as [[step]]
// tables, so a methodology lives in a reviewed file rather than in a script. The built-in
// presets (data/composite/*.toml, compiled in) are models too.
//
//   name = "..."
//   [[node]]   code, parent, level, weight (1), direction (+1/−1), and per indicator optionally
//              unit (the unit its standard, goalposts and data are meant in), denominator,
//              scale, standard, goalposts = [low, high]
//   [[step]]   kind = "denominate" | "screen" | "impute" | "treat" | "normalise" | "weigh" | "aggregate",
//              method = ..., and the method's parameters (options.hpp lists every one)
//
// Nodes are optional: a preset without nodes is a method applied to the caller's framework.
// Every error is a parse_error naming the file, the line and the key. A model with nodes has the
// names its steps key by (goalposts, standard values, denominators, fixed weights, AHP groups)
// checked against its nodes: a name that is none of them is refused with "did you mean".

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/pipeline.hpp"

namespace zhibiao::composite {

struct model {
    std::string name, description;
    std::vector<node> nodes;  ///< empty: the model is a method for any framework
    std::vector<step> steps;
    /// Indicator → the unit its numbers are written in (a node's "unit": standard values,
    /// goalposts). Data in another unit of the same dimension are converted to it before the
    /// steps (to_model_units, input.hpp): 0.025 in "1" is 2.5 against a standard in "%".
    std::map<std::string, std::string> units;
    framework make_framework() const;
};

/// An entry of a step option keyed by a name that the framework lacks (or that cannot be used).
struct step_name_problem {
    std::string option;   ///< "goalposts"; empty when the step's names are all known
    std::string name;     ///< the entry's name as written
    std::string problem;  ///< "'cc' is not an indicator of the framework (did you mean 'c'?)"
    bool unknown = true;  ///< an unknown name (else a name that is known but cannot take the entry)
};

/// The first entry of `s` keyed by a name `fw` lacks: denominate `by` and `scale`, normalise
/// `standard` and `goalposts` (indicators), weigh `fixed` (nodes) and `pairwise` (groups); or a
/// `scale` for an indicator that `by` gives no denominator. Such an entry would be silently
/// unused (a misspelt code), so it is refused whether or not the step's method reads it.
step_name_problem step_name_problem_of(const step& s, const framework& fw);

/// Refuses the first entry step_name_problem_of finds (unknown_indicator_error for an unknown
/// name, argument_error otherwise), naming the step as `labels[i]` ("Normalise") or, without
/// labels, as "step 2 (normalise)". parse_model checks a model with nodes against them (naming
/// the file and line); a model without nodes is checked against the framework it is built with.
void check_step_names(const std::vector<step>& steps, const framework& fw, const std::vector<std::string>& labels = {});

/// Parses a model from TOML text; `source` names it in errors.
model parse_model(std::string_view text, const std::string& source = "<string>");
/// The model as TOML: parse_model(to_toml(m)) is the same model (every option its method reads written,
/// empty texts, lists and maps left out).
std::string to_toml(const model& m);
/// Reads a model from a TOML file.
model read_model(const std::string& path);
/// The built-in presets: "most-monitoring", "eis", "entropy-topsis".
std::vector<std::string> preset_names();
model preset(const std::string& name);
/// The TOML text of a built-in preset, as shipped in data/composite/.
std::string_view preset_text(const std::string& name);

}  // namespace zhibiao::composite
