import ClaimexExtract
import ClaimexHTML
import ClaimexModel
import ClaimexRules
import ClaimexText
import Foundation

/// Settings for processing one document: the limits that keep one hostile page from
/// taking the whole run, and what a page found under a folder may be.
public struct ProcessingLimits: Sendable, Hashable {
    /// Pages larger than this many bytes become `error` records without being parsed.
    public var maxPageBytes: Int
    /// Elements nested deeper than this are flattened.
    public var maxDepth: Int
    /// Seconds one page may take from reading to its last claim; a page over it becomes an
    /// `error` record. Nil for no limit.
    public var pageTimeout: Double?
    /// Whether a page found under a folder may be a symbolic link to a file outside that
    /// folder. When false such a link gives an `error` record and is not read.
    public var followSymlinks: Bool

    /// The default per-page time budget in seconds: a real page takes milliseconds.
    public static let defaultPageTimeout = 60.0
    /// The deepest `maxDepth` allowed: the tree is walked recursively, and this keeps the
    /// walk well inside a thread's stack.
    public static let depthCeiling = 1000

    /// Creates limits; the defaults suit any real news page.
    public init(maxPageBytes: Int = 100 * 1024 * 1024, maxDepth: Int = 400,
                pageTimeout: Double? = ProcessingLimits.defaultPageTimeout, followSymlinks: Bool = false) {
        self.maxPageBytes = maxPageBytes
        self.maxDepth = maxDepth
        self.pageTimeout = pageTimeout
        self.followSymlinks = followSymlinks
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
        process(InputItem(path: path))
    }

    /// Reads and processes a page found by `InputCollector`: a page found under a folder
    /// that is a link to a file outside it is refused unless `limits.followSymlinks`.
    /// `stop` makes a page in progress give up at its next deadline check.
    public func process(_ item: InputItem, stop: StopRequest? = nil) -> DocumentResult {
        switch process(item, stop: stop, unless: nil) {
        case .processed(let result): result
        case .skipped: preconditionFailure("a page was skipped with no skip test")
        }
    }

    /// Reads and processes a page found by `InputCollector`, unless its document id satisfies
    /// `skip`: then only its id is returned, and the page is neither decoded nor parsed
    /// (`--skip-unchanged`).
    public func process(_ item: InputItem, stop: StopRequest? = nil, unless skip: ((DocumentID) -> Bool)?) -> PageOutcome {
        // The budget counts from here: reading a page from a slow disk is part of its time.
        let deadline = Deadline(seconds: limits.pageTimeout, stop: stop)
        let path = item.path
        if let problem = item.problem {
            return .processed(DocumentResult(path: path, outcome: .failed(ErrorRecord(path: path, doc: nil, stage: .read, message: problem))))
        }
        if !limits.followSymlinks, item.mayBeLink, let root = item.root, let outside = Self.linkOutside(path, root: root) {
            return .processed(DocumentResult(path: path, outcome: .failed(ErrorRecord(path: path, doc: nil, stage: .read, message: outside))))
        }
        switch Self.read(path, maxBytes: limits.maxPageBytes) {
        case .success(let bytes):
            let input = InputDocument(path: path, bytes: bytes)
            if let skip, skip(input.id) { return .skipped(input.id) }
            return .processed(process(input, deadline: deadline))
        case .failure(let failure):
            return .processed(DocumentResult(path: path, outcome: .failed(ErrorRecord(path: path, doc: nil, stage: .read, message: failure.description))))
        }
    }

    /// Processes a page already in memory, within `deadline`.
    public func process(_ input: InputDocument, deadline: Deadline = .none) -> DocumentResult {
        let article: Article, encoding: String, diagnostics: [Diagnostic]
        switch read(input, deadline: deadline) {
        case .success(let read): (article, encoding, diagnostics) = read
        case .failure(let failure): return failure.result
        }
        // The parsed page is gone by now: a long article's claims have its memory to use.
        do {
            let found = try self.claims.claims(of: article, doc: input.id, deadline: deadline)
            let claims = DocumentClaims(doc: input.id, path: input.path, article: article, encoding: encoding, claims: found)
            return DocumentResult(path: input.path, outcome: .extracted(claims), diagnostics: diagnostics)
        } catch {
            return failure(input, .extract, error.description, diagnostics: diagnostics)
        }
    }

    /// A page that did not get as far as its claims.
    private struct Stopped: Error {
        let result: DocumentResult
    }

    /// Decodes and parses a page and finds its article: the article, the encoding's name
    /// and the parser's diagnostics. The parsed tree is freed on return.
    private func read(_ input: InputDocument, deadline: Deadline) -> Result<(Article, String, [Diagnostic]), Stopped> {
        let document: HTMLDocument
        do {
            document = try HTMLDocument.parse(input.bytes, limits: ArticleExtractor.parseLimits(maxDepth: limits.maxDepth))
        } catch {
            let stage: FailureStage = error.stageName == "parse" ? .parse : .decode
            return .failure(Stopped(result: failure(input, stage, error.description)))
        }
        do {
            // libxml2 cannot be stopped midway; a page that spent its budget there stops here.
            try deadline.check("parsing the page")
        } catch {
            return .failure(Stopped(result: failure(input, .parse, error.description, diagnostics: document.diagnostics)))
        }
        do {
            let article = try extractor.article(from: document, deadline: deadline)
            return .success((article, document.encoding.name, document.diagnostics))
        } catch {
            return .failure(Stopped(result: failure(input, .extract, error.description, diagnostics: document.diagnostics)))
        }
    }

    private func failure(_ input: InputDocument, _ stage: FailureStage, _ message: String,
                         diagnostics: [Diagnostic] = []) -> DocumentResult {
        DocumentResult(path: input.path,
                       outcome: .failed(ErrorRecord(path: input.path, doc: input.id, stage: stage, message: message)),
                       diagnostics: diagnostics)
    }

    /// Why the page at `path`, found under the folder `root`, may not be read: it resolves
    /// (through symbolic links) to a file outside `root`. Nil when it stays inside, or
    /// when it cannot be resolved at all (reading it then says why).
    static func linkOutside(_ path: String, root: String) -> String? {
        guard let resolved = realPath(path), let resolvedRoot = realPath(root) else { return nil }
        let prefix = resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/"
        guard !resolved.hasPrefix(prefix) else { return nil }
        return "the page is a symbolic link to \(resolved), outside the folder \(root); links out of a folder are not followed (pass --follow-symlinks to read them, or give the file itself as a PATH)"
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file's bytes, or a message saying why they could not be read.
    static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], ReadFailure> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            var linkInfo = stat()
            if code == ELOOP {
                return .failure(ReadFailure("the file is a symbolic link that loops back on itself; fix or remove the link"))
            }
            if code == ENOENT, lstat(path, &linkInfo) == 0, linkInfo.st_mode & S_IFMT == S_IFLNK {
                return .failure(ReadFailure("the file is a symbolic link to nothing (dangling); fix or remove the link"))
            }
            if code == ENOENT || code == ENOTDIR {
                return .failure(ReadFailure("no such file; check the path"))
            }
            return .failure(ReadFailure("the file cannot be examined: \(String(cString: strerror(code))); check the path and its permissions"))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            break
        case S_IFDIR:
            return .failure(ReadFailure("this is a folder, not a page; give the folder itself as a PATH to walk it"))
        default:
            // A FIFO or a device would block or never end; a page is always a regular file.
            return .failure(ReadFailure("this is not a regular file (a pipe, socket or device); save the page to a file first"))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(ReadFailure("the file cannot be opened (permission denied?); check its permissions"))
        }
        defer { close(descriptor) }
        if info.st_size > maxBytes {
            return .failure(ReadFailure("the page is larger than the \(maxBytes)-byte limit; raise it with --max-page-bytes if it is a real article"))
        }
        // Read one byte past the limit to tell "at the limit" from "over it".
        switch readAll(descriptor, expected: Int(info.st_size), limit: maxBytes + 1) {
        case .success(let bytes) where bytes.count > maxBytes:
            return .failure(ReadFailure("the page is larger than the \(maxBytes)-byte limit; raise it with --max-page-bytes if it is a real article"))
        case .success(let bytes):
            return .success(bytes)
        case .failure(let failure):
            return .failure(failure)
        }
    }

    /// Up to `limit` bytes of the open file `descriptor`, read straight into the array the
    /// parser gets (no intermediate `Data`): first into room for the `expected` size and one
    /// byte more, then, if the file grew since, on in chunks.
    static func readAll(_ descriptor: Int32, expected: Int, limit: Int) -> Result<[UInt8], ReadFailure> {
        var failure: Int32 = 0
        /// Reads into `buffer` until it is full or the file ends; how many bytes came.
        func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
            var count = 0
            while count < buffer.count {
                let got = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got > 0 {
                    count += got
                } else if got == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
            return count
        }
        let first = min(max(expected, 0) + 1, limit)
        var bytes = [UInt8](unsafeUninitializedCapacity: first) { buffer, count in
            count = fill(UnsafeMutableRawBufferPointer(buffer))
        }
        // Room filled up: the file is larger than it was when examined.
        var ended = bytes.count < first
        while failure == 0, !ended, bytes.count < limit {
            let chunk = [UInt8](unsafeUninitializedCapacity: min(65_536, limit - bytes.count)) { buffer, count in
                count = fill(UnsafeMutableRawBufferPointer(buffer))
            }
            ended = chunk.isEmpty
            bytes += chunk
        }
        if failure != 0 { return .failure(ReadFailure("the file could not be read: \(String(cString: strerror(failure)))")) }
        return .success(bytes)
    }

    /// Why a file could not be read.
    struct ReadFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
