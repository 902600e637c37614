/// One node of a parsed HTML tree, as plain Swift values: no libxml2 pointer survives parsing.
public enum HTMLNode: Sendable, Hashable {
    /// An element with its children.
    case element(HTMLElement)
    /// A run of text, entities already decoded.
    case text(String)
}

/// An HTML element: a lowercase tag name, its attributes in source order and its children.
public struct HTMLElement: Sendable, Hashable {
    /// The tag name, lowercase (`p`, `div`, `script`).
    public let name: String
    /// The attributes in source order; names lowercase, values entity-decoded.
    public let attributes: [HTMLAttribute]
    /// The child nodes in document order.
    public let children: [HTMLNode]

    /// Creates an element.
    public init(name: String, attributes: [HTMLAttribute] = [], children: [HTMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of the attribute `name` (lowercase), or nil.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The child elements, skipping text.
    public var elementChildren: [HTMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }
}

/// One attribute of an element.
public struct HTMLAttribute: Sendable, Hashable {
    /// The attribute name, lowercase.
    public let name: String
    /// The attribute value, entity-decoded; empty for a bare attribute.
    public let value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
