#pragma once
// The access manager's audit log: every decision (with the candidates it weighed, what it sent
// and what the exchange answered) and every change of rules, kill switch and mode, one JSON
// object per line, appended and flushed as it happens so a crash loses at most the line being
// written. Exportable as a JSON array or as CSV (one row per decision).
#include "access/accessjson.h"
#include "access/decision.h"

#include <QString>
#include <memory>
#include <vector>

class QFile;

namespace bwx::access {

class AuditLog
{
public:
    AuditLog();
    ~AuditLog();

    // ~/.local/share/BWX/bwx-terminal/access-audit.jsonl
    static QString defaultFileName();

    bool open(const QString &fileName, QString *error);
    bool isOpen() const;
    QString fileName() const { return m_fileName; }
    QString lastError() const { return m_lastError; }

    bool appendDecision(const Decision &decision, bool dryRun, quint64 cycle);
    // A change that is not a decision: "rules-loaded", "rules-rejected", "kill-switch", ...
    bool appendEvent(const QString &kind, Timestamp time, const QString &detail);

    // Every record in the file, oldest first. A line that is not a JSON object is an error
    // naming its line (the file was edited or damaged); nothing is returned then.
    std::vector<Json> readAll(QString *error) const;

    // Both write atomically: a failed export leaves an existing file untouched.
    static bool exportJson(const std::vector<Json> &records, const QString &fileName,
                           QString *error);
    static bool exportCsv(const std::vector<Json> &records, const QString &fileName,
                          QString *error);
    // The CSV text itself (RFC 4180, a header row, then one row per decision record).
    static QByteArray csv(const std::vector<Json> &records);

private:
    bool append(const Json &record);

    std::unique_ptr<QFile> m_file;
    QString m_fileName;
    QString m_lastError;
};

} // namespace bwx::access
