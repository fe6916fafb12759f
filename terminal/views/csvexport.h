#pragma once
// Tables to CSV (RFC 4180): the header row, then each row's displayed text, so exported money
// has exactly the digits on screen — no floating-point reformatting on the way out.
#include <QString>

class QAbstractItemModel;
class QIODevice;

namespace bwx::terminal {

QString csvField(const QString &text);
bool writeCsv(const QAbstractItemModel &model, QIODevice &device, QString *error);
bool writeCsvFile(const QAbstractItemModel &model, const QString &fileName, QString *error);

} // namespace bwx::terminal
