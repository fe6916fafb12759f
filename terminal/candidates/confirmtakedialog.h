#pragma once
// Confirms taking one sell order: what is bought, from which offer, at what price and quality,
// and the total. Like every confirmation in the terminal, Enter cancels; only a click or
// Alt+T on "Take" sends.
#include <QDialog>
#include <bwx/proto/messages.h>

class QPushButton;

namespace bwx::terminal {

class ConfirmTakeDialog : public QDialog
{
    Q_OBJECT

public:
    ConfirmTakeDialog(const bwx::proto::TakeOrder &take,
                      const bwx::proto::Candidate &candidate,
                      QWidget *parent = nullptr);

    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QPushButton *m_confirm = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace bwx::terminal
