#include "sqlite_handle.h"

#include "bwx/store/journal.h"

namespace bwx::store::sqlite {

void fail(sqlite3 *db, const std::string &what)
{
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    const char *message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw JournalError(what + ": " + message + " (code " + std::to_string(code) + ")");
}

Statement prepare(sqlite3 *db, std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    Statement owned(stmt);
    if (rc != SQLITE_OK)
        fail(db, "preparing \"" + std::string(sql) + "\"");
    return owned;
}

void exec(sqlite3 *db, const char *sql, const char *what)
{
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(db, what);
}

bool step(sqlite3 *db, sqlite3_stmt *stmt, const char *what)
{
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(db, what);
}

} // namespace bwx::store::sqlite
