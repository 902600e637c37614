import Crypto
import Foundation

/// A document's identity: the first 16 hex digits of the SHA-256 of its raw bytes.
///
/// The same bytes give the same id wherever and whenever they are read, so ids join
/// output from different runs, machines and tools.
public struct DocumentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 16 lowercase hex digits.
    public let hex: String

    /// The id of `bytes`.
    public init(of bytes: some DataProtocol) {
        let digest = SHA256.hash(data: bytes)
        var hex = ""
        hex.reserveCapacity(16)
        for byte in digest.prefix(8) {
            hex += String(byte, radix: 16).leftPadded(to: 2)
        }
        self.hex = hex
    }

    /// An id read back from output, trusted as given.
    public init(hex: String) {
        self.hex = hex
    }

    public var description: String { hex }
    public static func < (a: DocumentID, b: DocumentID) -> Bool { a.hex < b.hex }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
