// Every public header, included into two translation units (all_headers_a/b.cpp): a
// non-inline definition in a header then fails to link. check_all_headers.cmake keeps this
// list complete.
#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/entity.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/patents.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/scorecard.hpp"
#include "zhibiao/units.hpp"
#include "zhibiao/validate.hpp"
#include "zhibiao/version.hpp"
#include "zhibiao/zhibiao.hpp"
