import ClaimexModel
import ClaimexOutput
import Foundation

/// Writes one CSV file per record kind (`DIR/article.csv`, `DIR/entity.csv`, `DIR/money.csv`,
/// `DIR/investment.csv`, `DIR/error.csv`), every file with its header even when it has no
/// rows, each written under a temporary name and renamed into place when the run completes.
struct CSVSink: RecordSink {
    private let encoder = RecordEncoder()
    private var files: [String: (kind: RecordKind, file: AtomicFile)] = [:]
    private let folder: String

    init(folder: String) throws(OutputError) {
        let folder = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        self.folder = folder
        for kind in RecordSchema.kinds {
            let file = try AtomicFile(destination: Self.path(folder: folder, kind: kind.name))
            try file.write(CSVFormat.header(for: kind))
            files[kind.name] = (kind, file)
        }
    }

    /// The CSV file of a record kind.
    static func path(folder: String, kind: String) -> String {
        (folder.isEmpty ? "" : folder + "/") + kind + ".csv"
    }

    mutating func write(_ item: InputItem, _ result: DocumentResult) throws(OutputError) {
        let files = files
        try encoder.forEachRecord(for: result) { (record: JSONValue) throws(OutputError) in
            guard case .string(let name)? = record["kind"], let (kind, file) = files[name] else {
                preconditionFailure("RecordEncoder wrote a record kind RecordSchema does not list")
            }
            try file.write(CSVFormat.line(for: record, of: kind))
        }
    }

    mutating func finish() throws(OutputError) {
        for kind in RecordSchema.kinds {
            try files[kind.name]?.file.commit()
        }
    }

    /// The new files are dropped: the folder keeps the previous CSV files, if any, since
    /// a CSV file of half the pages would pass for a whole run's.
    mutating func abandon() throws(OutputError) -> String {
        for kind in RecordSchema.kinds {
            files[kind.name]?.file.discard()
        }
        return "the CSV files in \(folder) were left as they were (no partial file is ever put in their place)"
    }
}
