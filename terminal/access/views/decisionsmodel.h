#pragma once
// The live activity of the access manager: one row per decision, newest at the bottom, with
// what was sent and what the exchange answered. Holds the last kMaxRows decisions; older ones
// are in the audit log.
#include "access/decision.h"

#include <QAbstractTableModel>
#include <deque>

namespace bwx::access {

class DecisionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Group, Need, Outcome, Summary, Actions, Mode, ColumnCount };
    static constexpr int kMaxRows = 5000;

    explicit DecisionsModel(QObject *parent = nullptr);

    void addDecision(const Decision &decision, bool dryRun);
    void clear();
    const Decision &decision(int row) const { return m_rows[static_cast<std::size_t>(row)].decision; }
    bool wasDryRun(int row) const { return m_rows[static_cast<std::size_t>(row)].dryRun; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "take 11, 600 Mbps: filled 600 Mbps; ..." — also used by the explanation pane.
    static QString actionsText(const Decision &decision, bool dryRun);
    static QString outcomeText(bwx::access::Outcome outcome);

private:
    struct Row
    {
        Decision decision;
        bool dryRun = false;
    };
    std::deque<Row> m_rows;
};

} // namespace bwx::access
