#pragma once
// Order entry: every field of an order, validated with bwx's parsers before anything is sent,
// then a confirmation showing what the order costs. Only a confirmed order leaves the widget.
#include "trading/orderform.h"

#include <QPointer>
#include <QWidget>
#include <functional>

class QButtonGroup;
class QComboBox;
class QDateTimeEdit;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace bwx::terminal {

class ConfirmOrderDialog;

class OrderEntryWidget : public QWidget
{
    Q_OBJECT

public:
    explicit OrderEntryWidget(QWidget *parent = nullptr);

    // The clock that decides default delivery dates and whether an expiry is in the future;
    // the exchange's clock when connected.
    void setClock(std::function<bwx::Timestamp()> clock);

    OrderForm form() const;
    OrderValidation validate() const;
    QString errorText() const;
    // The confirmation currently open, if any.
    ConfirmOrderDialog *confirmation() const;

public slots:
    void setSide(bwx::Side side);
    // From a click in the book: take the level (buy at an ask, sell at a bid).
    void prefill(bwx::Side side, const QString &destination, bwx::Price price);
    void setDestination(const QString &destination);
    // Puts the cursor where typing continues: the destination, or the capacity once it is set.
    void focusEntry();
    // Validates; on success opens the confirmation (window-modal, not blocking).
    void review();
    // Validates the buy; on success asks for its candidate sell orders (candidatesRequested).
    void showCandidates();
    void showRejection(const QString &message);
    void resetDeliveryPeriod();

signals:
    void orderConfirmed(const bwx::proto::OrderParams &params);
    // The weights of the weighted ranking as typed, for views that rank the same way.
    void weightsChanged(const bwx::proto::RankingWeights &weights);
    void candidatesRequested(const bwx::proto::OrderParams &buy);

private:
    void updateEnabledFields();
    void showError(OrderField field, const QString &message);
    void clearError();
    QWidget *fieldWidget(OrderField field) const;
    bwx::Timestamp now() const;
    bwx::proto::RankingWeights weights() const;

    std::function<bwx::Timestamp()> m_clock;
    QButtonGroup *m_sideGroup = nullptr;
    QPushButton *m_buyButton = nullptr;
    QPushButton *m_sellButton = nullptr;
    QLineEdit *m_destination = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_price = nullptr;
    QLineEdit *m_capacity = nullptr;
    QLineEdit *m_minBlock = nullptr;
    QComboBox *m_timeInForce = nullptr;
    QDateTimeEdit *m_expiry = nullptr;
    QDateTimeEdit *m_deliveryStart = nullptr;
    QDateTimeEdit *m_deliveryEnd = nullptr;
    QComboBox *m_trafficType = nullptr;
    QGroupBox *m_limitsBox = nullptr;
    QSpinBox *m_maxLatencyMs = nullptr;
    QSpinBox *m_maxLossPpm = nullptr;
    QSpinBox *m_maxDistance = nullptr;
    QComboBox *m_ranking = nullptr;
    QWidget *m_weightsRow = nullptr;
    QSpinBox *m_weightPrice = nullptr;
    QSpinBox *m_weightLatency = nullptr;
    QSpinBox *m_weightLoss = nullptr;
    QSpinBox *m_weightDistance = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_reviewButton = nullptr;
    QPushButton *m_candidatesButton = nullptr;
    QPointer<ConfirmOrderDialog> m_confirmation;
};

} // namespace bwx::terminal
