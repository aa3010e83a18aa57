// Every definition file installed in zhibiao_DATA_DIR (share/zhibiao) loads with the loader of its
// kind and has as many entries as the compiled-in copy (round 27: the package gave no way to find
// them but guessing the layout from zhibiao_DIR), and nothing else is installed there: no file a
// program has no loader for (round 28: headings.toml and composite/aliases.toml were installed,
// and a user's edits to them did nothing).
#include <zhibiao/zhibiao.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
static std::string slurp(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw zhibiao::file_not_found_error(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
int main() {
    const std::string dir = DATA_DIR;
    int bad = 0;
    auto check = [&](bool ok, const char* what) {
        if (!ok) {
            std::printf("FAIL %s\n", what);
            ++bad;
        }
    };
    const auto cat = zhibiao::catalogue::load(dir + "/indicators.toml");
    check(cat.indicators().size() == zhibiao::catalogue::builtin().indicators().size(), "indicators.toml");
    const auto rules = zhibiao::rules_from_toml(slurp(dir + "/rules.toml"), dir + "/rules.toml");
    check(rules.size() == zhibiao::builtin_rules().size(), "rules.toml");
    for (const char* pack : {"tech-sme-2017", "hnte-2016", "hnte-2008"}) {
        const auto card = zhibiao::scorecard::load(dir + "/scorecards/" + pack + ".toml");
        check(card.inputs().size() == zhibiao::scorecard::builtin(pack).inputs().size(), pack);
    }
    for (const char* preset : {"eis", "entropy-topsis", "most-monitoring"}) {
        const auto m = zhibiao::composite::read_model(dir + "/composite/" + preset + ".toml");
        check(m.steps.size() == zhibiao::composite::preset(preset).steps.size(), preset);
    }
    const auto words = zhibiao::lexicon_from_toml(slurp(dir + "/extract.toml"), dir + "/extract.toml");
    check(words.size() == zhibiao::builtin_lexicon().size(), "extract.toml");
    const std::vector<std::string> loaded = {"indicators.toml",
                                             "rules.toml",
                                             "scorecards/tech-sme-2017.toml",
                                             "scorecards/hnte-2016.toml",
                                             "scorecards/hnte-2008.toml",
                                             "composite/eis.toml",
                                             "composite/entropy-topsis.toml",
                                             "composite/most-monitoring.toml",
                                             "extract.toml"};
    for (const auto& file : std::filesystem::recursive_directory_iterator(dir)) {
        if (!file.is_regular_file()) continue;
        const std::string name = std::filesystem::relative(file.path(), dir).generic_string();
        if (std::find(loaded.begin(), loaded.end(), name) == loaded.end()) {
            std::printf("FAIL %s is installed, and no loader reads it\n", name.c_str());
            ++bad;
        }
    }
    std::printf("%s\n", bad ? "UNEXPECTED" : "every installed definition loads");
    return bad;
}
