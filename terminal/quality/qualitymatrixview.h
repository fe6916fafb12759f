#pragma once
// The quality matrix on screen: sellers down, destinations across, for the destinations typed
// in or, left empty, every destination with open orders (QueryQualityMatrix). Double-clicking a
// cell asks for that destination's chart.
#include "quality/qualitymatrixmodel.h"

#include <QWidget>
#include <bwx/proto/messages.h>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace bwx::terminal {
class ExchangeClient;
}

namespace bwx::terminal::quality {

class QualityMatrixView : public QWidget
{
    Q_OBJECT

public:
    explicit QualityMatrixView(ExchangeClient *client, QWidget *parent = nullptr);

    QualityMatrixModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // Space- or comma-separated prefixes; empty asks for every destination with open orders.
    void setDestinations(const QString &text);
    QString statusText() const;
    bool isLoading() const { return m_request != 0; }

public slots:
    void refresh();

signals:
    void loaded();
    void failed(const QString &message);
    void destinationActivated(const bwx::net::Prefix &prefix);

private:
    void onMessage(quint32 requestId, const bwx::proto::Message &message);
    void setStatus(const QString &text, bool error = false);

    ExchangeClient *m_client = nullptr;
    QualityMatrixModel *m_model = nullptr;
    QLineEdit *m_destinations = nullptr;
    QPushButton *m_refresh = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    quint32 m_request = 0;
    std::vector<net::Prefix> m_asked;
};

} // namespace bwx::terminal::quality
