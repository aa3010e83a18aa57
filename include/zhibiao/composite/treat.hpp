#pragma once
// Outlier treatment, indicator by indicator, with a record of what changed.
//
// coinr (the JRC rule, COINr's Treat defaults): an indicator passes if |skewness| < 2 or
//   excess kurtosis < 3.5 (COINr's sample forms, statistics.hpp). A failing indicator is
//   winsorised step by step — the points at the current maximum (minimum when the skew is
//   negative) set to the next value in — re-testing after each step, up to `winmax` points. If
//   it still fails, the winsorisation is discarded and the fallback (COINr's f2) is applied to
//   the original values: log_CT, log(x − min + 0.01·(max − min)), by default; "log" (plain log,
//   positive values only), "log_CT_orig" log(x − min + 1), "log_CT_plus" (log_CT when the skew
//   is positive, else −log(max + 0.01·(max − min) − x)), or "none" (COINr's f2 = NULL: the
//   winsorised values are kept although they still fail). force_win (COINr's) winsorises a
//   failing indicator up to winmax points even after it passes.
// eis (European Innovation Scoreboard): values beyond mean ± 2·sd are replaced by the highest
//   (lowest) value within the bounds; then an indicator whose skewness exceeds 1 is replaced by
//   its square root (negative values are an error: the transform is for shares and rates).

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cmath>
#include <string>
#include <vector>

#include "zhibiao/composite/marks.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

enum class treatment { none, coinr, eis };

/// What the coinr rule does with an indicator winsorisation could not bring within the limits
/// (COINr's Treat f2; see the top of this file).
enum class treat_fallback { log_ct, log, log_ct_orig, log_ct_plus, none };

struct treat_options {
    treatment method = treatment::coinr;
    int winmax = 5;                                    ///< coinr: most points winsorised per indicator
    treat_fallback fallback = treat_fallback::log_ct;  ///< coinr: when winsorising is not enough
    bool force_win = false;                            ///< coinr: a failing indicator is winsorised up to winmax points
    double skew_limit = 2;                             ///< coinr: |skew| below this passes
    double kurt_limit = 3.5;                           ///< coinr: kurtosis below this passes
    double eis_sd = 2;                                 ///< eis: outliers beyond mean ± eis_sd·sd
    double eis_skew = 1;                               ///< eis: square root above this skewness
    bool eis_outliers = true;                          ///< eis: replace outliers before the transform
};

/// One indicator's treatment, as COINr's Dets_Table reports it.
struct treat_record {
    double skew_before = missing_value, kurt_before = missing_value;
    bool passed_before = true;
    int winsorised = 0;  ///< points changed by winsorisation (or EIS outlier replacement)
    double skew_after = missing_value, kurt_after = missing_value;
    bool passed_after = true;
    /// "", "winsorised", "log_CT", "log", "log_CT_orig", "log_CT_neg" (log_CT_plus on a negative
    /// skew), "sqrt", "outliers", "outliers+sqrt"
    std::string action;
};

struct treated {
    Eigen::MatrixXd values;
    mark_matrix marks;
    std::vector<treat_record> log;
};

namespace detail {

bool passes(const shape& s, const treat_options& o);

void treat_coinr(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o);
/// treat_coinr() given shape_of(x) (treat() finds it for several columns at once).
void treat_coinr(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o, const shape& before,
                 const std::string& name = "");

void treat_eis(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o,
               const std::string& name);

}  // namespace detail

treated treat(const Eigen::Ref<const Eigen::MatrixXd>& x, const treat_options& o,
              const std::vector<std::string>& names = {});

}  // namespace zhibiao::composite
