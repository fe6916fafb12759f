#include "openssl_util.h"

#include <ctime>
#include <openssl/err.h>

namespace bwx::pki::detail {

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

std::string opensslFailure(const std::string &what)
{
    const std::string reasons = takeOpenSslErrors();
    return reasons.empty() ? what : what + ": " + reasons;
}

Timestamp toTimestamp(const ASN1_TIME *time)
{
    std::tm tm{};
    if (ASN1_TIME_to_tm(time, &tm) != 1)
        return Timestamp{};
    return Timestamp::fromSeconds(static_cast<std::int64_t>(::timegm(&tm)));
}

} // namespace bwx::pki::detail
