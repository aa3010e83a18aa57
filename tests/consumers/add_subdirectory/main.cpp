// zhibiao pulled in with add_subdirectory: its options default OFF (no tests, no install).
#include <zhibiao/zhibiao.hpp>

#include <cstdio>

int main() {
    const auto& i = zhibiao::catalogue::builtin().at("rd_intensity");
    return i.unit.symbol() == "%" ? 0 : 1;
}
