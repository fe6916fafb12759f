#include "bwx/server/book_quality.h"

#include "bwx/market/engine.h"

#include <algorithm>

namespace bwx::server {

void answerQualityRound(const market::Engine &engine, QualityRound &round)
{
    for (QualityRequest &request : round) {
        request.answers.clear();
        if (request.sells.empty())
            continue;
        // The effective book is what snapshots show; taking the figures from it keeps a
        // snapshot and the updates after it in agreement, whatever rule the market uses to
        // pick the figure of a seller toward a prefix.
        for (const proto::BookEntry &entry : engine.effectiveBook(request.prefix)) {
            if (entry.side != Side::Sell
                || !std::binary_search(request.sells.begin(), request.sells.end(), entry.orderId))
                continue;
            request.answers.push_back(SellQuality{entry.orderId, entry.latencyUs, entry.lossPpm,
                                                  entry.distance, entry.qualityKnown});
        }
        std::sort(request.answers.begin(), request.answers.end(),
                  [](const SellQuality &a, const SellQuality &b) { return a.order < b.order; });
    }
}

void applyQuality(proto::BookEntry &entry, const SellQuality &quality)
{
    entry.latencyUs = quality.latencyUs;
    entry.lossPpm = quality.lossPpm;
    entry.distance = quality.distance;
    entry.qualityKnown = quality.qualityKnown;
}

} // namespace bwx::server
