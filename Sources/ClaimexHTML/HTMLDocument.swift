import ClaimexModel

/// A parsed HTML page: its tree, the encoding its bytes were read in, and the notes
/// gathered while decoding and parsing.
public struct HTMLDocument: Sendable {
    /// The page's nodes in document order; the `<html>` element (libxml2 adds one when the
    /// page has none) is at 0.
    public let tree: HTMLTree
    /// The `<html>` element as a nested value, built from `tree` on each call.
    public var root: HTMLElement { tree.element(at: 0) }
    /// How the bytes were decoded, and why.
    public let encoding: DetectedEncoding
    /// Encoding fallbacks and libxml2's complaints, in the order they arose.
    public let diagnostics: [Diagnostic]

    /// Creates a document from a flat tree.
    public init(tree: HTMLTree, encoding: DetectedEncoding, diagnostics: [Diagnostic]) {
        self.tree = tree
        self.encoding = encoding
        self.diagnostics = diagnostics
    }

    /// Creates a document from a nested element.
    public init(root: HTMLElement, encoding: DetectedEncoding, diagnostics: [Diagnostic]) {
        self.tree = HTMLTree(root: root)
        self.encoding = encoding
        self.diagnostics = diagnostics
    }

    /// Decodes `bytes` as a browser would and parses them with libxml2's HTML parser.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = ParseLimits()) throws(HTMLError) -> HTMLDocument {
        let decoded = try TextDecoder().decode(bytes)
        return try LibXML2Parser(limits: limits).parse(utf8: decoded.utf8, encoding: decoded.encoding, diagnostics: decoded.diagnostics)
    }
}

/// How a page is parsed: the limits that keep one hostile page from taking the whole
/// machine, and what of the page the tree keeps.
public struct ParseLimits: Sendable, Hashable {
    /// Elements nested deeper than this are flattened into their ancestor at the limit.
    public var maxDepth: Int
    /// Which raw text (the content of `script` and `style` elements) the tree keeps.
    public var rawText: RawText

    /// The raw text a parse keeps. Scripts and styles are often a third to a half of a
    /// news page's bytes, and article extraction reads only JSON-LD among them.
    public enum RawText: Sendable, Hashable {
        /// Every script's and style's text.
        case all
        /// Only the text of JSON-LD scripts (`type="application/ld+json"`); any other script
        /// or style keeps its text node, empty.
        case jsonLDOnly
    }

    /// Which attributes the tree keeps.
    public var attributes: Attributes

    /// The attributes a parse keeps: a reader that looks at a few (`class`, `id`, the
    /// `content` of `meta`) spares the parse a string for every `href`, `src` and `srcset`.
    public struct Attributes: Sendable, Hashable {
        /// Names kept on every element; nil keeps every attribute.
        public var names: Set<String>?
        /// Names kept on some elements only, by element name (a `link`'s `href`).
        public var keptOn: [String: Set<String>]

        /// Every attribute.
        public static let all = Attributes(names: nil, keptOn: [:])

        public init(names: Set<String>?, keptOn: [String: Set<String>] = [:]) {
            self.names = names
            self.keptOn = keptOn
        }

        /// Whether `name` is kept on every element.
        func keeps(_ name: String) -> Bool {
            names?.contains(name) ?? true
        }
    }

    /// Creates limits; the defaults suit any real news page.
    public init(maxDepth: Int = 400, rawText: RawText = .all, attributes: Attributes = .all) {
        self.maxDepth = maxDepth
        self.rawText = rawText
        self.attributes = attributes
    }
}
