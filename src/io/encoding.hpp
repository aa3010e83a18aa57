#pragma once
// The encoding detection of read_csv (src/csv.cpp), for other readers of text files (the report
// extractor): one detector, so a file reads the same wherever it is read. Private to the library.
#include <string>
#include <string_view>

#include "zhibiao/csv.hpp"

namespace zhibiao::detail {

/// `bytes` as UTF-8 (a view into `bytes` or into `storage`); `encoding` names what was detected
/// ("utf-8", "utf-8-bom", "gb18030", "utf-16"). Throws parse_error (naming `source` and the line)
/// on bytes that the chosen encoding cannot read.
std::string_view decode_text(std::string_view bytes, csv_options::encoding_choice choice, std::string& storage,
                             std::string& encoding, const std::string& source);

}  // namespace zhibiao::detail
