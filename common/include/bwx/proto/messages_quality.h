#pragma once
// Route quality: time series and the current matrix of sellers × destinations, and imports of
// third-party measurements (admin).
#include <cstdint>
#include <string>
#include <vector>

#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

// A destination's quality over time; seller 0 = every seller.
struct QueryQuality {
    static constexpr MessageType kType = MessageType::QueryQuality;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId seller{};
    net::Prefix destination{};
    Timestamp from{};
    Timestamp to{};
    QualityGranularity granularity = QualityGranularity::FiveMinutes;
    template <class A> void fields(A& a) { a(seller, "seller"); a(destination, "destination"); a(from, "from"); a(to, "to"); a(granularity, "granularity"); }
    friend bool operator==(const QueryQuality&, const QueryQuality&) = default;
};

struct QualitySeries {
    static constexpr MessageType kType = MessageType::QualitySeries;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<QualityPoint> points;
    template <class A> void fields(A& a) { a(points, "points"); }
    friend bool operator==(const QualitySeries&, const QualitySeries&) = default;
};

// Empty: every destination with open orders.
struct QueryQualityMatrix {
    static constexpr MessageType kType = MessageType::QueryQualityMatrix;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::vector<net::Prefix> destinations;
    template <class A> void fields(A& a) { a(destinations, "destinations"); }
    friend bool operator==(const QueryQualityMatrix&, const QueryQualityMatrix&) = default;
};

struct QualityMatrix {
    static constexpr MessageType kType = MessageType::QualityMatrix;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<QualityCell> cells;
    template <class A> void fields(A& a) { a(cells, "cells"); }
    friend bool operator==(const QualityMatrix&, const QualityMatrix&) = default;
};

// Admin: imports a file of third-party measurements. RIPE Atlas and irtt results name no
// seller or destination: `seller` and `destination` say what they measured. Answered with Result:
// ok with the count, or the line/field and reason of the first error (nothing is imported then).
struct ImportMeasurements {
    static constexpr MessageType kType = MessageType::ImportMeasurements;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MeasurementFormat format = MeasurementFormat::Csv;
    std::string source;
    MemberId seller{};
    net::Prefix destination{};
    std::vector<std::uint8_t> content;
    template <class A> void fields(A& a) { a(format, "format"); a(source, "source"); a(seller, "seller"); a(destination, "destination"); a(content, "content"); }
    friend bool operator==(const ImportMeasurements&, const ImportMeasurements&) = default;
};

} // namespace bwx::proto
