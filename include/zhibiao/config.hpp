#pragma once
// How Eigen is configured in zhibiao's public types, whatever flags a program is compiled with.
//
// Results made inside the prebuilt library (indicator columns, scorecard results, composite
// layers) hold Eigen storage that the program later frees, resizes and reads with vector
// instructions. Eigen chooses its heap allocator and the alignment it assumes from the
// compiler flags: with -mavx2 or -march=native it allocates 32- or 64-byte aligned blocks by
// hand (the original pointer stored before the block), while a default x86-64 build, or any
// build with AddressSanitizer, differs again (plain malloc unless ASan is on). The same inline
// functions then disagree between the library and the program (an ODR violation): free() of
// a pointer malloc never returned, or a read before the block. So every translation unit that
// sees a zhibiao header uses one configuration, fixed here and independent of the flags:
//  - EIGEN_MALLOC_ALREADY_ALIGNED 0: Eigen's own aligned allocator always, whose free() works
//    for a block of any alignment and under any malloc (ASan's included);
//  - EIGEN_MAX_ALIGN_BYTES / EIGEN_MAX_STATIC_ALIGN_BYTES 16: Eigen assumes no more alignment
//    than every build provides, and fixed-size members have the same layout everywhere
//    (AVX code still runs, with unaligned loads).
// The exported CMake target and zhibiao.pc pass the same definitions on the command line, so
// the order of includes does not matter there; a program that configures Eigen otherwise, or
// includes Eigen before this header with other settings, does not compile.

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
#define ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED 0

#if defined(EIGEN_MAX_ALIGN_BYTES) && EIGEN_MAX_ALIGN_BYTES != ZHIBIAO_EIGEN_MAX_ALIGN_BYTES
#error \
    "zhibiao: EIGEN_MAX_ALIGN_BYTES must be 16 (as the library was built); compile with -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 -DEIGEN_MALLOC_ALREADY_ALIGNED=0 (link zhibiao::zhibiao or use pkg-config zhibiao), or include zhibiao headers before Eigen"
#endif
#if defined(EIGEN_MAX_STATIC_ALIGN_BYTES) && EIGEN_MAX_STATIC_ALIGN_BYTES != ZHIBIAO_EIGEN_MAX_ALIGN_BYTES
#error \
    "zhibiao: EIGEN_MAX_STATIC_ALIGN_BYTES must be 16 (as the library was built); compile with -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 -DEIGEN_MALLOC_ALREADY_ALIGNED=0 (link zhibiao::zhibiao or use pkg-config zhibiao), or include zhibiao headers before Eigen"
#endif
#if defined(EIGEN_MALLOC_ALREADY_ALIGNED) && EIGEN_MALLOC_ALREADY_ALIGNED != ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED
#error \
    "zhibiao: EIGEN_MALLOC_ALREADY_ALIGNED must be 0 (as the library was built); compile with -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 -DEIGEN_MALLOC_ALREADY_ALIGNED=0 (link zhibiao::zhibiao or use pkg-config zhibiao), or include zhibiao headers before Eigen"
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
#define EIGEN_MALLOC_ALREADY_ALIGNED 0
#endif
