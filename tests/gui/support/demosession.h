#pragma once
// A recorded member session, as the server would send it after login: HelloAck, the market
// watch, one book with covering sells and more specific buys, the member's orders, trades and
// the member list, then a few live updates and a fill. Fed through the real decoder for the
// screenshot tests and the documentation's pictures.
#include <bwx/proto/messages.h>
#include <cstdint>
#include <vector>

namespace bwx::terminal {
class ExchangeClient;
}

namespace bwx::terminal::test {

struct RecordedFrame
{
    proto::Message message;
    std::uint32_t requestId = 0;
};

// The book the session shows in detail.
net::Prefix demoBookPrefix();
std::vector<RecordedFrame> demoSession();
// Encodes the frames, cuts the byte stream into uneven reads, and passes what the assembler
// decodes to client.handleMessage — the same path as bytes from a socket. Returns the number
// of messages delivered.
int replay(ExchangeClient &client, const std::vector<RecordedFrame> &frames);

} // namespace bwx::terminal::test
