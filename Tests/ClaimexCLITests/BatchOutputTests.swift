import Foundation
import GRDB
import Testing

/// `claimex extract --format csv|sqlite`, `--shard`, `--skip-unchanged`, progress, and
/// what a killed run leaves behind.
@Suite struct BatchOutputTests {
    static let kinds = ["article", "entity", "money", "investment", "error"]

    /// The Corpus plus two pages that fail, in a folder of their own.
    static func corpusWithErrors() throws -> PageFolder {
        let folder = try PageFolder()
        let corpus = BaselineTests.packageRoot.appendingPathComponent("Corpus")
        for (relative, text) in try BaselineTests.files(under: corpus) where relative.hasSuffix(".html") {
            try folder.write("in/" + relative, Array(text.utf8))
        }
        try folder.write("in/zz/empty.html", [])
        try folder.write("in/zz/gzip.html", [0x1F, 0x8B, 0x08, 0x00])
        return folder
    }

    static func countByKind(_ jsonLines: String) throws -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: kinds.map { ($0, 0) })
        for record in try records(jsonLines) { counts[record["kind"] as? String ?? "?", default: 0] += 1 }
        return counts
    }

    @Test func csvAndSQLiteHoldTheSameRecordsAsJSONLines() throws {
        let folder = try Self.corpusWithErrors()
        let jsonl = try CLIRunner.run(["extract", folder.path("in"), "--quiet"])
        #expect(jsonl.status == 0)
        let expected = try Self.countByKind(jsonl.stdout)
        #expect(expected["article"] == 33 && expected["error"] == 2)
        #expect(expected["entity"]! > 100 && expected["money"]! > 100 && expected["investment"]! > 50)

        let csv = try CLIRunner.run(["extract", folder.path("in"), "--format", "csv", "-o", folder.path("csv"), "--jobs", "2"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.isEmpty)
        let all = try records(jsonl.stdout)
        for kind in Self.kinds {
            let rows = try CSVReader.rows(String(contentsOfFile: folder.path("csv/\(kind).csv"), encoding: .utf8))
            #expect(rows.count - 1 == expected[kind], "\(kind).csv")
            // Text with quotes, commas and newlines survives the trip: article text and paths.
            if kind == "article" {
                let header = rows[0]
                let text = try #require(header.firstIndex(of: "text")), path = try #require(header.firstIndex(of: "path"))
                let articles = all.filter { $0["kind"] as? String == "article" }
                #expect(rows.dropFirst().map { $0[text] } == articles.map { $0["text"] as? String ?? "" })
                #expect(rows.dropFirst().map { $0[path] } == articles.map { $0["path"] as? String ?? "" })
                #expect(rows.allSatisfy { $0.count == header.count })
            }
        }

        let database = folder.path("claims.db")
        let sqlite = try CLIRunner.run(["extract", folder.path("in"), "--format", "sqlite", "-o", database])
        #expect(sqlite.status == 0, "\(sqlite.stderr)")
        let queue = try DatabaseQueue(path: database)
        try queue.read { db in
            for kind in Self.kinds {
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(kind)\"") == expected[kind], "\(kind) table")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") == 35)
            #expect(try String.fetchOne(db, sql: "SELECT value FROM claimex_meta WHERE name = 'schema_version'") == "1")
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == 1)
            // Amounts are numbers SQL can add; booleans are 0/1.
            let total = try Double.fetchOne(db, sql: "SELECT SUM(value) FROM money WHERE currency = 'USD'") ?? 0
            #expect(total > 1e9)
            #expect(try Set(Int.fetchAll(db, sql: "SELECT DISTINCT joint FROM investment")).isSubset(of: [0, 1]))
            #expect(try db.indexes(on: "entity").contains { $0.columns == ["doc"] })
        }
        try queue.close()
    }

    @Test func sqliteReRunsUpsertAndDropRowsOfChangedPages() throws {
        let folder = try PageFolder()
        try folder.write("in/a.html", page: "First page of the database test")
        try folder.write("in/b.html", page: "Second page of the database test")
        let database = folder.path("out/claims.db")
        let arguments = ["extract", folder.path("in"), "--format", "sqlite", "-o", database]
        #expect(try CLIRunner.run(arguments).status == 0)
        let before = try Self.tableCounts(database)
        #expect(before["article"] == 2 && before["documents"] == 2 && before["money"] == 2)
        #expect(try CLIRunner.run(arguments).status == 0)
        #expect(try Self.tableCounts(database) == before)

        // b.html changes: its old document's rows go, the new ones come; a.html stays.
        try folder.write("in/b.html", page: "Second page, rewritten")
        #expect(try CLIRunner.run(arguments).status == 0)
        #expect(try Self.tableCounts(database) == before)
        let titles = try DatabaseQueue(path: database).read { db in
            try String.fetchAll(db, sql: "SELECT title FROM article JOIN documents USING (doc) ORDER BY documents.path")
        }
        #expect(titles == ["First page of the database test", "Second page, rewritten"])

        // A run over one page keeps the rows of the pages it did not see.
        #expect(try CLIRunner.run(["extract", folder.path("in/a.html"), "--format", "sqlite", "-o", database]).status == 0)
        #expect(try Self.tableCounts(database) == before)

        // A page that now fails: its article and claims give way to an error row.
        try folder.write("in/b.html", [0x1F, 0x8B])
        #expect(try CLIRunner.run(arguments).status == 0)
        let after = try Self.tableCounts(database)
        #expect(after["error"] == 1 && after["article"] == 1 && after["money"] == 1 && after["documents"] == 2)
        #expect(after["entity"] == before["entity"]! / 2)
    }

    @Test func skipUnchangedPassesOverPagesAlreadyInTheDatabase() throws {
        let folder = try PageFolder()
        for index in 0..<4 { try folder.write("in/p\(index).html", page: "Unchanged page number \(index)") }
        let database = folder.path("claims.db")
        let arguments = ["extract", folder.path("in"), "--format", "sqlite", "-o", database, "--skip-unchanged"]
        let first = try CLIRunner.run(arguments)
        #expect(first.status == 0)
        #expect(first.stderr.contains("claimex: 4 pages, 4 articles, 0 errors in "))
        try folder.write("in/p2.html", page: "Changed page number 2")
        let second = try CLIRunner.run(arguments)
        #expect(second.status == 0)
        #expect(second.stderr.contains("claimex: 4 pages, 1 articles, 0 errors, 3 skipped (unchanged) in "))
        let counts = try Self.tableCounts(database)
        #expect(counts["article"] == 4 && counts["documents"] == 4)

        let misuse = try CLIRunner.run(["extract", folder.path("in"), "--skip-unchanged"])
        #expect(misuse.status == 2)
        #expect(misuse.stderr.contains("--skip-unchanged compares pages with a database"))
    }

    @Test func shardsCoverTheInputsExactlyOnce() throws {
        let folder = try PageFolder()
        for index in 0..<30 { try folder.write("in/d\(index % 4)/page-\(index).html", page: "Shard test page \(index)") }
        let whole = try CLIRunner.run(["extract", folder.path("in"), "--quiet"])
        let wholeLines = whole.stdout.split(separator: "\n")
        var shardLines: [Substring] = []
        var sizes: [Int] = []
        for index in 1...3 {
            let shard = try CLIRunner.run(["extract", folder.path("in"), "--shard", "\(index)/3", "--quiet"])
            #expect(shard.status == 0)
            let lines = shard.stdout.split(separator: "\n")
            sizes.append(try records(shard.stdout).filter { $0["kind"] as? String == "article" }.count)
            shardLines += lines
        }
        #expect(sizes.reduce(0, +) == 30)
        #expect(sizes.allSatisfy { $0 > 0 })
        #expect(shardLines.sorted() == wholeLines.sorted())
        // The same share twice is the same pages.
        let again = try CLIRunner.run(["extract", folder.path("in"), "--shard", "2/3", "--quiet"])
        #expect(try records(again.stdout).filter { $0["kind"] as? String == "article" }.count == sizes[1])
        for bad in ["0/3", "4/3", "3", "a/b"] {
            let result = try CLIRunner.run(["extract", folder.path("in"), "--shard", bad])
            #expect(result.status == 2, "\(bad)")
        }
    }

    @Test func progressAndSummaryOnStandardError() throws {
        let folder = try PageFolder()
        for index in 0..<3 { try folder.write("in/p\(index).html", page: "Progress page number \(index)") }
        try folder.write("in/z.html", [])
        let result = try CLIRunner.run(["extract", folder.path("in"), "--progress", "--jobs", "2"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("\rclaimex: 4/4 pages (100%), "))
        #expect(result.stderr.contains(" pages/s, ETA 0:00, 1 errors\u{1B}[K"))
        // The progress line is cleared (`\r` ESC [K) before the summary is printed.
        let summary = try #require(result.stderr.components(separatedBy: "\r\u{1B}[K").last?.split(separator: "\n").last)
        #expect(summary.hasPrefix("claimex: 4 pages, 3 articles, 1 errors in "))
        #expect(summary.hasSuffix("; records: 3 article, 9 entity, 3 money, 0 investment, 1 error"), "\(summary)")
        // Not a terminal and no --progress: the summary alone; --quiet: nothing.
        let plain = try CLIRunner.run(["extract", folder.path("in")])
        #expect(!plain.stderr.contains("\r"))
        let quiet = try CLIRunner.run(["extract", folder.path("in"), "--quiet", "--progress"])
        #expect(!quiet.stderr.contains("claimex:"))
    }

    @Test func formatNeedsTheRightKindOfOutput() throws {
        for (arguments, message) in [
            (["--format", "csv"], "--format csv writes one file per record kind: give a folder with -o DIR"),
            (["--format", "sqlite"], "--format sqlite writes a database file: give it with -o FILE"),
            (["--format", "sqlite", "-o", "/tmp/"], "-o /tmp/ is a folder; --format sqlite needs a database file name"),
            (["--format", "xml"], "The value 'xml' is invalid for '--format"),
        ] {
            let result = try CLIRunner.run(["extract", "x.html"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        let folder = try PageFolder()
        try folder.write("not.db", Array("plain text, not a database".utf8))
        try folder.write("in/a.html", page: "A page for a bad database")
        let notDatabase = try CLIRunner.run(["extract", folder.path("in"), "--format", "sqlite", "-o", folder.path("not.db")])
        #expect(notDatabase.status == 1)
        #expect(notDatabase.stderr.contains("claimex: error: writing \(folder.path("not.db")) failed"))
        #expect(try String(contentsOfFile: folder.path("not.db"), encoding: .utf8) == "plain text, not a database")
    }

    @Test func schemaCommandPrintsTheSchemaAndTheColumns() throws {
        let schema = try CLIRunner.run(["schema"])
        #expect(schema.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any])
        let definitions = try #require(root["$defs"] as? [String: Any])
        #expect(Set(Self.kinds).isSubset(of: definitions.keys))
        #expect((root["oneOf"] as? [Any])?.count == 5)
        let columns = try CLIRunner.run(["schema", "--columns"])
        #expect(columns.stdout.hasPrefix("article (key: doc)\n  v integer\n  doc text\n  path text\n"))
        #expect(columns.stdout.contains("investment (key: id)\n  v integer\n  doc text\n  id text\n  rule text\n  investor_name text\n"))
    }

    // MARK: - A killed run

    /// Runs `claimex extract` over a good page and then a page that takes seconds, kills it
    /// with SIGKILL while its output is open, and checks the previous output is whole.
    @Test(arguments: [
        (["--format", "jsonl"], "out.jsonl"),
        (["--format", "csv"], "out/"),
        (["--format", "sqlite"], "out.db"),
    ])
    func killedRunLeavesThePreviousOutputIntact(format: [String], output: String) throws {
        let folder = try PageFolder()
        try folder.write("in/a.html", page: "Previous run page")
        let target = folder.path(output)
        let good = try CLIRunner.run(["extract", folder.path("in"), "-o", target] + format)
        #expect(good.status == 0)
        let before = try Self.snapshot(target)
        #expect(!before.isEmpty)

        try folder.write("in/a.html", page: "Page of the killed run")
        // A long page (thousands of deals, seconds of work) that the run is inside when killed.
        let deals = (0..<6000).map { "<p>Company \($0) raised $\($0 % 90 + 1) million from Fund \($0) in a round led by Partner Capital.</p>" }
        try folder.write("in/b.html", Array("<html><body><article>\(deals.joined())</article></body></html>".utf8))
        try folder.write("in/c.html", page: "Never reached")
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["extract", folder.path("in"), "-o", target, "--jobs", "1", "--quiet", "--page-timeout", "0"] + format
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the run has its temporary output open (and a.html written), then kill it.
        let parent = output.hasSuffix("/") ? target : (target as NSString).deletingLastPathComponent
        let deadline = Date().addingTimeInterval(60)
        var started = false
        while !started && Date() < deadline {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            started = entries.contains { $0.hasPrefix(".") && $0.contains(".tmp-") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(started, "the run never opened its temporary output")
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Self.snapshot(target) == before)
    }

    // MARK: - Helpers

    static func tableCounts(_ database: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: database)
        defer { try? queue.close() }
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for table in kinds + ["documents"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"")
            }
            return counts
        }
    }

    /// The bytes of a file, or of every visible file of a folder.
    static func snapshot(_ path: String) throws -> [String: Data] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [:] }
        if !isDirectory.boolValue { return [path: try Data(contentsOf: URL(fileURLWithPath: path))] }
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
        }
        return files
    }
}

/// Reads CSV as RFC 4180 defines it (quoted fields may hold commas, quotes and line breaks).
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r" where scalars.first == "\n":
                scalars.removeFirst()
                row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
