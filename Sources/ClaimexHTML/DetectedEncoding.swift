/// The character encoding a page was decoded with, and what decided it.
public struct DetectedEncoding: Sendable, Hashable, CustomStringConvertible {
    /// What decided the encoding, in the order a browser consults them.
    public enum Source: String, Sendable, Hashable {
        /// A byte order mark at the start of the file.
        case byteOrderMark = "bom"
        /// A `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024 bytes.
        case meta
        /// No usable declaration; the bytes were valid UTF-8.
        case utf8Sniffing = "utf8-sniffing"
        /// No usable declaration; the pattern of zero bytes showed UTF-16 without a BOM.
        case utf16Sniffing = "utf16-sniffing"
        /// No usable declaration and not valid UTF-8: windows-1252, as browsers do.
        case fallback
    }

    /// The WHATWG name of the encoding (`UTF-8`, `UTF-16LE`, `windows-1252`, `Shift_JIS`).
    public let name: String
    /// What decided it.
    public let source: Source
    /// The label as the page declared it, when a declaration was used or rejected.
    public let declaredLabel: String?

    /// Creates a detected encoding.
    public init(name: String, source: Source, declaredLabel: String? = nil) {
        self.name = name
        self.source = source
        self.declaredLabel = declaredLabel
    }

    public var description: String {
        if let declaredLabel { "\(name) (\(source.rawValue): \(declaredLabel))" } else { "\(name) (\(source.rawValue))" }
    }
}
