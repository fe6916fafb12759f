#include "context.h"

#include "exit_codes.h"

#include <chrono>

namespace bwx::ctl {

Timestamp systemClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

std::chrono::milliseconds heartbeatInterval(const client::Connection &connection)
{
    const auto &session = connection.session();
    if (session && session->heartbeatSeconds > 0)
        return std::chrono::seconds(session->heartbeatSeconds);
    return std::chrono::seconds(15);
}

client::Connection Context::connect() const
{
    auto options = resolveConnection(flags, env);
    if (!options)
        throw UsageError(options.error());
    client::Connection connection = client::Connection::connect(*options);
    connection.hello(std::string("bwxctl/") + BWX_VERSION);
    return connection;
}

void Context::print(const Json &document, const std::string &human) const
{
    if (json)
        out << document.dump(2) << '\n';
    else
        out << human;
    out.flush();
}

} // namespace bwx::ctl
