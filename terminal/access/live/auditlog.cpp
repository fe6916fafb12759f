#include "access/live/auditlog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace bwx::access {

namespace {

QString csvField(const std::string &text)
{
    QString field = QString::fromStdString(text);
    if (field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"'))
        || field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r'))) {
        field.replace(QLatin1String("\""), QLatin1String("\"\""));
        field = QLatin1Char('"') + field + QLatin1Char('"');
    }
    return field;
}

std::string text(const Json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    return it->dump();
}

// "take 11 600 Mbps -> filled 600 Mbps; new-order 1000 Mbps -> not sent (dry run)", then the
// cancels of replaced trades
std::string actionsText(const Json &decision)
{
    std::string out;
    const auto actions = decision.find("actions");
    if (actions == decision.end() || !actions->is_array())
        return out;
    for (const Json &a : *actions) {
        if (!out.empty())
            out += "; ";
        out += text(a, "kind");
        if (a.contains("sell_order_id"))
            out += " " + text(a, "sell_order_id");
        out += " " + text(a, "capacity");
        const auto result = a.find("result");
        if (result == a.end())
            continue;
        if (!result->value("sent", false)) {
            out += " -> not sent (" + text(*result, "not_sent_because") + ")";
        } else if (result->contains("order")) {
            const Json &order = (*result)["order"];
            out += " -> " + text(order, "status") + ", filled " + text(order, "filled");
        } else {
            out += " -> " + text(*result, "code") + ": " + text(*result, "message");
        }
    }
    // Cancels of replaced trades: "cancel-trade 36 -> trade_not_cancellable: ..."
    if (const auto cancels = decision.find("cancels"); cancels != decision.end()
                                                       && cancels->is_array()) {
        for (const Json &c : *cancels) {
            out += (out.empty() ? "" : "; ") + std::string("cancel-trade ") + text(c, "trade_id");
            const Json result = c.value("result", Json::object());
            if (!result.value("sent", false))
                out += " -> not sent (" + text(result, "not_sent_because") + ")";
            else
                out += " -> " + text(result, "code") + ": " + text(result, "message");
        }
    }
    return out;
}

bool writeAtomically(const QString &fileName, const QByteArray &bytes, QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace

AuditLog::AuditLog() = default;
AuditLog::~AuditLog() = default;

QString AuditLog::defaultFileName()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/access-audit.jsonl");
}

bool AuditLog::open(const QString &fileName, QString *error)
{
    QDir().mkpath(QFileInfo(fileName).absolutePath());
    auto file = std::make_unique<QFile>(fileName);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = QStringLiteral("Cannot open the audit log %1: %2").arg(fileName, file->errorString());
        return false;
    }
    m_file = std::move(file);
    m_fileName = fileName;
    return true;
}

bool AuditLog::isOpen() const
{
    return m_file && m_file->isOpen();
}

bool AuditLog::append(const Json &record)
{
    if (!isOpen()) {
        m_lastError = QStringLiteral("The audit log is not open");
        return false;
    }
    const QByteArray line = QByteArray::fromStdString(record.dump()) + '\n';
    if (m_file->write(line) != line.size() || !m_file->flush()) {
        m_lastError = QStringLiteral("Cannot write the audit log %1: %2")
                          .arg(m_fileName, m_file->errorString());
        return false;
    }
    return true;
}

bool AuditLog::appendDecision(const Decision &decision, bool dryRun, quint64 cycle)
{
    Json record;
    record["record"] = "decision";
    record["cycle"] = cycle;
    record["dry_run"] = dryRun;
    const Json body = toJson(decision);
    record.update(body);
    return append(record);
}

bool AuditLog::appendEvent(const QString &kind, Timestamp time, const QString &detail)
{
    Json record;
    record["record"] = kind.toStdString();
    record["time"] = time.isSet() ? Json(formatTimestamp(time)) : Json(nullptr);
    record["detail"] = detail.toStdString();
    return append(record);
}

std::vector<Json> AuditLog::readAll(QString *error) const
{
    std::vector<Json> records;
    QFile file(m_fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the audit log %1: %2").arg(m_fileName, file.errorString());
        return {};
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        Json record = Json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
        if (record.is_discarded() || !record.is_object()) {
            *error = QStringLiteral("%1:%2: not a JSON object").arg(m_fileName).arg(lineNumber);
            return {};
        }
        records.push_back(std::move(record));
    }
    return records;
}

bool AuditLog::exportJson(const std::vector<Json> &records, const QString &fileName,
                          QString *error)
{
    Json array = Json::array();
    for (const Json &record : records)
        array.push_back(record);
    return writeAtomically(fileName, QByteArray::fromStdString(array.dump(2) + "\n"), error);
}

QByteArray AuditLog::csv(const std::vector<Json> &records)
{
    QStringList lines;
    lines << QStringLiteral("time,cycle,dry_run,group,need,mode,outcome,blockers,summary,"
                            "required,covered,requested,actions,ranking_agrees");
    for (const Json &r : records) {
        if (text(r, "record") != "decision")
            continue;
        std::string blockers;
        if (const auto b = r.find("blockers"); b != r.end() && b->is_array()) {
            for (const Json &reason : *b)
                blockers += (blockers.empty() ? "" : " ") + reason.get<std::string>();
        }
        const Json coverage = r.value("coverage", Json::object());
        QStringList fields{csvField(text(r, "time")),
                           csvField(text(r, "cycle")),
                           csvField(text(r, "dry_run")),
                           csvField(text(r, "group")),
                           csvField(text(r, "need")),
                           csvField(text(r, "mode")),
                           csvField(text(r, "outcome")),
                           csvField(blockers),
                           csvField(text(r, "summary")),
                           csvField(text(coverage, "required")),
                           csvField(text(coverage, "covered")),
                           csvField(text(coverage, "requested")),
                           csvField(actionsText(r)),
                           csvField(text(r, "ranking_agrees"))};
        lines << fields.join(QLatin1Char(','));
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

bool AuditLog::exportCsv(const std::vector<Json> &records, const QString &fileName,
                         QString *error)
{
    return writeAtomically(fileName, csv(records), error);
}

} // namespace bwx::access
