#pragma once
// zhibiao: indicators, scores and rankings from S&T statistics. The umbrella header.
//
// | you need                                  | header                     |
// |-------------------------------------------|----------------------------|
// | units (万元, 件/万人, %) and conversions    | zhibiao/units.hpp          |
// | periods (2018H1, 2018年1-6月)              | zhibiao/period.hpp         |
// | regions and administrative codes          | zhibiao/entity.hpp         |
// | the panel (entity × period × variable)    | zhibiao/panel.hpp          |
// | loading CSV                               | zhibiao/csv.hpp            |
// | the indicator catalogue                   | zhibiao/catalogue.hpp      |
// | computing indicators                      | zhibiao/compute.hpp        |
// | exceptions                                | zhibiao/error.hpp          |
// | figures from report text (extraction)     | zhibiao/extract.hpp        |
// | composite indices: framework, pipeline steps, weights, aggregation, audit, input tables | zhibiao/composite/*.hpp |
//
// Not included here, to keep this header's compile time within 1.5 × <Eigen/Dense>'s (with them
// it took 1.67 ×): include them yourself for uncertainty and sensitivity analysis —
// zhibiao/composite/uncertainty.hpp and zhibiao/composite/uncertainty_config.hpp.
// zhibiao/composite/input.hpp (a composite table from a panel or computed indicators) is included:
// it declares functions over the types of headers included anyway.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include "zhibiao/catalogue.hpp"
#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/audit.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/input.hpp"
#include "zhibiao/composite/marks.hpp"
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/composite/prepare.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/composite/treat.hpp"
#include "zhibiao/composite/weights.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/entity.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/explain.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/fwd.hpp"
#include "zhibiao/interrupt.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/patents.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/scorecard.hpp"
#include "zhibiao/units.hpp"
#include "zhibiao/validate.hpp"
#include "zhibiao/version.hpp"
#include "zhibiao/write_csv.hpp"
