#include "quality/qualitywindow.h"

#include "client/exchangeclient.h"
#include "quality/qualitychartview.h"
#include "quality/qualitymatrixview.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace bwx::terminal::quality {

QualityWindow::QualityWindow(ExchangeClient *client, const MyOrdersModel *orders, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_client(client)
{
    setObjectName(QStringLiteral("qualityWindow"));
    setWindowTitle(tr("Route quality"));
    m_chart = new QualityChartView(client, this);
    if (orders)
        m_chart->setOrders(orders);
    m_matrix = new QualityMatrixView(client, this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_chart, tr("&Chart"));
    m_tabs->addTab(m_matrix, tr("&Matrix"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    resize(1100, 760);

    connect(m_chart, &QualityChartView::limitsChanged, m_matrix->model(),
            &QualityMatrixModel::setLimits);
    connect(m_matrix, &QualityMatrixView::destinationActivated, this, &QualityWindow::showChart);
    connect(client, &ExchangeClient::messageReceived, this, &QualityWindow::onMessage);
    connect(client, &ExchangeClient::loggedIn, this, &QualityWindow::requestMemberNames);
}

void QualityWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    requestMemberNames();
}

void QualityWindow::requestMemberNames()
{
    m_membersRequest = m_client->sendRequest(proto::QueryMembers{});
}

void QualityWindow::showChart(const net::Prefix &prefix)
{
    m_chart->setDestination(prefix);
    m_tabs->setCurrentWidget(m_chart);
    m_chart->refresh();
}

void QualityWindow::showMatrix()
{
    m_tabs->setCurrentWidget(m_matrix);
    m_matrix->refresh();
}

void QualityWindow::onMessage(quint32 requestId, const proto::Message &message)
{
    if (requestId == 0 || requestId != m_membersRequest)
        return;
    m_membersRequest = 0;
    const auto *list = std::get_if<proto::MemberList>(&message);
    if (!list)
        return;
    SellerNames names;
    for (const proto::MemberView &member : list->members)
        names.insert(member.id.value(), QString::fromStdString(member.name));
    m_chart->setSellerNames(names);
    m_matrix->model()->setSellerNames(names);
}

} // namespace bwx::terminal::quality
