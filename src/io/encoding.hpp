#pragma once
// The encoding detection of read_csv (src/csv.cpp), for other readers of text files (the report
// extractor): one detector, so a file reads the same wherever it is read. Private to the library.
#include <string>
#include <string_view>

#include "zhibiao/csv.hpp"

namespace zhibiao::detail {

/// What the first bytes (at most 4 KB) say a file is, before a text encoding is tried:
/// UTF-16 with a byte order mark; UTF-16 LE or BE without one (4 NUL bytes or more, in at least 1 of 32 code
/// units, at least 4 times as many on one side of the code units as on the other:
/// NULs on the odd side are little-endian; decode_text then requires a clean decode), or with no NUL at all when
/// the bytes are not UTF-8 and 9 in 10 of their code units read one way are ideographs, CJK punctuation or
/// full-width forms (a report with no ASCII character); a zip archive (an .xlsx workbook:
/// PK\3\4); an OLE document (an .xls workbook: D0 CF 11 E0 A1 B1 1A E1); other bytes with NULs (binary); text.
enum class sniffed { text, utf16_bom, utf16le, utf16be, zip, ole, binary };
sniffed sniff(std::string_view bytes);

/// `bytes` as UTF-8 (a view into `bytes` or into `storage`); `encoding` names what was detected
/// ("utf-8", "utf-8-bom", "gb18030", "gb18030-bom" (its byte order mark 84 31 95 33), "utf-16", "utf-16-le",
/// "utf-16-be"). Throws parse_error (naming `source` and the line) on bytes that the chosen encoding cannot read, and
/// on a file that `sniff` finds no text (a workbook, an archive, other binary bytes).
std::string_view decode_text(std::string_view bytes, csv_options::encoding_choice choice, std::string& storage,
                             std::string& encoding, const std::string& source);

}  // namespace zhibiao::detail
