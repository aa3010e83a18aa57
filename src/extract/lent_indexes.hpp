#pragma once
// The hook between extract.cpp and batch.cpp: the indexes a reader builds from the lexicon (its
// phrases and word families, the table of their first characters) cost about as much as reading
// a short report, so extract_tables builds them once per thread and lends them to every
// extract_table call that thread makes. They hold no state from one text to the next (each chunk
// clears and refills them), so a text reads the same with them lent or built afresh.
#include "zhibiao/extract.hpp"

namespace zhibiao::detail {

/// While it lives, extract_table on this thread with this same lexicon object uses one set of
/// its indexes instead of building them per call. Scopes nest (the innermost is used).
class lent_indexes {
public:
    explicit lent_indexes(const lexicon& words);
    ~lent_indexes();
    lent_indexes(const lent_indexes&) = delete;
    lent_indexes& operator=(const lent_indexes&) = delete;

private:
    void* indexes_;   // extract.cpp's report_indexes (a type private to it)
    void* previous_;  // the scope this one hides
};

}  // namespace zhibiao::detail
