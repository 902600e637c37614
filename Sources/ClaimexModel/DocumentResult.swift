/// A note about one document that is not an error: an encoding fallback, a libxml2
/// complaint, a limit that cut something short. Shown on standard error, never in the JSONL.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious the note is.
    public enum Severity: String, Sendable, Hashable {
        case note, warning
    }

    /// How serious the note is.
    public let severity: Severity
    /// What the note says.
    public let message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message
    }

    public var description: String { "\(severity.rawValue): \(message)" }
}

/// Everything claimex found in one document.
public struct DocumentClaims: Sendable {
    /// The document's id.
    public let doc: DocumentID
    /// The path as given.
    public let path: String
    /// The extracted article.
    public let article: Article
    /// The name of the encoding the page was read in (`UTF-8`, `windows-1252`).
    public let encoding: String?
    /// The entities, amounts and investments found in the article.
    public let claims: Claims

    /// Creates the claims of one document.
    public init(doc: DocumentID, path: String, article: Article, encoding: String? = nil, claims: Claims = Claims()) {
        self.doc = doc
        self.path = path
        self.article = article
        self.encoding = encoding
        self.claims = claims
    }
}

/// What processing one input produced: its claims, or an error record.
public struct DocumentResult: Sendable {
    /// Claims or failure.
    public enum Outcome: Sendable {
        case extracted(DocumentClaims)
        case failed(ErrorRecord)
    }

    /// The input's path as given.
    public let path: String
    /// Claims or failure.
    public let outcome: Outcome
    /// Notes gathered on the way (encoding fallbacks, parser complaints).
    public let diagnostics: [Diagnostic]

    /// Creates a result.
    public init(path: String, outcome: Outcome, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.outcome = outcome
        self.diagnostics = diagnostics
    }
}
