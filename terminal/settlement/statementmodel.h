#pragma once
// One member's statement for a billing period: a row per trade line (the member as buyer or
// seller), and the totals. Money stays integer micro-units (bwx::Money) and is shown with the
// exchange's own formatter; sorting uses the raw integers (Qt::EditRole). A line of a cancelled
// trade says so in the status column, with the cancellation time in its tooltip, and is drawn
// muted: it was billed only up to then.
#include <QAbstractTableModel>
#include <bwx/proto/messages.h>

namespace bwx::terminal::settlement {

class StatementModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TradeColumn,
        StatusColumn,
        RoleColumn,
        DestinationColumn,
        CounterpartColumn,
        PeriodColumn,
        CommittedColumn,
        P95Column,
        PriceColumn,
        AmountColumn,
        OverageColumn,
        CreditsColumn,
        TotalColumn,
        ColumnCount
    };
    enum Role {
        TradeIdRole = Qt::UserRole + 1, // quint64
        OverCommittedRole,              // bool: the 95th percentile is above the committed capacity
        CancelledRole,                  // bool: the trade was cancelled
    };

    explicit StatementModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setStatement(const bwx::proto::Statement &statement);
    void clear();
    bool hasStatement() const { return m_loaded; }
    const bwx::proto::Statement &statement() const { return m_statement; }
    const bwx::proto::StatementLine *lineAt(int row) const;

    // Column sums over the lines, in micro-units.
    bwx::Money totalAmount() const;
    bwx::Money totalOverage() const;
    bwx::Money totalCredits() const;
    // "Lines 3 · Amount … · Payable 1234.50 · Receivable 10.00 · Net -1224.50" for the totals bar.
    QString totalsText() const;

signals:
    void statementChanged();

private:
    QVariant display(const bwx::proto::StatementLine &line, int column) const;
    QVariant sortKey(const bwx::proto::StatementLine &line, int column) const;
    QVariant toolTip(const bwx::proto::StatementLine &line, int column) const;

    bwx::proto::Statement m_statement;
    bool m_loaded = false;
};

} // namespace bwx::terminal::settlement
