#pragma once

namespace bwx::terminal {

// What a model did with a market-data message.
enum class ApplyResult {
    Applied,
    Ignored, // another stream, an old duplicate, or nothing loaded yet
    Gap,     // out of sequence or inconsistent: the model kept its state, resubscribe
};

} // namespace bwx::terminal
