#include "file_output.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace bwx::pki::detail {
namespace {

std::string errnoText(int err)
{
    return std::strerror(err);
}

} // namespace

Expected<std::filesystem::path> writeFileAtomically(const std::filesystem::path &path,
                                                    std::string_view content,
                                                    mode_t mode,
                                                    bool overwrite)
{
    std::string tmpl = path.string() + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return makeError("cannot create '" + tmpl + "': " + errnoText(errno));
    const std::string tmp = tmpl;
    auto cleanup = [&](const std::string &why) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return makeError(why);
    };
    // mkstemp creates 0600; fchmod before any byte is written so a key is never readable.
    if (::fchmod(fd, mode) != 0)
        return cleanup("cannot set the mode of '" + tmp + "': " + errnoText(errno));
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return cleanup("cannot write '" + tmp + "': " + errnoText(errno));
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        return cleanup("cannot sync '" + tmp + "': " + errnoText(errno));
    ::close(fd);
    if (overwrite) {
        if (::rename(tmp.c_str(), path.c_str()) != 0) {
            const int err = errno;
            ::unlink(tmp.c_str());
            return makeError("cannot write '" + path.string() + "': " + errnoText(err));
        }
    } else {
        const int rc = ::link(tmp.c_str(), path.c_str());
        const int err = errno;
        ::unlink(tmp.c_str());
        if (rc != 0) {
            if (err == EEXIST)
                return makeError("refusing to overwrite existing '" + path.string()
                                 + "' (use --force to replace it)");
            return makeError("cannot write '" + path.string() + "': " + errnoText(err));
        }
    }
    return path;
}

Expected<std::filesystem::path> ensurePrivateDirectory(const std::filesystem::path &dir)
{
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec))
        return dir;
    if (std::filesystem::exists(dir, ec))
        return makeError("'" + dir.string() + "' exists and is not a directory");
    if (dir.has_parent_path() && !dir.parent_path().empty())
        std::filesystem::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return makeError("cannot create directory '" + dir.string() + "': " + errnoText(errno));
    return dir;
}

Expected<std::string> readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("cannot read '" + path.string() + "': " + errnoText(errno));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace bwx::pki::detail
