import ClaimexModel

/// A parsed HTML page: its root element, the encoding its bytes were read in, and the
/// notes gathered while decoding and parsing.
public struct HTMLDocument: Sendable {
    /// The `<html>` element (libxml2 adds one when the page has none).
    public let root: HTMLElement
    /// How the bytes were decoded, and why.
    public let encoding: DetectedEncoding
    /// Encoding fallbacks and libxml2's complaints, in the order they arose.
    public let diagnostics: [Diagnostic]

    /// Creates a document.
    public init(root: HTMLElement, encoding: DetectedEncoding, diagnostics: [Diagnostic]) {
        self.root = root
        self.encoding = encoding
        self.diagnostics = diagnostics
    }

    /// Decodes `bytes` as a browser would and parses them with libxml2's HTML parser.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = ParseLimits()) throws(HTMLError) -> HTMLDocument {
        let decoded = try TextDecoder().decode(bytes)
        return try LibXML2Parser(limits: limits).parse(utf8: decoded.utf8, encoding: decoded.encoding, diagnostics: decoded.diagnostics)
    }
}

/// Limits that keep one hostile page from taking the whole machine.
public struct ParseLimits: Sendable, Hashable {
    /// Elements nested deeper than this are flattened into their ancestor at the limit.
    public var maxDepth: Int

    /// Creates limits; the defaults suit any real news page.
    public init(maxDepth: Int = 400) {
        self.maxDepth = maxDepth
    }
}
