#pragma once
#define ZHIBIAO_VERSION_MAJOR 0
#define ZHIBIAO_VERSION_MINOR 1
#define ZHIBIAO_VERSION_PATCH 0

namespace zhibiao {
inline constexpr const char* version = "0.1.0";
}
