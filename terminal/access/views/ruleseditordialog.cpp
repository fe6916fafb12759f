#include "access/views/ruleseditordialog.h"

#include "access/live/accessmanager.h"
#include "access/rulesparser.h"
#include "access/ruleswriter.h"
#include "access/views/structuredruleseditor.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTextBlock>
#include <QVBoxLayout>

namespace bwx::access {

namespace {

constexpr int kRoleLine = Qt::UserRole;

// "file:12:5: reason" -> 12
int lineOf(const QString &problem)
{
    static const QRegularExpression place(QStringLiteral(":(\\d+):(\\d+): "));
    const QRegularExpressionMatch match = place.match(problem);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

RulesEditorDialog::RulesEditorDialog(AccessManager *manager, QWidget *parent)
    : QDialog(parent)
    , m_manager(manager)
    , m_tabs(new QTabWidget(this))
    , m_structured(new StructuredRulesEditor(this))
    , m_text(new QPlainTextEdit(this))
    , m_problems(new QListWidget(this))
    , m_file(new QLabel(this))
{
    setObjectName(QStringLiteral("rulesEditorDialog"));
    setWindowTitle(tr("Access manager rules"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setObjectName(QStringLiteral("rulesText"));
    m_text->setAccessibleName(tr("Rules file text"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_problems->setObjectName(QStringLiteral("rulesProblems"));
    m_problems->setMaximumHeight(110);
    m_tabs->addTab(m_structured, tr("&Structured"));
    m_tabs->addTab(m_text, tr("&Text"));

    auto *buttons = new QDialogButtonBox(this);
    auto *open = buttons->addButton(tr("&Open…"), QDialogButtonBox::ActionRole);
    auto *checkButton = buttons->addButton(tr("&Check"), QDialogButtonBox::ActionRole);
    m_save = buttons->addButton(tr("Save and &apply"), QDialogButtonBox::ApplyRole);
    auto *close = buttons->addButton(QDialogButtonBox::Close);
    // Enter in the text must insert a line, never save.
    for (QPushButton *b : {open, checkButton, m_save, close})
        b->setAutoDefault(false);
    connect(open, &QPushButton::clicked, this, &RulesEditorDialog::openFile);
    connect(checkButton, &QPushButton::clicked, this, &RulesEditorDialog::check);
    connect(m_save, &QPushButton::clicked, this, &RulesEditorDialog::save);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_tabs, &QTabWidget::currentChanged, this, &RulesEditorDialog::onTabChanged);
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int line = item->data(kRoleLine).toInt();
        if (line <= 0)
            return;
        m_tabs->setCurrentWidget(m_text);
        const QTextBlock block = m_text->document()->findBlockByLineNumber(line - 1);
        QTextCursor cursor(block);
        m_text->setTextCursor(cursor);
        m_text->setFocus();
    });
    connect(manager, &AccessManager::rulesChanged, this, [this] {
        m_file->setText(tr("File: %1").arg(m_manager->rulesFile()));
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_file);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(new QLabel(tr("Problems (double-click one to go to its line):"), this));
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    resize(900, 700);
    reload();
}

void RulesEditorDialog::reload()
{
    m_file->setText(m_manager->rulesFile().isEmpty()
                        ? tr("No rules file yet: Save asks where to write it")
                        : tr("File: %1").arg(m_manager->rulesFile()));
    if (m_manager->hasRules()) {
        m_structured->setRules(m_manager->rules());
        m_text->setPlainText(m_manager->rulesText());
    } else {
        m_structured->setRules(Rules{});
        m_text->setPlainText(QString::fromStdString(writeRules(Rules{})));
    }
    m_problems->clear();
}

QString RulesEditorDialog::currentText()
{
    if (m_tabs->currentWidget() == m_structured)
        return QString::fromStdString(writeRules(m_structured->rules()));
    return m_text->toPlainText();
}

void RulesEditorDialog::showProblems(const QStringList &lines)
{
    m_problems->clear();
    for (const QString &line : lines) {
        auto *item = new QListWidgetItem(line, m_problems);
        item->setData(kRoleLine, lineOf(line));
    }
}

bool RulesEditorDialog::check()
{
    QStringList problems;
    if (m_tabs->currentWidget() == m_structured)
        problems = m_structured->problems();
    const RulesParseResult parsed = parseRules(currentText().toStdString());
    const QString name = m_manager->rulesFile().isEmpty() ? tr("rules") : m_manager->rulesFile();
    if (!parsed.ok())
        problems += QString::fromStdString(parsed.report(name.toStdString()))
                        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (problems.isEmpty())
        problems << tr("No problems.");
    showProblems(problems);
    return parsed.ok() && m_structured->problems().isEmpty();
}

bool RulesEditorDialog::save()
{
    const QString text = currentText();
    if (m_tabs->currentWidget() == m_structured && !m_structured->problems().isEmpty()) {
        showProblems(m_structured->problems());
        return false;
    }
    if (m_manager->rulesFile().isEmpty()) {
        const QString file = QFileDialog::getSaveFileName(this, tr("Save rules as"), QString(),
                                                          tr("Rules (*.toml)"));
        if (file.isEmpty())
            return false;
        m_manager->setRulesFile(file);
    }
    QString error;
    if (!m_manager->applyRulesText(text, &error)) {
        showProblems(error.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
        return false;
    }
    // Keep both tabs on what is now in force.
    m_text->setPlainText(m_manager->rulesText());
    m_structured->setRules(m_manager->rules());
    showProblems({tr("Saved to %1 and in force.").arg(m_manager->rulesFile())});
    return true;
}

void RulesEditorDialog::onTabChanged(int index)
{
    if (index == m_shownTab)
        return;
    if (m_tabs->widget(index) == m_text) {
        // From the forms to the text: the canonical form of what the forms say.
        m_text->setPlainText(QString::fromStdString(writeRules(m_structured->rules())));
        showProblems(m_structured->problems());
    } else {
        const RulesParseResult parsed = parseRules(m_text->toPlainText().toStdString());
        if (!parsed.ok()) {
            // The forms can only show valid rules: stay on the text until it is fixed.
            const QSignalBlocker blocker(m_tabs);
            m_tabs->setCurrentWidget(m_text);
            showProblems(QString::fromStdString(parsed.report("rules"))
                             .split(QLatin1Char('\n'), Qt::SkipEmptyParts));
            return;
        }
        m_structured->setRules(*parsed.rules);
    }
    m_shownTab = m_tabs->currentIndex();
}

void RulesEditorDialog::openFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open rules"), QString(),
                                                      tr("Rules (*.toml);;All files (*)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!m_manager->loadRulesFile(file, &error)) {
        showProblems(error.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
        return;
    }
    reload();
}

} // namespace bwx::access
