#pragma once
// How Eigen is configured in zhibiao's public types, whatever flags a program is compiled with.
//
// Results made inside the prebuilt library (indicator columns, scorecard results, composite
// layers) hold Eigen storage that the program later frees, resizes and reads with vector
// instructions, and Eigen storage the program makes (a column put in a composite::table) is
// freed by the library. Eigen chooses its heap allocator and the alignment it assumes from the
// compiler flags: with -mavx2 or -march=native it assumes 32- or 64-byte aligned blocks and
// allocates them by hand (the original pointer's offset stored in the byte before the block), and
// so does any build with AddressSanitizer, while a default x86-64 build calls plain malloc. The
// same inline functions then disagree between the library and the program (an ODR violation):
// free() of a pointer malloc never returned, or an aligned load from a block that is not. So every
// translation unit that sees a zhibiao header uses one configuration, fixed here and independent
// of the flags:
//  - EIGEN_MAX_ALIGN_BYTES / EIGEN_MAX_STATIC_ALIGN_BYTES 16: Eigen assumes no more alignment
//    than every build provides, and fixed-size members have the same layout everywhere
//    (AVX code still runs, with unaligned loads);
//  - EIGEN_MALLOC_ALREADY_ALIGNED 1 where malloc returns 16-byte aligned blocks (glibc on 64 bits,
//    macOS, 64-bit Windows: ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED below), 0 elsewhere. 1 is Eigen's
//    own choice there under the default flags, so an Eigen object made or freed in a translation
//    unit that never sees zhibiao (a team's numeric library, compiled with the default flags)
//    crosses into zhibiao safely: plain malloc and free on both sides. (Until round 37 this was
//    0, Eigen's hand-made allocator everywhere, which crashed in free() for exactly that unit.)
//    Under -march=native or ASan such a unit still allocates by hand and assumes 32 bytes, so it
//    must carry these definitions too: link zhibiao::zhibiao or zhibiao::eigen_config, or use
//    `pkg-config --cflags zhibiao` (docs/cpp.md, "Eigen objects across the boundary").
// The exported CMake targets and zhibiao.pc pass the same definitions on the command line, so
// the order of includes does not matter there; a program that configures Eigen otherwise, or
// includes Eigen before this header with other settings, does not compile.

// zhibiao is C++17 (inline variables, std::optional, std::string_view, if constexpr): an older
// standard (clang++ 14 and older default to C++14) fails with tens of unrelated errors; one here,
// saying why, then the same deliberately missing include as for -fno-exceptions below stops there.
// (MSVC reports __cplusplus 199711L unless /Zc:__cplusplus: _MSVC_LANG is its real value.)
#if (defined(_MSVC_LANG) ? _MSVC_LANG : __cplusplus) < 201703L
#error \
    "zhibiao needs C++17: compile with -std=c++17 (or later; CMake: link zhibiao::zhibiao, which requires cxx_std_17)"
#include "zhibiao: compilation stopped (see the #error above)"
#endif

// Bad input is reported by throwing (zhibiao::error and its kin), in inline code of these headers
// too: under -fno-exceptions every `throw` and `try` in them is a compiler error of its own, a
// cascade that never says why. (__cpp_exceptions: GCC, Clang, recent MSVC; __EXCEPTIONS: older
// GCC and Clang; _CPPUNWIND: MSVC.)
#if !defined(__cpp_exceptions) && !defined(__EXCEPTIONS) && !defined(_CPPUNWIND)
#error "zhibiao reports bad input with exceptions; compile with exceptions enabled (remove -fno-exceptions)"
// #error does not stop GCC or Clang, which go on to an error at every throw below; a missing
// include is fatal in both, so the build stops here with the reason above.
#include "zhibiao: compilation stopped (see the #error above)"
#endif

#define ZHIBIAO_EIGEN_MAX_ALIGN_BYTES 16
// Where malloc's blocks are 16-byte aligned (the platform, never the flags, decides: the same in
// every translation unit of a program); CMakeLists.txt tests the same condition for the command
// line, and a disagreement stops the library's own build below. <cstdlib> defines __GLIBC__.
#include <cstdlib>
#if (defined(__GLIBC__) && defined(__LP64__)) || defined(__APPLE__) || defined(_WIN64)
#define ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED 1
#else
#define ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED 0
#endif

#if defined(EIGEN_MAX_ALIGN_BYTES) && EIGEN_MAX_ALIGN_BYTES != ZHIBIAO_EIGEN_MAX_ALIGN_BYTES
#error \
    "zhibiao: EIGEN_MAX_ALIGN_BYTES must be 16 (as the library was built); compile with -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 -DEIGEN_MALLOC_ALREADY_ALIGNED=1 (0 where malloc is not 16-byte aligned; link zhibiao::zhibiao or zhibiao::eigen_config, or use pkg-config zhibiao), or include zhibiao headers before Eigen"
#endif
#if defined(EIGEN_MAX_STATIC_ALIGN_BYTES) && EIGEN_MAX_STATIC_ALIGN_BYTES != ZHIBIAO_EIGEN_MAX_ALIGN_BYTES
#error \
    "zhibiao: EIGEN_MAX_STATIC_ALIGN_BYTES must be 16 (as the library was built); compile with -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 -DEIGEN_MALLOC_ALREADY_ALIGNED=1 (0 where malloc is not 16-byte aligned; link zhibiao::zhibiao or zhibiao::eigen_config, or use pkg-config zhibiao), or include zhibiao headers before Eigen"
#endif
#if defined(EIGEN_MALLOC_ALREADY_ALIGNED) && EIGEN_MALLOC_ALREADY_ALIGNED != ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED
#if ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED
#error \
    "zhibiao: EIGEN_MALLOC_ALREADY_ALIGNED must be 1 on this platform (as the library was built: plain malloc and free); compile with -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 -DEIGEN_MALLOC_ALREADY_ALIGNED=1 (link zhibiao::zhibiao or zhibiao::eigen_config, or use pkg-config zhibiao), or include zhibiao headers before Eigen"
#else
#error \
    "zhibiao: EIGEN_MALLOC_ALREADY_ALIGNED must be 0 on this platform (as the library was built: Eigen's own aligned allocator); compile with -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 -DEIGEN_MALLOC_ALREADY_ALIGNED=0 (link zhibiao::zhibiao or zhibiao::eigen_config, or use pkg-config zhibiao), or include zhibiao headers before Eigen"
#endif
#endif
// libstdc++'s debug mode (-D_GLIBCXX_DEBUG) gives std::vector, std::map and their kin another
// layout, and zhibiao's public types hold them: a program in debug mode would read the library's
// panels and results as something else. The linker catches only functions that take such a
// type by name; a member read compiles and runs on garbage. So it is refused here, unless the
// library itself was built in debug mode and says so with ZHIBIAO_GLIBCXX_DEBUG_BUILD.
#if defined(_GLIBCXX_DEBUG) && !defined(ZHIBIAO_GLIBCXX_DEBUG_BUILD)
#error \
    "zhibiao: _GLIBCXX_DEBUG changes the layout of the standard containers in zhibiao's types; the library was built without it (use -D_GLIBCXX_ASSERTIONS for checked containers with the same layout)"
#endif
#if defined(EIGEN_DONT_ALIGN) || defined(EIGEN_DONT_ALIGN_STATICALLY)
#error \
    "zhibiao: EIGEN_DONT_ALIGN changes the layout and allocation of zhibiao's Eigen members; the library was built without it"
#endif
// Two more Eigen settings change the layout of every matrix in zhibiao's types, and the linker
// does not notice: EIGEN_DEFAULT_TO_ROW_MAJOR (Eigen tests only whether it is defined) stores a
// MatrixXd row by row, so a program reads the library's scores transposed; another
// EIGEN_DEFAULT_DENSE_INDEX_TYPE changes the size fields of every dynamic matrix (a crash).
#if defined(EIGEN_DEFAULT_TO_ROW_MAJOR)
#error \
    "zhibiao: EIGEN_DEFAULT_TO_ROW_MAJOR changes the layout of zhibiao's Eigen matrices (a program would read them transposed); the library was built column-major: remove the definition"
#endif
#if defined(EIGEN_DEFAULT_DENSE_INDEX_TYPE)
#include <cstddef>
#include <type_traits>
static_assert(
    std::is_same<EIGEN_DEFAULT_DENSE_INDEX_TYPE, std::ptrdiff_t>::value,
    "zhibiao: EIGEN_DEFAULT_DENSE_INDEX_TYPE must be std::ptrdiff_t (as the library was built); another index "
    "type changes the layout of zhibiao's Eigen matrices: remove the definition");
#endif

// libstdc++'s two std::string (and std::list) layouts: a program compiled with
// -D_GLIBCXX_USE_CXX11_ABI=0 against a library built with the default (or the other way round)
// links whenever no function takes a string by name, then reads every std::string member of
// zhibiao's results as heap garbage. version.hpp records the library's value.
#include <cstddef>  // defines _GLIBCXX_USE_CXX11_ABI under libstdc++

#include "zhibiao/version.hpp"
#if defined(ZHIBIAO_BUILT_GLIBCXX_USE_CXX11_ABI) && defined(_GLIBCXX_USE_CXX11_ABI)
#if _GLIBCXX_USE_CXX11_ABI != ZHIBIAO_BUILT_GLIBCXX_USE_CXX11_ABI
#if ZHIBIAO_BUILT_GLIBCXX_USE_CXX11_ABI
#error \
    "zhibiao: this program is compiled with _GLIBCXX_USE_CXX11_ABI=0 but the library was built with _GLIBCXX_USE_CXX11_ABI=1: std::string has another layout; remove -D_GLIBCXX_USE_CXX11_ABI=0 (or rebuild zhibiao with it)"
#else
#error \
    "zhibiao: this program is compiled with _GLIBCXX_USE_CXX11_ABI=1 but the library was built with _GLIBCXX_USE_CXX11_ABI=0: std::string has another layout; compile with -D_GLIBCXX_USE_CXX11_ABI=0 (or rebuild zhibiao without it)"
#endif
#endif
#endif

// The other standard library: a program compiled with clang++ -stdlib=libc++ against a library
// built on libstdc++ (or the other way round) links whenever no function takes a std type by
// name, then reads every std::string and std::vector in zhibiao's types as garbage.
#if defined(ZHIBIAO_BUILT_WITH_LIBSTDCXX) && defined(_LIBCPP_VERSION)
#error \
    "zhibiao: this program uses libc++ (-stdlib=libc++) but the library was built with libstdc++: std::string and std::vector have other layouts; compile without -stdlib=libc++ (or rebuild zhibiao with libc++)"
#endif
#if defined(ZHIBIAO_BUILT_WITH_LIBCXX) && defined(__GLIBCXX__)
#error \
    "zhibiao: this program uses libstdc++ but the library was built with libc++: std::string and std::vector have other layouts; compile with -stdlib=libc++ (or rebuild zhibiao with libstdc++)"
#endif

#ifndef EIGEN_MAX_ALIGN_BYTES
#define EIGEN_MAX_ALIGN_BYTES 16
#endif
#ifndef EIGEN_MAX_STATIC_ALIGN_BYTES
#define EIGEN_MAX_STATIC_ALIGN_BYTES 16
#endif
#ifndef EIGEN_MALLOC_ALREADY_ALIGNED
#define EIGEN_MALLOC_ALREADY_ALIGNED ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED
#endif
