#include "sqlite_db.h"

namespace bwx::quality::sqlite {

void fail(sqlite3 *db, std::string_view what)
{
    throw QualityDbError(std::string(what) + ": " + sqlite3_errmsg(db) + " (code "
                         + std::to_string(sqlite3_extended_errcode(db)) + ")");
}

void exec(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw QualityDbError(std::string("quality database: ") + text + " in '" + sql + "'");
    }
}

Statement::Statement(sqlite3 *db, std::string_view sql)
    : m_db(db)
{
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr)
        != SQLITE_OK)
        fail(db, "quality database: preparing '" + std::string(sql) + "'");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        fail(m_db, "quality database: bind");
    return *this;
}

Statement &Statement::bind(int index, std::string_view value)
{
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT)
        != SQLITE_OK)
        fail(m_db, "quality database: bind");
    return *this;
}

Statement &Statement::bind(int index, std::span<const std::uint8_t> blob)
{
    // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
    static const std::uint8_t empty = 0;
    if (sqlite3_bind_blob(m_stmt, index, blob.empty() ? &empty : blob.data(),
                          static_cast<int>(blob.size()), SQLITE_TRANSIENT)
        != SQLITE_OK)
        fail(m_db, "quality database: bind");
    return *this;
}

Statement &Statement::bind(int index, std::optional<std::uint32_t> value)
{
    const int rc
        = value ? sqlite3_bind_int64(m_stmt, index, *value) : sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK)
        fail(m_db, "quality database: bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(m_db, "quality database");
}

void Statement::run()
{
    step();
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::optional<std::uint32_t> Statement::optionalU32(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return static_cast<std::uint32_t>(sqlite3_column_int64(m_stmt, column));
}

std::string Statement::text(int column) const
{
    const auto *p = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n))
             : std::string();
}

std::vector<std::uint8_t> Statement::blob(int column) const
{
    const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>();
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Transaction::Transaction(sqlite3 *db)
    : m_db(db)
{
    exec(db, "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    exec(m_db, "COMMIT");
    m_done = true;
}

} // namespace bwx::quality::sqlite
