/// The element names the article stages ask about of every element, as an enumeration:
/// each node carries its tag, so a question over a page's elements is an integer
/// comparison (or a jump), not a comparison of strings, which cost more than the rest of
/// the test. Any other name is `.other`; its `HTMLTree.Node.name` still says which.
public enum HTMLTag: String, Sendable, Hashable, CaseIterable {
    case other = ""
    case html, body, title, meta, link, script, style, time
    case main, article, section, nav, aside, footer, div, span, font, center, form
    case p, pre, blockquote, address, br, a
    case h1, h2, h3, h4, h5, h6
    case ul, ol, li, dl, dt, dd
    case td, th

    /// The tag of the element `name` (lowercase); `.other` for a name not listed, and for
    /// a text node's `#text`.
    public init(name: String) {
        self = HTMLTag(rawValue: name) ?? .other
    }
}
