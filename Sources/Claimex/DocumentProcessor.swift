import ClaimexExtract
import ClaimexHTML
import ClaimexModel
import ClaimexRules
import ClaimexText
import Foundation

/// Settings for processing one document.
public struct ProcessingLimits: Sendable, Hashable {
    /// Pages larger than this many bytes become `error` records without being parsed.
    public var maxPageBytes: Int
    /// Elements nested deeper than this are flattened.
    public var maxDepth: Int

    /// Creates limits; the defaults suit any real news page.
    public init(maxPageBytes: Int = 100 * 1024 * 1024, maxDepth: Int = 400) {
        self.maxPageBytes = maxPageBytes
        self.maxDepth = maxDepth
    }
}

/// What became of one page: its result, or its id alone when it was skipped as unchanged.
public enum PageOutcome: Sendable {
    case processed(DocumentResult)
    case skipped(DocumentID)
}

/// Runs one page through every stage: read, decode and parse, extract the article, then
/// the claims. Any failure becomes an `error` record for that page; nothing here throws.
public struct DocumentProcessor: Sendable {
    /// The limits applied to each page.
    public let limits: ProcessingLimits
    private let extractor = ArticleExtractor()
    private let claims: ClaimExtractor

    /// Creates a processor applying `rules`.
    public init(rules: RuleSet, limits: ProcessingLimits = ProcessingLimits()) {
        self.limits = limits
        claims = ClaimExtractor(rules: rules)
    }

    /// Reads and processes the page at `path`.
    public func process(path: String) -> DocumentResult {
        switch Self.read(path, maxBytes: limits.maxPageBytes) {
        case .success(let bytes):
            return process(InputDocument(path: path, bytes: bytes))
        case .failure(let failure):
            return DocumentResult(path: path, outcome: .failed(ErrorRecord(path: path, doc: nil, stage: .read, message: failure.description)))
        }
    }

    /// Reads the page at `path` and processes it, unless its document id satisfies `skip`:
    /// then only its id is returned, and the page is neither decoded nor parsed.
    public func process(path: String, unless skip: (DocumentID) -> Bool) -> PageOutcome {
        switch Self.read(path, maxBytes: limits.maxPageBytes) {
        case .success(let bytes):
            let input = InputDocument(path: path, bytes: bytes)
            return skip(input.id) ? .skipped(input.id) : .processed(process(input))
        case .failure(let failure):
            return .processed(DocumentResult(path: path, outcome: .failed(ErrorRecord(path: path, doc: nil, stage: .read, message: failure.description))))
        }
    }

    /// Processes a page already in memory.
    public func process(_ input: InputDocument) -> DocumentResult {
        let document: HTMLDocument
        do {
            document = try HTMLDocument.parse(input.bytes, limits: ParseLimits(maxDepth: limits.maxDepth))
        } catch {
            let stage: FailureStage = error.stageName == "parse" ? .parse : .decode
            return failure(input, stage, error.description)
        }
        do {
            let article = try extractor.article(from: document)
            let found = self.claims.claims(of: article, doc: input.id)
            let claims = DocumentClaims(doc: input.id, path: input.path, article: article, encoding: document.encoding.name, claims: found)
            return DocumentResult(path: input.path, outcome: .extracted(claims), diagnostics: document.diagnostics)
        } catch {
            return failure(input, .extract, error.description, diagnostics: document.diagnostics)
        }
    }

    private func failure(_ input: InputDocument, _ stage: FailureStage, _ message: String,
                         diagnostics: [Diagnostic] = []) -> DocumentResult {
        DocumentResult(path: input.path,
                       outcome: .failed(ErrorRecord(path: input.path, doc: input.id, stage: stage, message: message)),
                       diagnostics: diagnostics)
    }

    /// The file's bytes, or a message saying why they could not be read.
    static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], ReadFailure> {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if (try? fileManager.destinationOfSymbolicLink(atPath: path)) != nil {
                return .failure(ReadFailure("the file is a symbolic link to nothing (dangling); fix or remove the link"))
            }
            return .failure(ReadFailure("no such file; check the path"))
        }
        guard !isDirectory.boolValue else {
            return .failure(ReadFailure("this is a folder, not a page; give the folder itself as a PATH to walk it"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ReadFailure("the file cannot be opened (permission denied?); check its permissions"))
        }
        defer { try? handle.close() }
        do {
            // Read one byte past the limit to tell "at the limit" from "over it".
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            if data.count > maxBytes {
                return .failure(ReadFailure("the page is larger than the \(maxBytes)-byte limit; raise it with --max-page-bytes if it is a real article"))
            }
            return .success([UInt8](data))
        } catch {
            return .failure(ReadFailure("the file could not be read: \(error.localizedDescription)"))
        }
    }

    /// Why a file could not be read.
    struct ReadFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
