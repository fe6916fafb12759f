#include "bwx/app/figure_batcher.h"

#include "bwx/quality/wire_records.h"

namespace bwx::app {

void FigureBatcher::add(const quality::QualityChange &change)
{
    m_pending[change.figure.path] = quality::toWireFigure(change.figure);
}

std::optional<proto::QualityBatch> FigureBatcher::take(std::size_t max)
{
    if (m_pending.empty() || max == 0)
        return std::nullopt;
    proto::QualityBatch batch;
    auto it = m_pending.begin();
    while (it != m_pending.end() && batch.figures.size() < max) {
        batch.figures.push_back(it->second);
        it = m_pending.erase(it);
    }
    return batch;
}

void FigureBatcher::restore(const proto::QualityBatch &batch)
{
    for (const proto::QualityFigure &figure : batch.figures)
        m_pending.try_emplace(quality::PathKey{figure.seller, figure.destination}, figure);
}

} // namespace bwx::app
