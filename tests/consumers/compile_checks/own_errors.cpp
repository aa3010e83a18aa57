// A program throws zhibiao's errors of its own, naming where, as the library does: with -Wall
// -Wextra -Werror, `location{path}` warned -Wmissing-field-initializers for entity, period and
// variable (round 28; the library's own code met it first).
#include <zhibiao/error.hpp>
#include <string>
int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "input.csv";
    try {
        throw zhibiao::file_error("cannot read it", zhibiao::location{path});
    } catch (const zhibiao::error& e) {
        return e.where().file == path && std::string(e.what()).rfind(path + ": ", 0) == 0 ? 0 : 1;
    }
}
