// The report extractor and the Chinese numeral reader on arbitrary bytes: facts or nothing,
// never a crash, a hang or a number from a placeholder or a damaged figure; every span lies inside
// the text; asked for guesses, the same facts with a guess only where a figure is damaged; the
// report decoder on the same bytes.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "zhibiao/error.hpp"
#include "zhibiao/extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    double v = 0;
    try {
        (void)zhibiao::parse_chinese_number(text, v);
    } catch (const zhibiao::parse_error&) {
        // documented: a run that looks like a numeral but is not one (两两, 十十, 二十拾…) says why
    }
    const zhibiao::extraction x = zhibiao::extract(text);
    for (const auto& f : x.facts) {
        if (f.amount.begin > f.amount.end || f.amount.end > text.size()) std::abort();
        if (f.amount.masked && !std::isnan(f.amount.value) && !std::isnan(f.amount.high))
            std::abort();  // a range may keep one known end
        if (std::isinf(f.amount.value)) std::abort();
        if (!f.damage.empty() && !std::isnan(f.amount.value)) std::abort();  // a damaged figure is never a number
        if (f.clause_begin > f.amount.begin || f.clause_end < f.amount.end || f.char_begin > f.char_end) std::abort();
    }
    for (const auto& r : x.findings)
        if (r.begin > r.end || r.end > text.size()) std::abort();
    // With guesses asked for: the same facts, a guess only for a damaged figure, never in value.
    zhibiao::extract_options guessing;
    guessing.guess = true;
    const zhibiao::extraction g = zhibiao::extract(text, zhibiao::builtin_lexicon(), guessing);
    if (g.facts.size() != x.facts.size()) std::abort();
    for (std::size_t i = 0; i < g.facts.size(); ++i) {
        const auto& f = g.facts[i];
        if (!std::isnan(f.guess) && f.damage.empty()) std::abort();
        if (!f.damage.empty() && !std::isnan(f.amount.value)) std::abort();
        if (f.variable != x.facts[i].variable || f.amount.begin != x.facts[i].amount.begin) std::abort();
    }
    // The columns hold the same facts as the structs, and each figure is the text at its offsets.
    const zhibiao::table_extraction t = zhibiao::extract_table(text);
    if (t.facts.size() != x.facts.size() || t.findings.size() != x.findings.size()) std::abort();
    for (std::size_t i = 0; i < t.facts.size(); ++i) {
        const zhibiao::fact f = zhibiao::fact_at(t.facts, i);
        if (f.text != x.facts[i].text || f.flags != x.facts[i].flags || f.char_end != x.facts[i].char_end) std::abort();
        if (x.invalid_bytes == 0 && text.compare(t.facts.begin[i], t.facts.end[i] - t.facts.begin[i], f.text) != 0)
            std::abort();
    }
    try {
        const zhibiao::decoded_report decoded = zhibiao::decode_report(text);
        if (decoded.invalid_bytes > size) std::abort();
    } catch (const zhibiao::error&) {  // bytes after a UTF-16 byte order mark that are not UTF-16
    }
    if (x.invalid_bytes > size) std::abort();
    return 0;
}
