#include "quality/qualitymatrixview.h"

#include "client/exchangeclient.h"
#include "models/colors.h"
#include "models/format.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QVBoxLayout>

namespace bwx::terminal::quality {

QualityMatrixView::QualityMatrixView(ExchangeClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new QualityMatrixModel(this))
{
    setObjectName(QStringLiteral("qualityMatrixView"));
    m_destinations = new QLineEdit(this);
    m_destinations->setObjectName(QStringLiteral("qualityMatrixDestinations"));
    m_destinations->setPlaceholderText(
        tr("prefixes separated by spaces; empty: every destination with open orders"));
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("qualityMatrixTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    auto *legend = new QLabel(
        tr("Green: fresh and within your limits · orange: outside your limits · grey: stale "
           "(old measurements) · red: unreachable (nothing answered) · “not measured”: expected "
           "but no data yet · empty: no figure for that seller. Double-click a cell for its "
           "chart."),
        this);
    legend->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Destinations:"), this));
    top->addWidget(m_destinations, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(legend);

    connect(m_refresh, &QPushButton::clicked, this, &QualityMatrixView::refresh);
    connect(m_destinations, &QLineEdit::returnPressed, this, &QualityMatrixView::refresh);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit destinationActivated(m_model->destinationAt(index.column()));
    });
    connect(m_client, &ExchangeClient::messageReceived, this, &QualityMatrixView::onMessage);
    setStatus(tr("Press Refresh to load the current figures."));
}

void QualityMatrixView::setDestinations(const QString &text)
{
    m_destinations->setText(text);
}

QString QualityMatrixView::statusText() const
{
    return m_status->text();
}

void QualityMatrixView::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: %1").arg(colors::ask().name())
                                  : QString());
}

void QualityMatrixView::refresh()
{
    std::vector<net::Prefix> asked;
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    for (const QString &word : m_destinations->text().split(separators, Qt::SkipEmptyParts)) {
        const auto prefix = net::Prefix::parse(word.toStdString());
        if (!prefix) {
            setStatus(tr("'%1': %2").arg(word, QString::fromStdString(prefix.error())), true);
            emit failed(m_status->text());
            return;
        }
        asked.push_back(*prefix);
    }
    m_request = m_client->sendRequest(proto::QueryQualityMatrix{asked});
    if (m_request == 0) {
        setStatus(tr("Not connected: the quality matrix cannot be loaded."), true);
        emit failed(m_status->text());
        return;
    }
    m_asked = std::move(asked);
    setStatus(tr("Loading…"));
}

void QualityMatrixView::onMessage(quint32 requestId, const proto::Message &message)
{
    if (requestId == 0 || requestId != m_request)
        return;
    m_request = 0;
    if (const auto *matrix = std::get_if<proto::QualityMatrix>(&message)) {
        m_model->setMatrix(matrix->cells, m_asked);
        setStatus(matrix->cells.empty() ? tr("No quality figures for these destinations.")
                                        : tr("%1 sellers × %2 destinations.")
                                              .arg(m_model->rowCount())
                                              .arg(m_model->columnCount()));
        emit loaded();
        return;
    }
    if (const auto *result = std::get_if<proto::Result>(&message)) {
        setStatus(tr("The exchange refused the matrix query: %1")
                      .arg(QString::fromStdString(result->message)),
                  true);
        emit failed(m_status->text());
    }
}

} // namespace bwx::terminal::quality
