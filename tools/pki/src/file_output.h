#pragma once
// Writing key and certificate files so that a crash never leaves half a key behind and an
// existing key is never replaced by accident.
#include "bwx/expected.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace bwx::pki::detail {

// Writes `content` to a temporary file beside `path` with `mode`, syncs it, then moves it in
// place: with `overwrite` by rename(), otherwise by link(), which fails when `path` exists.
// Returns the path written.
Expected<std::filesystem::path> writeFileAtomically(const std::filesystem::path &path,
                                                    std::string_view content,
                                                    mode_t mode,
                                                    bool overwrite);

// Creates `dir` (and parents) when missing; a directory created here gets mode 0700 because it
// will hold private keys.
Expected<std::filesystem::path> ensurePrivateDirectory(const std::filesystem::path &dir);

Expected<std::string> readFile(const std::filesystem::path &path);

} // namespace bwx::pki::detail
