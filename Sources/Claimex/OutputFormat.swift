import Foundation

/// The formats `claimex extract` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// JSON Lines, the record format itself: to standard output, `-o FILE`, or `-o DIR/`
    /// (one file per page).
    case jsonl
    /// One CSV file per record kind in the folder `-o DIR`.
    case csv
    /// A SQLite database, `-o FILE`, updated in place on re-runs.
    case sqlite

    /// Why `output` cannot be used with this format, or nil when it can.
    public func problem(with output: String?) -> String? {
        var isDirectory: ObjCBool = false
        let existingFolder = output.map { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue } ?? false
        switch self {
        case .jsonl:
            return nil
        case .csv:
            guard output != nil else { return "--format csv writes one file per record kind: give a folder with -o DIR" }
            if let output, !existingFolder, FileManager.default.fileExists(atPath: output) {
                return "-o \(output) is a file; --format csv needs a folder for its CSV files"
            }
            return nil
        case .sqlite:
            guard let output else { return "--format sqlite writes a database file: give it with -o FILE" }
            if existingFolder || output.hasSuffix("/") { return "-o \(output) is a folder; --format sqlite needs a database file name" }
            return nil
        }
    }

    /// Where JSON Lines go for `-o output`: standard output without it, a folder of
    /// per-page files for a path ending in `/` or an existing folder, else one file.
    public static func jsonLinesDestination(_ output: String?) -> OutputDestination {
        guard let output else { return .standardOutput }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        return output.hasSuffix("/") || (exists && isDirectory.boolValue) ? .directory(output) : .file(output)
    }
}
