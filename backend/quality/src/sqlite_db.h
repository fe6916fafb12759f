#pragma once
// Thin RAII over the SQLite C API for the quality database. Failures throw QualityDbError with
// SQLite's own message and extended code, so an operator reads "database is locked (code 5)".
#include "bwx/quality/quality_db.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <sqlite3.h>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::quality::sqlite {

struct DbCloser
{
    void operator()(sqlite3 *db) const noexcept { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, DbCloser>;

[[noreturn]] void fail(sqlite3 *db, std::string_view what);
void exec(sqlite3 *db, const char *sql);

// A prepared statement; bind by 1-based index, step, read columns by 0-based index. Reset on
// destruction so a cached statement never holds a read snapshot.
class Statement
{
public:
    Statement(sqlite3 *db, std::string_view sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, std::string_view value);
    Statement &bind(int index, std::span<const std::uint8_t> blob);
    Statement &bind(int index, std::optional<std::uint32_t> value);
    // True for a row, false when done; throws on anything else.
    bool step();
    void run(); // steps once, expecting no row
    void reset();

    std::int64_t integer(int column) const;
    std::optional<std::uint32_t> optionalU32(int column) const;
    std::string text(int column) const;
    std::vector<std::uint8_t> blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() was reached.
class Transaction
{
public:
    explicit Transaction(sqlite3 *db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    sqlite3 *m_db;
    bool m_done = false;
};

} // namespace bwx::quality::sqlite
