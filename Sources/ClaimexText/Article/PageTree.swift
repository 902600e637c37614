import ClaimexHTML

/// An index-addressed copy of an HTML tree with parent links and per-node text statistics,
/// built once per page for content scoring. Nodes are stored in document order, so every
/// node's descendants follow it and a reverse scan visits children before parents.
struct PageTree {
    struct Node {
        /// Lowercase tag name, or `#text` for text.
        let name: String
        let attributes: [HTMLAttribute]
        let parent: Int
        var children: [Int] = []
        /// The text of a text node, raw.
        let text: String?
        /// Letters and digits under the node, scripts and styles excluded.
        var textLength = 0
        /// The part of `textLength` inside links.
        var linkLength = 0
        /// Commas under the node: a cheap sign of prose.
        var commas = 0

        var isText: Bool { text != nil }

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    private(set) var nodes: [Node] = []

    /// Tags whose content is never article text.
    static let ignoredTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "button", "select", "input", "textarea", "option", "head", "title", "meta",
        "link", "base", "map", "audio", "video", "source", "track", "picture", "dialog",
    ]

    /// Copies a page's tree, leaving out what is under the ignored tags.
    init(tree: HTMLTree) {
        nodes.reserveCapacity(tree.count)
        // Where each copied node of `tree` landed, to find parents.
        var copied = [Int](repeating: -1, count: tree.count)
        // Fields are read from the source nodes in place: copying a whole node to read it
        // would retain and release each of its fields once more.
        tree.nodes.withUnsafeBufferPointer { source in
            var index = 0
            while index < source.count {
                let parent = source[index].parent >= 0 ? copied[source[index].parent] : -1
                copied[index] = nodes.count
                if parent >= 0 { nodes[parent].children.append(nodes.count) }
                nodes.append(Node(name: source[index].name, attributes: source[index].attributes, parent: parent, text: source[index].text))
                index = source[index].text == nil && Self.ignoredTags.contains(source[index].name) ? source[index].end : index + 1
            }
        }
        computeStatistics()
    }

    private mutating func computeStatistics() {
        for index in nodes.indices.reversed() {
            if let text = nodes[index].text {
                var letters = 0, commas = 0
                for scalar in text.unicodeScalars {
                    // ASCII takes the classifier's fast path; beyond it every numeric
                    // character (², ½) counts, not only decimal digits.
                    if scalar.value < 0x80 {
                        if scalar.isLetterLike || scalar.isDigitLike { letters += 1 }
                        else if scalar == "," { commas += 1 }
                    } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { letters += 1 }
                    else if scalar == "，" { commas += 1 }
                }
                nodes[index].textLength = letters
                nodes[index].commas = commas
            }
            if nodes[index].name == "a" {
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

    subscript(index: Int) -> Node { nodes[index] }

    var indices: Range<Int> { nodes.indices }

    /// The share of a node's text that sits inside links.
    func linkDensity(_ index: Int) -> Double {
        let node = nodes[index]
        return node.textLength == 0 ? 0 : Double(node.linkLength) / Double(node.textLength)
    }

    /// The ancestors of a node, nearest first.
    func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var current = nodes[index].parent
        while current >= 0 {
            result.append(current)
            current = nodes[current].parent
        }
        return result
    }

    /// Whether `ancestor` is `index` or one of its ancestors.
    func isDescendant(_ index: Int, of ancestor: Int) -> Bool {
        var current = index
        while current >= 0 {
            if current == ancestor { return true }
            current = nodes[current].parent
        }
        return false
    }

    /// All text under a node, raw, with spaces between block-level children.
    func rawText(_ index: Int) -> String {
        var pieces: [String] = []
        var stack = [index]
        while let current = stack.popLast() {
            let node = nodes[current]
            if let text = node.text {
                pieces.append(text)
            } else {
                if node.name == "br" || !InlineTags.contains(node.name) { pieces.append(" ") }
                stack.append(contentsOf: node.children.reversed())
            }
        }
        return pieces.joined()
    }
}

/// Tags that flow inside a line of text rather than starting a block.
enum InlineTags {
    static let names: Set<String> = [
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
        "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby",
        "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
        "wbr", "#text",
    ]

    static func contains(_ name: String) -> Bool { names.contains(name) }
}
