#include "bgp_fanout_bird.h"

#include <sstream>

namespace bwx::bench {

std::string birdConfig(const BirdRouteServer &server, bool exporting)
{
    const char *exportRule = exporting ? "all" : "none";
    std::ostringstream f;
    f << "router id " << server.routerId << ";\n"
      << "log stderr { error, fatal };\n"
         "protocol device { }\n"
         "protocol direct { ipv4; interface \"lo\"; }\n";
    for (const BirdPeer &p : server.peers) {
        if (server.tablePerPeer) {
            f << "ipv4 table t_" << p.protocol << ";\n"
              << "protocol pipe p_" << p.protocol << " {\n"
              << "  table master4;\n"
              << "  peer table t_" << p.protocol << ";\n"
              << "  import all;\n"
              << "  export " << exportRule << ";\n"
              << "}\n";
        }
        f << "protocol bgp " << p.protocol << " {\n"
          << "  local " << server.localAddress << " port " << server.port << " as "
          << server.localAs << ";\n"
          << "  neighbor " << p.address << " as " << p.asn << ";\n"
          << "  passive on;\n"
             "  multihop 2;\n"
             "  rs client;\n"
             "  ipv4 {\n";
        if (server.tablePerPeer)
            f << "    table t_" << p.protocol << ";\n";
        f << "    import all;\n"
          << "    export " << (server.tablePerPeer ? "all" : exportRule) << ";\n"
          << "  };\n"
             "}\n";
    }
    return f.str();
}

std::map<std::string, std::uint64_t> importedRoutes(const std::string &showProtocolsAll)
{
    // A protocol's block starts with its name at the start of a line; its channel lines are
    // indented: "    Routes:         50000 imported, 0 exported, 50000 preferred".
    std::map<std::string, std::uint64_t> imported;
    std::istringstream in(showProtocolsAll);
    std::string line, protocol;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != ' ' && line[0] != '\t') {
            std::istringstream words(line);
            words >> protocol;
            continue;
        }
        const auto at = line.find("Routes:");
        if (at == std::string::npos || protocol.empty())
            continue;
        std::istringstream numbers(line.substr(at + 7));
        std::uint64_t n = 0;
        if (numbers >> n)
            imported[protocol] = n;
    }
    return imported;
}

} // namespace bwx::bench
