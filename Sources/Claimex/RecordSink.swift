import ClaimexModel
import ClaimexOutput
import Foundation

/// Where `claimex extract` writes its JSON Lines.
public enum OutputDestination: Sendable, Hashable {
    /// Standard output.
    case standardOutput
    /// One file, replaced atomically when the run completes.
    case file(String)
    /// One file per page under this folder, mirroring the input tree
    /// (`DIR/<path under its folder argument>.jsonl`).
    case directory(String)
    /// One CSV file per record kind under this folder (`DIR/article.csv`, `DIR/entity.csv`, ...),
    /// each replaced atomically when the run completes.
    case csv(String)

    /// The sink that writes to this destination.
    public func makeSink() throws(OutputError) -> any RecordSink {
        switch self {
        case .standardOutput: StandardOutputSink()
        case .file(let path): try FileSink(path: path)
        case .directory(let folder): try DirectorySink(folder: folder)
        case .csv(let folder): try CSVSink(folder: folder)
        }
    }
}

/// Receives each page's result in sorted-path order and writes its records.
public protocol RecordSink {
    /// Writes the records of one page.
    mutating func write(_ item: InputItem, _ result: DocumentResult) throws(OutputError)
    /// Notes a page left unprocessed because its document is already in the output
    /// (`--skip-unchanged`).
    mutating func skip(_ item: InputItem, doc: DocumentID) throws(OutputError)
    /// Completes the output of a run that went to its end: renames files into place,
    /// removes stale ones.
    mutating func finish() throws(OutputError)
    /// Ends a run that was interrupted: what was written so far (whole pages) stays
    /// valid, and nothing that only a complete run may do is done. Returns, in words for
    /// the user, what state the output was left in.
    mutating func abandon() throws(OutputError) -> String
}

extension RecordSink {
    /// Sinks that cannot skip pages have nothing to note.
    public mutating func skip(_ item: InputItem, doc: DocumentID) throws(OutputError) {}
}

/// Writes JSON Lines to standard output in large writes.
struct StandardOutputSink: RecordSink {
    private let encoder = RecordEncoder()
    private var buffer: [UInt8] = []
    /// Bytes gathered before a write; a page's records are never split across writes
    /// unless they are larger than `pageBufferLimit`.
    static let bufferSize = 1 << 16

    init() {
        // A reader that goes away (`| head`) must end the run quietly, not kill it by signal.
        signal(SIGPIPE, SIG_IGN)
    }

    mutating func write(_ item: InputItem, _ result: DocumentResult) throws(OutputError) {
        try encoder.writeJSONLineBytes(for: result) { (chunk: UnsafeBufferPointer<UInt8>) throws(OutputError) in
            buffer.append(contentsOf: chunk)
            // A page of millions of records goes out as it is encoded, not held whole.
            if buffer.count >= Self.pageBufferLimit { try flush() }
        }
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Bytes of one page held before they are written even though the page is not done.
    static let pageBufferLimit = 1 << 22

    mutating func finish() throws(OutputError) {
        try flush()
    }

    /// The records of the pages written so far go out: standard output ends at a page boundary.
    mutating func abandon() throws(OutputError) -> String {
        try flush()
        return "the output ends after the last whole page written"
    }

    private mutating func flush() throws(OutputError) {
        var offset = 0
        while offset < buffer.count {
            let count = buffer[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw errno == EPIPE ? .closedPipe : .standardOutputFailed(String(cString: strerror(errno)))
            }
            offset += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes all records to one file, renamed into place only when the run completes.
struct FileSink: RecordSink {
    private let file: AtomicFile
    private let encoder = RecordEncoder()

    init(path: String) throws(OutputError) {
        file = try AtomicFile(destination: path)
    }

    mutating func write(_ item: InputItem, _ result: DocumentResult) throws(OutputError) {
        try encoder.writeJSONLineBytes(for: result) { (chunk: UnsafeBufferPointer<UInt8>) throws(OutputError) in try file.write(chunk) }
    }

    mutating func finish() throws(OutputError) {
        try file.commit()
    }

    /// The new file is dropped and the previous one, if any, stays as it was: `-o FILE`
    /// holds either the previous output or a complete new one.
    mutating func abandon() throws(OutputError) -> String {
        file.discard()
        return "\(file.destination) was left as it was (no partial file is ever put in its place)"
    }
}

/// Writes one file per page, mirroring the input tree, each replaced atomically; at the
/// end, page files left from pages that are no longer in the input are removed.
struct DirectorySink: RecordSink {
    let folder: String
    private let encoder = RecordEncoder()
    private var written: Set<String> = []

    init(folder: String) throws(OutputError) {
        self.folder = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        do {
            try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(folder, error.localizedDescription)
        }
    }

    /// The output file of an input page.
    static func outputPath(folder: String, for item: InputItem) -> String {
        folder + "/" + item.relativePath + ".jsonl"
    }

    mutating func write(_ item: InputItem, _ result: DocumentResult) throws(OutputError) {
        let path = Self.outputPath(folder: folder, for: item)
        let file = try AtomicFile(destination: path)
        try encoder.writeJSONLineBytes(for: result) { (chunk: UnsafeBufferPointer<UInt8>) throws(OutputError) in try file.write(chunk) }
        try file.commit()
        written.insert(path)
    }

    /// Page files written so far are complete and stay; no stale file is removed, since
    /// the pages not reached yet are still in the input.
    mutating func abandon() throws(OutputError) -> String {
        "the page files written to \(folder) are complete; no stale file was removed"
    }

    mutating func finish() throws(OutputError) {
        // Only files this command writes (`*.html.jsonl` and kin) are candidates for removal.
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: folder) else { return }
        var stale: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = folder + "/" + relative
            guard relative.hasSuffix(".jsonl"), !written.contains(path) else { continue }
            let page = String(relative.dropLast(".jsonl".count))
            if InputCollector.pageExtensions.contains((page as NSString).pathExtension.lowercased()) {
                stale.append(path)
            }
        }
        for path in stale {
            try? fileManager.removeItem(atPath: path)
        }
    }
}
