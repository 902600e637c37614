/// A parsed HTML tree as one array of nodes in document order.
///
/// Every node's descendants follow it directly, up to its `end`, so a subtree is a range of
/// indices: walking a page is a loop, skipping a subtree is a jump, and the whole tree is
/// freed at once. This is how claimex reads pages; `HTMLElement` values, nested, are built
/// from it on request (`element(at:)`).
public struct HTMLTree: Sendable {
    /// One element or text node.
    public struct Node: Sendable, Hashable {
        /// The tag name, lowercase; `#text` for a text node.
        public let name: String
        /// The tag, for the names the article stages ask about; `.other` for any other
        /// name and for text.
        public let tag: HTMLTag
        /// The attributes in source order; names lowercase, values entity-decoded. Empty for text.
        public let attributes: [HTMLAttribute]
        /// The text of a text node, entities decoded; nil for an element.
        public let text: String?
        /// The index of the parent node; -1 for the root.
        public let parent: Int
        /// One past the index of the node's last descendant.
        public internal(set) var end: Int

        /// Whether this is a text node.
        public var isText: Bool { text != nil }

        /// The value of the attribute `name` (lowercase), or nil. Inlinable, so that a node
        /// read in place (a tree walk) is not copied to look up its attributes.
        @inlinable
        public subscript(attribute name: String) -> String? {
            attributes.withUnsafeBufferPointer { attributes in
                attributes.first { $0.name == name }?.value
            }
        }
    }

    /// The nodes in document order; the root element is at 0.
    public private(set) var nodes: [Node] = []

    /// An empty tree, to be filled through `open`, `close` and `appendText`.
    init() {}

    /// Makes room for `count` nodes.
    mutating func reserveCapacity(_ count: Int) {
        nodes.reserveCapacity(count)
    }

    /// Flattens a nested element into a tree rooted at it.
    public init(root: HTMLElement) {
        add(root)
    }

    private mutating func add(_ element: HTMLElement) {
        let index = open(element.name, attributes: element.attributes)
        for child in element.children {
            switch child {
            case .element(let childElement): add(childElement)
            case .text(let text): appendText(text, parent: index)
            }
        }
        close(index)
    }

    /// Starts an element under the element still open last; returns its index.
    @discardableResult
    mutating func open(_ name: String, tag: HTMLTag? = nil, attributes: [HTMLAttribute]) -> Int {
        let index = nodes.count
        nodes.append(Node(name: name, tag: tag ?? HTMLTag(name: name), attributes: attributes, text: nil,
                          parent: openStack.last ?? -1, end: index + 1))
        openStack.append(index)
        return index
    }

    /// Ends the element at `index`: its subtree is what was added since it was opened.
    mutating func close(_ index: Int) {
        nodes[index].end = nodes.count
        if openStack.last == index { openStack.removeLast() }
    }

    /// Opens the closed element at `index` again, for nodes that belong to it but come
    /// after its end; closing it again makes its subtree cover them.
    mutating func reopen(_ index: Int) {
        openStack.append(index)
    }

    /// Adds a text node under `parent`.
    mutating func appendText(_ text: String, parent: Int) {
        let index = nodes.count
        nodes.append(Node(name: "#text", tag: .other, attributes: [], text: text, parent: parent, end: index + 1))
    }

    /// The elements opened and not yet closed, innermost last.
    private(set) var openStack: [Int] = []

    /// How many nodes the tree holds.
    public var count: Int { nodes.count }

    /// The node at `index`.
    public subscript(index: Int) -> Node { nodes[index] }

    /// The children of the node at `index`, in document order.
    public func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        while child < nodes[index].end {
            result.append(child)
            child = nodes[child].end
        }
        return result
    }

    /// The text under the node at `index` in document order, a space for each `<br>`.
    public func text(under index: Int) -> String {
        var text = ""
        for node in nodes[index..<nodes[index].end] {
            if let piece = node.text { text += piece } else if node.name == "br" { text += " " }
        }
        return text
    }

    /// The element at `index` as a nested value, with everything under it.
    public func element(at index: Int) -> HTMLElement {
        let node = nodes[index]
        let children: [HTMLNode] = children(of: index).map { child in
            if let text = nodes[child].text { .text(text) } else { .element(element(at: child)) }
        }
        return HTMLElement(name: node.name, attributes: node.attributes, children: children)
    }
}
