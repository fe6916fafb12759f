#pragma once
// Amends a resting order's price and/or capacity in place (keeping its id, and its time
// priority when only the capacity goes down). Like every irreversible step, Enter cancels.
#include "trading/amendrequest.h"

#include <QDialog>
#include <bwx/proto/messages.h>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace bwx::terminal {

class AmendOrderDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AmendOrderDialog(const bwx::proto::OrderView &order, QWidget *parent = nullptr);

    // Validates the fields; nullopt with errorText() set when they are not acceptable.
    std::optional<AmendRequest> request();
    QString errorText() const;
    QLineEdit *priceEdit() const { return m_price; }
    QLineEdit *capacityEdit() const { return m_capacity; }
    QPushButton *amendButton() const { return m_amendButton; }

private:
    void tryAccept();

    bwx::proto::OrderView m_order;
    QLineEdit *m_price = nullptr;
    QLineEdit *m_capacity = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_amendButton = nullptr;
};

} // namespace bwx::terminal
