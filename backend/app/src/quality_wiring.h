#pragma once
// bwxd's route quality, made from the [quality] section.
#include "bwx/app/config.h"
#include "bwx/app/quality_service.h"
#include "bwx/expected.h"

#include <memory>

namespace bwx::app {

// The service for [quality] (nullptr when the section is absent), or why it cannot be made (the
// quality database does not open, the analyzer refuses the settings).
Expected<std::unique_ptr<QualityService>> makeQualityService(const Config &config,
                                                             sequencer::Sequencer &sequencer);

} // namespace bwx::app
