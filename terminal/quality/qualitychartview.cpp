#include "quality/qualitychartview.h"

#include "client/exchangeclient.h"
#include "models/colors.h"
#include "models/format.h"
#include "models/myordersmodel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QPixmap>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <set>

namespace bwx::terminal::quality {

namespace {

// Distinct on white and on the dark chart theme; sellers beyond the list reuse it.
const QList<QColor> &lineColours()
{
    static const QList<QColor> colours{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                       QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                       QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
                                       QColor(0x17, 0xbe, 0xcf), QColor(0xbc, 0xbd, 0x22)};
    return colours;
}

QColor limitColour()
{
    return QColor(0xd6, 0x27, 0x28);
}

QDateTime utc(Timestamp t)
{
    return QDateTime::fromMSecsSinceEpoch(t.value() / 1'000'000, Qt::UTC);
}

void hideFromLegend(QChart *chart, QAbstractSeries *series)
{
    for (QLegendMarker *marker : chart->legend()->markers(series))
        marker->setVisible(false);
}

QLineSeries *addLine(QChart *chart,
                     const QList<QPointF> &points,
                     const QPen &pen,
                     const QString &name,
                     bool inLegend)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    series->setPen(pen);
    series->setPointsVisible(true);
    series->append(points);
    chart->addSeries(series);
    if (!inLegend)
        hideFromLegend(chart, series);
    return series;
}

QChart *makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

// A rounded-up axis maximum with room above the highest value or limit.
double axisMax(double value, double floor)
{
    const double raw = std::max(value * 1.15, floor);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= step * magnitude)
            return step * magnitude;
    return raw;
}

} // namespace

QualityChartView::QualityChartView(ExchangeClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new QualitySeriesModel(this))
{
    setObjectName(QStringLiteral("qualityChartView"));

    m_destinationEdit = new QLineEdit(this);
    m_destinationEdit->setObjectName(QStringLiteral("qualityDestination"));
    m_destinationEdit->setPlaceholderText(tr("e.g. 198.51.100.0/24"));
    m_interval = new QComboBox(this);
    m_interval->setObjectName(QStringLiteral("qualityInterval"));
    for (const auto g : {proto::QualityGranularity::FiveMinutes, proto::QualityGranularity::Hour,
                         proto::QualityGranularity::Day})
        m_interval->addItem(granularity(g), static_cast<int>(g));
    m_span = new QComboBox(this);
    m_span->setObjectName(QStringLiteral("qualitySpan"));
    m_span->addItem(tr("last hour"), 3600);
    m_span->addItem(tr("last 2 hours"), 2 * 3600);
    m_span->addItem(tr("last 6 hours"), 6 * 3600);
    m_span->addItem(tr("last 24 hours"), 24 * 3600);
    m_span->addItem(tr("last 7 days"), 7 * 24 * 3600);
    m_span->addItem(tr("last 30 days"), 30 * 24 * 3600);
    m_span->addItem(tr("last 365 days"), 365 * 24 * 3600);
    m_span->setCurrentIndex(3); // 24 hours

    m_limitSource = new QComboBox(this);
    m_limitSource->setObjectName(QStringLiteral("qualityLimitSource"));
    m_limitSource->addItem(tr("entered here"), QVariant());
    m_maxLatency = new QDoubleSpinBox(this);
    m_maxLatency->setObjectName(QStringLiteral("qualityMaxLatency"));
    m_maxLatency->setDecimals(3);
    m_maxLatency->setRange(0, 4'294'967.295);
    m_maxLatency->setSuffix(tr(" ms"));
    m_maxLatency->setSpecialValueText(tr("no limit"));
    m_maxLoss = new QDoubleSpinBox(this);
    m_maxLoss->setObjectName(QStringLiteral("qualityMaxLoss"));
    m_maxLoss->setDecimals(4);
    m_maxLoss->setRange(0, 100);
    m_maxLoss->setSuffix(tr(" %"));
    m_maxLoss->setSpecialValueText(tr("no limit"));

    m_refresh = new QPushButton(tr("&Show"), this);
    m_refresh->setDefault(true);
    m_export = new QPushButton(tr("Export &PNG…"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("qualityChartStatus"));
    m_status->setWordWrap(true);

    auto *query = new QFormLayout;
    query->addRow(tr("Destination:"), m_destinationEdit);
    auto *when = new QHBoxLayout;
    when->addWidget(m_interval);
    when->addWidget(m_span, 1);
    query->addRow(tr("Interval:"), when);
    auto *limitsForm = new QFormLayout;
    limitsForm->addRow(tr("Limits from:"), m_limitSource);
    auto *limitRow = new QHBoxLayout;
    limitRow->addWidget(new QLabel(tr("Latency ≤"), this));
    limitRow->addWidget(m_maxLatency, 1);
    limitRow->addWidget(new QLabel(tr("Loss ≤"), this));
    limitRow->addWidget(m_maxLoss, 1);
    limitsForm->addRow(tr("Your limits:"), limitRow);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_export);
    auto *top = new QHBoxLayout;
    top->addLayout(query, 3);
    top->addLayout(limitsForm, 3);
    top->addLayout(buttons);

    m_latencyChart = makeChart(tr("Latency (p50)"));
    m_lossChart = makeChart(tr("Loss"));
    m_latencyView = new QChartView(m_latencyChart, this);
    m_lossView = new QChartView(m_lossChart, this);
    for (QChartView *view : {m_latencyView, m_lossView}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(200);
    }
    m_chartArea = new QWidget(this);
    m_chartArea->setObjectName(QStringLiteral("qualityCharts"));
    auto *charts = new QVBoxLayout(m_chartArea);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->addWidget(m_latencyView, 3);
    charts->addWidget(m_lossView, 2);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("qualitySeriesTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chartArea);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_refresh, &QPushButton::clicked, this, &QualityChartView::refresh);
    connect(m_destinationEdit, &QLineEdit::returnPressed, this, &QualityChartView::refresh);
    connect(m_export, &QPushButton::clicked, this, &QualityChartView::exportPngInteractive);
    connect(m_interval, &QComboBox::activated, this, &QualityChartView::refresh);
    connect(m_span, &QComboBox::activated, this, &QualityChartView::refresh);
    connect(m_limitSource, &QComboBox::activated, this, &QualityChartView::applyOrderChoice);
    const auto limitsEdited = [this] {
        m_limitSource->setCurrentIndex(0);
        rebuildChart();
        emit limitsChanged(limits());
    };
    connect(m_maxLatency, &QDoubleSpinBox::valueChanged, this, limitsEdited);
    connect(m_maxLoss, &QDoubleSpinBox::valueChanged, this, limitsEdited);
    connect(m_client, &ExchangeClient::messageReceived, this, &QualityChartView::onMessage);

    setStatus(tr("Enter a destination prefix and press Show."));
    rebuildChart();
}

void QualityChartView::setOrders(const MyOrdersModel *orders)
{
    m_orders = orders;
    connect(orders, &QAbstractItemModel::modelReset, this, &QualityChartView::rebuildOrderChoices);
    connect(orders, &QAbstractItemModel::layoutChanged, this,
            &QualityChartView::rebuildOrderChoices);
    connect(orders, &QAbstractItemModel::rowsInserted, this,
            &QualityChartView::rebuildOrderChoices);
    connect(orders, &QAbstractItemModel::dataChanged, this, &QualityChartView::rebuildOrderChoices);
    rebuildOrderChoices();
}

void QualityChartView::rebuildOrderChoices()
{
    const QVariant current = m_limitSource->currentData();
    const QSignalBlocker blocker(m_limitSource);
    while (m_limitSource->count() > 1)
        m_limitSource->removeItem(1);
    if (!m_orders)
        return;
    for (int row = 0; row < m_orders->rowCount(); ++row) {
        const proto::OrderView *order = m_orders->orderAt(row);
        if (!order || order->params.side != Side::Buy || !order->params.destination.isPrefix())
            continue;
        const proto::QualityLimits &l = order->params.limits;
        QStringList parts;
        if (l.maxLatencyUs != 0)
            parts << tr("≤ %1").arg(latency(l.maxLatencyUs));
        if (l.maxLossPpm != 0)
            parts << tr("≤ %1 loss").arg(loss(l.maxLossPpm));
        if (parts.isEmpty())
            parts << tr("no limits");
        m_limitSource->addItem(tr("order %1: %2, %3")
                                   .arg(order->orderId.value())
                                   .arg(format::prefix(order->params.destination.prefix),
                                        parts.join(QStringLiteral(", "))),
                               QVariant::fromValue<qulonglong>(order->orderId.value()));
    }
    const int again = current.isValid() ? m_limitSource->findData(current) : 0;
    m_limitSource->setCurrentIndex(std::max(again, 0));
}

void QualityChartView::applyOrderChoice(int index)
{
    const QVariant id = m_limitSource->itemData(index);
    if (!id.isValid() || !m_orders)
        return;
    const proto::OrderView *order = m_orders->findOrder(OrderId(id.toULongLong()));
    if (!order)
        return;
    {
        const QSignalBlocker latencyBlocker(m_maxLatency);
        const QSignalBlocker lossBlocker(m_maxLoss);
        m_maxLatency->setValue(order->params.limits.maxLatencyUs / 1000.0);
        m_maxLoss->setValue(order->params.limits.maxLossPpm / 10'000.0);
    }
    emit limitsChanged(limits());
    const net::Prefix prefix = order->params.destination.prefix;
    if (m_destinationEdit->text() != format::prefix(prefix) || m_model->rowCount() == 0) {
        setDestination(prefix);
        refresh();
    } else {
        rebuildChart();
    }
}

void QualityChartView::setDestination(const net::Prefix &prefix)
{
    m_destinationEdit->setText(format::prefix(prefix));
}

void QualityChartView::setGranularity(proto::QualityGranularity g)
{
    const int index = m_interval->findData(static_cast<int>(g));
    if (index >= 0)
        m_interval->setCurrentIndex(index);
}

void QualityChartView::setSpanSeconds(qint64 seconds)
{
    int index = m_span->findData(seconds);
    if (index < 0) {
        m_span->addItem(tr("last %1 s").arg(seconds), seconds);
        index = m_span->count() - 1;
    }
    m_span->setCurrentIndex(index);
}

void QualityChartView::setLimits(const proto::QualityLimits &l)
{
    {
        const QSignalBlocker latencyBlocker(m_maxLatency);
        const QSignalBlocker lossBlocker(m_maxLoss);
        m_maxLatency->setValue(l.maxLatencyUs / 1000.0);
        m_maxLoss->setValue(l.maxLossPpm / 10'000.0);
        m_limitSource->setCurrentIndex(0);
    }
    rebuildChart();
    emit limitsChanged(limits());
}

proto::QualityLimits QualityChartView::limits() const
{
    proto::QualityLimits l;
    l.maxLatencyUs = static_cast<std::uint32_t>(std::llround(m_maxLatency->value() * 1000.0));
    l.maxLossPpm = static_cast<std::uint32_t>(std::llround(m_maxLoss->value() * 10'000.0));
    return l;
}

void QualityChartView::setSellerNames(const SellerNames &names)
{
    m_model->setSellerNames(names);
    rebuildChart();
}

std::optional<proto::QualityState> QualityChartView::sellerState(MemberId seller) const
{
    const auto it = m_states.constFind(seller.value());
    if (it == m_states.constEnd())
        return std::nullopt;
    return *it;
}

QString QualityChartView::statusText() const
{
    return m_status->text();
}

void QualityChartView::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: %1").arg(colors::ask().name())
                                  : QString());
}

void QualityChartView::refresh()
{
    const auto prefix = net::Prefix::parse(m_destinationEdit->text().trimmed().toStdString());
    if (!prefix) {
        setStatus(tr("Destination: %1").arg(QString::fromStdString(prefix.error())), true);
        emit failed(m_status->text());
        return;
    }
    Timestamp now = m_client->serverTimeNow();
    if (now.value() == 0)
        now = Timestamp(QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    m_to = now;
    m_from = now - seconds(m_span->currentData().toLongLong());
    m_requested = *prefix;

    proto::QueryQuality query;
    query.destination = *prefix;
    query.from = m_from;
    query.to = m_to;
    query.granularity = static_cast<proto::QualityGranularity>(m_interval->currentData().toInt());
    m_seriesRequest = m_client->sendRequest(query);
    m_stateRequest = m_client->sendRequest(proto::QueryQualityMatrix{{*prefix}});
    if (m_seriesRequest == 0) {
        m_stateRequest = 0;
        setStatus(
            tr("Not connected: the quality of %1 cannot be loaded.").arg(format::prefix(*prefix)),
            true);
        emit failed(m_status->text());
        return;
    }
    m_states.clear();
    m_failed = false;
    setStatus(tr("Loading %1…").arg(format::prefix(*prefix)));
}

void QualityChartView::onMessage(quint32 requestId, const proto::Message &message)
{
    if (requestId == 0 || (requestId != m_seriesRequest && requestId != m_stateRequest))
        return;
    if (const auto *result = std::get_if<proto::Result>(&message)) {
        const bool series = requestId == m_seriesRequest;
        if (series)
            m_seriesRequest = 0;
        else
            m_stateRequest = 0;
        if (result->code != proto::ResultCode::Ok) {
            m_failed = true;
            setStatus(tr("The exchange refused the quality query: %1")
                          .arg(QString::fromStdString(result->message)),
                      true);
            if (series)
                m_model->clear();
            rebuildChart();
            emit failed(m_status->text());
        }
        finishIfDone();
        return;
    }
    if (const auto *series = std::get_if<proto::QualitySeries>(&message);
        series && requestId == m_seriesRequest) {
        m_seriesRequest = 0;
        m_model->setSeries(
            m_requested, static_cast<proto::QualityGranularity>(m_interval->currentData().toInt()),
            series->points);
        finishIfDone();
        return;
    }
    if (const auto *matrix = std::get_if<proto::QualityMatrix>(&message);
        matrix && requestId == m_stateRequest) {
        m_stateRequest = 0;
        for (const proto::QualityCell &cell : matrix->cells)
            m_states.insert(cell.seller.value(), cell.state);
        finishIfDone();
    }
}

void QualityChartView::finishIfDone()
{
    if (isLoading())
        return;
    rebuildChart();
    if (!m_failed) {
        const QString bucket = granularity(m_model->granularity());
        setStatus(
            m_model->rowCount() == 0
                ? tr("No quality data for %1 in this period.").arg(format::prefix(m_requested))
                : tr("%1: %2 points (%3 buckets), %4 – %5 UTC.")
                      .arg(format::prefix(m_requested))
                      .arg(m_model->rowCount())
                      .arg(bucket, format::dateTime(m_from), format::dateTime(m_to)));
    }
    emit loaded();
}

void QualityChartView::rebuildChart()
{
    for (QChart *chart : {m_latencyChart, m_lossChart}) {
        chart->removeAllSeries();
        for (QAbstractAxis *axis : chart->axes()) {
            chart->removeAxis(axis);
            delete axis;
        }
    }
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    for (QChart *chart : {m_latencyChart, m_lossChart})
        chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QString destination = m_model->rowCount() > 0 ? format::prefix(m_model->destination())
                                                        : m_destinationEdit->text().trimmed();
    m_latencyChart->setTitle(tr("Latency p50 toward %1").arg(destination));
    m_lossChart->setTitle(tr("Loss toward %1").arg(destination));

    const QList<QualityLine> lines = m_model->lines();
    std::set<proto::QualitySource> kinds;
    double maxLatency = 0;
    double maxLoss = 0;
    for (const QualityLine &line : lines) {
        kinds.insert(line.source);
        for (const auto &segment : line.latencySegments)
            for (const QPointF &p : segment)
                maxLatency = std::max(maxLatency, p.y());
        for (const auto &segment : line.lossSegments)
            for (const QPointF &p : segment)
                maxLoss = std::max(maxLoss, p.y());
    }
    const proto::QualityLimits l = limits();
    const double latencyLimit = l.maxLatencyUs / 1000.0;
    const double lossLimit = l.maxLossPpm / 10'000.0;
    const double latencyTop = axisMax(std::max(maxLatency, latencyLimit), 1.0);
    const double lossTop = std::min(100.0, axisMax(std::max(maxLoss, lossLimit), 1.0));

    int colourIndex = 0;
    for (const QualityLine &line : lines) {
        QColor colour = lineColours()[colourIndex++ % lineColours().size()];
        QString name = sellerName(m_model->sellerNames(), line.seller);
        if (kinds.size() > 1)
            name += QStringLiteral(" (%1)").arg(source(line.source));
        if (const auto state = sellerState(line.seller);
            state && *state != proto::QualityState::Fresh)
            name += QStringLiteral(" — %1").arg(quality::state(*state));
        QPen pen(colour);
        pen.setWidthF(2.0);

        // The legend entry exists even when the seller never answered in the period.
        bool first = true;
        for (const auto &segment : line.latencySegments) {
            addLine(m_latencyChart, segment, pen, name, first);
            first = false;
        }
        if (first)
            addLine(m_latencyChart, {}, pen, name, true);
        first = true;
        for (const auto &segment : line.lossSegments) {
            addLine(m_lossChart, segment, pen, name, first);
            first = false;
        }
        if (!line.unreachable.isEmpty()) {
            auto *marks = new QScatterSeries(m_latencyChart);
            marks->setName(tr("%1: no answer").arg(name));
            marks->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
            marks->setMarkerSize(11);
            marks->setColor(colour);
            marks->setBorderColor(limitColour());
            for (const qint64 t : line.unreachable)
                marks->append(static_cast<double>(t), latencyTop);
            m_latencyChart->addSeries(marks);
        }
    }

    QPen limitPen(limitColour());
    limitPen.setStyle(Qt::DashLine);
    limitPen.setWidthF(2.0);
    const double x0 = static_cast<double>(m_from.value() / 1'000'000);
    const double x1 = static_cast<double>(m_to.value() / 1'000'000);
    if (l.maxLatencyUs != 0)
        addLine(m_latencyChart, {QPointF(x0, latencyLimit), QPointF(x1, latencyLimit)}, limitPen,
                tr("your latency limit %1").arg(latency(l.maxLatencyUs)), true)
            ->setPointsVisible(false);
    if (l.maxLossPpm != 0)
        addLine(m_lossChart, {QPointF(x0, lossLimit), QPointF(x1, lossLimit)}, limitPen,
                tr("your loss limit %1").arg(loss(l.maxLossPpm)), true)
            ->setPointsVisible(false);

    const qint64 spanSeconds = (m_to - m_from).value() / 1'000'000'000;
    const QString timeFormat = spanSeconds <= 24 * 3600       ? QStringLiteral("HH:mm")
                               : spanSeconds <= 8 * 24 * 3600 ? QStringLiteral("MM-dd HH:mm")
                                                              : QStringLiteral("yyyy-MM-dd");
    const auto attachAxes
        = [&](QChart *chart, double top, const QString &title, const QString &labels) {
              auto *x = new QDateTimeAxis(chart);
              x->setFormat(timeFormat);
              // QDateTimeAxis labels in the local time zone (the table and the status line say
              // UTC).
              x->setTitleText(tr("local time"));
              x->setTickCount(7);
              if (m_to.value() > m_from.value())
                  x->setRange(utc(m_from), utc(m_to));
              auto *y = new QValueAxis(chart);
              y->setRange(0, top);
              y->setTitleText(title);
              y->setLabelFormat(labels);
              chart->addAxis(x, Qt::AlignBottom);
              chart->addAxis(y, Qt::AlignLeft);
              for (QAbstractSeries *series : chart->series()) {
                  series->attachAxis(x);
                  series->attachAxis(y);
              }
          };
    attachAxes(m_latencyChart, latencyTop, tr("ms"), QStringLiteral("%.1f"));
    attachAxes(m_lossChart, lossTop, tr("%"), QStringLiteral("%.1f"));
}

bool QualityChartView::exportPng(const QString &file, QString *error) const
{
    const QPixmap pixmap = m_chartArea->grab();
    if (pixmap.isNull()) {
        if (error)
            *error = tr("The chart could not be rendered.");
        return false;
    }
    if (!pixmap.save(file, "PNG")) {
        if (error)
            *error = tr("Could not write %1.").arg(file);
        return false;
    }
    return true;
}

void QualityChartView::exportPngInteractive()
{
    const QString suggested = QStringLiteral("quality-%1.png")
                                  .arg(m_destinationEdit->text()
                                           .trimmed()
                                           .replace(QLatin1Char('/'), QLatin1Char('_'))
                                           .replace(QLatin1Char(':'), QLatin1Char('_')));
    const QString file = QFileDialog::getSaveFileName(this, tr("Export chart as PNG"), suggested,
                                                      tr("PNG images (*.png)"));
    if (file.isEmpty())
        return;
    QString error;
    if (exportPng(file, &error))
        setStatus(tr("Chart exported to %1.").arg(file));
    else
        setStatus(error, true);
}

} // namespace bwx::terminal::quality
