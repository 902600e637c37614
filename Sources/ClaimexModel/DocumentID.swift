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
        hex = digest.withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: 16) { buffer in
                for index in 0..<8 {
                    buffer[2 * index] = Self.digits[Int(digest[index] >> 4)]
                    buffer[2 * index + 1] = Self.digits[Int(digest[index] & 0x0F)]
                }
                return 16
            }
        }
    }

    /// The lowercase hex digits, as bytes.
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// An id read back from output, trusted as given.
    public init(hex: String) {
        self.hex = hex
    }

    public var description: String { hex }
    public static func < (a: DocumentID, b: DocumentID) -> Bool { a.hex < b.hex }
}

