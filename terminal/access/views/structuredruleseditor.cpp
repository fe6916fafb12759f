#include "access/views/structuredruleseditor.h"

#include "access/rulesvalues.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bwx::access {

namespace {

constexpr int kRoleKind = Qt::UserRole;
constexpr int kRoleGroup = Qt::UserRole + 1;
constexpr int kRoleNeed = Qt::UserRole + 2;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Whole Mbit/s as a plain number, finer bandwidth with "k", as in the file.
QString bandwidthText(Bandwidth b)
{
    if (!b.isPositive())
        return {};
    if (b.value() % mbps(1).value() == 0)
        return QString::number(b.value() / mbps(1).value());
    return QString::number(b.value()) + QLatin1Char('k');
}

QString daysText(std::uint8_t days)
{
    QStringList names;
    for (int i = 0; i < 7; ++i) {
        if (days & (1u << i))
            names << qs(weekdayName(i));
    }
    return names.join(QLatin1Char(','));
}

QComboBox *modeBox(bool inherit, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    if (inherit)
        box->addItem(QObject::tr("(inherited)"), 0);
    box->addItem(QObject::tr("price"), int(SelectionMode::Price));
    box->addItem(QObject::tr("performance"), int(SelectionMode::Performance));
    box->addItem(QObject::tr("weighted"), int(SelectionMode::Weighted));
    return box;
}

void setMode(QComboBox *box, std::optional<SelectionMode> mode)
{
    box->setCurrentIndex(std::max(0, box->findData(mode ? int(*mode) : 0)));
}

std::optional<SelectionMode> modeOf(const QComboBox *box)
{
    const int value = box->currentData().toInt();
    if (value == 0)
        return std::nullopt;
    return static_cast<SelectionMode>(value);
}

QTableWidget *windowsTable(QWidget *parent)
{
    auto *table = new QTableWidget(0, 3, parent);
    table->setHorizontalHeaderLabels({QObject::tr("Days"), QObject::tr("From (UTC)"),
                                      QObject::tr("To (UTC)")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setMinimumHeight(90);
    return table;
}

QWidget *withAddRemove(QTableWidget *table, const QStringList &newRow, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(QObject::tr("Add"), box);
    auto *remove = new QPushButton(QObject::tr("Remove"), box);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);
    QObject::connect(add, &QPushButton::clicked, table, [table, newRow] {
        const int row = table->rowCount();
        table->insertRow(row);
        for (int c = 0; c < newRow.size(); ++c)
            table->setItem(row, c, new QTableWidgetItem(newRow[c]));
    });
    QObject::connect(remove, &QPushButton::clicked, table, [table] {
        if (table->currentRow() >= 0)
            table->removeRow(table->currentRow());
    });
    return box;
}

void fillWindows(QTableWidget *table, const std::vector<TimeWindow> &windows)
{
    table->setRowCount(0);
    for (const TimeWindow &w : windows) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(daysText(w.days)));
        table->setItem(row, 1, new QTableWidgetItem(qs(formatTimeOfDay(w.fromMinute))));
        table->setItem(row, 2, new QTableWidgetItem(qs(formatTimeOfDay(w.toMinute))));
    }
}

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

// Four weights, and whether this level sets its own at all.
class WeightsEditor : public QWidget
{
public:
    WeightsEditor(bool optional, QWidget *parent)
        : QWidget(parent)
    {
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        if (optional) {
            m_own = new QCheckBox(QObject::tr("own"), this);
            layout->addWidget(m_own);
        }
        const QStringList names{QObject::tr("price"), QObject::tr("latency"), QObject::tr("loss"),
                                QObject::tr("distance")};
        for (int i = 0; i < 4; ++i) {
            m_spins[i] = new QSpinBox(this);
            m_spins[i]->setRange(0, 1000);
            m_spins[i]->setPrefix(names[i] + QLatin1Char(' '));
            m_spins[i]->setAccessibleName(QObject::tr("Weight of %1").arg(names[i]));
            layout->addWidget(m_spins[i]);
        }
    }

    void set(const std::optional<proto::RankingWeights> &w)
    {
        if (m_own)
            m_own->setChecked(w.has_value());
        const proto::RankingWeights v = w.value_or(proto::RankingWeights{});
        m_spins[0]->setValue(v.price);
        m_spins[1]->setValue(v.latency);
        m_spins[2]->setValue(v.loss);
        m_spins[3]->setValue(v.distance);
    }

    std::optional<proto::RankingWeights> get() const
    {
        if (m_own && !m_own->isChecked())
            return std::nullopt;
        return proto::RankingWeights{static_cast<std::uint16_t>(m_spins[0]->value()),
                                     static_cast<std::uint16_t>(m_spins[1]->value()),
                                     static_cast<std::uint16_t>(m_spins[2]->value()),
                                     static_cast<std::uint16_t>(m_spins[3]->value())};
    }

private:
    QCheckBox *m_own = nullptr;
    QSpinBox *m_spins[4]{};
};

StructuredRulesEditor::StructuredRulesEditor(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_problemLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("structuredRulesEditor"));
    m_tree->setHeaderHidden(true);
    m_tree->setObjectName(QStringLiteral("rulesTree"));
    m_pages->addWidget(buildSettingsPage());
    m_pages->addWidget(buildGroupPage());
    m_pages->addWidget(buildNeedPage());
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828;"));

    auto *addGroupButton = new QPushButton(tr("Add &group"), this);
    auto *addNeedButton = new QPushButton(tr("Add n&eed"), this);
    auto *removeButton = new QPushButton(tr("Remo&ve"), this);
    connect(addGroupButton, &QPushButton::clicked, this, &StructuredRulesEditor::addGroup);
    connect(addNeedButton, &QPushButton::clicked, this, &StructuredRulesEditor::addNeed);
    connect(removeButton, &QPushButton::clicked, this, &StructuredRulesEditor::removeSelected);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_tree);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addGroupButton);
    buttons->addWidget(addNeedButton);
    buttons->addWidget(removeButton);
    leftLayout->addLayout(buttons);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_pages);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_problemLabel);

    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) {
                if (m_filling || !current)
                    return;
                commit();
                const Selection s = selectionOf(current);
                // A renamed group or need shows its new name.
                rebuildTree(s);
            });
    setRules(Rules{});
}

QWidget *StructuredRulesEditor::buildSettingsPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_mode = modeBox(false, page);
    m_weights = new WeightsEditor(false, page);
    m_evaluateEvery = new QLineEdit(page);
    m_maxBookAge = new QLineEdit(page);
    m_maxQualityAge = new QLineEdit(page);
    m_maxSilence = new QLineEdit(page);
    m_stopFile = new QLineEdit(page);
    m_spendPerMonth = new QLineEdit(page);
    m_capPerDestination = new QLineEdit(page);
    m_destinationCaps = new QTableWidget(0, 2, page);
    m_destinationCaps->setHorizontalHeaderLabels({tr("Destination"), tr("Max. capacity (Mbps)")});
    m_destinationCaps->horizontalHeader()->setStretchLastSection(true);
    m_destinationCaps->verticalHeader()->hide();
    m_destinationCaps->setMinimumHeight(90);
    m_windows = windowsTable(page);
    m_spendPerMonth->setPlaceholderText(tr("no cap"));
    m_capPerDestination->setPlaceholderText(tr("no cap"));
    m_stopFile->setPlaceholderText(tr("the terminal's default"));
    form->addRow(tr("Selection &mode"), m_mode);
    form->addRow(tr("Weights"), m_weights);
    form->addRow(tr("Evaluate every"), m_evaluateEvery);
    form->addRow(tr("Max. candidate list age"), m_maxBookAge);
    form->addRow(tr("Max. quality matrix age"), m_maxQualityAge);
    form->addRow(tr("Max. silence of the exchange"), m_maxSilence);
    form->addRow(tr("Kill switch file"), m_stopFile);
    form->addRow(tr("Spend per month (cap)"), m_spendPerMonth);
    form->addRow(tr("Mbps per destination (cap)"), m_capPerDestination);
    form->addRow(tr("Caps per destination"),
                 withAddRemove(m_destinationCaps, {QStringLiteral("203.0.113.0/24"),
                                                   QStringLiteral("1000")},
                               page));
    form->addRow(tr("Time windows"),
                 withAddRemove(m_windows, {QStringLiteral("mon,tue,wed,thu,fri"),
                                           QStringLiteral("08:00"), QStringLiteral("18:00")},
                               page));
    for (QLineEdit *edit : page->findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textEdited, this, &StructuredRulesEditor::edited);
    return page;
}

QWidget *StructuredRulesEditor::buildGroupPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_groupName = new QLineEdit(page);
    m_groupEnabled = new QCheckBox(tr("switched on"), page);
    m_groupMode = modeBox(true, page);
    m_groupWeights = new WeightsEditor(true, page);
    m_groupWindows = windowsTable(page);
    form->addRow(tr("&Name"), m_groupName);
    form->addRow(tr("Enabled"), m_groupEnabled);
    form->addRow(tr("Selection mode"), m_groupMode);
    form->addRow(tr("Weights"), m_groupWeights);
    form->addRow(tr("Time windows"),
                 withAddRemove(m_groupWindows, {QStringLiteral("mon,tue,wed,thu,fri"),
                                                QStringLiteral("08:00"), QStringLiteral("18:00")},
                               page));
    connect(m_groupName, &QLineEdit::textEdited, this, &StructuredRulesEditor::edited);
    connect(m_groupEnabled, &QCheckBox::toggled, this, &StructuredRulesEditor::edited);
    return page;
}

QWidget *StructuredRulesEditor::buildNeedPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_needName = new QLineEdit(page);
    m_destination = new QLineEdit(page);
    m_capacity = new QLineEdit(page);
    m_minBlock = new QLineEdit(page);
    m_periodKind = new QComboBox(page);
    m_periodKind->addItem(tr("fixed: start and end"));
    m_periodKind->addItem(tr("rolling"));
    m_start = new QLineEdit(page);
    m_end = new QLineEdit(page);
    m_rolling = new QLineEdit(page);
    m_renewBefore = new QLineEdit(page);
    m_maxPrice = new QLineEdit(page);
    m_maxLatency = new QLineEdit(page);
    m_maxLoss = new QLineEdit(page);
    m_maxDistance = new QSpinBox(page);
    m_maxDistance->setRange(0, 255);
    m_maxDistance->setSpecialValueText(tr("no limit"));
    m_traffic = new QComboBox(page);
    for (const TrafficType t : {TrafficType::Any, TrafficType::BestEffort, TrafficType::Premium,
                                TrafficType::Realtime})
        m_traffic->addItem(qs(toString(t)), int(t));
    m_needMode = modeBox(true, page);
    m_needWeights = new WeightsEditor(true, page);
    m_replaceAfter = new QLineEdit(page);
    m_fallback = new QComboBox(page);
    m_fallback->addItem(tr("buy order"), int(Fallback::BuyOrder));
    m_fallback->addItem(tr("none: wait"), int(Fallback::None));
    m_fallbackExpiry = new QLineEdit(page);

    m_destination->setPlaceholderText(QStringLiteral("203.0.113.0/24, AS64500, customer/v6"));
    m_capacity->setPlaceholderText(tr("Mbps, or 10G, 512k"));
    m_minBlock->setPlaceholderText(tr("1 Mbps"));
    m_start->setPlaceholderText(QStringLiteral("2030-01-01T00:00:00Z"));
    m_end->setPlaceholderText(QStringLiteral("2030-02-01T00:00:00Z"));
    m_rolling->setPlaceholderText(QStringLiteral("30d"));
    m_renewBefore->setPlaceholderText(tr("no renewal"));
    m_maxPrice->setPlaceholderText(QStringLiteral("12.50"));
    m_maxLatency->setPlaceholderText(tr("no limit (e.g. 40ms)"));
    m_maxLoss->setPlaceholderText(tr("no limit (e.g. 0.5%)"));
    m_replaceAfter->setPlaceholderText(tr("never (e.g. 15m)"));
    m_fallbackExpiry->setPlaceholderText(tr("1h"));

    form->addRow(tr("&Name"), m_needName);
    form->addRow(tr("&Destination"), m_destination);
    form->addRow(tr("&Capacity"), m_capacity);
    form->addRow(tr("Min. block"), m_minBlock);
    form->addRow(tr("Period"), m_periodKind);
    form->addRow(tr("Start (UTC)"), m_start);
    form->addRow(tr("End (UTC)"), m_end);
    form->addRow(tr("Rolling length"), m_rolling);
    form->addRow(tr("Renew before"), m_renewBefore);
    form->addRow(tr("Max. &price"), m_maxPrice);
    form->addRow(tr("Max. latency"), m_maxLatency);
    form->addRow(tr("Max. loss"), m_maxLoss);
    form->addRow(tr("Max. AS-path length"), m_maxDistance);
    form->addRow(tr("Traffic"), m_traffic);
    form->addRow(tr("Selection mode"), m_needMode);
    form->addRow(tr("Weights"), m_needWeights);
    form->addRow(tr("Replace after"), m_replaceAfter);
    form->addRow(tr("When nothing fits"), m_fallback);
    form->addRow(tr("Buy order rests for"), m_fallbackExpiry);
    const auto periodShown = [this](int kind) {
        m_start->setEnabled(kind == 0);
        m_end->setEnabled(kind == 0);
        m_rolling->setEnabled(kind == 1);
    };
    connect(m_periodKind, &QComboBox::currentIndexChanged, this, periodShown);
    for (QLineEdit *edit : page->findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textEdited, this, &StructuredRulesEditor::edited);
    return page;
}

void StructuredRulesEditor::setRules(const Rules &rules)
{
    m_rules = rules;
    m_problems.clear();
    m_problemLabel->clear();
    m_current = Selection{};
    rebuildTree(Selection{});
}

Rules StructuredRulesEditor::rules()
{
    commit();
    return m_rules;
}

void StructuredRulesEditor::rebuildTree(Selection select)
{
    m_filling = true;
    m_tree->clear();
    auto *settings = new QTreeWidgetItem(m_tree, {tr("Settings, caps and windows")});
    settings->setData(0, kRoleKind, int(Page::Settings));
    QTreeWidgetItem *selected = settings;
    for (std::size_t g = 0; g < m_rules.groups.size(); ++g) {
        const Group &group = m_rules.groups[g];
        auto *groupItem = new QTreeWidgetItem(
            m_tree, {tr("Group %1%2").arg(qs(group.name), group.enabled ? QString() : tr(" (off)"))});
        groupItem->setData(0, kRoleKind, int(Page::Group));
        groupItem->setData(0, kRoleGroup, int(g));
        if (select.page == Page::Group && select.group == int(g))
            selected = groupItem;
        for (std::size_t n = 0; n < group.needs.size(); ++n) {
            const Need &need = group.needs[n];
            auto *needItem = new QTreeWidgetItem(
                groupItem, {tr("%1: %2, %3").arg(qs(need.name), qs(toString(need.destination)),
                                                qs(formatBandwidth(need.capacity)))});
            needItem->setData(0, kRoleKind, int(Page::Need));
            needItem->setData(0, kRoleGroup, int(g));
            needItem->setData(0, kRoleNeed, int(n));
            if (select.page == Page::Need && select.group == int(g) && select.need == int(n))
                selected = needItem;
        }
    }
    m_tree->expandAll();
    m_tree->setCurrentItem(selected);
    m_filling = false;
    showSelection(selectionOf(selected));
}

StructuredRulesEditor::Selection StructuredRulesEditor::selectionOf(const QTreeWidgetItem *item) const
{
    Selection s;
    if (!item)
        return s;
    s.page = static_cast<Page>(item->data(0, kRoleKind).toInt());
    if (s.page != Page::Settings)
        s.group = item->data(0, kRoleGroup).toInt();
    if (s.page == Page::Need)
        s.need = item->data(0, kRoleNeed).toInt();
    return s;
}

void StructuredRulesEditor::showSelection(const Selection &s)
{
    m_filling = true;
    m_current = s;
    switch (s.page) {
    case Page::Settings:
        fillSettings();
        m_pages->setCurrentIndex(0);
        break;
    case Page::Group:
        fillGroup(m_rules.groups[static_cast<std::size_t>(s.group)]);
        m_pages->setCurrentIndex(1);
        break;
    case Page::Need:
        fillNeed(m_rules.groups[static_cast<std::size_t>(s.group)]
                     .needs[static_cast<std::size_t>(s.need)]);
        m_pages->setCurrentIndex(2);
        break;
    }
    m_filling = false;
}

void StructuredRulesEditor::problem(const QString &where, const QString &field,
                                    const std::string &message)
{
    m_problems << QStringLiteral("%1: %2: %3").arg(where, field, qs(message));
}

void StructuredRulesEditor::commit()
{
    m_problems.clear();
    switch (m_current.page) {
    case Page::Settings:
        commitSettings();
        break;
    case Page::Group:
        commitGroup(m_rules.groups[static_cast<std::size_t>(m_current.group)]);
        break;
    case Page::Need:
        commitNeed(m_rules.groups[static_cast<std::size_t>(m_current.group)]
                       .needs[static_cast<std::size_t>(m_current.need)]);
        break;
    }
    m_problemLabel->setText(m_problems.join(QLatin1Char('\n')));
}

// ---- filling the forms ----

void StructuredRulesEditor::fillSettings()
{
    setMode(m_mode, m_rules.mode);
    m_weights->set(m_rules.weights);
    m_evaluateEvery->setText(qs(formatDuration(m_rules.evaluateEvery)));
    m_maxBookAge->setText(qs(formatDuration(m_rules.safety.maxBookAge)));
    m_maxQualityAge->setText(qs(formatDuration(m_rules.safety.maxQualityAge)));
    m_maxSilence->setText(qs(formatDuration(m_rules.safety.maxSilence)));
    m_stopFile->setText(qs(m_rules.safety.stopFile));
    m_spendPerMonth->setText(m_rules.caps.spendPerMonth ? qs(formatMoney(*m_rules.caps.spendPerMonth))
                                                        : QString());
    m_capPerDestination->setText(m_rules.caps.maxCapacityPerDestination
                                     ? bandwidthText(*m_rules.caps.maxCapacityPerDestination)
                                     : QString());
    m_destinationCaps->setRowCount(0);
    for (const DestinationCap &cap : m_rules.caps.destinations) {
        const int row = m_destinationCaps->rowCount();
        m_destinationCaps->insertRow(row);
        m_destinationCaps->setItem(row, 0, new QTableWidgetItem(qs(toString(cap.destination))));
        m_destinationCaps->setItem(row, 1, new QTableWidgetItem(bandwidthText(cap.maxCapacity)));
    }
    fillWindows(m_windows, m_rules.windows);
}

void StructuredRulesEditor::fillGroup(const Group &group)
{
    m_groupName->setText(qs(group.name));
    m_groupEnabled->setChecked(group.enabled);
    setMode(m_groupMode, group.mode);
    m_groupWeights->set(group.weights);
    fillWindows(m_groupWindows, group.windows);
}

void StructuredRulesEditor::fillNeed(const Need &n)
{
    m_needName->setText(qs(n.name));
    // A need just added has no destination yet: show an empty field, not 0.0.0.0/0.
    m_destination->setText(n.capacity.isPositive() ? qs(toString(n.destination)) : QString());
    m_capacity->setText(bandwidthText(n.capacity));
    m_minBlock->setText(bandwidthText(n.minBlock));
    const bool rolling = n.period.kind == PeriodRule::Kind::Rolling;
    m_periodKind->setCurrentIndex(rolling ? 1 : 0);
    m_start->setEnabled(!rolling);
    m_end->setEnabled(!rolling);
    m_rolling->setEnabled(rolling);
    m_start->setText(!rolling && n.period.start.isSet() ? qs(formatTimestamp(n.period.start)) : QString());
    m_end->setText(!rolling && n.period.end.isSet() ? qs(formatTimestamp(n.period.end)) : QString());
    m_rolling->setText(rolling ? qs(formatDuration(n.period.length)) : QString());
    m_renewBefore->setText(n.renewBefore.isPositive() ? qs(formatDuration(n.renewBefore)) : QString());
    m_maxPrice->setText(n.maxPrice.isPositive() ? qs(formatPrice(n.maxPrice)) : QString());
    m_maxLatency->setText(n.limits.maxLatencyUs ? qs(formatLatencyUs(n.limits.maxLatencyUs)) : QString());
    m_maxLoss->setText(n.limits.maxLossPpm ? qs(formatLossPpm(n.limits.maxLossPpm)) : QString());
    m_maxDistance->setValue(n.limits.maxDistance);
    m_traffic->setCurrentIndex(std::max(0, m_traffic->findData(int(n.traffic))));
    setMode(m_needMode, n.mode);
    m_needWeights->set(n.weights);
    m_replaceAfter->setText(n.replaceAfter.isPositive() ? qs(formatDuration(n.replaceAfter)) : QString());
    m_fallback->setCurrentIndex(std::max(0, m_fallback->findData(int(n.fallback))));
    m_fallbackExpiry->setText(n.fallbackExpiry.isPositive() ? qs(formatDuration(n.fallbackExpiry))
                                                            : QString());
}

// ---- reading the forms back ----

namespace {

// Reads `edit` with `parse` into `out`; empty leaves `out` as `emptyValue` when given.
template<class T, class Parse>
bool readField(const QLineEdit *edit, Parse parse, T &out, std::string *error)
{
    auto parsed = parse(edit->text().trimmed().toStdString());
    if (!parsed) {
        *error = parsed.error();
        return false;
    }
    out = T(*parsed);
    return true;
}

std::vector<TimeWindow> readWindows(const QTableWidget *table, QStringList *errors,
                                    const QString &where)
{
    std::vector<TimeWindow> windows;
    for (int row = 0; row < table->rowCount(); ++row) {
        TimeWindow w;
        w.days = 0;
        bool ok = true;
        for (const QString &day : cell(table, row, 0).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto index = parseWeekday(day.trimmed().toStdString());
            if (!index) {
                *errors << QStringLiteral("%1: window %2: %3").arg(where).arg(row + 1).arg(qs(index.error()));
                ok = false;
                continue;
            }
            w.days = static_cast<std::uint8_t>(w.days | (1u << *index));
        }
        if (w.days == 0)
            w.days = 0x7f;
        const auto from = parseTimeOfDay(cell(table, row, 1).toStdString());
        const auto to = parseTimeOfDay(cell(table, row, 2).toStdString());
        if (!from || !to) {
            *errors << QStringLiteral("%1: window %2: %3")
                           .arg(where)
                           .arg(row + 1)
                           .arg(qs(!from ? from.error() : to.error()));
            ok = false;
        }
        if (ok) {
            w.fromMinute = *from;
            w.toMinute = *to;
            windows.push_back(w);
        }
    }
    return windows;
}

} // namespace

void StructuredRulesEditor::commitSettings()
{
    const QString where = tr("Settings");
    std::string error;
    m_rules.mode = modeOf(m_mode).value_or(SelectionMode::Price);
    m_rules.weights = *m_weights->get();
    const auto duration = [&](QLineEdit *edit, Duration &out, const QString &field) {
        if (!readField(edit, parseDuration, out, &error))
            problem(where, field, error);
    };
    duration(m_evaluateEvery, m_rules.evaluateEvery, tr("evaluate every"));
    duration(m_maxBookAge, m_rules.safety.maxBookAge, tr("max. candidate list age"));
    duration(m_maxQualityAge, m_rules.safety.maxQualityAge, tr("max. quality matrix age"));
    duration(m_maxSilence, m_rules.safety.maxSilence, tr("max. silence"));
    m_rules.safety.stopFile = m_stopFile->text().trimmed().toStdString();
    if (m_spendPerMonth->text().trimmed().isEmpty()) {
        m_rules.caps.spendPerMonth.reset();
    } else {
        Money money;
        if (readField(m_spendPerMonth, parseMoney, money, &error))
            m_rules.caps.spendPerMonth = money;
        else
            problem(where, tr("spend per month"), error);
    }
    if (m_capPerDestination->text().trimmed().isEmpty()) {
        m_rules.caps.maxCapacityPerDestination.reset();
    } else {
        Bandwidth b;
        if (readField(m_capPerDestination, parseBandwidth, b, &error))
            m_rules.caps.maxCapacityPerDestination = b;
        else
            problem(where, tr("Mbps per destination"), error);
    }
    std::vector<DestinationCap> caps;
    for (int row = 0; row < m_destinationCaps->rowCount(); ++row) {
        const auto destination = parseDestination(cell(m_destinationCaps, row, 0).toStdString());
        const auto capacity = parseBandwidth(cell(m_destinationCaps, row, 1).toStdString());
        if (!destination || !capacity) {
            problem(where, tr("cap %1").arg(row + 1),
                    !destination ? destination.error() : capacity.error());
            continue;
        }
        caps.push_back({*destination, *capacity, {}});
    }
    m_rules.caps.destinations = caps;
    m_rules.windows = readWindows(m_windows, &m_problems, where);
}

void StructuredRulesEditor::commitGroup(Group &group)
{
    group.name = m_groupName->text().trimmed().toStdString();
    group.enabled = m_groupEnabled->isChecked();
    group.mode = modeOf(m_groupMode);
    group.weights = m_groupWeights->get();
    group.windows = readWindows(m_groupWindows, &m_problems, tr("Group '%1'").arg(qs(group.name)));
}

void StructuredRulesEditor::commitNeed(Need &n)
{
    const QString where = tr("Need '%1'").arg(m_needName->text().trimmed());
    std::string error;
    n.name = m_needName->text().trimmed().toStdString();
    if (!readField(m_destination, parseDestination, n.destination, &error))
        problem(where, tr("destination"), error);
    if (!readField(m_capacity, parseBandwidth, n.capacity, &error))
        problem(where, tr("capacity"), error);
    if (m_minBlock->text().trimmed().isEmpty())
        n.minBlock = Bandwidth{};
    else if (!readField(m_minBlock, parseBandwidth, n.minBlock, &error))
        problem(where, tr("min. block"), error);
    if (m_periodKind->currentIndex() == 1) {
        n.period.kind = PeriodRule::Kind::Rolling;
        if (!readField(m_rolling, parseDuration, n.period.length, &error))
            problem(where, tr("rolling length"), error);
    } else {
        n.period.kind = PeriodRule::Kind::Fixed;
        if (!readField(m_start, parseTimestamp, n.period.start, &error))
            problem(where, tr("start"), error);
        if (!readField(m_end, parseTimestamp, n.period.end, &error))
            problem(where, tr("end"), error);
    }
    const auto optionalDuration = [&](QLineEdit *edit, Duration &out, const QString &field) {
        if (edit->text().trimmed().isEmpty())
            out = Duration{};
        else if (!readField(edit, parseDuration, out, &error))
            problem(where, field, error);
    };
    optionalDuration(m_renewBefore, n.renewBefore, tr("renew before"));
    optionalDuration(m_replaceAfter, n.replaceAfter, tr("replace after"));
    optionalDuration(m_fallbackExpiry, n.fallbackExpiry, tr("buy order rests for"));
    if (!readField(m_maxPrice, parsePrice, n.maxPrice, &error))
        problem(where, tr("max. price"), error);
    if (m_maxLatency->text().trimmed().isEmpty())
        n.limits.maxLatencyUs = 0;
    else if (!readField(m_maxLatency, parseLatencyUs, n.limits.maxLatencyUs, &error))
        problem(where, tr("max. latency"), error);
    if (m_maxLoss->text().trimmed().isEmpty())
        n.limits.maxLossPpm = 0;
    else if (!readField(m_maxLoss, parseLossPpm, n.limits.maxLossPpm, &error))
        problem(where, tr("max. loss"), error);
    n.limits.maxDistance = static_cast<std::uint8_t>(m_maxDistance->value());
    n.traffic = static_cast<TrafficType>(m_traffic->currentData().toInt());
    n.mode = modeOf(m_needMode);
    n.weights = m_needWeights->get();
    n.fallback = static_cast<Fallback>(m_fallback->currentData().toInt());
}

// ---- structure ----

void StructuredRulesEditor::addGroup()
{
    commit();
    Group group;
    group.name = "group-" + std::to_string(m_rules.groups.size() + 1);
    m_rules.groups.push_back(group);
    rebuildTree({Page::Group, int(m_rules.groups.size()) - 1, -1});
    emit edited();
}

void StructuredRulesEditor::addNeed()
{
    commit();
    if (m_rules.groups.empty())
        m_rules.groups.push_back(Group{"core", true, {}, {}, {}, {}, {}});
    const int g = m_current.group >= 0 ? m_current.group : 0;
    Group &group = m_rules.groups[static_cast<std::size_t>(g)];
    Need need;
    need.name = "need-" + std::to_string(group.needs.size() + 1);
    need.period.kind = PeriodRule::Kind::Rolling;
    need.period.length = seconds(30 * 86'400);
    group.needs.push_back(need);
    rebuildTree({Page::Need, g, int(group.needs.size()) - 1});
    emit edited();
}

void StructuredRulesEditor::removeSelected()
{
    const Selection s = m_current;
    if (s.page == Page::Settings)
        return;
    Group &group = m_rules.groups[static_cast<std::size_t>(s.group)];
    if (s.page == Page::Need)
        group.needs.erase(group.needs.begin() + s.need);
    else
        m_rules.groups.erase(m_rules.groups.begin() + s.group);
    m_current = Selection{};
    rebuildTree(s.page == Page::Need ? Selection{Page::Group, s.group, -1} : Selection{});
    emit edited();
}

} // namespace bwx::access
