#pragma once
// The last look before an order goes out: what, how much, at what price, for when, and what it
// costs in total. Cancel is the default button; Enter never confirms.
#include <QDialog>
#include <bwx/proto/messages.h>

class QLabel;
class QPushButton;

namespace bwx::terminal {

class ConfirmOrderDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConfirmOrderDialog(const bwx::proto::OrderParams &params, QWidget *parent = nullptr);

    const bwx::proto::OrderParams &params() const { return m_params; }
    QPushButton *confirmButton() const { return m_confirmButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QString totalText() const;

private:
    bwx::proto::OrderParams m_params;
    QLabel *m_total = nullptr;
    QPushButton *m_confirmButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

} // namespace bwx::terminal
