import Claimex
import ClaimexModel
import ClaimexOutput
import Foundation
import GRDB

/// Writes records into a SQLite database: one table per record kind, a `documents` table
/// of every page's path and id, and the schema version in `claimex_meta`.
///
/// The run works on a copy of the previous database (or a new one) under a temporary name
/// beside it, renamed over it when the run completes, so a killed run leaves the previous
/// file intact. Re-running upserts: a page's rows replace the rows its document had, rows
/// of pages not in this run are kept, and a page whose content changed takes the rows of
/// its old document with it when no other page has that document.
public struct SQLiteSink: RecordSink {
    /// Where the database ends up.
    public let destination: String
    private let temporary: String
    private let queue: DatabaseQueue
    private let encoder = RecordEncoder()
    /// Released before the database is closed (SQLite refuses to close with live statements).
    private var statements: SQLiteStatements?
    private var pendingPages = 0
    private var finished = false
    /// Pages written between commits: large enough that commits cost little, small enough
    /// that SQLite's page cache, not the transaction, bounds memory.
    static let pagesPerTransaction = 500

    /// Opens a working copy of the database at `path` (or a new one), creating or updating
    /// its tables.
    public init(path: String) throws(OutputError) {
        destination = path
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())"
        let fileManager = FileManager.default
        do {
            if !folder.isEmpty { try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        } catch {
            throw .cannotCreate(folder, error.localizedDescription)
        }
        try? fileManager.removeItem(atPath: temporary)
        if fileManager.fileExists(atPath: path) {
            do {
                try fileManager.copyItem(atPath: path, toPath: temporary)
            } catch {
                throw .cannotCreate(temporary, "copying \(path) failed: \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.label = "claimex-output"
        // Pages are written one call at a time, in transactions of many pages.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // The working copy is thrown away if the run fails, so it needs no durability until
            // the end: a journal in memory and no syncs make writing several times faster.
            try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
        }
        do {
            queue = try DatabaseQueue(path: temporary, configuration: configuration)
            try SQLiteSchema.prepare(queue, path: path)
            statements = try queue.inDatabase { db in try SQLiteStatements(db) }
        } catch let error as OutputError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            throw .writeFailed(path, "\(error); write to a new file or remove this one")
        }
    }

    /// The ids of the documents already in the database (for `--skip-unchanged`).
    public func documentIDs() throws(OutputError) -> Set<DocumentID> {
        do {
            return try queue.inDatabase { db in
                var ids: Set<DocumentID> = []
                let cursor = try String.fetchCursor(db, sql: "SELECT DISTINCT doc FROM documents WHERE doc IS NOT NULL")
                while let hex = try cursor.next() { ids.insert(DocumentID(hex: hex)) }
                return ids
            }
        } catch {
            throw .writeFailed(destination, "reading its documents failed: \(error)")
        }
    }

    public mutating func write(_ item: InputItem, _ result: DocumentResult) throws(OutputError) {
        let doc: String?
        let status: String
        switch result.outcome {
        case .extracted(let document): (doc, status) = (document.doc.hex, "article")
        case .failed(let error): (doc, status) = (error.doc?.hex, "error")
        }
        let records = encoder.records(for: result)
        try update { db, statements in
            let previous = try statements.documentOf(db, path: result.path)
            try statements.deleteError(db, path: result.path)
            if let doc { try statements.deleteRows(db, doc: doc) }
            try statements.upsertDocument(db, path: result.path, doc: doc, status: status)
            if let previous, previous != doc { try statements.deleteIfOrphaned(db, doc: previous) }
            for record in records {
                try statements.insert(db, record)
            }
        }
    }

    public mutating func skip(_ item: InputItem, doc: DocumentID) throws(OutputError) {
        try update { db, statements in
            let previous = try statements.documentOf(db, path: item.path)
            guard previous != doc.hex else { return }
            let status = try statements.statusOf(db, doc: doc.hex) ?? "article"
            try statements.deleteError(db, path: item.path)
            try statements.upsertDocument(db, path: item.path, doc: doc.hex, status: status)
            if let previous { try statements.deleteIfOrphaned(db, doc: previous) }
        }
    }

    public mutating func finish() throws(OutputError) {
        guard !finished else { return }
        finished = true
        statements = nil
        do {
            try queue.inDatabase { db in
                if !db.isInsideTransaction { return }
                try db.commit()
            }
            try queue.close()
        } catch {
            unlink(temporary)
            throw .writeFailed(destination, "\(error)")
        }
        let descriptor = open(temporary, O_RDONLY)
        let synced = descriptor >= 0 && fsync(descriptor) == 0
        if descriptor >= 0 { close(descriptor) }
        guard synced, rename(temporary, destination) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(destination, message)
        }
    }

    /// Every page written is whole in the database (a page's rows are written in one
    /// transaction), and re-running upserts: so the pages done are kept, and a re-run with
    /// `--skip-unchanged` goes on where this one stopped.
    public mutating func abandon() throws(OutputError) -> String {
        try finish()
        return "the pages written are saved in \(destination); run again with --skip-unchanged to go on"
    }

    /// Runs `body` inside the current batch's transaction, committing every
    /// `pagesPerTransaction` pages.
    private mutating func update(_ body: (Database, SQLiteStatements) throws -> Void) throws(OutputError) {
        guard let statements else { preconditionFailure("SQLiteSink used after finish()") }
        let commit = pendingPages + 1 >= Self.pagesPerTransaction
        do {
            try queue.inDatabase { db in
                if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
                try body(db, statements)
                if commit { try db.commit() }
            }
        } catch {
            throw .writeFailed(destination, "\(error)")
        }
        pendingPages = commit ? 0 : pendingPages + 1
    }
}

/// The tables: created on a new database, extended with columns that newer record fields
/// need on an older one, refused when a newer claimex wrote it.
enum SQLiteSchema {
    /// Bumped only for changes that are not additions (added fields become added columns).
    static let version = 1

    static func prepare(_ queue: DatabaseQueue, path: String) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("claimex-v1") { db in
            try db.execute(sql: """
                CREATE TABLE claimex_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE documents (path TEXT PRIMARY KEY, doc TEXT, status TEXT NOT NULL);
                CREATE INDEX documents_doc ON documents (doc);
                """)
            for kind in RecordSchema.kinds {
                let columns = kind.columns.map { column in
                    quoted(column.name) + " " + sqlType(column.type) + (column.name == kind.key ? " PRIMARY KEY" : "")
                }
                try db.execute(sql: "CREATE TABLE \(quoted(kind.name)) (\(columns.joined(separator: ", ")))")
                if kind.key != "doc" {
                    try db.execute(sql: "CREATE INDEX \(quoted(kind.name + "_doc")) ON \(quoted(kind.name)) (doc)")
                }
            }
        }
        try queue.inDatabase { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            if !tables.isEmpty && !tables.contains("grdb_migrations") {
                throw OutputError.writeFailed(path, "it is a SQLite database that claimex did not write; give a new file name")
            }
        }
        try queue.read { db in
            if try migrator.hasBeenSuperseded(db) {
                throw OutputError.writeFailed(path, "it was written by a newer claimex (its schema is newer than version \(version)); use that version or a new file")
            }
        }
        try migrator.migrate(queue)
        try queue.inDatabase { db in
            // Fields added to the record format since the database was made become columns.
            for kind in RecordSchema.kinds {
                let existing = Set(try db.columns(in: kind.name).map(\.name))
                for column in kind.columns where !existing.contains(column.name) {
                    try db.execute(sql: "ALTER TABLE \(quoted(kind.name)) ADD COLUMN \(quoted(column.name)) \(sqlType(column.type))")
                }
            }
            try db.execute(sql: "INSERT OR REPLACE INTO claimex_meta (name, value) VALUES ('schema_version', ?), ('record_version', ?)",
                           arguments: [String(version), String(RecordEncoder.contractVersion)])
            try db.execute(sql: "PRAGMA user_version = \(version)")
        }
    }

    static func sqlType(_ type: ColumnType) -> String {
        switch type {
        case .text, .json: "TEXT"
        case .integer, .boolean: "INTEGER"
        case .number: "NUMERIC"
        }
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The statements of one run, prepared once.
struct SQLiteStatements: @unchecked Sendable {
    private let inserts: [String: (kind: RecordKind, statement: Statement)]

    init(_ db: Database) throws {
        var inserts: [String: (RecordKind, Statement)] = [:]
        for kind in RecordSchema.kinds {
            let names = kind.columns.map { SQLiteSchema.quoted($0.name) }.joined(separator: ", ")
            let marks = Array(repeating: "?", count: kind.columns.count).joined(separator: ", ")
            let sql = "INSERT OR REPLACE INTO \(SQLiteSchema.quoted(kind.name)) (\(names)) VALUES (\(marks))"
            inserts[kind.name] = (kind, try db.makeStatement(sql: sql))
        }
        self.inserts = inserts
    }

    func insert(_ db: Database, _ record: JSONValue) throws {
        guard case .string(let name)? = record["kind"], let (kind, statement) = inserts[name] else {
            preconditionFailure("RecordEncoder wrote a record kind RecordSchema does not list")
        }
        let values: [(any DatabaseValueConvertible)?] = kind.cells(of: record).map { cell in
            switch cell {
            case .null: nil
            case .text(let text), .number(let text), .json(let text): text
            case .integer(let number): number
            case .boolean(let flag): flag
            }
        }
        try statement.execute(arguments: StatementArguments(values))
    }

    func documentOf(_ db: Database, path: String) throws -> String?? {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT doc FROM documents WHERE path = ?"), arguments: [path])
        return row.map { $0["doc"] as String? }
    }

    func statusOf(_ db: Database, doc: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM documents WHERE doc = ? LIMIT 1"), arguments: [doc])
    }

    func upsertDocument(_ db: Database, path: String, doc: String?, status: String) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO documents (path, doc, status) VALUES (?, ?, ?)")
            .execute(arguments: [path, doc, status])
    }

    func deleteError(_ db: Database, path: String) throws {
        try db.cachedStatement(sql: "DELETE FROM \"error\" WHERE path = ?").execute(arguments: [path])
    }

    /// Removes every row of `doc` from the record tables.
    func deleteRows(_ db: Database, doc: String) throws {
        for kind in RecordSchema.kinds where kind.name != "error" {
            try db.cachedStatement(sql: "DELETE FROM \(SQLiteSchema.quoted(kind.name)) WHERE doc = ?").execute(arguments: [doc])
        }
    }

    /// Removes the rows of `doc` when no page has it any more.
    func deleteIfOrphaned(_ db: Database, doc: String?) throws {
        guard let doc else { return }
        let used = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE doc = ?)"), arguments: [doc]) ?? false
        if !used {
            try deleteRows(db, doc: doc)
            try db.cachedStatement(sql: "DELETE FROM \"error\" WHERE doc = ?").execute(arguments: [doc])
        }
    }
}
