import ClaimexHTML

/// A page's tree without what is under the ignored tags, with per-node text statistics,
/// built once per page for content scoring.
///
/// Its nodes hold plain numbers only: where the node sits (parent, end of its subtree),
/// its statistics, and the index of the page node it stands for, whose name, attributes
/// and text are read from the page's tree in place. Nodes are in document order and every
/// node's descendants follow it up to its `end`, so a reverse scan visits children before
/// parents and a subtree is a range.
struct PageTree {
    struct Node {
        /// The node's index in the page's `HTMLTree`.
        let source: Int
        /// The index of the parent node; -1 for the root.
        let parent: Int
        /// One past the index of the node's last descendant.
        fileprivate(set) var end: Int
        let isText: Bool
        /// Letters and digits under the node, scripts and styles excluded.
        fileprivate(set) var textLength = 0
        /// The part of `textLength` inside links.
        fileprivate(set) var linkLength = 0
        /// Commas under the node: a cheap sign of prose.
        fileprivate(set) var commas = 0
    }

    /// The page's nodes, which `Node.source` indexes.
    private let html: [HTMLTree.Node]
    private(set) var nodes: [Node] = []

    /// Tags whose content is never article text.
    static let ignoredTags: TagSet = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "button", "select", "input", "textarea", "option", "head", "title", "meta",
        "link", "base", "map", "audio", "video", "source", "track", "picture", "dialog",
    ]

    /// Indexes a page's tree, leaving out what is under the ignored tags.
    init(tree: HTMLTree) {
        html = tree.nodes
        nodes.reserveCapacity(tree.count)
        // Where each copied node of `tree` landed, to find parents.
        var copied = [Int](repeating: -1, count: tree.count)
        // Elements whose subtree is still being copied: their index here and their end in `tree`.
        var open: [(index: Int, sourceEnd: Int)] = []
        // The page's nodes are read in place: copying one to read it would retain and
        // release each of its fields.
        html.withUnsafeBufferPointer { source in
            var index = 0
            while index < source.count {
                while let last = open.last, last.sourceEnd <= index {
                    nodes[last.index].end = nodes.count
                    open.removeLast()
                }
                let parent = source[index].parent >= 0 ? copied[source[index].parent] : -1
                copied[index] = nodes.count
                let isText = source[index].text != nil
                nodes.append(Node(source: index, parent: parent, end: nodes.count + 1, isText: isText))
                if isText || Self.ignoredTags.contains(source[index].name) {
                    index = isText ? index + 1 : source[index].end
                } else {
                    open.append((nodes.count - 1, source[index].end))
                    index += 1
                }
            }
        }
        for last in open { nodes[last.index].end = nodes.count }
        computeStatistics()
    }

    private mutating func computeStatistics() {
        html.withUnsafeBufferPointer { source in
            for index in nodes.indices.reversed() {
                if let text = source[nodes[index].source].text {
                    let (letters, commas) = Self.lettersAndCommas(text)
                    nodes[index].textLength = letters
                    nodes[index].commas = commas
                }
                if source[nodes[index].source].tag == .a {
                    nodes[index].linkLength = nodes[index].textLength
                }
                let parent = nodes[index].parent
                if parent >= 0 {
                    nodes[parent].textLength += nodes[index].textLength
                    nodes[parent].linkLength += nodes[index].linkLength
                    nodes[parent].commas += nodes[index].commas
                }
            }
        }
    }

    /// The letters and digits of `text`, and its commas. ASCII is read byte by byte (most
    /// of a page's text); beyond it every alphabetic or numeric character (², ½) counts,
    /// not only decimal digits, and a full-width comma is a comma.
    static func lettersAndCommas(_ text: String) -> (letters: Int, commas: Int) {
        var letters = 0, commas = 0
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 { letters += 1 }
                    else if byte == 0x2C { commas += 1 }
                    index += 1
                    continue
                }
                // A scalar of two to four bytes (the string is valid UTF-8).
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length where index + offset < bytes.count {
                    value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                }
                if let scalar = Unicode.Scalar(value) {
                    if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { letters += 1 }
                    else if scalar == "，" { commas += 1 }
                }
                index += length
            }
        }
        return (letters, commas)
    }

    subscript(index: Int) -> Node { nodes[index] }

    var indices: Range<Int> { nodes.indices }

    /// The node's tag name, lowercase, or `#text`.
    func name(_ index: Int) -> String {
        html.withUnsafeBufferPointer { $0[nodes[index].source].name }
    }

    /// The node's tag (`.other` for a name the article stages do not ask about, and text).
    func tag(_ index: Int) -> HTMLTag {
        html.withUnsafeBufferPointer { $0[nodes[index].source].tag }
    }

    /// The text of a text node, raw; nil for an element.
    func text(_ index: Int) -> String? {
        html.withUnsafeBufferPointer { $0[nodes[index].source].text }
    }

    /// The value of the node's attribute `name` (lowercase), or nil.
    func attribute(_ index: Int, _ name: String) -> String? {
        html.withUnsafeBufferPointer { source in
            source[nodes[index].source].attributes.withUnsafeBufferPointer { attributes in
                attributes.first { $0.name == name }?.value
            }
        }
    }

    /// The children of a node, in document order.
    func children(of index: Int) -> Children {
        Children(nodes: nodes, parent: index)
    }

    /// The children of one node: each child's subtree ends where the next child begins.
    struct Children: Sequence, IteratorProtocol {
        fileprivate let nodes: [Node]
        private var child: Int
        private let end: Int

        fileprivate init(nodes: [Node], parent: Int) {
            self.nodes = nodes
            child = parent + 1
            end = nodes[parent].end
        }

        mutating func next() -> Int? {
            guard child < end else { return nil }
            defer { child = nodes[child].end }
            return child
        }
    }

    /// The share of a node's text that sits inside links.
    func linkDensity(_ index: Int) -> Double {
        let node = nodes[index]
        return node.textLength == 0 ? 0 : Double(node.linkLength) / Double(node.textLength)
    }

    /// Whether an element named `name` is under the node.
    func hasDescendant(_ index: Int, named name: String) -> Bool {
        ((index + 1)..<nodes[index].end).contains { !nodes[$0].isText && self.name($0) == name }
    }

    /// All text under a node, raw, with a space for each block-level element and `<br>`, in
    /// document order; the subtrees of the elements below it that `skipping` names are left out.
    func rawText(_ index: Int, skipping: (Int) -> Bool = { _ in false }) -> String {
        var pieces: [String] = []
        var current = index
        while current < nodes[index].end {
            if let text = text(current) {
                pieces.append(text)
                current += 1
                continue
            }
            if current != index && skipping(current) {
                current = nodes[current].end
                continue
            }
            let name = name(current)
            if name == "br" || !InlineTags.contains(name) { pieces.append(" ") }
            current += 1
        }
        return pieces.joined()
    }
}

/// Tags that flow inside a line of text rather than starting a block.
enum InlineTags {
    static let names: TagSet = [
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
        "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby",
        "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
        "wbr", "#text",
    ]

    static func contains(_ name: String) -> Bool { names.contains(name) }
}
