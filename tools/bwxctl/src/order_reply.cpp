#include "order_reply.h"

#include "bwx/client/reply.h"

namespace bwx::ctl {

OrderOutcome awaitOrderOutcome(client::Connection &connection,
                               std::uint32_t requestId,
                               std::optional<Bandwidth> filledBefore,
                               std::chrono::milliseconds timeout)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    std::optional<proto::OrderView> order;
    std::vector<proto::Fill> fills; // every fill seen: the order id is known only with the reply

    auto filledByFills = [&] {
        Bandwidth sum{};
        for (const auto &f : fills)
            if (f.orderId == order->orderId)
                sum += f.trade.capacity;
        return sum;
    };

    for (;;) {
        if (order && (!filledBefore || filledByFills() >= order->filled - *filledBefore))
            break;
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        auto in = connection.tryReceive(std::max(left, std::chrono::milliseconds(0)));
        if (!in) {
            if (!order)
                throw client::ClientError(client::ErrorKind::Timeout,
                                          "no reply to the order command within "
                                              + std::to_string(timeout.count()) + " ms");
            OrderOutcome partial{*order, {}, false};
            for (auto &f : fills)
                if (f.orderId == order->orderId)
                    partial.fills.push_back(f);
            return partial;
        }
        if (auto *g = std::get_if<proto::Goodbye>(&in->message))
            throw client::ClientError(client::ErrorKind::Goodbye, g->code, g->reason);
        if (auto *f = std::get_if<proto::Fill>(&in->message)) {
            fills.push_back(std::move(*f));
            continue;
        }
        if (auto *u = std::get_if<proto::OrderUpdate>(&in->message)) {
            if (in->requestId == requestId || (order && u->order.orderId == order->orderId))
                order = u->order;
            continue;
        }
        if (in->requestId == requestId)
            client::throwUnexpectedReply(*in, "order_update");
        // Market data or updates of other orders: not what this command reports.
    }
    OrderOutcome outcome{*order, {}, true};
    for (auto &f : fills)
        if (f.orderId == order->orderId)
            outcome.fills.push_back(std::move(f));
    return outcome;
}

} // namespace bwx::ctl
