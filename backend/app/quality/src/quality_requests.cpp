// The quality service's answers: QueryQuality, QueryQualityMatrix, ImportMeasurements.
#include "bwx/quality/matrix_query.h"
#include "bwx/quality/measurement_import.h"
#include "bwx/quality/series_query.h"
#include "bwx/server/log.h"
#include "quality_state.h"

namespace bwx::app {

namespace {

template<class... V> proto::Message toMessage(std::variant<V...> &&answer)
{
    return std::visit([](auto &&value) -> proto::Message { return std::move(value); },
                      std::move(answer));
}

proto::Result result(proto::ResultCode code, std::string message)
{
    return proto::Result{code, std::move(message)};
}

} // namespace

proto::Message QualityState::answer(const server::Caller &, const proto::Message &request)
{
    const Timestamp now = m_clock();
    try {
        if (const auto *q = std::get_if<proto::QueryQuality>(&request))
            return toMessage(quality::answerSeries(*m_db, *q, now));
        if (const auto *q = std::get_if<proto::QueryQualityMatrix>(&request)) {
            std::vector<net::Prefix> rows = q->destinations;
            if (rows.empty())
                rows.assign(m_market.openPrefixes.begin(), m_market.openPrefixes.end());
            const std::vector<quality::PathKey> expected(m_plan.expected.begin(),
                                                         m_plan.expected.end());
            return toMessage(quality::answerMatrix(*m_db, rows, expected, now));
        }
        if (const auto *q = std::get_if<proto::ImportMeasurements>(&request))
            return importMeasurements(*q);
    } catch (const quality::QualityDbError &e) {
        server::logError(std::string("quality: ") + e.what());
        return result(proto::ResultCode::InternalError,
                      "the quality database failed; nothing was changed");
    }
    return result(proto::ResultCode::UnexpectedMessage,
                  std::string(proto::name(proto::typeOf(request)))
                      + " is not answered by the quality service");
}

proto::Message QualityState::importMeasurements(const proto::ImportMeasurements &request)
{
    const Timestamp now = m_clock();
    quality::ImportAnswer prepared
        = quality::prepareImport(request, now, m_settings.maxFutureSkew);
    if (auto *refused = std::get_if<proto::Result>(&prepared)) {
        server::logWarning("quality: import refused: " + server::printable(refused->message));
        return *refused;
    }
    const quality::ImportBatch &batch = std::get<quality::ImportBatch>(prepared);
    auto summary = m_tracker->record(batch.measurements, now);
    if (!summary) {
        const std::string message = std::string(quality::formatName(request.format))
                                    + " file: " + summary.error() + "; nothing was imported";
        server::logWarning("quality: import refused: " + server::printable(message));
        return result(proto::ResultCode::InvalidImport, message);
    }
    std::string text = "imported " + std::to_string(summary->added) + " samples";
    if (summary->duplicates > 0)
        text += ", " + std::to_string(summary->duplicates) + " already stored";
    if (!batch.skipped.empty())
        text += "; " + std::to_string(batch.skipped.size())
                + " record(s) without a measurement skipped (first: " + batch.skipped.front() + ")";
    server::logInfo("quality: " + std::string(quality::formatName(request.format))
                    + " import: " + text);
    return result(proto::ResultCode::Ok, text);
}

} // namespace bwx::app
