#include "access/rules.h"

#include <algorithm>
#include <cctype>

namespace bwx::access {

namespace {
bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x))
                      == std::tolower(static_cast<unsigned char>(y));
           });
}
} // namespace

std::string_view toString(SelectionMode mode)
{
    switch (mode) {
    case SelectionMode::Price:
        return "price";
    case SelectionMode::Performance:
        return "performance";
    case SelectionMode::Weighted:
        return "weighted";
    }
    return "price";
}

std::optional<SelectionMode> parseSelectionMode(std::string_view text)
{
    for (const SelectionMode mode :
         {SelectionMode::Price, SelectionMode::Performance, SelectionMode::Weighted}) {
        if (equalsIgnoringCase(text, toString(mode)))
            return mode;
    }
    return std::nullopt;
}

RankingMode rankingModeFor(SelectionMode mode)
{
    switch (mode) {
    case SelectionMode::Price:
        return RankingMode::BestPrice;
    case SelectionMode::Performance:
        return RankingMode::BestPerformance;
    case SelectionMode::Weighted:
        return RankingMode::Weighted;
    }
    return RankingMode::BestPrice;
}

std::string_view toString(Fallback fallback)
{
    return fallback == Fallback::None ? "none" : "buy-order";
}

SelectionMode Rules::modeFor(const Group &group, const Need &need) const
{
    if (need.mode)
        return *need.mode;
    if (group.mode)
        return *group.mode;
    return mode;
}

proto::RankingWeights Rules::weightsFor(const Group &group, const Need &need) const
{
    if (need.weights)
        return *need.weights;
    if (group.weights)
        return *group.weights;
    return weights;
}

std::optional<Bandwidth> Rules::capacityCapFor(const Destination &destination) const
{
    for (const DestinationCap &cap : caps.destinations) {
        if (cap.destination == destination)
            return cap.maxCapacity;
    }
    return caps.maxCapacityPerDestination;
}

const Need *Rules::findNeed(std::string_view name, const Group **group) const
{
    for (const Group &g : groups) {
        for (const Need &need : g.needs) {
            if (need.name == name) {
                if (group)
                    *group = &g;
                return &need;
            }
        }
    }
    return nullptr;
}

} // namespace bwx::access
