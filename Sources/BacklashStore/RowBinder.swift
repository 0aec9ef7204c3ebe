import GRDB
import GRDBSQLite

/// Binds one row's values to a cached statement through SQLite's C API and runs it: the per-post path of
/// `PostStore.ingest`, where building `StatementArguments` (a boxed value per column) cost more than SQLite's own
/// work on the row. Values are bound in column order; strings are copied by SQLite.
struct RowBinder {
    private let statement: OpaquePointer
    private var index: Int32 = 0

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
        sqlite3_reset(self.statement)
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    mutating func bind(_ value: String) {
        index += 1
        var value = value
        value.withUTF8 { bytes in
            // An empty buffer may have no address, and a nil pointer would bind NULL: bind "" explicitly.
            if let base = bytes.baseAddress, !bytes.isEmpty {
                _ = sqlite3_bind_text(statement, index, base, Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
            }
        }
    }

    mutating func bind(_ value: String?) {
        if let value { return bind(value) }
        index += 1
        sqlite3_bind_null(statement, index)
    }

    mutating func bind(_ value: Double) {
        index += 1
        sqlite3_bind_double(statement, index, value)
    }

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(statement, index, value)
    }

    /// Runs a statement that returns no row.
    func execute(_ db: Database) throws {
        let code = sqlite3_step(statement)
        defer { sqlite3_reset(statement) }
        guard code == SQLITE_DONE else { throw Self.error(code, db) }
    }

    /// Runs a query and returns the first two columns of its first row as integers (nil: no row).
    func fetchInt64Pair(_ db: Database) throws -> (Int64, Int64)? {
        let code = sqlite3_step(statement)
        defer { sqlite3_reset(statement) }
        switch code {
        case SQLITE_ROW: return (sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1))
        case SQLITE_DONE: return nil
        default: throw Self.error(code, db)
        }
    }

    private static func error(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
    }
}
