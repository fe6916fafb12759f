#include "openssl_errors.h"

#include <openssl/err.h>

namespace bwx::client::detail {

std::string takeOpenSslErrors()
{
    std::string text;
    const char *data = nullptr;
    int flags = 0;
    while (const unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
        if (!text.empty())
            text += "; ";
        const char *reason = ERR_reason_error_string(code);
        text += reason ? reason : "error " + std::to_string(code);
        if (data && (flags & ERR_TXT_STRING) && *data)
            text += std::string(" (") + data + ")";
    }
    return text;
}

} // namespace bwx::client::detail
