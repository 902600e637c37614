import Foundation

/// One input page as read from disk: where it came from, its raw bytes and its id.
public struct InputDocument: Sendable {
    /// The path as given on the command line or found under a given folder.
    public let path: String
    /// The file's bytes, untouched.
    public let bytes: [UInt8]
    /// The SHA-256-derived id of `bytes`.
    public let id: DocumentID

    /// Wraps bytes read from `path`, computing their id.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.id = DocumentID(of: bytes)
    }
}
