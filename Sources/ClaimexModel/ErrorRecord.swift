/// The pipeline stage at which an input failed, as the contract's `error.stage` names it.
public enum FailureStage: String, Sendable, Codable, CaseIterable {
    /// The file could not be read (missing, unreadable, a directory, too large).
    case read
    /// The bytes could not be turned into text (binary data, compressed bodies).
    case decode
    /// libxml2 produced no usable tree.
    case parse
    /// The page parsed but no article could be extracted from it.
    case extract
}

/// An input that could not be processed: the contract's `error` record.
public struct ErrorRecord: Sendable, Hashable, Error {
    /// The input as given.
    public let path: String
    /// The document id, or nil when the bytes could not be read.
    public let doc: DocumentID?
    /// Where it failed.
    public let stage: FailureStage
    /// What went wrong, in words a user can act on.
    public let message: String

    /// Creates an error record.
    public init(path: String, doc: DocumentID?, stage: FailureStage, message: String) {
        self.path = path
        self.doc = doc
        self.stage = stage
        self.message = message
    }
}
