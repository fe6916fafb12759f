#pragma once
// The rules editor: the structured view and the file's text side by side as tabs. Check shows
// every problem with its line (a click on one puts the cursor there); Save applies the rules and
// writes the file — a broken file is refused with its line and reason and the rules in force
// stay as they are.
#include <QDialog>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace bwx::access {

class AccessManager;
class StructuredRulesEditor;

class RulesEditorDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RulesEditorDialog(AccessManager *manager, QWidget *parent = nullptr);

    StructuredRulesEditor *structured() const { return m_structured; }
    QPlainTextEdit *textEditor() const { return m_text; }
    QListWidget *problemList() const { return m_problems; }
    QTabWidget *tabs() const { return m_tabs; }

    // The rules text of the tab on screen.
    QString currentText();
    // Parses the current text and lists its problems; true when there are none.
    bool check();
    // Applies and saves; false (with the problems listed) when the text is refused.
    bool save();
    void reload();

private:
    void showProblems(const QStringList &lines);
    void onTabChanged(int index);
    void openFile();

    AccessManager *m_manager;
    QTabWidget *m_tabs;
    StructuredRulesEditor *m_structured;
    QPlainTextEdit *m_text;
    QListWidget *m_problems;
    QLabel *m_file;
    QPushButton *m_save;
    int m_shownTab = 0;
};

} // namespace bwx::access
