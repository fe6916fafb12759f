#pragma once
// Turning a reply into the message a request expects: a failing Result becomes a Rejected
// error with the exchange's code, any other unexpected type a Protocol error.
#include "bwx/client/client_error.h"
#include "bwx/client/connection.h"

#include <string_view>
#include <utility>
#include <variant>

namespace bwx::client {

// Throws for a Result (Rejected when failing, Protocol when "ok" was not what was asked for)
// and for any other message type.
[[noreturn]] void throwUnexpectedReply(const Incoming &reply, std::string_view expected);

// True when the reply is a Result with code Ok.
bool isOkResult(const Incoming &reply);

template<class T> T replyAs(Incoming &&reply)
{
    if (auto *m = std::get_if<T>(&reply.message))
        return std::move(*m);
    throwUnexpectedReply(reply, proto::name(T::kType));
}

} // namespace bwx::client
