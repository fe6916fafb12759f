#include "bwx/client/reply.h"

#include <string>

namespace bwx::client {

void throwUnexpectedReply(const Incoming &reply, std::string_view expected)
{
    if (const auto *r = std::get_if<proto::Result>(&reply.message)) {
        if (r->code != proto::ResultCode::Ok)
            throw ClientError(ErrorKind::Rejected, r->code,
                              r->message.empty() ? std::string(proto::describe(r->code))
                                                 : r->message);
    }
    throw ClientError(ErrorKind::Protocol,
                      "expected " + std::string(expected) + " but the server answered "
                          + std::string(proto::name(proto::typeOf(reply.message))));
}

bool isOkResult(const Incoming &reply)
{
    const auto *r = std::get_if<proto::Result>(&reply.message);
    return r && r->code == proto::ResultCode::Ok;
}

} // namespace bwx::client
