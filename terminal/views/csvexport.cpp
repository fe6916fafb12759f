#include "views/csvexport.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>
#include <QStringList>

namespace bwx::terminal {

namespace {
class CsvText
{
    Q_DECLARE_TR_FUNCTIONS(CsvExport)
};
} // namespace

QString csvField(const QString &text)
{
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
                       || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!quote)
        return text;
    QString escaped = text;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

bool writeCsv(const QAbstractItemModel &model, QIODevice &device, QString *error)
{
    const auto writeLine = [&device](const QStringList &fields) {
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &field : fields)
            quoted.append(csvField(field));
        const QByteArray line = (quoted.join(QLatin1Char(',')) + QLatin1String("\r\n")).toUtf8();
        return device.write(line) == line.size();
    };
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c)
        header.append(model.headerData(c, Qt::Horizontal).toString());
    if (!writeLine(header)) {
        *error = device.errorString();
        return false;
    }
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model.columnCount(); ++c)
            row.append(model.index(r, c).data().toString());
        if (!writeLine(row)) {
            *error = device.errorString();
            return false;
        }
    }
    return true;
}

bool writeCsvFile(const QAbstractItemModel &model, const QString &fileName, QString *error)
{
    // QSaveFile: a failed export never leaves half a file where a good one was.
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = CsvText::tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    if (!writeCsv(model, file, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = CsvText::tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace bwx::terminal
