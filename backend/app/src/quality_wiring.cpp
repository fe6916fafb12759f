#include "quality_wiring.h"

#include "bwx/app/quality_config_reader.h"
#include "bwx/quality/quality_db.h"

#include <stdexcept>

namespace bwx::app {

Expected<std::unique_ptr<QualityService>> makeQualityService(const Config &config,
                                                             sequencer::Sequencer &sequencer)
{
    if (!config.quality)
        return std::unique_ptr<QualityService>();
    const auto database = qualityDatabasePath(*config.quality, config.store.dataDir);
    try {
        return std::make_unique<QualityService>(*config.quality, database, sequencer);
    } catch (const quality::QualityDbError &e) {
        return makeError(std::string("[quality]: ") + e.what());
    } catch (const std::invalid_argument &e) {
        return makeError(std::string("[quality]: ") + e.what());
    }
}

} // namespace bwx::app
