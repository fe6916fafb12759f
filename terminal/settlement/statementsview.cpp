#include "settlement/statementsview.h"

#include "models/format.h"
#include "settlement/billingmonth.h"
#include "settlement/settlementrequests.h"
#include "settlement/statementmodel.h"
#include "settlement/usagechartview.h"
#include "settlement/usageseriesmodel.h"
#include "views/tablesetup.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bwx::terminal::settlement {

namespace {
// A year of statements back is what a NOC checks against invoices; older ones come from bwxctl.
constexpr int kMonthsOffered = 13;
} // namespace

StatementsView::StatementsView(SettlementRequests *requests,
                               std::function<Timestamp()> clock,
                               QWidget *parent)
    : QWidget(parent)
    , m_requests(requests)
    , m_clock(std::move(clock))
    , m_statement(new StatementModel(this))
    , m_usage(new UsageSeriesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("statements"));

    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("statementPeriod"));
    m_period->setAccessibleName(tr("Billing period"));
    auto *periodLabel = new QLabel(tr("Billing &period:"), this);
    periodLabel->setBuddy(m_period);
    m_reload = new QPushButton(tr("&Show"), this);
    m_reload->setObjectName(QStringLiteral("statementReload"));
    m_exportCsv = new QPushButton(tr("Export &CSV…"), this);
    m_exportCsv->setObjectName(QStringLiteral("statementExportCsv"));
    m_exportCsv->setToolTip(tr("Save the exchange's CSV document of this statement"));
    m_exportPdf = new QPushButton(tr("Export P&DF…"), this);
    m_exportPdf->setObjectName(QStringLiteral("statementExportPdf"));
    m_exportPdf->setToolTip(tr("Save the exchange's PDF document of this statement"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(periodLabel);
    bar->addWidget(m_period);
    bar->addWidget(m_reload);
    bar->addStretch(1);
    bar->addWidget(m_exportCsv);
    bar->addWidget(m_exportPdf);

    m_proxy->setSourceModel(m_statement);
    m_proxy->setSortRole(Qt::EditRole);
    m_table = new QTableView(this);
    setUpTable(m_table, "statementTable");
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StatementModel::TradeColumn, Qt::AscendingOrder);
    m_table->setAccessibleName(tr("Statement lines"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("statementTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("statementMessage"));
    m_message->setWordWrap(true);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_totals);

    m_chart = new UsageChartView(m_usage, this);
    m_usageSummary = new QLabel(this);
    m_usageSummary->setObjectName(QStringLiteral("usageSummary"));
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_chart, 1);
    bottomLayout->addWidget(m_usageSummary);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_splitter, 1);

    connect(m_reload, &QPushButton::clicked, this, &StatementsView::reload);
    connect(m_period, &QComboBox::activated, this, &StatementsView::reload);
    connect(m_exportCsv, &QPushButton::clicked, this, &StatementsView::exportCsv);
    connect(m_exportPdf, &QPushButton::clicked, this, &StatementsView::exportPdf);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showUsageOfRow(m_proxy->mapToSource(current).row());
            });
    connect(m_requests, &SettlementRequests::statementReceived, this,
            &StatementsView::onStatement);
    connect(m_requests, &SettlementRequests::documentReceived, this,
            &StatementsView::onDocument);
    connect(m_requests, &SettlementRequests::usageReceived, this, &StatementsView::onUsage);
    connect(m_requests, &SettlementRequests::failed, this,
            [this](SettlementRequests::Kind kind, const QString &text) {
                switch (kind) {
                case SettlementRequests::Kind::Statement:
                    showMessage(tr("Statement not available: %1").arg(text), true);
                    break;
                case SettlementRequests::Kind::Document: {
                    const QString message = tr("Export failed: %1").arg(text);
                    m_exportPath.clear();
                    showMessage(message, true);
                    emit exportFailed(message);
                    break;
                }
                case SettlementRequests::Kind::Usage:
                    showMessage(tr("Usage not available: %1").arg(text), true);
                    break;
                }
                updateButtons();
            });

    refreshPeriods();
    updateButtons();
}

void StatementsView::refreshPeriods()
{
    const Timestamp previous = selectedPeriodStart();
    const QSignalBlocker blocker(m_period);
    m_period->clear();
    for (const BillingMonth &month : recentMonths(monthContaining(m_clock()), kMonthsOffered))
        m_period->addItem(month.key(), QVariant::fromValue<qint64>(month.start().value()));
    if (!previous.isSet() || !selectPeriod(previous))
        m_period->setCurrentIndex(0);
}

Timestamp StatementsView::selectedPeriodStart() const
{
    const QVariant value = m_period->currentData();
    return value.isValid() ? Timestamp(value.toLongLong()) : Timestamp{};
}

bool StatementsView::selectPeriod(Timestamp periodStart)
{
    const int index = m_period->findData(QVariant::fromValue<qint64>(periodStart.value()));
    if (index < 0)
        return false;
    m_period->setCurrentIndex(index);
    return true;
}

void StatementsView::reload()
{
    const Timestamp start = selectedPeriodStart();
    if (!start.isSet())
        return;
    m_statement->clear();
    m_usage->clear();
    m_totals->clear();
    m_usageSummary->clear();
    if (m_requests->requestStatement(start))
        showMessage(tr("Loading the statement for %1…").arg(m_period->currentText()), false);
    updateButtons();
}

void StatementsView::onStatement(const proto::Statement &statement)
{
    m_statement->setStatement(statement);
    m_totals->setText(m_statement->totalsText());
    if (statement.lines.empty())
        showMessage(tr("No trade was delivered in %1: the statement is empty.")
                        .arg(format::period(statement.periodStart, statement.periodEnd)),
                    false);
    else
        showMessage(tr("Statement of %1 for %2; select a line to see its usage.")
                        .arg(QString::fromStdString(statement.memberName),
                             format::period(statement.periodStart, statement.periodEnd)),
                    false);
    if (!statement.lines.empty())
        m_table->selectRow(0);
    updateButtons();
}

void StatementsView::showUsageOfRow(int row)
{
    const proto::StatementLine *line = m_statement->lineAt(row);
    if (!line || !(line->periodStart < line->periodEnd))
        return;
    m_requests->requestUsage(line->trade, line->periodStart, line->periodEnd);
}

void StatementsView::onUsage(const proto::UsageSeries &series, Timestamp from, Timestamp to)
{
    m_usage->setSeries(series, from, to);
    m_usageSummary->setText(m_usage->summaryText());
}

bool StatementsView::exportTo(proto::DocumentFormat format, const QString &fileName)
{
    const Timestamp start = selectedPeriodStart();
    if (!start.isSet() || fileName.isEmpty())
        return false;
    m_exportPath = fileName;
    m_exportFormat = format;
    if (!m_requests->requestDocument(start, format)) {
        m_exportPath.clear();
        return false;
    }
    showMessage(tr("Fetching the document for %1…").arg(m_period->currentText()), false);
    updateButtons();
    return true;
}

void StatementsView::onDocument(const proto::Document &document, proto::DocumentFormat format)
{
    const QString path = m_exportPath;
    m_exportPath.clear();
    updateButtons();
    if (path.isEmpty() || format != m_exportFormat)
        return;
    // The server's bytes as they are: the document is what the exchange bills, not a rendering
    // of the table.
    QSaveFile file(path);
    const bool ok = file.open(QIODevice::WriteOnly)
                    && file.write(reinterpret_cast<const char *>(document.content.data()),
                                  static_cast<qint64>(document.content.size()))
                           == static_cast<qint64>(document.content.size())
                    && file.commit();
    if (!ok) {
        const QString message = tr("Cannot write %1: %2").arg(path, file.errorString());
        showMessage(message, true);
        emit exportFailed(message);
        return;
    }
    showMessage(tr("Saved %1 (%2, %3 bytes)")
                    .arg(QDir::toNativeSeparators(path), QString::fromStdString(document.fileName),
                         QString::number(document.content.size())),
                false);
    emit exported(path);
}

void StatementsView::exportCsv()
{
    exportWithDialog(proto::DocumentFormat::Csv);
}

void StatementsView::exportPdf()
{
    exportWithDialog(proto::DocumentFormat::Pdf);
}

void StatementsView::exportWithDialog(proto::DocumentFormat format)
{
    const bool csv = format == proto::DocumentFormat::Csv;
    const QString suggested = QDir::home().filePath(
        QStringLiteral("statement-%1.%2").arg(m_period->currentText(), csv ? "csv" : "pdf"));
    const QString fileName = QFileDialog::getSaveFileName(
        this, csv ? tr("Export statement as CSV") : tr("Export statement as PDF"), suggested,
        csv ? tr("CSV files (*.csv)") : tr("PDF files (*.pdf)"));
    if (!fileName.isEmpty())
        exportTo(format, fileName);
}

void StatementsView::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
}

void StatementsView::updateButtons()
{
    const bool exporting = m_requests->documentPending();
    m_exportCsv->setEnabled(!exporting);
    m_exportPdf->setEnabled(!exporting);
}

} // namespace bwx::terminal::settlement
