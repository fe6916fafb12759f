#pragma once
// Structured editing of access manager rules: a tree of the file's settings, its groups and
// their needs, and a form for the selected one. Every field takes the same text form as the
// rules file ("40ms", "0.5%", "12.50", "30d") and is checked with the same parsers; a field that
// does not parse is named in problems() and leaves the rule unchanged. rules() is what the
// forms say; writeRules(rules()) is what gets saved.
#include "access/rules.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace bwx::access {

class WeightsEditor;

class StructuredRulesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit StructuredRulesEditor(QWidget *parent = nullptr);

    void setRules(const Rules &rules);
    // Commits the form on screen first.
    Rules rules();
    // Fields the last commit could not read, "Need 'eu-cdn': max latency: ...".
    QStringList problems() const { return m_problems; }

    QTreeWidget *tree() const { return m_tree; }
    void addGroup();
    void addNeed();
    void removeSelected();

signals:
    void edited();

private:
    enum class Page { Settings, Group, Need };
    struct Selection
    {
        Page page = Page::Settings;
        int group = -1;
        int need = -1;
    };

    QWidget *buildSettingsPage();
    QWidget *buildGroupPage();
    QWidget *buildNeedPage();
    void rebuildTree(Selection select);
    Selection selectionOf(const QTreeWidgetItem *item) const;
    void showSelection(const Selection &s);
    void commit();
    void commitSettings();
    void commitGroup(Group &group);
    void commitNeed(Need &need);
    void fillSettings();
    void fillGroup(const Group &group);
    void fillNeed(const Need &need);
    void problem(const QString &where, const QString &field, const std::string &message);

    Rules m_rules;
    Selection m_current;
    QStringList m_problems;
    bool m_filling = false;

    QTreeWidget *m_tree;
    QStackedWidget *m_pages;
    QLabel *m_problemLabel;

    // Settings
    QComboBox *m_mode;
    WeightsEditor *m_weights;
    QLineEdit *m_evaluateEvery;
    QLineEdit *m_maxBookAge;
    QLineEdit *m_maxQualityAge;
    QLineEdit *m_maxSilence;
    QLineEdit *m_stopFile;
    QLineEdit *m_spendPerMonth;
    QLineEdit *m_capPerDestination;
    QTableWidget *m_destinationCaps;
    QTableWidget *m_windows;

    // Group
    QLineEdit *m_groupName;
    QCheckBox *m_groupEnabled;
    QComboBox *m_groupMode;
    WeightsEditor *m_groupWeights;
    QTableWidget *m_groupWindows;

    // Need
    QLineEdit *m_needName;
    QLineEdit *m_destination;
    QLineEdit *m_capacity;
    QLineEdit *m_minBlock;
    QComboBox *m_periodKind;
    QLineEdit *m_start;
    QLineEdit *m_end;
    QLineEdit *m_rolling;
    QLineEdit *m_renewBefore;
    QLineEdit *m_maxPrice;
    QLineEdit *m_maxLatency;
    QLineEdit *m_maxLoss;
    QSpinBox *m_maxDistance;
    QComboBox *m_traffic;
    QComboBox *m_needMode;
    WeightsEditor *m_needWeights;
    QLineEdit *m_replaceAfter;
    QComboBox *m_fallback;
    QLineEdit *m_fallbackExpiry;
};

} // namespace bwx::access
